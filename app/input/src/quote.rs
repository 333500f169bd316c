//! Quoting a value in a message.

/// Values up to this many characters are quoted whole.
const WHOLE_UP_TO: usize = 48;
/// A longer value shows this many of its first characters.
const EXCERPT_CHARS: usize = 32;

/// `value` as a message quotes it: in backticks, whole when it is short, else its first
/// characters, an ellipsis and its length (`` `0 0 * * 1 xxxxxxxxxxxxxx…` (100000 characters) ``).
/// Control characters are shown escaped, so a pasted line break or NUL cannot reshape the message.
pub fn quote(value: &str) -> String {
    let mut chars = value.chars();
    let shown: String = chars.by_ref().take(WHOLE_UP_TO).collect();
    if chars.next().is_none() {
        return format!("`{}`", visible(&shown));
    }
    let start: String = shown.chars().take(EXCERPT_CHARS).collect();
    let length = value.chars().count();
    format!("`{}…` ({length} characters)", visible(&start))
}

fn visible(text: &str) -> String {
    text.chars().map(|c| if c.is_control() { c.escape_debug().to_string() } else { c.to_string() }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_values_are_quoted_whole() {
        assert_eq!(quote("0 6 * * 1"), "`0 6 * * 1`");
        assert_eq!(quote(""), "``");
        assert_eq!(quote(&"x".repeat(48)), format!("`{}`", "x".repeat(48)));
    }

    #[test]
    fn long_values_are_cut_on_a_character_and_their_length_stated() {
        let pasted = "é".repeat(100_000);
        let quoted = quote(&pasted);
        assert_eq!(quoted, format!("`{}…` (100000 characters)", "é".repeat(32)));
        assert!(quoted.len() < 100);
    }

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(quote("a\nb\u{0}"), "`a\\nb\\0`");
    }
}
