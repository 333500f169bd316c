//! `modal-atlas bench-project`: how long `check` takes on a project of real shape: a package
//! whose `common.py` makes the app, image and Volume, modules of functions that import them, and
//! a subpackage of classes with relative imports. The files are written first; the time is the
//! whole command (finding, reading, resolving the imports, checking, writing a JSON report).

use std::fs;
use std::path::Path;
use std::time::Instant;

use crate::args::{BenchProjectArgs, CheckArgs, ReportFile};
use crate::check::Format;

const COMMON: &str = r#"import modal

app = modal.App("bench")
image = modal.Image.debian_slim(python_version="3.12").uv_pip_install("numpy", "fastapi[standard]")
volume = modal.Volume.from_name("bench-data", create_if_missing=True)
"#;

/// A module of functions; every fifth has a problem (`keep_warm` was renamed `min_containers`).
const JOBS: &str = r#"import modal

from .common import app, image, volume


@app.function(image=image, volumes={"/data": volume}, timeout=600)
def load_NUM(path: str) -> bytes:
    with open(f"/data/{path}", "rb") as f:
        return f.read()


@app.function(image=image, gpu="L4", WARM=1)
@modal.concurrent(max_inputs=4)
def embed_NUM(texts: list[str]) -> list[list[float]]:
    import numpy as np
    return [np.zeros(384).tolist() for _ in texts]


@app.function(schedule=modal.Cron("0 6 * * 1"))
def report_NUM():
    rows = embed_NUM.remote(["a", "b"])
    print(len(rows), load_NUM.remote("x"))
"#;

const MODEL: &str = r#"import modal

from ..common import app, image


@app.cls(image=image, gpu="A10G", scaledown_window=120)
class Model_NUM:
    @modal.enter()
    def load(self):
        self.weights = [0.0] * 16

    @modal.method()
    def predict(self, x: float) -> float:
        return sum(w * x for w in self.weights)


@app.local_entrypoint()
def main_NUM():
    print(Model_NUM().predict.remote(1.0))
"#;

/// Writes a project of `files` Python files under `dir` (replacing what was there).
pub fn write(dir: &Path, files: usize) -> Result<(), String> {
    let write = |path: &Path, text: &str| {
        fs::write(path, text).map_err(|err| format!("cannot write {}: {err}", path.display()))
    };
    let _ = fs::remove_dir_all(dir);
    let models = dir.join("pkg/models");
    fs::create_dir_all(&models).map_err(|err| format!("cannot create {}: {err}", models.display()))?;
    write(&dir.join("pkg/__init__.py"), "")?;
    write(&dir.join("pkg/common.py"), COMMON)?;
    write(&models.join("__init__.py"), "")?;
    for n in 0..files.saturating_sub(3) {
        let warm = if n % 5 == 0 { "keep_warm" } else { "min_containers" };
        if n % 2 == 0 {
            write(&dir.join(format!("pkg/jobs_{n}.py")), &JOBS.replace("NUM", &n.to_string()).replace("WARM", warm))?;
        } else {
            write(&models.join(format!("model_{n}.py")), &MODEL.replace("NUM", &n.to_string()))?;
        }
    }
    Ok(())
}

pub fn run(args: BenchProjectArgs) -> Result<(), String> {
    let BenchProjectArgs { files, dir, rounds } = args;
    write(&dir, files)?;
    let report = dir.with_extension("json");
    let check = || CheckArgs {
        paths: vec![dir.clone()],
        output: vec![ReportFile { format: Format::Json, path: report.clone() }],
        ..CheckArgs::default()
    };
    let mut times: Vec<f64> = (0..rounds.max(1))
        .map(|_| {
            let started = Instant::now();
            crate::check::run(check());
            started.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    let text = fs::read_to_string(&report).map_err(|err| format!("cannot read {}: {err}", report.display()))?;
    let found: Vec<serde_json::Value> = serde_json::from_str(&text).map_err(|err| err.to_string())?;
    println!(
        "check over {files} files ({}): p50 {:.1} ms, slowest {:.1} ms over {} rounds; {} problems found",
        dir.display(),
        times[times.len() / 2],
        times[times.len() - 1],
        times.len(),
        found.len()
    );
    Ok(())
}
