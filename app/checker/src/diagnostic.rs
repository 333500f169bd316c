//! What a rule reports: where (byte offsets and 1-based line and column), how bad, what was
//! expected, and how to fix it when the fix is mechanical.

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

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fix {
    /// What the fix does, as a button would say it.
    pub title: String,
    pub edits: Vec<Edit>,
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
