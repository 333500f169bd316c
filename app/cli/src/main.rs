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

use args::{Cli, Command};

fn main() -> ExitCode {
    let result = match Cli::read().command {
        Command::Check(args) => return check::run(args),
        Command::Mcp(args) => mcp::run(args),
        Command::BenchProject(args) => bench_project::run(args),
        Command::BenchCheck(args) => bench_check::bench(args),
        Command::FuzzCheck(args) => bench_check::fuzz(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("modal-atlas: {message}");
            ExitCode::FAILURE
        }
    }
}
