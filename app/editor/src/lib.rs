//! The playground's editor is a textarea (native typing, selection and undo) over a `<pre>` that
//! shows the same text coloured, with its problems underlined. This crate computes that layer and
//! the gutter's marks from what the checker worker found.
//!
//! The worker answers for the text it was sent; by the time the answer arrives the reader may
//! have typed more, and the layer must show the text as it is now, or typing would look late. So
//! the marks follow the edit ([`Marks::follow_edit`]): those before it stay, those after it move
//! with the text, and those it touched are left out until the next answer.
//!
//! [`query`] is the playground's state in its URL.

mod gutter;
mod layer;
pub mod query;

pub use gutter::{GutterMark, gutter_marks};
pub use layer::{LineChange, layer_lines, layer_lines_in, line_range};

use std::ops::Range;

use atlas_checker::{Diagnostic, Severity, Span};

/// Where a problem is, in bytes, how bad it is, and what the gutter says about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub start: usize,
    pub end: usize,
    pub severity: Severity,
    /// "error MDL001: `keep_warm` was renamed …".
    pub label: String,
}

/// What the worker found in one version of the text: colour spans and problems.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Marks {
    pub spans: Vec<Span>,
    pub problems: Vec<Problem>,
}

impl Marks {
    pub fn new(spans: Vec<Span>, diagnostics: &[Diagnostic]) -> Marks {
        let problems = diagnostics
            .iter()
            .map(|diagnostic| Problem {
                start: diagnostic.start.offset,
                end: diagnostic.end.offset,
                severity: diagnostic.severity,
                label: format!("{} {}: {}", severity_word(diagnostic.severity), diagnostic.rule, diagnostic.message),
            })
            .collect();
        Marks { spans, problems }
    }

    /// These marks, found in `before`, placed on `after`: the same text edited in one place.
    pub fn follow_edit(&self, before: &str, after: &str) -> Marks {
        if before == after {
            return self.clone();
        }
        let edit = Edit::between(before, after);
        Marks {
            spans: self
                .spans
                .iter()
                .filter_map(|span| {
                    edit.move_range(span.start, span.end).map(|(start, end)| Span { start, end, ..*span })
                })
                .collect(),
            problems: self
                .problems
                .iter()
                .filter_map(|problem| {
                    let (start, end) = edit.move_range(problem.start, problem.end)?;
                    Some(Problem { start, end, ..problem.clone() })
                })
                .collect(),
        }
    }
}

impl Marks {
    /// [`Marks::follow_edit`] for the spans that land in `after[window]` alone (every problem
    /// still moves): a keystroke in a long file moves the colours on screen, not all of them.
    pub fn follow_edit_within(&self, before: &str, after: &str, window: Range<usize>) -> Marks {
        let edit = Edit::between(before, after);
        // Where each span ends once moved, counting a span the edit touched as ending where the
        // edit starts: in text order, since the spans are, so the window's first is found by halving.
        let moved_end = |span: &Span| match edit.move_range(span.start, span.end) {
            Some((_, end)) => end,
            None => edit.start,
        };
        let first = self.spans.partition_point(|span| moved_end(span) <= window.start);
        let spans = self.spans[first..]
            .iter()
            .filter_map(|span| edit.move_range(span.start, span.end).map(|(start, end)| Span { start, end, ..*span }))
            .take_while(|span| span.start < window.end)
            .collect();
        let problems = self
            .problems
            .iter()
            .filter_map(|problem| {
                let (start, end) = edit.move_range(problem.start, problem.end)?;
                Some(Problem { start, end, ..problem.clone() })
            })
            .collect();
        Marks { spans, problems }
    }
}

pub fn severity_word(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// The one stretch in which two texts differ: `before[start..old_end]` became
/// `after[start..new_end]`. Several edits in between count as one stretch covering them all.
#[derive(Debug, PartialEq)]
struct Edit {
    start: usize,
    old_end: usize,
    new_end: usize,
}

impl Edit {
    fn between(before: &str, after: &str) -> Edit {
        let (mut start, mut common_end) = common_ends(before.as_bytes(), after.as_bytes());
        // On character boundaries: "é" and "è" share their first byte.
        while !before.is_char_boundary(start) {
            start -= 1;
        }
        while !before.is_char_boundary(before.len() - common_end) || !after.is_char_boundary(after.len() - common_end) {
            common_end -= 1;
        }
        Edit { start, old_end: before.len() - common_end, new_end: after.len() - common_end }
    }

    /// Where `start..end` of the old text is in the new one; `None` if the edit touched it.
    fn move_range(&self, start: usize, end: usize) -> Option<(usize, usize)> {
        if end <= self.start {
            Some((start, end))
        } else if start >= self.old_end {
            Some((start - self.old_end + self.new_end, end - self.old_end + self.new_end))
        } else {
            None
        }
    }
}

/// How long the common start of `a` and `b` is, and how long their common end, not counting
/// what the common start already covers (in "aa" and "aaa" the start is "aa" and the end empty).
fn common_ends<T: PartialEq>(a: &[T], b: &[T]) -> (usize, usize) {
    let start = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let room = a.len().min(b.len()) - start;
    let end = a.iter().rev().zip(b.iter().rev()).take(room).take_while(|(x, y)| x == y).count();
    (start, end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use atlas_checker::{TokenClass, check_and_highlight};

    #[test]
    fn marks_followed_within_a_window_are_those_of_the_whole_that_land_in_it() {
        let before =
            "import modal\napp = modal.App()\n@app.function(keep_warm=1)\ndef f(x=1):\n    return 'a' + \"b\"\n";
        let marks = marks(before);
        for after in [
            before.to_string(),
            before.replace("import", "import  "),
            before.replace("x=1", "x=12"),
            before.replace("'a'", "'a b c'"),
            format!("{before}# more\n"),
        ] {
            let whole = marks.follow_edit(before, &after);
            for start in 0..after.len() {
                for end in start..=after.len() {
                    let within = marks.follow_edit_within(before, &after, start..end);
                    let expected: Vec<Span> =
                        whole.spans.iter().filter(|span| span.end > start && span.start < end).copied().collect();
                    assert_eq!(within.spans, expected, "{after:?} {start}..{end}");
                    assert_eq!(within.problems, whole.problems);
                }
            }
        }
    }

    fn marks(source: &str) -> Marks {
        let (diagnostics, spans) = check_and_highlight(source);
        Marks::new(spans, &diagnostics)
    }

    /// The coloured and underlined texts of `marks` on `text`.
    fn texts<'a>(marks: &Marks, text: &'a str) -> (Vec<&'a str>, Vec<&'a str>) {
        (
            marks.spans.iter().map(|span| &text[span.start..span.end]).collect(),
            marks.problems.iter().map(|problem| &text[problem.start..problem.end]).collect(),
        )
    }

    const BROKEN: &str = "import modal\napp = modal.App()\n\n@app.function(keep_warm=2)\ndef f():\n    return 1\n";

    #[test]
    fn the_edit_between_two_texts_is_the_stretch_that_differs() {
        assert_eq!(Edit::between("abc", "abXc"), Edit { start: 2, old_end: 2, new_end: 3 });
        assert_eq!(Edit::between("aa", "aaa"), Edit { start: 2, old_end: 2, new_end: 3 });
        assert_eq!(Edit::between("abcd", "ad"), Edit { start: 1, old_end: 3, new_end: 1 });
        assert_eq!(Edit::between("x = 1", "y = 1"), Edit { start: 0, old_end: 1, new_end: 1 });
        // "é" and "è" share their first byte: the edit starts at the character, not inside it.
        assert_eq!(Edit::between("aé", "aè"), Edit { start: 1, old_end: 3, new_end: 3 });
    }

    #[test]
    fn typing_above_a_problem_moves_its_underline_with_the_text() {
        let found = marks(BROKEN);
        let edited = BROKEN.replace("import modal\n", "import modal\nimport os\n");
        let moved = found.follow_edit(BROKEN, &edited);
        let (coloured, underlined) = texts(&moved, &edited);
        assert_eq!(underlined, vec!["keep_warm"]);
        assert!(coloured.contains(&"def") && coloured.contains(&"keep_warm") && coloured.contains(&"import"));
        assert_eq!(moved.spans.len(), found.spans.len());
    }

    #[test]
    fn typing_inside_a_problem_drops_its_underline_until_the_next_check() {
        let found = marks(BROKEN);
        let edited = BROKEN.replace("keep_warm", "keep_war");
        let moved = found.follow_edit(BROKEN, &edited);
        assert!(moved.problems.is_empty());
        assert!(!moved.spans.iter().any(|span| span.class == TokenClass::Parameter));
        assert_eq!(texts(&moved, &edited).0.last(), Some(&"1"));
    }

    #[test]
    fn problems_are_labelled_with_their_severity_rule_and_message() {
        let found = marks(BROKEN);
        assert_eq!(found.problems.len(), 1);
        assert!(found.problems[0].label.starts_with("error MDL001: `keep_warm` was renamed"), "{:?}", found.problems);
    }
}
