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

const USAGE: &str = "\
usage:
  atlas-build prerender [--dist DIR] [--base PATH] [--content DIR] [--site-url URL]
      Writes every route's HTML into DIR, using DIR/index.html (Trunk's output) as the template.
      Defaults come from Trunk's hook variables TRUNK_STAGING_DIR and TRUNK_PUBLIC_URL, and
      ATLAS_SITE_URL for the absolute origin of canonical links. Prints the teaching coverage: how
      many current client names a current example on a teaching page uses, and those none uses.
  atlas-build size [--dist DIR] [--budgets docs=150,cron=150,calculator=152,playground=150]
      Prints HTML, CSS, JS and wasm bytes (raw and brotli) of the first load of the home page, an
      article and every tool page (its app and its worker), and of llms.txt, llms-full.txt and the
      pages' Markdown copies; exits 1 when a first load is over its budget in KB brotli
      (documentation pages share `docs`, each tool page has its tool's).
  atlas-build bench-search [--content DIR] [--queries FILE] [--runs N]
      Prints the search index's bytes (raw, brotli, share of the corpus text), its quality over
      the query set, and query latency p50/p95 per query class.
  atlas-build bench-cron [--rounds N]
      Prints the time to compute the next 100 runs of dense, sparse and clock-change schedules.";

fn main() -> ExitCode {
    let mut argv = std::env::args().skip(1);
    let command = argv.next();
    let result = match command.as_deref() {
        Some("prerender") => args::Args::parse(argv).and_then(prerender::run),
        Some("size") => args::Args::parse(argv).and_then(size::run),
        Some("bench-search") => args::Args::parse(argv).and_then(bench_search::run),
        Some("bench-cron") => args::Args::parse(argv).and_then(bench_cron::run),
        Some("help" | "--help" | "-h") => {
            println!("{USAGE}");
            Ok(())
        }
        Some(other) => Err(format!("unknown command {}\n{USAGE}", atlas_input::quote(other))),
        None => Err(format!("expected a command\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("atlas-build: {message}");
            ExitCode::FAILURE
        }
    }
}
