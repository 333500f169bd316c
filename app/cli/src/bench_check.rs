//! `modal-atlas bench-check`: how long the checker takes on a 300-line Modal module, and
//! `modal-atlas fuzz-check`: a million generated inputs that must not make it panic. Both run
//! what the playground's worker runs: the checks and the colouring from the same parse.

use std::panic;
use std::time::Instant;

use atlas_checker::check_and_highlight;
use atlas_input::fuzz::Rng;

use crate::args::{BenchCheckArgs, FuzzCheckArgs};

/// A realistic module section; repeated with numbered names to reach the size asked for.
const SECTION: &str = r#"
@app.function(gpu="L4", scaledown_window=300, secrets=[modal.Secret.from_name("hf")])
@modal.concurrent(max_inputs=8)
def embed_NUM(texts: list[str]) -> list[list[float]]:
    import numpy as np
    vectors = [np.zeros(384).tolist() for _ in texts]
    return vectors


@app.function(schedule=modal.Cron("0 6 * * 1", timezone="America/New_York"), keep_warm=1)
def report_NUM():
    rows = embed_NUM.remote(["a", "b"])
    print(len(rows))
"#;

/// A module of about `lines` lines of Modal code.
pub fn module(lines: usize) -> String {
    let mut code = String::from("import modal\n\napp = modal.App(\"bench\")\n");
    let mut n = 0;
    while code.lines().count() < lines {
        code.push_str(&SECTION.replace("NUM", &n.to_string()));
        n += 1;
    }
    code
}

pub fn bench(args: BenchCheckArgs) -> Result<(), String> {
    let BenchCheckArgs { lines, rounds, write } = args;
    let code = module(lines);
    if let Some(path) = write {
        // For the browser bench, which times the same module through the playground's worker.
        std::fs::write(&path, &code).map_err(|err| format!("cannot write {}: {err}", path.display()))?;
    }
    let mut times: Vec<f64> = (0..rounds.max(1))
        .map(|_| {
            let started = Instant::now();
            std::hint::black_box(check_and_highlight(std::hint::black_box(&code)));
            started.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    let (found, spans) = check_and_highlight(&code);
    println!(
        "check and colouring of a {}-line module ({} diagnostics, {} coloured spans): p50 {:.2} ms, p95 {:.2} ms",
        code.lines().count(),
        found.len(),
        spans.len(),
        times[times.len() / 2],
        times[times.len() * 95 / 100]
    );
    Ok(())
}

/// Pieces of Python and of Modal code, joined at random into inputs both plausible and broken.
const PIECES: &[&str] = &[
    "import modal\n",
    "import modal as m\n",
    "from modal import App, Cron, Period\n",
    "app = modal.App()\n",
    "app = App(\"x\")\n",
    "@app.function(",
    "@app.cls(",
    "@modal.enter",
    "@modal.concurrent(max_inputs=",
    "@modal.web_endpoint(",
    "@m.method()\n",
    "gpu=\"H100:9\"",
    "gpu=[\"A100\", 3]",
    "keep_warm=1",
    "scaledown_window=1",
    "schedule=modal.Cron(\"61 * * * *\")",
    "timezone=\"Mars/Base\"",
    "modal.Period(hours=1.5)",
    ")\n",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ":",
    "\n",
    "    ",
    "\t",
    "def f(x):\n",
    "class C:\n",
    "    def __init__(self):\n",
    "return 1\n",
    "x: int = modal.parameter()\n",
    "'unterminated",
    "\"\"\"",
    "#",
    "é",
    "🦀",
    "\\",
    "lambda",
    "async def g():\n",
    "await",
    "yield",
    "**kwargs",
    "*",
    "=",
    ",",
    "0",
    "1e308",
    "-",
    "modal.gpu.A100()",
    "d = modal.Dict.from_name(\"d\")\n",
    "d.put(1, 2, ttl=3)\n",
    "with_options(",
    "@",
    ".",
    "None",
    "\u{0}",
];

pub fn fuzz(args: FuzzCheckArgs) -> Result<(), String> {
    let FuzzCheckArgs { count, seed } = args;
    // Quiet the default hook: a panic is reported below, with the input that caused it.
    panic::set_hook(Box::new(|_| {}));
    let mut rng = Rng::new(seed);
    let started = Instant::now();
    for n in 0..count {
        let pieces = 1 + rng.next_u64() % 24;
        let input: String = (0..pieces).map(|_| PIECES[(rng.next_u64() % PIECES.len() as u64) as usize]).collect();
        if panic::catch_unwind(|| check_and_highlight(&input)).is_err() {
            let _ = panic::take_hook();
            return Err(format!("input {n} made the checker panic:\n{input:?}"));
        }
    }
    let _ = panic::take_hook();
    println!(
        "fuzz-check: {count} generated inputs checked without a panic in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use atlas_checker::check;

    #[test]
    fn the_bench_module_has_the_size_asked_for_and_real_findings() {
        let code = module(300);
        assert!((300..330).contains(&code.lines().count()));
        assert!(check(&code).iter().any(|d| d.rule == "MDL001"));
    }
}
