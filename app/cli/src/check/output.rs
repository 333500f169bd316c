//! The report in each format `check` writes: `text` for people, `json` for scripts, `github` for
//! workflow annotations, `sarif` for code-scanning tools (with the fixes), `junit` for CI test
//! views. Where fixes are shown (text, json, sarif), each says whether it is safe, and what an
//! unsafe one changes.

use atlas_checker::{Diagnostic, Severity};
use quick_junit::{NonSuccessKind, TestCase, TestCaseStatus, TestSuite};
use serde::Serialize;
use serde_json::{Value, json};

/// A report's format, as `--output-format` and `--output` name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A line a problem, for people
    Text,
    /// A list of the problems, for scripts
    Json,
    /// Workflow commands, which GitHub Actions shows as annotations on the pull request
    Github,
    /// SARIF 2.1.0 with the fixes, for code scanning
    Sarif,
    /// JUnit XML, for CI test views
    Junit,
}

/// One checked file and what was found in it (after `noqa` and the rule selection).
pub struct FileReport {
    /// `/`-separated, as the command line named it.
    pub path: String,
    pub diagnostics: Vec<Diagnostic>,
}

pub struct Report {
    pub files: Vec<FileReport>,
    /// Problems `--fix` fixed (they are no longer in `files`).
    pub fixed: usize,
    /// Whether `--fix` would apply unsafe fixes too (`--unsafe-fixes`), for the text's `[*]`.
    pub unsafe_fixes: bool,
    /// Files that could not be read (each one's reason is on standard error).
    pub unread: usize,
}

impl Report {
    fn all(&self) -> impl Iterator<Item = (&str, &Diagnostic)> {
        self.files.iter().flat_map(|file| file.diagnostics.iter().map(move |d| (file.path.as_str(), d)))
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.all().filter(|(_, d)| d.severity == severity).count()
    }

    pub fn render(&self, format: Format) -> String {
        match format {
            Format::Text => self.text(),
            Format::Json => self.json(),
            Format::Github => self.github(),
            Format::Sarif => self.sarif(),
            Format::Junit => self.junit(),
        }
    }

    fn text(&self) -> String {
        let mut out = String::new();
        for (path, d) in self.all() {
            let kind = if d.severity == Severity::Error { "" } else { " (warning)" };
            let fixable = if super::fix_applies(d, self.unsafe_fixes) { " [*]" } else { "" };
            out += &format!("{path}:{}:{}: {}{kind}{fixable} {}\n", d.start.line, d.start.column, d.rule, d.message);
            if let Some(reason) = d.fix.as_ref().and_then(|fix| fix.applicability.unsafe_reason()) {
                let when = if self.unsafe_fixes { "" } else { ", only with `--unsafe-fixes`" };
                out += &format!("  unsafe fix{when}: it {reason}\n");
            }
        }
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        out += &format!(
            "{}, {} in {}",
            plural(self.count(Severity::Error), "error"),
            plural(self.count(Severity::Warning), "warning"),
            plural(self.files.len(), "file")
        );
        let fixable = self.all().filter(|(_, d)| super::fix_applies(d, self.unsafe_fixes)).count();
        if self.fixed > 0 {
            out += &format!("; {} fixed", self.fixed);
        }
        if fixable > 0 {
            out += &format!("; {fixable} fixable with `--fix` (marked [*])");
        }
        let left = self.all().filter(|(_, d)| d.fix.is_some() && !super::fix_applies(d, self.unsafe_fixes)).count();
        if left > 0 {
            out += &format!("; {left} unsafe fix{} left for `--unsafe-fixes`", if left == 1 { "" } else { "es" });
        }
        if self.unread > 0 {
            out += &format!("; {} could not be read", plural(self.unread, "file"));
        }
        out.push('\n');
        out
    }

    fn json(&self) -> String {
        #[derive(Serialize)]
        struct Finding<'a> {
            path: &'a str,
            #[serde(flatten)]
            diagnostic: &'a Diagnostic,
        }
        let findings: Vec<Finding> = self.all().map(|(path, diagnostic)| Finding { path, diagnostic }).collect();
        serde_json::to_string_pretty(&findings).expect("diagnostics serialize") + "\n"
    }

    /// Workflow commands, which GitHub Actions shows as annotations on the pull request's lines.
    fn github(&self) -> String {
        let property = |text: &str| escape_data(text).replace(':', "%3A").replace(',', "%2C");
        self.all()
            .map(|(path, d)| {
                let level = if d.severity == Severity::Error { "error" } else { "warning" };
                format!(
                    "::{level} title={},file={},line={},col={},endLine={},endColumn={}::{}\n",
                    property(&format!("Modal Atlas ({})", d.rule)),
                    property(path),
                    d.start.line,
                    d.start.column,
                    d.end.line,
                    d.end.column,
                    escape_data(&format!("{} {}", d.rule, d.message))
                )
            })
            .collect()
    }

    /// SARIF 2.1.0: one run, the rules that were found, each result with its fix.
    fn sarif(&self) -> String {
        let mut rule_ids: Vec<&str> = self.all().map(|(_, d)| d.rule.as_str()).collect();
        rule_ids.sort_unstable();
        rule_ids.dedup();
        let rules: Vec<Value> = rule_ids
            .iter()
            .map(|id| match atlas_checker::rules::all().find(|rule| rule.id == *id) {
                Some(rule) => json!({
                    "id": rule.id,
                    "name": rule.name,
                    "shortDescription": { "text": rule.summary },
                    "fullDescription": { "text": rule.why },
                    "defaultConfiguration": { "level": level(rule.severity) },
                }),
                None => json!({ "id": id, "shortDescription": { "text": "The file could not be read as Python." } }),
            })
            .collect();
        let results: Vec<Value> = self
            .all()
            .map(|(path, d)| {
                let mut result = json!({
                    "ruleId": d.rule,
                    "level": level(d.severity),
                    "message": { "text": d.message },
                    "locations": [{ "physicalLocation": {
                        "artifactLocation": { "uri": path },
                        "region": {
                            "startLine": d.start.line,
                            "startColumn": d.start.column,
                            "endLine": d.end.line,
                            "endColumn": d.end.column,
                        },
                    }}],
                });
                if let Some(fix) = &d.fix {
                    let replacements: Vec<Value> = fix
                        .edits
                        .iter()
                        .map(|edit| {
                            json!({
                                "deletedRegion": { "byteOffset": edit.start, "byteLength": edit.end - edit.start },
                                "insertedContent": { "text": edit.replacement },
                            })
                        })
                        .collect();
                    // SARIF has no field for a fix's safety: the description says it to people, and the
                    // property bag to tools, in the JSON report's form.
                    let description = match fix.applicability.unsafe_reason() {
                        None => fix.title.clone(),
                        Some(reason) => format!("{} (unsafe: it {reason})", fix.title),
                    };
                    result["fixes"] = json!([{
                        "description": { "text": description },
                        "properties": { "applicability": fix.applicability },
                        "artifactChanges": [{ "artifactLocation": { "uri": path }, "replacements": replacements }],
                    }]);
                }
                result
            })
            .collect();
        let sarif = json!({
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [{
                "tool": { "driver": {
                    "name": "modal-atlas",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": rules,
                }},
                "columnKind": "unicodeCodePoints",
                "results": results,
            }],
        });
        serde_json::to_string_pretty(&sarif).expect("SARIF serializes") + "\n"
    }

    /// One test suite a file, one failing test case a problem (a clean file has one passing case).
    /// quick-junit writes the XML: escaping, the counts, and leaving out the characters XML 1.0
    /// cannot hold (a control character in a file name, say), so the report always parses.
    fn junit(&self) -> String {
        let mut report = quick_junit::Report::new("modal-atlas");
        for file in &self.files {
            let mut suite = TestSuite::new(file.path.as_str());
            if file.diagnostics.is_empty() {
                let mut clean = TestCase::new("no problems", TestCaseStatus::success());
                clean.set_classname(file.path.as_str());
                suite.add_test_case(clean);
            }
            for d in &file.diagnostics {
                let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
                status.set_type(d.rule.as_str()).set_message(d.message.as_str()).set_description(format!(
                    "{}:{}:{}: {} {}",
                    file.path, d.start.line, d.start.column, d.rule, d.message
                ));
                let name = format!("{} at line {}, column {}", d.rule, d.start.line, d.start.column);
                let mut case = TestCase::new(name, status);
                case.set_classname(file.path.as_str());
                suite.add_test_case(case);
            }
            report.add_test_suite(suite);
        }
        report.to_string().expect("a JUnit report of strings serializes")
    }
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// A workflow command's message: `%`, CR and LF are escaped, as the Actions runner expects.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}
