//! Every rule's report on its `bad.py`, against a reviewed snapshot in `tests/snapshots/<ID>.snap`:
//! each diagnostic's range (line:column to line:column, the end just after the last character,
//! with the code it covers marked), rule, severity and message, and its fix as a diff with its
//! applicability. A changed word, column or fix shows
//! up in review. A snapshot that does not match fails the test and leaves the new report beside
//! it as `<ID>.snap.new`; after reading it, `INSTA_UPDATE=always cargo test -p atlas-checker
//! --test snapshots` accepts every new report (or rename the `.snap.new` file).

use std::fmt::Write;
use std::fs;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

use atlas_checker::rules::{Rule, all as rules};
use atlas_checker::{Applicability, Diagnostic, apply_fix, check};

#[test]
fn every_rule_reports_its_bad_fixture_as_reviewed() {
    let mut changed = Vec::new();
    for rule in rules() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(rule.id).join("bad.py");
        let source = fs::read_to_string(&path).unwrap_or_else(|err| panic!("{}: {err}", path.display()));
        let mut settings = insta::Settings::clone_current();
        settings.set_prepend_module_to_snapshot(false);
        settings.set_omit_expression(true);
        settings.set_input_file(&path);
        settings.set_description(format!("{} {}", rule.id, rule.name));
        let report = report(rule, &source);
        // Every rule's snapshot is compared (and its diff printed) before the test fails.
        let compared = catch_unwind(AssertUnwindSafe(|| {
            settings.bind(|| insta::assert_snapshot!(rule.id, report));
        }));
        if compared.is_err() {
            changed.push(rule.id);
        }
    }
    assert!(changed.is_empty(), "reports that differ from their reviewed snapshots: {changed:?}");
}

/// The diagnostics of `rule` in `source`, one paragraph each.
fn report(rule: &Rule, source: &str) -> String {
    let found: Vec<Diagnostic> = check(source).into_iter().filter(|d| d.rule == rule.id).collect();
    let paragraphs: Vec<String> = found.iter().map(|d| paragraph(d, source)).collect();
    paragraphs.join("\n")
}

fn paragraph(d: &Diagnostic, source: &str) -> String {
    let severity = format!("{:?}", d.severity).to_lowercase();
    let mut text = format!(
        "{}:{}-{}:{} {} {severity}\nmessage: {}\n{}",
        d.start.line,
        d.start.column,
        d.end.line,
        d.end.column,
        d.rule,
        d.message,
        marked(d, source)
    );
    if let Some(fix) = &d.fix {
        let applicability = match &fix.applicability {
            Applicability::Safe => "safe".to_string(),
            Applicability::Unsafe(reason) => format!("unsafe, it {reason}"),
        };
        let fixed = apply_fix(source, fix);
        let diff = similar::TextDiff::from_lines(source, &fixed);
        let _ = write!(
            text,
            "fix: {}\napplicability: {applicability}\n{}",
            fix.title,
            diff.unified_diff().context_radius(1)
        );
    }
    text
}

/// The lines the diagnostic spans, each under its number, with `^` under the characters it
/// covers (one `^` where it covers none).
fn marked(d: &Diagnostic, source: &str) -> String {
    let mut text = String::new();
    for number in d.start.line..=d.end.line {
        let line = source.lines().nth(number - 1).unwrap_or("");
        let from = if number == d.start.line { d.start.column - 1 } else { 0 };
        let to = if number == d.end.line { d.end.column - 1 } else { line.chars().count() };
        let _ = writeln!(text, "{number:>4} | {line}");
        let _ = writeln!(text, "     | {}{}", " ".repeat(from), "^".repeat(to.saturating_sub(from).max(1)));
    }
    text
}
