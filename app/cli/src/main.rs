//! `modal-atlas`: the project's command line.
//!
//! - `check` checks a project's Python files that use Modal, for people, CI and pre-commit.
//! - `bench-project` times `check` on a generated project of 200 files.
//! - `prerender` writes one HTML file per route into a Trunk build (run as Trunk's post-build hook).
//! - `prerender` also writes the Markdown for assistants: `llms.txt`, `llms-full.txt`, a copy of
//!   each page beside its HTML, and prints the teaching coverage (`coverage.rs`).
//! - `mcp` serves the reference and the engines to coding assistants over MCP (stdio).
//! - `size` prints the bytes each kind of page downloads on first load, raw and brotli.
//! - `bench-search` prints the search index's size and query latency over the query set.
//! - `bench-cron` prints how long the next 100 runs of some schedules take.
//! - `bench-check` times the checker on a 300-line module; `fuzz-check` feeds it a million
//!   generated inputs and fails on any panic.
//!
//! Only the checker's commands are built without the `site` feature (the Python wheel).

mod args;
mod bench_check;
mod bench_project;
mod check;

/// Declares the site's modules, built only with the `site` feature.
macro_rules! site_modules {
    ($($name:ident),* $(,)?) => { $( #[cfg(feature = "site")] mod $name; )* };
}
site_modules!(
    bench_cron,
    bench_search,
    bundles,
    embed,
    hash,
    highlight,
    mcp,
    offline,
    prerender,
    search_files,
    security,
    shell,
    size,
);

use std::process::ExitCode;

const USAGE: &str = "\
usage:
  modal-atlas check [PATH...] [--fix | --diff] [--unsafe-fixes]
                              [--select RULES] [--ignore RULES] [--exclude GLOBS]
                              [--target-version 1.N] [--config FILE]
                              [--output-format FORMAT] [--output FORMAT:FILE]...
      Checks a project's Python files (folders are searched for *.py, leaving out what .gitignore
      leaves out; no path is the current folder) against the Modal client, with the names they
      import from the project's other modules. Settings come from the [tool.modal-atlas] table of the nearest pyproject.toml (or
      --config FILE); options override it (--ignore adds to it). RULES are ids or prefixes, comma-separated (`MDL001,MDL03`);
      `# noqa` or `# noqa: MDL001` on a line silences it. --target-version also checks against
      an older client release (names it does not have yet). --fix writes the safe fixes (marked
      [*]); --diff prints them as a diff; --unsafe-fixes adds those that change what the code
      does (MDL014, MDL017, MDL028, MDL034). FORMAT is text, json, github (workflow
      annotations), sarif (with the fixes) or junit; --output FORMAT:FILE adds a report in a file
      (repeatable), and standard output then carries one only when --output-format is given.
      Exits 0 when no error is found (warnings pass), 1 when one is (or --diff would change a
      file), 2 when the command line, the configuration or a file cannot be read (the files that
      can be are checked all the same).
  modal-atlas bench-project [--files N] [--dir DIR] [--rounds N]
      Writes a generated project of N files (default 200) into DIR (default target/bench-project)
      and prints how long `check` takes over it, p50 and the slowest round.
  modal-atlas bench-check [--lines N] [--rounds N] [--write FILE]
      Prints the checker's time on a generated module of N lines (default 300), p50 and p95;
      --write saves the module for the browser bench.
  modal-atlas fuzz-check [--count N] [--seed N]
      Checks N generated inputs (default 1000000, seeded) and exits 1 on the first panic.";

/// The site's build commands, in binaries built with the `site` feature.
#[cfg(feature = "site")]
const SITE_USAGE: &str = "
  modal-atlas prerender [--dist DIR] [--base PATH] [--content DIR] [--site-url URL]
      Writes every route's HTML into DIR, using DIR/index.html (Trunk's output) as the template.
      Defaults come from Trunk's hook variables TRUNK_STAGING_DIR and TRUNK_PUBLIC_URL, and
      ATLAS_SITE_URL for the absolute origin of canonical links. Prints the teaching coverage: how
      many current client names a current example on a teaching page uses, and those none uses.
  modal-atlas mcp [--content DIR]
      Serves the reference to coding assistants: a Model Context Protocol server on stdin and
      stdout, with the tools search_docs, read_page, check_code, cron_next_runs and estimate_cost.
      Answers from the content built into the binary, or from DIR.
  modal-atlas size [--dist DIR] [--budgets docs=150,cron=150,calculator=152,playground=150]
      Prints HTML, CSS, JS and wasm bytes (raw and brotli) of the first load of the home page, an
      article and every tool page (its app and its worker), and of llms.txt, llms-full.txt and the
      pages' Markdown copies; exits 1 when a first load is over its budget in KB brotli
      (documentation pages share `docs`, each tool page has its tool's).
  modal-atlas bench-search [--content DIR] [--queries FILE] [--runs N]
      Prints the search index's bytes (raw, brotli, share of the corpus text), its quality over
      the query set, and query latency p50/p95 per query class.
  modal-atlas bench-cron [--rounds N]
      Prints the time to compute the next 100 runs of dense, sparse and clock-change schedules.";
#[cfg(not(feature = "site"))]
const SITE_USAGE: &str = "";

fn main() -> ExitCode {
    let mut argv = std::env::args().skip(1);
    let command = argv.next();
    let result = match command.as_deref() {
        Some("check") => return check::run(argv),
        #[cfg(feature = "site")]
        Some("prerender") => args::Args::parse(argv).and_then(prerender::run),
        #[cfg(feature = "site")]
        Some("mcp") => args::Args::parse(argv).and_then(mcp::run),
        #[cfg(feature = "site")]
        Some("size") => args::Args::parse(argv).and_then(size::run),
        #[cfg(feature = "site")]
        Some("bench-search") => args::Args::parse(argv).and_then(bench_search::run),
        #[cfg(feature = "site")]
        Some("bench-cron") => args::Args::parse(argv).and_then(bench_cron::run),
        Some("bench-project") => args::Args::parse(argv).and_then(bench_project::run),
        Some("bench-check") => args::Args::parse(argv).and_then(bench_check::bench),
        Some("fuzz-check") => args::Args::parse(argv).and_then(bench_check::fuzz),
        Some("help" | "--help" | "-h") => {
            println!("{USAGE}{SITE_USAGE}");
            Ok(())
        }
        Some("--version" | "-V") => {
            println!("modal-atlas {}", env!("CARGO_PKG_VERSION"));
            Ok(())
        }
        Some(other) => Err(format!("unknown command {}\n{USAGE}{SITE_USAGE}", atlas_input::quote(other))),
        None => Err(format!("expected a command\n{USAGE}{SITE_USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("modal-atlas: {message}");
            ExitCode::FAILURE
        }
    }
}
