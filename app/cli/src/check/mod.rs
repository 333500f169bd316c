//! `modal-atlas check`: the checker on a project's files, for people, CI and pre-commit hooks.
//! Modules are checked together, so what one imports from another is known (`files.rs` finds
//! them); problems are filtered by the rule selection, per-file ignores and `# noqa` comments;
//! `--fix` and `--diff` apply the fixes; the report goes out in one or more formats.
//!
//! Exit codes, as Ruff's: 0 when no error is left (warnings do not fail a run), 1 when an error
//! is found (or, with `--diff`, when a fix would change a file), 2 when the command line, the
//! configuration or a file cannot be read. A file that cannot be read (or written) is reported
//! as that file's problem, and the others are still checked: the run ends with 2.

pub mod files;
mod glob;
mod output;
pub mod settings;

use std::fs;
use std::process::ExitCode;

use atlas_checker::{Applicability, Diagnostic, Options, Severity, fix_in_rounds, noqa};

use crate::args::CheckArgs;
use files::Files;
pub use output::Format;
use output::{FileReport, Report};
use settings::Settings;

/// Whether `--fix` applies `diagnostic`'s fix: a safe one always, an unsafe one (which changes
/// what the code does beyond what the client requires) only with `--unsafe-fixes`.
pub fn fix_applies(diagnostic: &Diagnostic, unsafe_fixes: bool) -> bool {
    diagnostic.fix.as_ref().is_some_and(|fix| unsafe_fixes || fix.applicability == Applicability::Safe)
}

pub fn run(args: CheckArgs) -> ExitCode {
    match check(args) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("modal-atlas: {message}");
            ExitCode::from(2)
        }
    }
}

fn check(args: CheckArgs) -> Result<ExitCode, String> {
    let settings = settings::read(args)?;
    let mut loaded = files::load(&settings.paths, &settings.exclude, &settings.base);
    for problem in &loaded.problems {
        eprintln!("modal-atlas: {problem}");
    }
    if settings.verbose {
        for note in &loaded.unresolved {
            eprintln!("modal-atlas: note: {note}; what it defines is not known to the checks");
        }
    }
    let mut unwritten = 0;
    let options = settings.options();
    let checked: Vec<usize> = (0..loaded.files.len()).filter(|&module| loaded.files[module].checked).collect();

    let mut fixed = 0;
    let mut diffs = String::new();
    if settings.fix || settings.diff {
        for &module in &checked {
            let original = loaded.project.source(module).to_string();
            fixed += fix(&mut loaded, module, &settings, &options);
            let after = loaded.project.source(module);
            if after == original {
                continue;
            }
            let file = &loaded.files[module];
            if settings.diff {
                let diff = similar::TextDiff::from_lines(original.as_str(), after);
                diffs += &diff.unified_diff().header(&file.shown, &file.shown).to_string();
            } else if let Err(err) = fs::write(&file.path, after) {
                eprintln!("modal-atlas: cannot write {}: {err}", file.path.display());
                unwritten += 1;
            }
        }
    }
    let unread = loaded.problems.len();
    // Set apart from the problems found: a file left unread or unwritten.
    let incomplete = unread + unwritten > 0;
    if settings.diff {
        print!("{diffs}");
        let changed = !diffs.is_empty();
        eprintln!("{fixed} fix{} would be applied", if fixed == 1 { "" } else { "es" });
        return Ok(exit_code(incomplete, changed));
    }

    let files = checked
        .iter()
        .map(|&module| FileReport {
            path: loaded.files[module].shown.clone(),
            diagnostics: reported(&mut loaded, module, &settings, &options),
        })
        .collect();
    let report = Report { files, fixed, unsafe_fixes: settings.unsafe_fixes, unread };
    for (format, path) in &settings.outputs {
        let text = report.render(*format);
        match path {
            Some(path) => fs::write(path, text).map_err(|err| format!("cannot write {}: {err}", path.display()))?,
            None => print!("{text}"),
        }
    }
    Ok(exit_code(incomplete, report.count(Severity::Error) > 0))
}

/// 2 when a file was left unread or unwritten, else 1 when the run failed, else 0.
fn exit_code(incomplete: bool, failed: bool) -> ExitCode {
    match (incomplete, failed) {
        (true, _) => ExitCode::from(2),
        (false, true) => ExitCode::FAILURE,
        (false, false) => ExitCode::SUCCESS,
    }
}

/// What is reported in `module`: the checker's problems that the settings report in its file
/// and no `# noqa` comment silences.
fn reported(loaded: &mut Files, module: usize, settings: &Settings, options: &Options) -> Vec<Diagnostic> {
    let found = loaded.project.check(module, options);
    let shown = &loaded.files[module].shown;
    let lines: Vec<&str> = loaded.project.source(module).lines().collect();
    found.into_iter().filter(|d| settings.reports(&d.rule, shown) && !noqa::silenced(&lines, d)).collect()
}

/// Applies the reported problems' fixes to `module` in rounds; returns how many were applied.
fn fix(loaded: &mut Files, module: usize, settings: &Settings, options: &Options) -> usize {
    let source = loaded.project.source(module).to_string();
    let found = |text: &str| {
        if loaded.project.source(module) != text {
            loaded.project.replace(module, text.to_string());
        }
        reported(loaded, module, settings, options)
    };
    let (fixed, applied) = fix_in_rounds(source, found, |d| fix_applies(d, settings.unsafe_fixes));
    loaded.project.replace(module, fixed);
    applied
}
