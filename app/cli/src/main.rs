//! `modal-atlas`: the program users install (the Python wheel, `cargo install`). The site's
//! builder is `atlas-build`, in `app/build`.
//!
//! - `check` checks a project's Python files that use Modal, for people, CI and pre-commit.
//! - `server` is the language server for editors (LSP over stdio): the checker, hover,
//!   completion and fixes as you type.
//! - `mcp` serves the reference and the engines to coding assistants over MCP (stdio).
//! - `bench-project` times `check` on a generated project of 200 files.
//! - `bench-server` times the language server through its stdio: the first pass over a
//!   200-file project and keystroke-to-diagnostics in a 300-line module.
//! - `bench-check` times the checker on a 300-line module; `fuzz-check` feeds it a million
//!   generated inputs and fails on any panic.

mod args;
mod bench_check;
mod bench_project;
mod bench_server;
mod check;
mod mcp;
mod server;

/// The files of `content/` built into the binary (`build.rs`): the MCP server's pages, the
/// language server's reference data.
mod embedded {
    include!(concat!(env!("OUT_DIR"), "/content_files.rs"));
}

use std::process::ExitCode;

use args::{Cli, Command};

fn main() -> ExitCode {
    let result = match Cli::read().command {
        Command::Check(args) => return check::run(args),
        Command::Mcp(args) => mcp::run(args),
        Command::Server(args) => server::run(args),
        Command::BenchProject(args) => bench_project::run(args),
        Command::BenchCheck(args) => bench_check::bench(args),
        Command::BenchServer(args) => bench_server::run(args),
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
