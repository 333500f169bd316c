//! Whole source lines, for fixes that move or delete decorators without touching other code.

use std::ops::Range;

use ruff_text_size::TextRange;

/// The lines `range` spans, from the start of its first line through the newline that ends its
/// last, or `None` when other code shares those lines (only indentation may come before it, and
/// only a comment after it), so moving them cannot take other code along.
pub(super) fn whole_lines(source: &str, range: TextRange) -> Option<Range<usize>> {
    let (start, end) = (range.start().to_usize(), range.end().to_usize());
    let line_start = line_start(source, start)?;
    let before = source.get(line_start..start)?;
    let line_end = end + source.get(end..)?.find('\n')? + 1;
    let after = source.get(end..line_end)?.trim();
    let alone = before.chars().all(|c| c == ' ' || c == '\t') && (after.is_empty() || after.starts_with('#'));
    alone.then_some(line_start..line_end)
}

/// The offset where the line holding `offset` starts.
pub(super) fn line_start(source: &str, offset: usize) -> Option<usize> {
    Some(source.get(..offset)?.rfind('\n').map_or(0, |at| at + 1))
}

/// The line ending the source uses, so inserted lines match it.
pub(super) fn newline(source: &str) -> &'static str {
    if source.contains("\r\n") { "\r\n" } else { "\n" }
}

#[cfg(test)]
mod tests {
    use ruff_text_size::TextSize;

    use super::*;

    fn range(start: u32, end: u32) -> TextRange {
        TextRange::new(TextSize::from(start), TextSize::from(end))
    }

    #[test]
    fn whole_lines_take_indentation_and_a_trailing_comment() {
        let source = "x = 1\n    @deco()  # note\ndef f(): ...\n";
        assert_eq!(whole_lines(source, range(10, 17)), Some(6..26));
    }

    #[test]
    fn shared_or_unterminated_lines_are_not_whole() {
        assert_eq!(whole_lines("x = 1; @deco()\n", range(7, 14)), None);
        assert_eq!(whole_lines("@deco() x\n", range(0, 7)), None);
        assert_eq!(whole_lines("@deco()", range(0, 7)), None);
        assert_eq!(whole_lines("ab", range(5, 9)), None);
    }
}
