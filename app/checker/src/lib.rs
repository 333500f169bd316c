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
pub mod noqa;
mod outline;
mod project;
pub mod rules;

pub use diagnostic::{Applicability, Diagnostic, Edit, Fix, Position, Severity};
pub use highlight::{Span, TokenClass, pack_spans, unpack_spans};
pub use limits::{
    MAX_NESTING, MAX_PROJECT_FILE_BYTES, MAX_SOURCE_BYTES, MAX_SOURCE_LINES, line_count, too_large, too_many_lines,
};
pub use outline::{CallAt, KeywordAt, NamedAt, Outline};
pub use project::{Import, Project};

use ruff_python_ast::{ModModule, PySourceType};
use ruff_python_parser::{Parsed, parse_unchecked_source};

use crate::diagnostic::LineIndex;
use crate::limits::LimitProblem;
use crate::model::{Model, NoProject, ProjectImports};

/// The rule id of syntax errors.
pub const SYNTAX_ERROR: &str = "MDL000";

/// What a check assumes beyond the code itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// The client release the reader's code must run on: names and keywords that arrived after
    /// it are errors (MDL039). `None` is the newest release the checker knows.
    pub target_version: Option<api::Version>,
    /// The oldest Python the code runs on. From 3.14 Python evaluates annotations only when
    /// something reads them (PEP 649), so a name used only in one does not fail the import.
    /// `None` assumes an older Python, which evaluates them where they are written.
    pub python_version: Option<PythonVersion>,
}

impl Options {
    /// Whether Python leaves every annotation unevaluated until it is read.
    fn lazy_annotations(&self) -> bool {
        self.python_version.is_some_and(|version| version >= PythonVersion::LAZY_ANNOTATIONS)
    }
}

/// A Python 3 release, `3.14`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct PythonVersion {
    pub minor: u32,
}

impl PythonVersion {
    /// The first Python that evaluates annotations lazily (PEP 649 and 749).
    pub const LAZY_ANNOTATIONS: PythonVersion = PythonVersion { minor: 14 };
}

impl std::str::FromStr for PythonVersion {
    type Err = String;

    fn from_str(text: &str) -> Result<PythonVersion, String> {
        let minor = text
            .trim()
            .strip_prefix("3.")
            .filter(|minor| (1..=3).contains(&minor.len()) && minor.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|minor| minor.parse().ok());
        // The caller quotes `text` as its messages quote values.
        minor
            .map(|minor| PythonVersion { minor })
            .ok_or_else(|| "not a Python version: expected 3.minor, such as `3.12`".into())
    }
}

impl std::fmt::Display for PythonVersion {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "3.{}", self.minor)
    }
}

/// Code with what [`check_and_highlight`] found in it: the playground's answer as data. The
/// build checks the playground's starting code and puts this in its page, so a first visit shows
/// the problems without downloading the parser.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct CheckedCode {
    pub code: String,
    pub diagnostics: Vec<Diagnostic>,
    pub spans: Vec<Span>,
}

impl CheckedCode {
    /// `code` checked for the newest client.
    pub fn new(code: &str) -> CheckedCode {
        let (diagnostics, spans) = check_and_highlight(code);
        CheckedCode { code: code.to_string(), diagnostics, spans }
    }
}

/// Every problem in `source`, in source order, for the newest client. Input over the limits
/// gives one diagnostic saying so, without parsing.
pub fn check(source: &str) -> Vec<Diagnostic> {
    check_with(source, &Options::default())
}

/// [`check`] under `options`.
pub fn check_with(source: &str, options: &Options) -> Vec<Diagnostic> {
    match limits::check(source, MAX_SOURCE_BYTES, MAX_SOURCE_LINES) {
        Ok(()) => diagnostics(source, &parse_unchecked_source(source, PySourceType::Python), &NoProject, options),
        Err(problem) => vec![over_limits(source, problem)],
    }
}

/// What [`check`] finds, and the colour classes of the code's tokens from the same parse (none
/// for input over the limits, which is not parsed).
pub fn check_and_highlight(source: &str) -> (Vec<Diagnostic>, Vec<Span>) {
    check_and_highlight_with(source, &Options::default())
}

/// [`check_and_highlight`] under `options`.
pub fn check_and_highlight_with(source: &str, options: &Options) -> (Vec<Diagnostic>, Vec<Span>) {
    match limits::check(source, MAX_SOURCE_BYTES, MAX_SOURCE_LINES) {
        Ok(()) => {
            let parsed = parse_unchecked_source(source, PySourceType::Python);
            (diagnostics(source, &parsed, &NoProject, options), highlight::spans(parsed.tokens(), source))
        }
        Err(problem) => (vec![over_limits(source, problem)], Vec::new()),
    }
}

/// The client's public names that `source` uses (`Image.pip_install` for
/// `modal.Image.debian_slim().pip_install(...)`), each once, in the order first used (names
/// only annotations use last: they count whether or not Python evaluates them). For the
/// reference pages' links to the examples that use a name.
pub fn names_used(source: &str) -> Vec<&'static str> {
    if limits::check(source, MAX_SOURCE_BYTES, MAX_SOURCE_LINES).is_err() {
        return Vec::new();
    }
    let parsed = parse_unchecked_source(source, PySourceType::Python);
    let model = Model::new(parsed.syntax(), &NoProject, false);
    let mut names = Vec::new();
    let callees = model.calls.iter().map(|call| call.path.as_str());
    let annotations = model.annotations.iter().map(|(_, path)| path.as_str());
    for path in model.named().map(|(_, path)| path).chain(callees).chain(annotations) {
        if let Some(name) = api::resolve(path)
            && !names.contains(&name.name)
        {
            names.push(name.name);
        }
    }
    for field in constructor_fields(&model) {
        if !names.contains(&field) {
            names.push(field);
        }
    }
    names
}

/// The fields a dataclass's constructor sets by keyword: `modal.CloudBucketMount(key_prefix=...)`
/// uses `CloudBucketMount.key_prefix`, whose reference entry is the attribute.
fn constructor_fields<'m>(model: &'m Model) -> impl Iterator<Item = &'static str> + 'm {
    model.calls.iter().flat_map(|call| {
        let class = api::resolve(&call.path).filter(|name| name.kind == api::ApiKind::Class);
        call.call.arguments.keywords.iter().filter_map(move |keyword| {
            let field = api::lookup(&format!("{}.{}", class?.name, keyword.arg.as_ref()?.as_str()))?;
            (field.kind == api::ApiKind::Attribute).then_some(field.name)
        })
    })
}

fn over_limits(source: &str, problem: LimitProblem) -> Diagnostic {
    LineIndex::new(source).diagnostic(SYNTAX_ERROR, Severity::Error, problem.message, problem.start..problem.end, None)
}

fn diagnostics(
    source: &str,
    parsed: &Parsed<ModModule>,
    project: &dyn ProjectImports,
    options: &Options,
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
    let model = Model::new(parsed.syntax(), project, options.lazy_annotations());
    let context = rules::Context {
        module: parsed.syntax(),
        model: &model,
        source,
        lines: &lines,
        options,
        found: Default::default(),
    };
    for rule in rules::all() {
        (rule.check)(&context);
    }
    found.append(&mut context.found.into_inner());
    found.sort_by_key(|d| (d.start.offset, d.end.offset));
    found
}

/// Rounds of fixes [`fix_in_rounds`] makes at most: a fix can make another possible (Ruff stops at
/// 100; ours are independent edits, and two rounds are the most seen).
const FIX_ROUNDS: usize = 10;

/// `source` with the fixes of the problems `found` reports applied, those `applies` takes, in
/// rounds (an edit that overlaps an earlier one waits for the next round, when `found` reports
/// on the text as it then is); with how many fixes were applied. `check --fix` and the editor's
/// "fix all" both fix this way.
pub fn fix_in_rounds(
    source: String,
    mut found: impl FnMut(&str) -> Vec<Diagnostic>,
    applies: impl Fn(&Diagnostic) -> bool,
) -> (String, usize) {
    let (mut text, mut applied) = (source, 0);
    for _ in 0..FIX_ROUNDS {
        let mut edits: Vec<Edit> = Vec::new();
        for fix in found(&text).into_iter().filter(|d| applies(d)).filter_map(|d| d.fix) {
            let overlaps = fix.edits.iter().any(|new| {
                edits.iter().any(|old| new.start < old.end && old.start < new.end || new.start == old.start)
            });
            if !overlaps {
                edits.extend(fix.edits);
                applied += 1;
            }
        }
        if edits.is_empty() {
            break;
        }
        text = apply_edits(&text, &edits);
    }
    (text, applied)
}

/// `source` with `fix` applied.
pub fn apply_fix(source: &str, fix: &Fix) -> String {
    apply_edits(source, &fix.edits)
}

/// `source` with `edits` applied: the edits of several fixes that do not overlap, as `check --fix`
/// gathers them.
pub fn apply_edits(source: &str, edits: &[Edit]) -> String {
    let mut edits = edits.to_vec();
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

#[cfg(test)]
mod tests {
    use super::PythonVersion;

    #[test]
    fn python_versions_read_as_three_dot_minor() {
        assert_eq!("3.14".parse(), Ok(PythonVersion { minor: 14 }));
        assert_eq!(" 3.9 ".parse::<PythonVersion>().map(|version| version.to_string()), Ok("3.9".to_string()));
        assert!("3.9".parse::<PythonVersion>().unwrap() < PythonVersion::LAZY_ANNOTATIONS);
        for wrong in ["3", "3.", "2.7", "3.x", "py314", "3.14.1", "3.12345"] {
            let problem = wrong.parse::<PythonVersion>().unwrap_err();
            assert!(problem.contains("such as `3.12`"), "{wrong}: {problem}");
        }
    }
}
