//! `modal-atlas`: the project's command line.
//!
//! - `check` checks Python files that use Modal, for CI and pre-commit.
//! - `prerender` writes one HTML file per route into a Trunk build (run as Trunk's post-build hook).
//! - `prerender` also writes the Markdown for assistants: `llms.txt`, `llms-full.txt`, a copy of
//!   each page beside its HTML.
//! - `mcp` serves the reference and the engines to coding assistants over MCP (stdio).
//! - `size` prints the bytes each kind of page downloads on first load, raw and brotli.
//! - `bench-search` prints the search index's size and query latency over the query set.
//! - `bench-cron` prints how long the next 100 runs of some schedules take.
//! - `bench-check` times the checker on a 300-line module; `fuzz-check` feeds it a million
//!   generated inputs and fails on any panic.

mod args;
mod bench_check;
mod bench_cron;
mod bench_search;
mod bundles;
mod check;
mod embed;
mod hash;
mod llms;
mod mcp;
mod offline;
mod prerender;
mod rule_docs;
mod search_index;
mod security;
mod shell;
mod size;

use std::process::ExitCode;

const USAGE: &str = "\
usage:
  modal-atlas check PATH... [--format text|json]
      Checks Python files (folders are searched for *.py) against the current Modal client.
      Prints `path:line:col: MDL001 message` lines and a summary, or with --format json an array
      of {path, rule, severity, message, start, end, fix?}. Exits 1 when an error is found.
  modal-atlas prerender [--dist DIR] [--base PATH] [--content DIR] [--site-url URL]
      Writes every route's HTML into DIR, using DIR/index.html (Trunk's output) as the template.
      Defaults come from Trunk's hook variables TRUNK_STAGING_DIR and TRUNK_PUBLIC_URL, and
      ATLAS_SITE_URL for the absolute origin of canonical links.
  modal-atlas mcp [--content DIR]
      Serves the reference to coding assistants: a Model Context Protocol server on stdin and
      stdout, with the tools search_docs, read_page, check_code, cron_next_runs and estimate_cost.
      Answers from the content built into the binary, or from DIR.
  modal-atlas size [--dist DIR] [--budget-kb N]
      Prints HTML, CSS, JS and wasm bytes (raw and brotli) of the first load of the home page and
      an article, the offline download, and llms.txt, llms-full.txt and the pages' Markdown
      copies; exits 1 when a first load is over N KB brotli (default 150).
  modal-atlas bench-search [--content DIR] [--queries FILE] [--runs N]
      Prints the search index's bytes (raw, brotli, share of the corpus text), its quality over
      the query set, and query latency p50/p95 per query class.
  modal-atlas bench-cron [--rounds N]
      Prints the time to compute the next 100 runs of dense, sparse and clock-change schedules.
  modal-atlas bench-check [--lines N] [--rounds N] [--write FILE]
      Prints the checker's time on a generated module of N lines (default 300), p50 and p95;
      --write saves the module for the browser bench.
  modal-atlas fuzz-check [--count N] [--seed N]
      Checks N generated inputs (default 1000000, seeded) and exits 1 on the first panic.";

fn main() -> ExitCode {
    let mut argv = std::env::args().skip(1);
    let command = argv.next();
    let result = match command.as_deref() {
        Some("prerender") => args::Args::parse(argv).and_then(prerender::run),
        Some("check") => match args::Args::parse(argv).and_then(check::run) {
            Ok(outcome) => return outcome,
            Err(message) => Err(message),
        },
        Some("mcp") => args::Args::parse(argv).and_then(mcp::run),
        Some("size") => args::Args::parse(argv).and_then(size::run),
        Some("bench-search") => args::Args::parse(argv).and_then(bench_search::run),
        Some("bench-cron") => args::Args::parse(argv).and_then(bench_cron::run),
        Some("bench-check") => args::Args::parse(argv).and_then(bench_check::bench),
        Some("fuzz-check") => args::Args::parse(argv).and_then(bench_check::fuzz),
        Some("help" | "--help" | "-h") => {
            println!("{USAGE}");
            Ok(())
        }
        Some(other) => Err(format!("unknown command `{other}`\n{USAGE}")),
        None => Err(format!("expected a command\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("modal-atlas: {message}");
            ExitCode::FAILURE
        }
    }
}
