//! Positions as editors count them (the Language Server Protocol's: a 0-based line and a column
//! in UTF-16 code units), to and from the byte offsets the checker uses. A position past the end
//! of its line is the line's end, and one past the last line the text's end, as the protocol
//! asks; a column inside a character that takes two UTF-16 units is taken as the one after it.

/// A 0-based line and a column in UTF-16 code units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct LinePosition {
    pub line: u32,
    pub character: u32,
}

/// The byte offset of each line's start, to turn positions into offsets and back.
pub struct Lines<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    pub fn new(text: &'a str) -> Lines<'a> {
        let starts = std::iter::once(0).chain(text.match_indices('\n').map(|(at, _)| at + 1)).collect();
        Lines { text, starts }
    }

    /// The byte offset of `position`.
    pub fn offset(&self, position: LinePosition) -> usize {
        let Some(&start) = self.starts.get(position.line as usize) else { return self.text.len() };
        let mut end = self.starts.get(position.line as usize + 1).map_or(self.text.len(), |next| next - 1);
        if self.text[start..end].ends_with('\r') {
            end -= 1;
        }
        let mut units = 0;
        for (at, character) in self.text[start..end].char_indices() {
            if units >= position.character {
                return start + at;
            }
            units += character.len_utf16() as u32;
        }
        end
    }

    /// The position of the byte `offset` (the character's start when it falls inside one).
    pub fn position(&self, offset: usize) -> LinePosition {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|start| *start <= offset) - 1;
        let character = self.text[self.starts[line]..offset].encode_utf16().count() as u32;
        LinePosition { line: line as u32, character }
    }
}

/// `text` with the span from `start` to `end` replaced by `new`: an editor's incremental change.
pub fn apply_change(text: &mut String, start: LinePosition, end: LinePosition, new: &str) {
    let lines = Lines::new(text);
    let start = lines.offset(start);
    let end = lines.offset(end).max(start);
    text.replace_range(start..end, new);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: u32, character: u32) -> LinePosition {
        LinePosition { line, character }
    }

    #[test]
    fn columns_count_utf16_units() {
        // `é` is one unit in two bytes, `𝄞` two units in four bytes.
        let text = "é𝄞x\r\nab\n";
        let lines = Lines::new(text);
        assert_eq!(lines.offset(at(0, 1)), 2);
        assert_eq!(lines.offset(at(0, 3)), 6);
        assert_eq!(lines.offset(at(0, 2)), 6, "inside the pair: the character after it");
        assert_eq!(lines.offset(at(0, 99)), 7, "past the line's end: before its \\r\\n");
        assert_eq!(lines.offset(at(1, 1)), 10);
        assert_eq!(lines.offset(at(9, 0)), text.len());
        assert_eq!(lines.position(6), at(0, 3));
        assert_eq!(lines.position(4), at(0, 1), "inside a character: its start");
        assert_eq!(lines.position(10), at(1, 1));
        assert_eq!(lines.position(text.len()), at(2, 0));
    }

    #[test]
    fn changes_replace_their_span() {
        let mut text = String::from("gpu='A100'\nx = 1\n");
        apply_change(&mut text, at(0, 5), at(0, 9), "H100");
        assert_eq!(text, "gpu='H100'\nx = 1\n");
        apply_change(&mut text, at(1, 0), at(1, 0), "# é\n");
        assert_eq!(text, "gpu='H100'\n# é\nx = 1\n");
        // An end before the start inserts at the start instead of panicking.
        apply_change(&mut text, at(1, 3), at(0, 0), "!");
        assert_eq!(text, "gpu='H100'\n# é!\nx = 1\n");
    }
}
