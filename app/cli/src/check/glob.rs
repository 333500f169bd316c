//! The globs of `exclude` and `per-file-ignores`, read as Ruff reads them: a pattern without a
//! `/` matches any one part of the path (`migrations`, `*_pb2.py`, `__init__.py`); one with a
//! `/` matches the path from the configuration's folder (`tests/*.py`, `src/**/gen_*.py`). A
//! pattern that matches a folder matches everything in it. `*` and `?` stay within one part;
//! `**` spans any number of parts.

#[derive(Debug, Clone)]
pub struct Glob {
    parts: Vec<String>,
    anchored: bool,
}

impl Glob {
    pub fn new(pattern: &str) -> Result<Glob, String> {
        let trimmed = pattern.trim_start_matches("./").trim_end_matches('/');
        if trimmed.is_empty() {
            return Err(format!(
                "the glob `{pattern}` matches nothing: expected a file or folder pattern such as `tests/*.py`"
            ));
        }
        Ok(Glob { anchored: trimmed.contains('/'), parts: trimmed.split('/').map(String::from).collect() })
    }

    /// Whether the path (relative, `/`-separated) or a folder above it matches.
    pub fn matches(&self, path: &str) -> bool {
        let parts: Vec<&str> = path.split('/').filter(|part| !part.is_empty() && *part != ".").collect();
        if self.anchored {
            (1..=parts.len()).any(|end| parts_match(&self.parts, &parts[..end]))
        } else {
            parts.iter().any(|part| segment_match(self.parts[0].as_bytes(), part.as_bytes()))
        }
    }
}

fn parts_match(pattern: &[String], path: &[&str]) -> bool {
    match pattern.split_first() {
        None => path.is_empty(),
        Some((first, rest)) if first == "**" => (0..=path.len()).any(|skip| parts_match(rest, &path[skip..])),
        Some((first, rest)) => match path.split_first() {
            Some((part, path_rest)) => segment_match(first.as_bytes(), part.as_bytes()) && parts_match(rest, path_rest),
            None => false,
        },
    }
}

fn segment_match(pattern: &[u8], text: &[u8]) -> bool {
    match pattern.split_first() {
        None => text.is_empty(),
        Some((b'*', rest)) => (0..=text.len()).any(|skip| segment_match(rest, &text[skip..])),
        Some((b'?', rest)) => !text.is_empty() && segment_match(rest, &text[1..]),
        Some((byte, rest)) => text.first() == Some(byte) && segment_match(rest, &text[1..]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(pattern: &str, path: &str) -> bool {
        Glob::new(pattern).unwrap().matches(path)
    }

    #[test]
    fn globs_match_as_ruff_reads_them() {
        assert!(matches("__init__.py", "pkg/sub/__init__.py"));
        assert!(matches("generated", "src/generated/a.py"), "a folder name excludes what is in it");
        assert!(matches("*_pb2.py", "api/v1/x_pb2.py"));
        assert!(!matches("*_pb2.py", "api/v1/x_pb3.py"));
        assert!(matches("tests/*.py", "tests/test_a.py"));
        assert!(!matches("tests/*.py", "src/tests/test_a.py"), "a pattern with a slash starts at the base");
        assert!(!matches("tests/*.py", "tests/unit/test_a.py"), "`*` stays within one part");
        assert!(matches("src/**/gen_*.py", "src/a/b/gen_x.py"));
        assert!(matches("src/**/gen_*.py", "src/gen_x.py"));
        assert!(matches("./build/", "build/lib/a.py"));
        assert!(Glob::new("/").is_err());
    }
}
