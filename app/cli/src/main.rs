//! `modal-atlas`: the program users install (the Python wheel, `cargo install`). The site's
//! builder is `atlas-build`, in `app/build`.
//!
//! - `check` checks a project's Python files that use Modal, for people, CI and pre-commit.
//! - `mcp` serves the reference and the engines to coding assistants over MCP (stdio).
//! - `bench-project` times `check` on a generated project of 200 files.
//! - `bench-check` times the checker on a 300-line module; `fuzz-check` feeds it a million
//!   generated inputs and fails on any panic.

mod args;
mod bench_check;
mod bench_project;
mod check;
mod mcp;

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
      Checks N generated inputs (default 1000000, seeded) and exits 1 on the first panic.
  modal-atlas mcp [--content DIR]
      Serves the reference to coding assistants: a Model Context Protocol server on stdin and
      stdout, with the tools search_docs, read_page, check_code, cron_next_runs and estimate_cost.
      Answers from the content built into the binary, or from DIR.";

fn main() -> ExitCode {
    let mut argv = std::env::args().skip(1);
    let command = argv.next();
    let result = match command.as_deref() {
        Some("check") => return check::run(argv),
        Some("mcp") => args::Args::parse(argv).and_then(mcp::run),
        Some("bench-project") => args::Args::parse(argv).and_then(bench_project::run),
        Some("bench-check") => args::Args::parse(argv).and_then(bench_check::bench),
        Some("fuzz-check") => args::Args::parse(argv).and_then(bench_check::fuzz),
        Some("help" | "--help" | "-h") => {
            println!("{USAGE}");
            Ok(())
        }
        Some("--version" | "-V") => {
            println!("modal-atlas {}", env!("CARGO_PKG_VERSION"));
            Ok(())
        }
        Some(other) => Err(format!("unknown command {}\n{USAGE}", atlas_input::quote(other))),
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
