//! Every rule against its fixtures: `bad.py` must give exactly the diagnostics its
//! `# expect: ID` comments name, on those lines; `good.py` must give none of that rule; every
//! fix must leave code that parses and no longer has the problem it fixed.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use atlas_checker::rules::all as rules;
use atlas_checker::{SYNTAX_ERROR, apply_fix, check};

fn fixture(rule: &str, name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(rule).join(name);
    fs::read_to_string(&path).unwrap_or_else(|err| panic!("{}: {err}", path.display()))
}

/// Line number to the rule ids expected there, from `# expect:` comments.
fn expected(source: &str, rule: &str) -> BTreeMap<usize, usize> {
    let mut lines = BTreeMap::new();
    for (at, line) in source.lines().enumerate() {
        if let Some((_, ids)) = line.split_once("# expect:") {
            let count = ids.split_whitespace().filter(|id| *id == rule).count();
            if count > 0 {
                lines.insert(at + 1, count);
            }
        }
    }
    lines
}

#[test]
fn every_rule_has_fixtures_and_documentation() {
    for rule in rules() {
        assert!(rule.id.starts_with("MDL") && rule.id.len() == 6, "{}", rule.id);
        for text in [rule.name, rule.summary, rule.why, rule.bad, rule.good] {
            assert!(!text.trim().is_empty(), "{} has an empty documentation field", rule.id);
        }
        let bad = fixture(rule.id, "bad.py");
        assert!(!expected(&bad, rule.id).is_empty(), "{}/bad.py expects nothing", rule.id);
    }
}

#[test]
fn bad_fixtures_give_exactly_the_expected_diagnostics() {
    for rule in rules() {
        let source = fixture(rule.id, "bad.py");
        let mut found: BTreeMap<usize, usize> = BTreeMap::new();
        for diagnostic in check(&source).iter().filter(|d| d.rule == rule.id) {
            *found.entry(diagnostic.start.line).or_default() += 1;
        }
        assert_eq!(found, expected(&source, rule.id), "{}/bad.py: line -> count of {}", rule.id, rule.id);
        let syntax: Vec<_> = check(&source).into_iter().filter(|d| d.rule == SYNTAX_ERROR).collect();
        assert!(syntax.is_empty(), "{}/bad.py has syntax errors: {syntax:?}", rule.id);
    }
}

#[test]
fn an_unknown_keyword_is_reported_once() {
    // MDL003 reports every keyword a callee does not take; where a rule of its own says more about
    // one, the reader should see that rule alone, not the same problem twice.
    for rule in rules() {
        let source = fixture(rule.id, "bad.py");
        let found = check(&source);
        for unknown in found.iter().filter(|d| d.rule == "MDL003") {
            let twice: Vec<_> = found.iter().filter(|d| d.rule != "MDL003" && d.start == unknown.start).collect();
            assert!(twice.is_empty(), "{}/bad.py: {unknown:?} is also {twice:?}", rule.id);
        }
    }
}

#[test]
fn good_fixtures_give_nothing_of_their_rule() {
    for rule in rules() {
        let source = fixture(rule.id, "good.py");
        let found: Vec<_> =
            check(&source).into_iter().filter(|d| d.rule == rule.id || d.rule == SYNTAX_ERROR).collect();
        assert!(found.is_empty(), "{}/good.py: {found:#?}", rule.id);
    }
}

#[test]
fn every_fix_parses_and_removes_its_problem() {
    for rule in rules() {
        let source = fixture(rule.id, "bad.py");
        let before = check(&source).into_iter().filter(|d| d.rule == rule.id).count();
        for diagnostic in check(&source).into_iter().filter(|d| d.rule == rule.id) {
            let Some(fix) = &diagnostic.fix else { continue };
            let fixed = apply_fix(&source, fix);
            let after = check(&fixed);
            assert!(
                after.iter().all(|d| d.rule != SYNTAX_ERROR),
                "{}: fix `{}` broke the syntax:\n{fixed}",
                rule.id,
                fix.title
            );
            assert_eq!(
                after.iter().filter(|d| d.rule == rule.id).count(),
                before - 1,
                "{}: fix `{}` did not remove its problem",
                rule.id,
                fix.title
            );
        }
    }
}

/// The rule pages show `bad` and `good` as they are, under the imports every page assumes.
const DOC_PREAMBLE: &str = "import modal\n\napp = modal.App()\n\n\n";

#[test]
fn documented_examples_show_what_they_say() {
    for rule in rules() {
        let bad = format!("{DOC_PREAMBLE}{}\n", rule.bad);
        let good = format!("{DOC_PREAMBLE}{}\n", rule.good);
        let ids = |source: &str| check(source).into_iter().map(|d| d.rule).collect::<Vec<_>>();
        assert!(ids(&bad).iter().any(|id| id == rule.id), "{}: the bad example does not trigger it", rule.id);
        let found = ids(&good);
        assert!(
            !found.iter().any(|id| id == rule.id || id == SYNTAX_ERROR),
            "{}: the good example gives {found:?}",
            rule.id
        );
    }
}

/// An unsafe fix's reason is read after "this fix" (the rules page, the playground) and "it" (the
/// command line's report): one line, starting in lower case, with no full stop of its own.
#[test]
fn unsafe_fixes_give_a_reason_that_reads_after_this_fix() {
    let reasons: Vec<(&str, &str)> =
        rules().filter_map(|rule| Some((rule.id, rule.fix.as_ref()?.applicability.unsafe_reason()?))).collect();
    assert!(!reasons.is_empty(), "no rule declares an unsafe fix");
    for (id, reason) in reasons {
        let starts_lower = reason.chars().next().is_some_and(char::is_lowercase);
        assert!(starts_lower && !reason.contains('\n') && !reason.ends_with('.'), "{id}: {reason:?}");
    }
}

/// A message that names an app's method names it as the code does: `@stub.function()` for an
/// app called `stub`, never an `@app.function()` the code does not have.
#[test]
fn messages_name_the_app_as_the_code_names_it() {
    let source = "import modal\n\
                  stub = modal.App()\n\
                  @stub.cls()\n\
                  class Model:\n    \
                      size: list = modal.parameter()\n    \
                      def __init__(self):\n        \
                          pass\n    \
                      @modal.concurrent(max_inputs=2)\n    \
                      @modal.method()\n    \
                      def run(self):\n        \
                          pass\n\
                  @stub.function()\n\
                  @modal.enter()\n\
                  @modal.concurrent(max_inputs=4, target_inputs=1.5)\n\
                  def load():\n    \
                      pass\n\
                  sandbox = modal.Sandbox.create(gpu=[\"A10G\"], app=stub)\n";
    let found = check(source);
    let rules_found: Vec<&str> = found.iter().map(|d| d.rule.as_str()).collect();
    assert_eq!(rules_found, ["MDL009", "MDL009", "MDL007", "MDL008", "MDL007", "MDL011"], "{found:#?}");
    for diagnostic in &found {
        assert!(diagnostic.message.contains("@stub."), "{}", diagnostic.message);
        assert!(!diagnostic.message.contains("@app."), "{}", diagnostic.message);
    }
}
