//! How a message quotes a value it was given: whole when short, else its start, an ellipsis and
//! its length, so a 5 MB argument, a pasted file or a 100 KB URL value never comes back whole in
//! a one-line message. Control characters are shown escaped, so a pasted line break or NUL cannot
//! reshape the message. Values are quoted in backticks (or in double quotes, in serde's
//! messages); [`cap_quoted`] shortens the values in messages written by other crates (serde,
//! toml), which quote whatever they were given.

/// Characters of a value a message shows.
pub const EXCERPT_CHARS: usize = 60;
/// Characters of a message from another crate that are shown, when a value with quote marks in it
/// keeps [`cap_quoted`] from finding where it ends.
const MESSAGE_CHARS: usize = 1000;

/// `value` in backticks: whole when it has at most [`EXCERPT_CHARS`] characters, else its first
/// ones, an ellipsis and its length, as in `` `aaaa…` (5000000 characters) ``.
pub fn quote(value: &str) -> String {
    quote_in(value, '`')
}

fn quote_in(value: &str, mark: char) -> String {
    quote_between(value, mark, mark)
}

/// [`quote`] between other marks, such as typographic quotes for a search query.
pub fn quote_between(value: &str, open: char, close: char) -> String {
    match shortened(value) {
        (shown, None) => format!("{open}{shown}{close}"),
        (shown, Some(length)) => format!("{open}{shown}…{close} ({length} characters)"),
    }
}

/// `value` shortened and escaped as [`quote`] does it, without the marks: for messages of another
/// crate that quotes values itself (clap's `'…'`), as in `aaaa… (5000000 characters)`.
pub fn excerpt(value: &str) -> String {
    match shortened(value) {
        (shown, None) => shown,
        (shown, Some(length)) => format!("{shown}… ({length} characters)"),
    }
}

/// At most [`EXCERPT_CHARS`] characters of `value` as shown (an escape counts as what it shows,
/// `\u{0}`), and the length of `value` in characters when that is not all of it.
fn shortened(value: &str) -> (String, Option<usize>) {
    let (mut shown, mut width) = (String::new(), 0);
    for c in value.chars() {
        let before = shown.len();
        push_visible(&mut shown, c);
        width += shown[before..].chars().count();
        if width > EXCERPT_CHARS {
            shown.truncate(before);
            return (shown, Some(value.chars().count()));
        }
    }
    (shown, None)
}

/// `c` as a message shows it: control characters as escapes (`\n`, `\u{1b}`), by hand, since
/// `char::escape_debug` would bring Unicode's tables into every tool's app.
fn push_visible(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c if c.is_control() => {
            out.push_str("\\u{");
            let code = u32::from(c);
            let digits = (32 - code.leading_zeros()).div_ceil(4).max(1);
            for shift in (0..digits).rev() {
                out.push(char::from_digit((code >> (shift * 4)) & 15, 16).unwrap_or('0'));
            }
            out.push('}');
        }
        c => out.push(c),
    }
}

/// `message` with every value it quotes (between backticks, or between double quotes with `\"`
/// escapes) shortened as [`quote`] shortens it, and cut after [`MESSAGE_CHARS`] characters.
pub fn cap_quoted(message: &str) -> String {
    let mut out = String::new();
    let mut rest = message;
    while let Some(open) = rest.find(['`', '"']) {
        let mark = if rest[open..].starts_with('`') { '`' } else { '"' };
        let inside = &rest[open + 1..];
        let Some(close) = closing(inside, mark) else { break };
        out.push_str(&rest[..open]);
        let value = &inside[..close];
        // A value of this crate's own quoting (`…` and the mark) is short already.
        if value.chars().nth(EXCERPT_CHARS + 1).is_none() {
            out.extend([mark]);
            out.push_str(value);
            out.extend([mark]);
        } else {
            out.push_str(&quote_in(value, mark));
        }
        rest = &inside[close + 1..];
    }
    // An unpaired mark quotes nothing: from there on the message is its own text.
    out.push_str(rest);
    match out.char_indices().nth(MESSAGE_CHARS) {
        None => out,
        Some((cut, _)) => format!("{}… (cut at {MESSAGE_CHARS} of {} characters)", &out[..cut], out.chars().count()),
    }
}

/// Where the quote that `mark` opened closes in `inside`; `\` escapes a double quote.
fn closing(inside: &str, mark: char) -> Option<usize> {
    let mut escaped = false;
    for (at, ch) in inside.char_indices() {
        match ch {
            '\\' if mark == '"' => escaped = !escaped,
            _ if ch == mark && !escaped => return Some(at),
            _ => escaped = false,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_values_are_quoted_whole() {
        assert_eq!(quote(""), "``");
        assert_eq!(quote("--frobnicate"), "`--frobnicate`");
        let sixty = "é".repeat(EXCERPT_CHARS);
        assert_eq!(quote(&sixty), format!("`{sixty}`"));
    }

    #[test]
    fn long_values_are_cut_on_a_character_with_their_length() {
        let long = format!("{}ü", "é".repeat(EXCERPT_CHARS));
        assert_eq!(quote(&long), format!("`{}…` (61 characters)", "é".repeat(EXCERPT_CHARS)));
        let huge = "q".repeat(5_000_000);
        assert_eq!(quote(&huge), format!("`{}…` (5000000 characters)", "q".repeat(EXCERPT_CHARS)));
    }

    #[test]
    fn escapes_count_as_what_they_show() {
        let nuls = "\u{0}".repeat(1000);
        assert_eq!(quote(&nuls), format!("`{}…` (1000 characters)", "\\u{0}".repeat(EXCERPT_CHARS / 5)));
    }

    #[test]
    fn excerpts_are_quotes_without_the_marks() {
        assert_eq!(excerpt("a\nb"), "a\\nb");
        let long = "q".repeat(100);
        assert_eq!(excerpt(&long), format!("{}… (100 characters)", "q".repeat(EXCERPT_CHARS)));
    }

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(quote("a\nb\u{0}\u{1b}\t\u{9f}é"), "`a\\nb\\u{0}\\u{1b}\\t\\u{9f}é`");
    }

    #[test]
    fn values_quoted_by_other_crates_are_shortened() {
        let long = "x".repeat(100);
        let short = format!("{}…", "x".repeat(EXCERPT_CHARS));
        assert_eq!(
            cap_quoted(&format!("unknown field `{long}`, expected `query` or `limit`")),
            format!("unknown field `{short}` (100 characters), expected `query` or `limit`")
        );
        let escaped = format!("{}\\\"{}", "y".repeat(30), "y".repeat(70));
        assert_eq!(
            cap_quoted(&format!("invalid type: string \"{escaped}\", expected u32")),
            format!("invalid type: string \"{}…\" (102 characters), expected u32", &escaped[..EXCERPT_CHARS])
        );
        assert_eq!(cap_quoted("Hours per day: `abc` is not a number"), "Hours per day: `abc` is not a number");
        assert_eq!(cap_quoted("an unpaired ` stays"), "an unpaired ` stays");
        let quoted_here = format!("unknown time zone {}", quote(&long));
        assert_eq!(cap_quoted(&quoted_here), quoted_here);
        // A value with a backtick in it ends its quote early; the message is cut instead.
        let tricky = cap_quoted(&format!("unknown time zone `a`{}`: expected an IANA name", "z".repeat(5000)));
        assert!(tricky.starts_with("unknown time zone `a`zzz"), "{tricky}");
        assert!(tricky.ends_with("z… (cut at 1000 of 5045 characters)"), "{tricky}");
    }
}
