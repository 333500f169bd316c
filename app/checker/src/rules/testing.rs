//! What every folder's unit tests ask of its rules, in one place.

use super::Rule;
use crate::{Diagnostic, SYNTAX_ERROR, apply_fix, check};

/// The diagnostics `rules` give for `source`, from the whole checker.
pub(crate) fn diagnostics_of(source: &str, rules: &[&Rule]) -> Vec<Diagnostic> {
    check(source).into_iter().filter(|d| rules.iter().any(|rule| rule.id == d.rule)).collect()
}

/// `source` with its one diagnostic of `rule` fixed.
pub(crate) fn fixed(source: &str, rule: &str) -> String {
    let diagnostics: Vec<_> = check(source).into_iter().filter(|d| d.rule == rule).collect();
    assert_eq!(diagnostics.len(), 1, "{source}: {diagnostics:#?}");
    apply_fix(source, diagnostics[0].fix.as_ref().expect("a fix"))
}

/// Every fix of `rules`, applied alone, adds no syntax error and leaves one problem of its rule
/// less.
pub(crate) fn assert_fixes_hold(source: &str, rules: &[&Rule]) {
    let syntax_errors = |text: &str| check(text).iter().filter(|d| d.rule == SYNTAX_ERROR).count();
    for diagnostic in diagnostics_of(source, rules) {
        let Some(fix) = &diagnostic.fix else { continue };
        let fixed = apply_fix(source, fix);
        assert!(syntax_errors(&fixed) <= syntax_errors(source), "{fixed}");
        let count = |text: &str| check(text).iter().filter(|d| d.rule == diagnostic.rule).count();
        assert_eq!(count(&fixed), count(source) - 1, "{fixed}");
    }
}

/// `source` as it is typed, one character at a time: checking each prefix and applying its fixes
/// must not panic, and the whole must keep its fixes.
pub(crate) fn assert_survives_typing(source: &str, rules: &[&Rule]) {
    for end in (0..=source.len()).filter(|end| source.is_char_boundary(*end)) {
        let prefix = &source[..end];
        for diagnostic in diagnostics_of(prefix, rules) {
            if let Some(fix) = &diagnostic.fix {
                apply_fix(prefix, fix);
            }
        }
    }
    assert_fixes_hold(source, rules);
}

/// The `bad.py` fixture of each of `rules`.
pub(crate) fn bad_fixtures(rules: &[&Rule]) -> Vec<String> {
    rules
        .iter()
        .map(|rule| {
            let path = format!("{}/tests/fixtures/{}/bad.py", env!("CARGO_MANIFEST_DIR"), rule.id);
            std::fs::read_to_string(&path).unwrap_or_else(|err| panic!("{path}: {err}"))
        })
        .collect()
}
