//! `# noqa` comments, as Ruff and flake8 read them: `# noqa` at the end of a line silences every
//! problem that starts on it, `# noqa: MDL001, MDL012` only those rules (other tools' codes in the
//! same list, such as `E501`, are left to those tools).

use crate::Diagnostic;

/// What a line's comment silences.
#[derive(Debug, PartialEq, Eq)]
pub enum Noqa {
    All,
    Rules(Vec<String>),
}

impl Noqa {
    pub fn silences(&self, rule: &str) -> bool {
        match self {
            Noqa::All => true,
            Noqa::Rules(rules) => rules.iter().any(|code| code == rule),
        }
    }
}

/// Whether a `# noqa` comment on the line where `diagnostic` starts silences it (`lines`: the
/// source's lines).
pub fn silenced(lines: &[&str], diagnostic: &Diagnostic) -> bool {
    let line = lines.get(diagnostic.start.line - 1).copied().unwrap_or("");
    on_line(line).is_some_and(|noqa| noqa.silences(&diagnostic.rule))
}

/// The `# noqa` comment on `line`, if it has one.
pub fn on_line(line: &str) -> Option<Noqa> {
    comment(line).map(|(noqa, _)| noqa)
}

/// `line` with `rule` silenced: added to its `# noqa:` list, or a `# noqa: RULE` comment added
/// at its end. The editor's "silence with `# noqa`" action.
pub fn with_rule(line: &str, rule: &str) -> String {
    match comment(line) {
        Some((Noqa::Rules(_), end)) => format!("{}, {rule}{}", &line[..end], &line[end..]),
        _ => format!("{}  # noqa: {rule}", line.trim_end()),
    }
}

/// The `# noqa` comment on `line`, and where its list of codes ends.
fn comment(line: &str) -> Option<(Noqa, usize)> {
    let lower = line.to_ascii_lowercase();
    let mut search = 0;
    while let Some(hash) = lower[search..].find('#').map(|at| at + search) {
        search = hash + 1;
        let after = lower[hash + 1..].trim_start();
        let Some(rest) = after.strip_prefix("noqa") else { continue };
        let Some(codes) = rest.strip_prefix(':') else {
            // `# noqa` alone, or followed by words (`# noqa because …`), but not `# noqaxyz`.
            if rest.chars().next().is_none_or(|next| !next.is_alphanumeric()) {
                return Some((Noqa::All, line.len() - rest.len()));
            }
            continue;
        };
        // Codes are letters then digits, separated by commas or spaces; the list ends at the
        // first word that is not one.
        let start = line.len() - codes.len();
        let (mut rules, mut end) = (Vec::new(), start);
        let separator = |c: char| c == ',' || c.is_whitespace();
        while let Some(word_start) = line[end..].find(|c: char| !separator(c)).map(|at| end + at) {
            let word_end = line[word_start..].find(separator).map_or(line.len(), |at| word_start + at);
            if !is_code(&line[word_start..word_end]) {
                break;
            }
            rules.push(line[word_start..word_end].to_string());
            end = word_end;
        }
        return Some(if rules.is_empty() { (Noqa::All, start) } else { (Noqa::Rules(rules), end) });
    }
    None
}

fn is_code(part: &str) -> bool {
    let letters = part.bytes().take_while(u8::is_ascii_uppercase).count();
    letters > 0 && letters < part.len() && part.bytes().skip(letters).all(|byte| byte.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn noqa_comments_are_read_as_ruff_reads_them() {
        assert_eq!(on_line("@app.function(keep_warm=1)  # noqa"), Some(Noqa::All));
        assert_eq!(on_line("x = 1  # NOQA because reasons"), Some(Noqa::All));
        assert_eq!(on_line("x = 1  # noqa: MDL001"), Some(Noqa::Rules(vec!["MDL001".into()])));
        assert_eq!(
            on_line("x = 1  # noqa:MDL001,E501 MDL012 -- why"),
            Some(Noqa::Rules(vec!["MDL001".into(), "E501".into(), "MDL012".into()]))
        );
        assert_eq!(on_line("x = 1  # type: ignore # noqa: MDL003"), Some(Noqa::Rules(vec!["MDL003".into()])));
        assert_eq!(on_line("x = 1  # noqafoo"), None);
        assert_eq!(on_line("x = 1  # a comment"), None);
        assert!(!Noqa::Rules(vec!["E501".into()]).silences("MDL001"));
    }

    #[test]
    fn a_rule_is_added_to_the_list_or_in_a_new_comment() {
        assert_eq!(with_rule("x = 1", "MDL001"), "x = 1  # noqa: MDL001");
        assert_eq!(with_rule("x = 1   ", "MDL001"), "x = 1  # noqa: MDL001");
        assert_eq!(with_rule("x = 1  # noqa: E501 -- why", "MDL001"), "x = 1  # noqa: E501, MDL001 -- why");
        assert_eq!(with_rule("x = 1  # noqa:MDL002,E501", "MDL001"), "x = 1  # noqa:MDL002,E501, MDL001");
        let silenced = with_rule("x = 1  # a comment", "MDL003");
        assert!(on_line(&silenced).is_some_and(|noqa| noqa.silences("MDL003")), "{silenced}");
    }
}
