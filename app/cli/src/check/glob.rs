//! The globs of `exclude` and `per-file-ignores`, read as Ruff reads them: a pattern without a
//! `/` matches any one part of the path (`migrations`, `*_pb2.py`, `__init__.py`); one with a
//! `/` matches the path from the configuration's folder (`tests/*.py`, `src/**/gen_*.py`). A
//! pattern that matches a folder matches everything in it. `*`, `?` and `[…]` stay within one
//! part; `**` spans any number of parts; `{a,b}` is either. Patterns are compiled by `globset`,
//! Ruff's glob engine, which refuses a malformed one (`[`) with the reason.

use globset::{GlobBuilder, GlobMatcher};

use atlas_input::quote;

#[derive(Debug, Clone)]
pub struct Glob {
    matcher: GlobMatcher,
    anchored: bool,
}

impl Glob {
    pub fn new(pattern: &str) -> Result<Glob, String> {
        let trimmed = pattern.trim_start_matches("./").trim_end_matches('/');
        if trimmed.is_empty() {
            return Err(format!(
                "the glob {} matches nothing: expected a file or folder pattern such as `tests/*.py`",
                quote(pattern)
            ));
        }
        let glob = GlobBuilder::new(trimmed).literal_separator(true).build().map_err(|err| {
            format!(
                "the glob {} is not valid: {}; expected a pattern such as `tests/*.py` or `src/**/gen_*.py`",
                quote(pattern),
                err.kind()
            )
        })?;
        Ok(Glob { matcher: glob.compile_matcher(), anchored: trimmed.contains('/') })
    }

    /// Whether the path (relative, `/`-separated) or a folder above it matches.
    pub fn matches(&self, path: &str) -> bool {
        let parts: Vec<&str> = path.split('/').filter(|part| !part.is_empty() && *part != ".").collect();
        if self.anchored {
            (1..=parts.len()).any(|end| self.matcher.is_match(parts[..end].join("/")))
        } else {
            parts.iter().any(|part| self.matcher.is_match(part))
        }
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
        assert!(matches("{gen,vendor}", "src/vendor/a.py"));
        assert!(matches("test_[ab].py", "tests/test_b.py"));
        assert!(!matches("test_[ab].py", "tests/test_c.py"));
        assert!(Glob::new("/").is_err());
    }

    #[test]
    fn a_malformed_glob_is_refused_with_the_reason() {
        assert_eq!(
            Glob::new("[").unwrap_err(),
            "the glob `[` is not valid: unclosed character class; missing ']'; expected a pattern such as \
             `tests/*.py` or `src/**/gen_*.py`"
        );
        assert!(Glob::new("src/{a,b").unwrap_err().contains("unclosed alternate group"));
    }

    #[test]
    fn many_stars_match_in_linear_time() {
        // The hand-written matcher this replaced backtracked once per `*`.
        let pattern = format!("{}b", "*a".repeat(30));
        let started = std::time::Instant::now();
        assert!(!matches(&pattern, &"a".repeat(200)));
        assert!(started.elapsed() < std::time::Duration::from_secs(1));
    }
}
