//! `# noqa` comments, as Ruff and flake8 read them: `# noqa` at the end of a line silences every
//! problem that starts on it, `# noqa: MDL001, MDL012` only those rules (other tools' codes in the
//! same list, such as `E501`, are left to those tools).

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

/// The `# noqa` comment on `line`, if it has one.
pub fn on_line(line: &str) -> Option<Noqa> {
    let lower = line.to_ascii_lowercase();
    let mut search = 0;
    while let Some(hash) = lower[search..].find('#').map(|at| at + search) {
        search = hash + 1;
        let after = lower[hash + 1..].trim_start();
        let Some(rest) = after.strip_prefix("noqa") else { continue };
        let Some(codes) = rest.strip_prefix(':') else {
            // `# noqa` alone, or followed by words (`# noqa because …`), but not `# noqaxyz`.
            if rest.chars().next().is_none_or(|next| !next.is_alphanumeric()) {
                return Some(Noqa::All);
            }
            continue;
        };
        // Codes are letters then digits, separated by commas or spaces; the list ends at the
        // first word that is not one.
        let start = line.len() - codes.len();
        let rules = line[start..]
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|part| !part.is_empty())
            .take_while(|part| is_code(part))
            .map(String::from)
            .collect::<Vec<_>>();
        return Some(if rules.is_empty() { Noqa::All } else { Noqa::Rules(rules) });
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
}
