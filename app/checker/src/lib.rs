//! Checks Python code that uses Modal against what the Modal client accepts today.
//!
//! [`check`] parses with Ruff's parser (which recovers from syntax errors, so the rest of a
//! broken file is still checked), resolves which names mean Modal (`import modal as m`,
//! `from modal import App`, `app = modal.App(...)`, with Python's scoping), and runs every rule
//! in [`rules::all`]. Each rule lives in its own file with its documentation and fixtures.
//! [`check_and_highlight`] also returns colour classes from the same parse, for the playground.
//! [`Project`] checks modules together, so names imported from the project's other modules are
//! known (the command line's `check`).

pub mod api;
mod diagnostic;
mod highlight;
mod limits;
mod model;
mod project;
pub mod rules;

pub use diagnostic::{Diagnostic, Edit, Fix, Position, Severity};
pub use highlight::{Span, TokenClass};
pub use limits::{MAX_NESTING, MAX_PROJECT_FILE_BYTES, MAX_SOURCE_BYTES};
pub use project::{Import, Project};

use ruff_python_ast::{ModModule, PySourceType};
use ruff_python_parser::{Parsed, parse_unchecked_source};

use crate::diagnostic::LineIndex;
use crate::limits::LimitProblem;
use crate::model::{Model, NoProject, ProjectImports};

/// The rule id of syntax errors.
pub const SYNTAX_ERROR: &str = "MDL000";

/// What the caller chooses about a check.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// The Modal client version the code is written for, as (major, minor, patch); `None` for
    /// the newest the checker knows. The command line fills it from `--target-version`.
    pub target_version: Option<(u32, u32, u32)>,
}

/// Every problem in `source`, in source order. Input over the limits gives one diagnostic
/// saying so, without parsing.
pub fn check(source: &str) -> Vec<Diagnostic> {
    match limits::check(source, MAX_SOURCE_BYTES) {
        Ok(()) => {
            diagnostics(source, &parse_unchecked_source(source, PySourceType::Python), &NoProject, &Options::default())
        }
        Err(problem) => vec![over_limits(source, problem)],
    }
}

/// What [`check`] finds, and the colour classes of the code's tokens from the same parse (none
/// for input over the limits, which is not parsed).
pub fn check_and_highlight(source: &str) -> (Vec<Diagnostic>, Vec<Span>) {
    match limits::check(source, MAX_SOURCE_BYTES) {
        Ok(()) => {
            let parsed = parse_unchecked_source(source, PySourceType::Python);
            (diagnostics(source, &parsed, &NoProject, &Options::default()), highlight::spans(parsed.tokens(), source))
        }
        Err(problem) => (vec![over_limits(source, problem)], Vec::new()),
    }
}

fn over_limits(source: &str, problem: LimitProblem) -> Diagnostic {
    LineIndex::new(source).diagnostic(SYNTAX_ERROR, Severity::Error, problem.message, problem.start..problem.end, None)
}

// No rule reads `Options` yet: the version-aware rules will.
fn diagnostics(
    source: &str,
    parsed: &Parsed<ModModule>,
    project: &dyn ProjectImports,
    _options: &Options,
) -> Vec<Diagnostic> {
    let lines = LineIndex::new(source);
    let mut found: Vec<Diagnostic> = parsed
        .errors()
        .iter()
        .map(|error| {
            let range = error.location;
            lines.diagnostic(
                SYNTAX_ERROR,
                Severity::Error,
                format!("syntax error: {}", error.error),
                range.start().to_usize()..range.end().to_usize(),
                None,
            )
        })
        .collect();
    let model = Model::new(parsed.syntax(), project);
    let mut context =
        rules::Context { module: parsed.syntax(), model: &model, source, lines: &lines, found: Vec::new() };
    for rule in rules::all() {
        (rule.check)(&mut context);
    }
    found.append(&mut context.found);
    found.sort_by_key(|d| (d.start.offset, d.end.offset));
    found
}

/// `source` with `fix` applied.
pub fn apply_fix(source: &str, fix: &Fix) -> String {
    let mut edits = fix.edits.clone();
    edits.sort_by_key(|edit| std::cmp::Reverse(edit.start));
    let mut text = source.to_string();
    for edit in edits {
        if edit.start <= edit.end
            && edit.end <= text.len()
            && text.is_char_boundary(edit.start)
            && text.is_char_boundary(edit.end)
        {
            text.replace_range(edit.start..edit.end, &edit.replacement);
        }
    }
    text
}
