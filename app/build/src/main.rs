//! `atlas-build`: the site's builder, run at build time only (the program users install is
//! `modal-atlas`, in `app/cli`).
//!
//! - `prerender` writes one HTML file per route into a Trunk build (run as Trunk's post-build
//!   hook), and the Markdown for assistants: `llms.txt`, `llms-full.txt`, a copy of each page
//!   beside its HTML; it prints the teaching coverage.
//! - `size` prints the bytes each kind of page downloads on first load, raw and brotli.
//! - `bench-search` prints the search index's size and query latency over the query set.
//! - `bench-cron` prints how long the next 100 runs of some schedules take.

mod args;
mod bench_cron;
mod bench_search;
mod bundles;
mod embed;
mod hash;
mod highlight;
mod offline;
mod prerender;
mod search_files;
mod security;
mod shell;
mod size;

use std::process::ExitCode;

use clap::Parser;

use args::{Cli, Command};

fn main() -> ExitCode {
    let result = match Cli::parse().command {
        Command::Prerender(args) => prerender::run(args),
        Command::Size(args) => size::run(args),
        Command::BenchSearch(args) => bench_search::run(args),
        Command::BenchCron(args) => bench_cron::run(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("atlas-build: {message}");
            ExitCode::FAILURE
        }
    }
}
