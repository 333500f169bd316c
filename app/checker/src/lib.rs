//! Checks Python code that uses Modal against what the Modal client accepts today.
//!
//! [`check`] parses with Ruff's parser (which recovers from syntax errors, so the rest of a
//! broken file is still checked), resolves which names mean Modal (`import modal as m`,
//! `from modal import App`, `app = modal.App(...)`, with Python's scoping), and runs every rule
//! in [`rules::all`]. Each rule lives in its own file with its documentation and fixtures.

pub mod api;
mod diagnostic;
mod limits;
mod model;
pub mod rules;

pub use diagnostic::{Diagnostic, Edit, Fix, Position, Severity};
pub use limits::{MAX_NESTING, MAX_SOURCE_BYTES};

use ruff_python_ast::PySourceType;
use ruff_python_parser::parse_unchecked_source;

use crate::diagnostic::LineIndex;
use crate::model::Model;

/// The rule id of syntax errors.
pub const SYNTAX_ERROR: &str = "MDL000";

/// Every problem in `source`, in source order. Input over the limits gives one diagnostic
/// saying so, without parsing.
pub fn check(source: &str) -> Vec<Diagnostic> {
    let lines = LineIndex::new(source);
    if let Err(problem) = limits::check(source) {
        return vec![lines.diagnostic(
            SYNTAX_ERROR,
            Severity::Error,
            problem.message,
            problem.start..problem.end,
            None,
        )];
    }
    let parsed = parse_unchecked_source(source, PySourceType::Python);
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
    let model = Model::new(parsed.syntax());
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
