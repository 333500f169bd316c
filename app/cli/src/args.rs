//! The command line, declared once: every command and option with its help and default. clap
//! parses it and answers `--help`, `help` and `--version` (exit 0) and usage errors (exit 2) from
//! this declaration; each command then reads its own arguments.

use std::path::PathBuf;

use clap::error::{ContextKind, ContextValue};
use clap::{ArgAction, Args, Parser, Subcommand, ValueEnum};

use crate::check::Format;

#[derive(Parser)]
#[command(
    name = "modal-atlas",
    version,
    about = "Checks Python code that uses Modal against what the current Modal client accepts, and serves the \
             reference to coding assistants.",
    // As the hand-written parser did: an option given twice keeps its last value (`--ignore` and
    // `--output` add up).
    args_override_self = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

impl Cli {
    /// The command line, or the process ends: with 0 after the help or the version, with 2 and
    /// clap's message after a usage error.
    pub fn read() -> Cli {
        Cli::try_parse().unwrap_or_else(|error| shortened(error).exit())
    }
}

/// clap's `error` with each value it repeats shortened and escaped as this program's own messages
/// show values (`atlas_input::excerpt`), and without the tips that would repeat one whole.
fn shortened(mut error: clap::Error) -> clap::Error {
    let mut shortened = false;
    for kind in [ContextKind::InvalidArg, ContextKind::InvalidValue, ContextKind::InvalidSubcommand] {
        if let Some(ContextValue::String(value)) = error.get(kind) {
            let excerpt = atlas_input::excerpt(value);
            if excerpt != *value {
                error.insert(kind, ContextValue::String(excerpt));
                shortened = true;
            }
        }
    }
    if shortened {
        error.remove(ContextKind::Suggested);
    }
    error
}

#[derive(Subcommand)]
pub enum Command {
    /// Checks a project's Python files against the Modal client.
    ///
    /// The names they import from the project's other modules are known; when only some files
    /// are named, as pre-commit does, the modules they import are read too. Settings come from
    /// the [tool.modal-atlas] table of the nearest pyproject.toml, or of --config FILE; the options
    /// override them, but --ignore, which adds to them. `# noqa` on a line silences it, `# noqa:
    /// MDL001` one rule on it.
    Check(CheckArgs),
    /// The language server for editors: the checker, hover, completion and fixes as you type.
    ///
    /// A Language Server Protocol server on standard input and output (as `ruff server`):
    /// diagnostics on open and change with the workspace's [tool.modal-atlas] settings, each fix
    /// as a quick fix, "fix all" (source.fixAll.modal-atlas), `# noqa` comments, hover on Modal
    /// names and keywords, keyword, GPU and time-zone completion, and signature help.
    Server(ServerArgs),
    /// Serves the reference to coding assistants over the Model Context Protocol.
    ///
    /// A server on standard input and output, with the tools search_docs, read_page, check_code,
    /// cron_next_runs and estimate_cost.
    Mcp(McpArgs),
    /// Times `check` on a generated project.
    ///
    /// Writes the project into a folder and prints how long `check` takes over it, p50 and the
    /// slowest round.
    BenchProject(BenchProjectArgs),
    /// Times the checker on a generated module: p50 and p95.
    BenchCheck(BenchCheckArgs),
    /// Times the language server through its stdio: p50 and p95 from a keystroke to its
    /// diagnostics, and the first pass over a generated project.
    BenchServer(BenchServerArgs),
    /// Checks generated inputs (seeded) and exits 1 on the first that makes the checker panic.
    FuzzCheck(FuzzCheckArgs),
}

/// `check`'s options.
#[derive(Args, Default)]
#[command(after_help = "Exit codes: 0 when no error is found (warnings pass), 1 when one is (with --diff: when a \
                        fix would change a file), 2 when the command line, the configuration or a file cannot \
                        be read (the files that can be are checked all the same).")]
pub struct CheckArgs {
    /// Files and folders to check; folders are searched for *.py, leaving out what .gitignore
    /// leaves out
    #[arg(value_name = "PATH", default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Writes the safe fixes (marked [*]) into the files
    #[arg(long, conflicts_with = "diff")]
    pub fix: bool,
    /// Also says which imports name no file of the project (a library's, or a module of the
    /// project the checker could not find), whose names are then checked without knowing them
    #[arg(long, short)]
    pub verbose: bool,
    /// Prints the fixes as a diff instead of writing them
    #[arg(long)]
    pub diff: bool,
    /// Applies the unsafe fixes too: they also change what the code does (the report says what
    /// each changes)
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// The rules to check: ids or prefixes, comma-separated (`MDL001,MDL03`); `ALL` is every rule
    #[arg(long, value_name = "RULES", value_delimiter = ',', action = ArgAction::Set)]
    pub select: Option<Vec<String>>,
    /// Rules to leave out: ids or prefixes, comma-separated; added to the configuration's
    #[arg(long, value_name = "RULES", value_delimiter = ',')]
    pub ignore: Vec<String>,
    /// Paths to leave out, comma-separated globs: a name matches anywhere, a path from the
    /// configuration's folder
    #[arg(long, value_name = "GLOBS", value_delimiter = ',', action = ArgAction::Set)]
    pub exclude: Option<Vec<String>>,
    /// The Modal client the code is written for (`1.2`, `1.2.3`): names and keywords that release
    /// does not have yet are flagged too
    #[arg(long, value_name = "VERSION")]
    pub target_version: Option<String>,
    /// The oldest Python the code runs on (`3.12`): from 3.14 annotations are evaluated only when
    /// read, so names used only in them do not fail the import
    #[arg(long, value_name = "VERSION")]
    pub python_version: Option<String>,
    /// The pyproject.toml to read settings from, instead of the nearest one
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// The report on standard output (text when neither this nor --output is given)
    #[arg(long, value_name = "FORMAT")]
    pub output_format: Option<Format>,
    /// Writes one more report into a file (repeatable); standard output then carries one only
    /// when --output-format is given
    #[arg(long, value_name = "FORMAT:FILE", value_parser = report_file)]
    pub output: Vec<ReportFile>,
}

/// A report `check` writes into a file (`--output sarif:report.sarif`).
#[derive(Clone)]
pub struct ReportFile {
    pub format: Format,
    pub path: PathBuf,
}

fn report_file(value: &str) -> Result<ReportFile, String> {
    let formats: Vec<String> = Format::value_variants()
        .iter()
        .filter_map(ValueEnum::to_possible_value)
        .map(|value| value.get_name().to_string())
        .collect();
    let expected = format!("expected FORMAT:FILE such as `sarif:report.sarif`, FORMAT one of {}", formats.join(", "));
    let Some((format, path)) = value.split_once(':').filter(|(_, path)| !path.is_empty()) else {
        return Err(expected);
    };
    let format = Format::from_str(format, false).map_err(|_| expected)?;
    Ok(ReportFile { format, path: PathBuf::from(path) })
}

/// `mcp`'s options.
#[derive(Args)]
pub struct McpArgs {
    /// Serves the pages of this `content/` folder instead of those built into the binary
    #[arg(long, value_name = "DIR")]
    pub content: Option<PathBuf>,
}

/// `server`'s options.
#[derive(Args)]
pub struct ServerArgs {
    /// The site that hovers and diagnostics link to (the client's `initializationOptions`
    /// `siteUrl` overrides it); by default the site as `npm start` serves it
    #[arg(long, value_name = "URL")]
    pub site_url: Option<String>,
}

/// `bench-project`'s options.
#[derive(Args)]
pub struct BenchProjectArgs {
    /// Python files in the project
    #[arg(long, value_name = "N", default_value_t = 200)]
    pub files: usize,
    /// Where the project is written
    #[arg(long, value_name = "DIR", default_value = "target/bench-project")]
    pub dir: PathBuf,
    /// Times `check` runs
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub rounds: usize,
}

/// `bench-check`'s options.
#[derive(Args)]
pub struct BenchCheckArgs {
    /// Lines of the module
    #[arg(long, value_name = "N", default_value_t = 300)]
    pub lines: usize,
    /// Times the checker runs
    #[arg(long, value_name = "N", default_value_t = 200)]
    pub rounds: usize,
    /// Saves the module here, for the browser bench
    #[arg(long, value_name = "FILE")]
    pub write: Option<PathBuf>,
}

/// `bench-server`'s options.
#[derive(Args)]
pub struct BenchServerArgs {
    /// Python files in the project opened first
    #[arg(long, value_name = "N", default_value_t = 200)]
    pub files: usize,
    /// Lines of the module typed into
    #[arg(long, value_name = "N", default_value_t = 300)]
    pub lines: usize,
    /// Keystrokes timed
    #[arg(long, value_name = "N", default_value_t = 200)]
    pub keystrokes: usize,
    /// Where the project is written
    #[arg(long, value_name = "DIR", default_value = "target/bench-server")]
    pub dir: PathBuf,
}

/// `fuzz-check`'s options.
#[derive(Args)]
pub struct FuzzCheckArgs {
    /// Inputs to check
    #[arg(long, value_name = "N", default_value_t = 1_000_000)]
    pub count: u64,
    /// The generator's seed: the same seed gives the same inputs
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub seed: u64,
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;

    #[test]
    fn the_declaration_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn a_long_value_comes_back_as_an_excerpt() {
        let long = "y".repeat(3000);
        let option = format!("--{long}");
        for (args, value) in [
            (["check", "--output-format", &long], &long),
            (["check", "--output", &long], &long),
            (["check", &option, "."], &option),
        ] {
            let Err(error) = Cli::try_parse_from(std::iter::once("modal-atlas").chain(args)) else {
                panic!("{args:?} parsed")
            };
            let message = shortened(error).render().to_string();
            assert!(message.contains(&atlas_input::excerpt(value)), "{message}");
            assert!(message.len() < 600, "{message}");
        }
    }
}
