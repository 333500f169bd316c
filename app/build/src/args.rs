//! The builder's command line, declared once: every command and option with its help and
//! default. clap parses it and answers `--help` and `help` (exit 0) and usage errors (exit 2).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::size::{Budgets, DEFAULT_BUDGETS};

#[derive(Parser)]
#[command(
    name = "atlas-build",
    about = "Builds Modal Atlas's site at build time: prerenders it into Trunk's build and reports what it ships.",
    // As the hand-written parser did: an option given twice keeps its last value.
    args_override_self = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Writes every route's HTML into a Trunk build, and the files beside it.
    ///
    /// DIST/index.html, Trunk's output, is the template. Trunk runs this as its post-build hook,
    /// giving the folder and the base path in TRUNK_STAGING_DIR and TRUNK_PUBLIC_URL. Prints the
    /// teaching coverage: how many current client names a current example on a teaching page
    /// uses, and those none uses.
    Prerender(PrerenderArgs),
    /// Prints the bytes of each kind of page's first load, raw and brotli, against its budget.
    ///
    /// HTML, CSS, JS and wasm of the first load of the home page, an article and every tool page
    /// (its app, and its worker), and the bytes of llms.txt, llms-full.txt and the pages' Markdown
    /// copies; exits 1 when a first load is over its budget.
    Size(SizeArgs),
    /// Prints the search index's bytes, its quality over the query set, and query latency.
    ///
    /// Bytes raw and brotli, and as a share of the corpus text; latency p50 and p95 per query
    /// class.
    BenchSearch(BenchSearchArgs),
    /// Prints the time to compute the next 100 runs of dense, sparse and clock-change schedules.
    BenchCron(BenchCronArgs),
}

/// `prerender`'s options.
#[derive(Args)]
pub struct PrerenderArgs {
    /// The Trunk build to write into
    #[arg(long, value_name = "DIR", env = "TRUNK_STAGING_DIR", default_value = "dist")]
    pub dist: PathBuf,
    /// The path the site is served under (`/atlas/`), written into every link
    #[arg(long, value_name = "PATH", env = "TRUNK_PUBLIC_URL", default_value = "/")]
    pub base: String,
    /// The pages, settings and data to build from
    #[arg(long, value_name = "DIR", default_value = concat!(env!("CARGO_MANIFEST_DIR"), "/../../content"))]
    pub content: PathBuf,
    /// The absolute origin of canonical and OpenGraph URLs (else site.toml's `url`)
    #[arg(long, value_name = "URL", env = "ATLAS_SITE_URL", default_value = "")]
    pub site_url: String,
}

/// `size`'s options.
#[derive(Args)]
pub struct SizeArgs {
    /// The built site
    #[arg(long, value_name = "DIR", default_value = "dist")]
    pub dist: PathBuf,
    /// The path the site was built for
    #[arg(long, value_name = "PATH", default_value = "/")]
    pub base: String,
    /// Each first load's budget in KB brotli: `docs` for documentation pages, a tool's name for
    /// its page
    #[arg(long, value_name = "NAME=KB,...", default_value = DEFAULT_BUDGETS)]
    pub budgets: Budgets,
}

/// `bench-search`'s options.
#[derive(Args)]
pub struct BenchSearchArgs {
    /// The pages to index
    #[arg(long, value_name = "DIR", default_value = concat!(env!("CARGO_MANIFEST_DIR"), "/../../content"))]
    pub content: PathBuf,
    /// The query set, each query with the page it must find
    #[arg(
        long,
        value_name = "FILE",
        default_value = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/search-queries.toml")
    )]
    pub queries: PathBuf,
    /// Times each query runs
    #[arg(long, value_name = "N", default_value_t = 200)]
    pub runs: usize,
}

/// `bench-cron`'s options.
#[derive(Args)]
pub struct BenchCronArgs {
    /// Times each schedule's runs are computed
    #[arg(long, value_name = "N", default_value_t = 200)]
    pub rounds: usize,
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;

    #[test]
    fn the_declaration_is_consistent() {
        Cli::command().debug_assert();
    }
}
