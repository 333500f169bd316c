//! What a rule reports: where (byte offsets and 1-based line and column), how bad, what was
//! expected, and how to fix it when the fix is mechanical, with whether the fix is safe.

use std::borrow::Cow;
use std::ops::Range;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The client raises: the code fails when the module is imported.
    Error,
    /// The client accepts it, but it has no effect or the server may reject it.
    Warning,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    /// Byte offset in the source.
    pub offset: usize,
    /// 1-based.
    pub line: usize,
    /// 1-based, in characters.
    pub column: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Edit {
    pub start: usize,
    pub end: usize,
    pub replacement: String,
}

/// Whether a fix can be applied without a second look, as Ruff grades its fixes. The rule
/// declares it (`Rule::fix`), and every fix of the rule carries it. In JSON: `"safe"`, or
/// `{"unsafe": "<what it changes>"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// The fix changes only what the client requires: `check --fix` applies it.
    Safe,
    /// The fix also changes what the code does; the reason says what, in one line that follows
    /// "this fix" ("drops the entry's time to live"). `check --fix` applies it only with
    /// `--unsafe-fixes`, and the playground says the reason before it applies the fix.
    Unsafe(Cow<'static, str>),
}

impl Applicability {
    /// What an unsafe fix changes; `None` for a safe one.
    pub fn unsafe_reason(&self) -> Option<&str> {
        match self {
            Applicability::Safe => None,
            Applicability::Unsafe(reason) => Some(reason),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fix {
    /// What the fix does, as a button would say it.
    pub title: String,
    pub edits: Vec<Edit>,
    pub applicability: Applicability,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub rule: String,
    pub severity: Severity,
    pub message: String,
    pub start: Position,
    pub end: Position,
    pub fix: Option<Fix>,
}

/// Byte offsets to lines and columns.
pub(crate) struct LineIndex<'a> {
    source: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(source: &'a str) -> Self {
        let starts = std::iter::once(0).chain(source.match_indices('\n').map(|(at, _)| at + 1)).collect();
        LineIndex { source, starts }
    }

    pub fn position(&self, offset: usize) -> Position {
        let offset = offset.min(self.source.len());
        let line = self.starts.partition_point(|start| *start <= offset).max(1);
        let line_start = self.starts[line - 1];
        let column = self.source.get(line_start..offset).map_or(offset - line_start, |text| text.chars().count()) + 1;
        Position { offset, line, column }
    }

    pub fn diagnostic(
        &self,
        rule: &str,
        severity: Severity,
        message: String,
        range: Range<usize>,
        fix: Option<Fix>,
    ) -> Diagnostic {
        Diagnostic {
            rule: rule.into(),
            severity,
            message,
            start: self.position(range.start),
            end: self.position(range.end),
            fix,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based_and_count_characters() {
        let lines = LineIndex::new("ab\né x\n");
        assert_eq!(lines.position(0), Position { offset: 0, line: 1, column: 1 });
        assert_eq!(lines.position(3), Position { offset: 3, line: 2, column: 1 });
        assert_eq!(lines.position(6), Position { offset: 6, line: 2, column: 3 });
        assert_eq!(lines.position(99).line, 3);
    }
}
