//! `modal-atlas check` as a user runs it: the binary on a fixture project and on projects
//! written into temporary folders, every option through the command line.

use std::collections::BTreeMap;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Runs `modal-atlas check ARGS` in `dir`.
fn check(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_modal-atlas")).arg("check").args(args).current_dir(dir).output().expect("runs")
}

/// Runs `modal-atlas check ARGS` in `dir`, and fails if it takes more than `limit` (killing it,
/// so a walk or a read that never ends fails the test instead of hanging it).
fn check_within(limit: Duration, dir: &Path, args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_modal-atlas"))
        .arg("check")
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    // Read as it comes, so a full pipe cannot stop the command.
    let drain = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            pipe.read_to_end(&mut bytes).expect("reads the pipe");
            bytes
        })
    };
    let stdout = drain(Box::new(child.stdout.take().unwrap()));
    let stderr = drain(Box::new(child.stderr.take().unwrap()));
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("waits") {
            break status;
        }
        if started.elapsed() > limit {
            child.kill().expect("kills");
            child.wait().expect("waits");
            panic!("`modal-atlas check {}` took more than {limit:?}", args.join(" "));
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    Output { status, stdout: stdout.join().unwrap(), stderr: stderr.join().unwrap() }
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// `line:column rule` for each problem, by file, from the JSON report.
fn found(output: &Output) -> BTreeMap<String, Vec<String>> {
    let findings: Vec<serde_json::Value> = serde_json::from_str(&stdout(output)).expect("a JSON report");
    let mut by_file: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for finding in findings {
        let place = format!(
            "{}:{} {}",
            finding["start"]["line"],
            finding["start"]["column"],
            finding["rule"].as_str().unwrap()
        );
        by_file.entry(finding["path"].as_str().unwrap().to_string()).or_default().push(place);
    }
    by_file
}

/// A temporary folder with `files` in it, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str, files: &[(&str, &str)]) -> Scratch {
        let dir = std::env::temp_dir().join(format!("atlas-cli-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        for (path, text) in files {
            let path = dir.join(path);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, text).unwrap();
        }
        Scratch(dir)
    }

    fn read(&self, path: &str) -> String {
        fs::read_to_string(self.0.join(path)).unwrap()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

const APP: &str = "import modal\n\napp = modal.App(\"t\")\n";
const BAD: &str = "from common import app\n\n\n@app.function(keep_warm=1)\ndef f():\n    return 1\n";

#[test]
fn the_fixture_project_gives_each_file_its_expected_problems() {
    let output = check(&fixtures(), &["project", "--output-format", "json"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let found = found(&output);
    let expected_dir = fixtures().join("project-expected");
    let mut files = 0;
    let mut stack = vec![fixtures().join("project")];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let relative = path.strip_prefix(fixtures().join("project")).unwrap().to_string_lossy().replace('\\', "/");
            let expected: Vec<String> = fs::read_to_string(expected_dir.join(format!("{relative}.txt")))
                .unwrap_or_else(|_| panic!("project-expected/{relative}.txt is missing"))
                .lines()
                .filter(|line| !line.starts_with('#') && !line.is_empty())
                .map(String::from)
                .collect();
            let got = found.get(&format!("project/{relative}")).cloned().unwrap_or_default();
            assert_eq!(got, expected, "project/{relative}");
            files += 1;
        }
    }
    assert_eq!(files, 8);
}

/// Each project under `fixtures/causes/` gives exactly the problems its `expected.txt` lists
/// (`file line:column rule | words of the message`): one project for each way code written for an
/// older client used to get past the checker.
#[test]
fn each_cause_fixture_gives_its_expected_problems() {
    let causes = fixtures().join("causes");
    let mut names: Vec<String> =
        fs::read_dir(&causes).unwrap().map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    let expected_names = [
        "assigned-values",
        "attribute-chains",
        "decorator-calls",
        "definition-values",
        "indirection",
        "package-root",
        "package-settings",
        "receiver-names",
        "removed-imports",
    ];
    assert_eq!(names, expected_names);
    for name in names {
        let dir = causes.join(&name);
        let output = check(&dir, &[".", "--output-format", "json"]);
        let findings: Vec<serde_json::Value> = serde_json::from_str(&stdout(&output)).expect("a JSON report");
        let got: Vec<(String, String)> = findings
            .iter()
            .map(|finding| {
                let place = format!(
                    "{} {}:{} {}",
                    finding["path"].as_str().unwrap(),
                    finding["start"]["line"],
                    finding["start"]["column"],
                    finding["rule"].as_str().unwrap()
                );
                (place, finding["message"].as_str().unwrap().to_string())
            })
            .collect();
        let expected: Vec<(String, String)> = fs::read_to_string(dir.join("expected.txt"))
            .unwrap()
            .lines()
            .filter(|line| !line.starts_with('#') && !line.is_empty())
            .map(|line| {
                let (place, words) = line.split_once(" | ").expect("`place | words` lines");
                (place.to_string(), words.to_string())
            })
            .collect();
        let places = |list: &[(String, String)]| list.iter().map(|(place, _)| place.clone()).collect::<Vec<_>>();
        assert_eq!(places(&got), places(&expected), "causes/{name}");
        for ((place, message), (_, words)) in got.iter().zip(&expected) {
            assert!(message.contains(words.as_str()), "causes/{name} {place}: {message:?} lacks {words:?}");
        }
    }
}

#[test]
fn verbose_notes_each_import_that_names_no_file_of_the_project_once() {
    // The standard library's modules are no files of the project either, but are not noted.
    let dir = Scratch::new(
        "verbose",
        &[
            ("pkg/__init__.py", ""),
            (
                "pkg/jobs.py",
                "import numpy\nimport os.path\nfrom typing import Any\nimport distutils\nfrom pkg.helpers import clean\n\
                 from .missing import thing\nfrom .common import app\nfrom .os import path\n",
            ),
            ("pkg/common.py", APP),
        ],
    );
    let output = check(&dir.0, &["pkg", "--verbose"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let notes: Vec<String> = stderr(&output).lines().map(String::from).collect();
    let note = |path: &str| {
        format!(
            "modal-atlas: note: pkg/jobs.py: `{path}` is no file of this project; what it defines is not known to the checks"
        )
    };
    assert_eq!(notes, [note("numpy"), note("pkg.helpers"), note(".missing"), note(".os")]);
    let quiet = check(&dir.0, &["pkg"]);
    assert_eq!(stderr(&quiet), "");
}

#[test]
fn the_project_is_found_from_any_current_folder() {
    // Run from outside the project, naming it by its absolute path.
    let elsewhere = std::env::temp_dir();
    let project = fixtures().join("project");
    let output = check(&elsewhere, &[project.to_str().unwrap(), "--output-format", "json"]);
    let problems: usize = found(&output).values().map(Vec::len).sum();
    assert_eq!(problems, 10, "{}", stdout(&output));
}

#[test]
fn one_file_named_alone_is_checked_with_the_modules_it_imports() {
    // As pre-commit runs it: only the changed file is named.
    let output = check(&fixtures(), &["project/shop/payments/refunds.py", "--output-format", "json"]);
    let found = found(&output);
    assert_eq!(
        found.keys().collect::<Vec<_>>(),
        ["project/shop/payments/refunds.py"],
        "imported modules are not reported"
    );
    assert_eq!(found["project/shop/payments/refunds.py"], ["9:15 MDL003"]);
}

#[test]
fn noqa_comments_silence_their_line() {
    let scratch = Scratch::new(
        "noqa",
        &[
            ("common.py", APP),
            (
                "a.py",
                "from common import app\n\n@app.function(keep_warm=1)  # noqa\ndef f(): ...\n@app.function(keep_warm=1)  # noqa: MDL001\ndef g(): ...\n@app.function(keep_warm=1)  # noqa: MDL012\ndef h(): ...\n",
            ),
        ],
    );
    let output = check(&scratch.0, &[".", "--output-format", "json"]);
    assert_eq!(found(&output)["a.py"], ["7:15 MDL001"]);
}

#[test]
fn text_output_and_exit_codes() {
    let scratch =
        Scratch::new("exit", &[("common.py", APP), ("bad.py", BAD), ("notes.txt", BAD), (".venv/lib.py", BAD)]);
    let output = check(&scratch.0, &["."]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stdout(&output),
        "bad.py:4:15: MDL001 [*] `keep_warm` was renamed to `min_containers`; the client raises DeprecationError \
         (deprecated 2025-02-24)\n1 error, 0 warnings in 2 files; 1 fixable with `--fix` (marked [*])\n",
        "only .py files are read, and .venv is skipped"
    );
    assert_eq!(check(&scratch.0, &["common.py"]).status.code(), Some(0));
    assert_eq!(stdout(&check(&scratch.0, &[])), stdout(&output), "no path is the current folder");
    let warning_only = Scratch::new(
        "warn",
        &[(
            "w.py",
            "import modal\napp = modal.App()\n@app.function(schedule=modal.Cron(\"0 25 * * *\"))\ndef f(): ...\n",
        )],
    );
    assert_eq!(check(&warning_only.0, &["."]).status.code(), Some(0), "warnings do not fail a run");
    let usage_errors: &[(&[&str], &str)] = &[
        (&[".", "--frobnicate"], "unexpected argument '--frobnicate' found"),
        (
            &[".", "--output-format", "yaml"],
            "invalid value 'yaml' for '--output-format <FORMAT>'\n  [possible values: text, json, github, sarif, junit]",
        ),
        (&[".", "--output", "sarif"], "invalid value 'sarif' for '--output <FORMAT:FILE>': expected FORMAT:FILE"),
        (&[".", "--select", "XYZ1"], "unknown rule selector `XYZ1`"),
        (&["missing.py"], "cannot read missing.py"),
        (&[".", "--fix", "--diff"], "the argument '--fix' cannot be used with '--diff'"),
    ];
    for (args, message) in usage_errors {
        let output = check(&scratch.0, args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(stderr(&output).contains(message), "{args:?}: {}", stderr(&output));
    }
}

#[test]
fn select_ignore_and_exclude_on_the_command_line() {
    let scratch = Scratch::new(
        "select",
        &[
            ("common.py", APP),
            ("bad.py", BAD),
            ("legacy.py", "import modal\nstub = modal.Stub()\n\n@stub.function(keep_warm=1)\ndef f(): ...\n"),
            ("generated/gen.py", BAD),
        ],
    );
    let rules = |args: &[&str]| {
        let mut all = vec![".", "--output-format", "json"];
        all.extend(args);
        found(&check(&scratch.0, &all))
    };
    assert_eq!(rules(&[])["legacy.py"], ["2:8 MDL012", "4:16 MDL001"]);
    assert!(rules(&[]).contains_key("generated/gen.py"));
    assert_eq!(rules(&["--select", "MDL012"])["legacy.py"], ["2:8 MDL012"]);
    assert_eq!(rules(&["--ignore", "MDL01"])["legacy.py"], ["4:16 MDL001"]);
    assert_eq!(rules(&["--select=MDL0", "--ignore", "MDL001,MDL012"]), BTreeMap::new());
    assert!(!rules(&["--exclude", "generated"]).contains_key("generated/gen.py"));
    fs::write(scratch.0.join("pyproject.toml"), "[tool.modal-atlas]\nselect = [\"MDL012\"]\n").unwrap();
    assert_eq!(rules(&[])["legacy.py"], ["2:8 MDL012"], "select from the configuration");
    assert_eq!(rules(&["--select", "MDL001"])["legacy.py"], ["4:16 MDL001"], "--select replaces it");
}

#[test]
fn pyproject_settings_are_found_by_walking_up() {
    let scratch = Scratch::new(
        "config",
        &[
            (
                "pyproject.toml",
                "[project]\nname = \"x\"\n\n[tool.modal-atlas]\nignore = [\"MDL012\"]\nexclude = [\"vendor\"]\n\
             target-version = \"1.2\"\n\n[tool.modal-atlas.per-file-ignores]\n\"tests/*.py\" = [\"MDL001\"]\n",
            ),
            ("src/common.py", APP),
            ("src/bad.py", "import modal\nstub = modal.Stub()\n\n@stub.function(keep_warm=1)\ndef f(): ...\n"),
            ("src/vendor/lib.py", BAD),
            ("tests/test_bad.py", "import modal\napp = modal.App()\n\n@app.function(keep_warm=1)\ndef f(): ...\n"),
        ],
    );
    // Run from a folder below the configuration: paths are shown from the configuration's folder.
    let output = check(&scratch.0.join("src"), &["..", "--output-format", "json"]);
    assert_eq!(found(&output), BTreeMap::from([("src/bad.py".to_string(), vec!["4:16 MDL001".to_string()])]));
    let override_output =
        check(&scratch.0, &[".", "--config", "pyproject.toml", "--output-format", "json", "--exclude", "nothing"]);
    assert!(found(&override_output).contains_key("src/vendor/lib.py"), "--exclude replaces the configuration's");

    let broken =
        Scratch::new("badconfig", &[("pyproject.toml", "[tool.modal-atlas]\nignor = [\"MDL001\"]\n"), ("a.py", APP)]);
    let output = check(&broken.0, &["."]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("in [tool.modal-atlas], unknown field `ignor`"), "{}", stderr(&output));
    let old = Scratch::new(
        "oldversion",
        &[("pyproject.toml", "[tool.modal-atlas]\ntarget-version = \"0.64\"\n"), ("a.py", APP)],
    );
    let output = check(&old.0, &["."]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains(
            "pyproject.toml: in [tool.modal-atlas], `target-version`: modal 0.64 is not a release the checker knows; \
             expected one from 1.0.0 to 1.6.4"
        ),
        "the message names the file and the key: {}",
        stderr(&output)
    );
    assert_eq!(
        check(&old.0, &[".", "--target-version", "1.6.4"]).status.code(),
        Some(0),
        "the flag overrides the file"
    );
    let output = check(&old.0, &[".", "--target-version", "latest"]);
    assert!(
        stderr(&output).contains("option `--target-version`: `latest` is not a version: expected major.minor"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_target_version_flags_what_arrived_after_it() {
    let uv = "import modal\nimage = modal.Image.debian_slim().uv_pip_install(\"torch\")\n";
    let scratch =
        Scratch::new("target", &[("uv.py", uv), ("pyproject.toml", "[tool.modal-atlas]\ntarget-version = \"1.0\"\n")]);
    assert_eq!(check(&scratch.0, &["."]).status.code(), Some(1), "uv_pip_install arrived after 1.0");
    assert_eq!(check(&scratch.0, &[".", "--target-version", "1.1.0"]).status.code(), Some(0));
}

#[test]
fn from_python_3_14_a_name_used_only_in_an_annotation_does_not_fail_the_import() {
    let code = "import modal\n\ndef f(gpu: modal.gpu.A100) -> None: ...\n";
    let scratch =
        Scratch::new("lazy", &[("a.py", code), ("pyproject.toml", "[tool.modal-atlas]\npython-version = \"3.14\"\n")]);
    assert_eq!(check(&scratch.0, &["."]).status.code(), Some(0), "{}", stdout(&check(&scratch.0, &["."])));
    let output = check(&scratch.0, &[".", "--python-version", "3.13"]);
    assert_eq!(output.status.code(), Some(1), "the flag overrides the file");
    assert!(stdout(&output).contains("a.py:3:12: MDL012"), "{}", stdout(&output));
}

#[test]
fn fix_writes_the_fixes_and_diff_shows_them() {
    let scratch = Scratch::new(
        "fix",
        &[
            ("common.py", APP),
            (
                "bad.py",
                "from common import app\n\n\n@app.function(keep_warm=1, concurrency_limit=2)\ndef f():\n    return 1\n",
            ),
        ],
    );
    let diff = check(&scratch.0, &[".", "--diff"]);
    assert_eq!(diff.status.code(), Some(1), "a fix would change a file");
    assert_eq!(
        stdout(&diff),
        "--- bad.py\n+++ bad.py\n@@ -1,6 +1,6 @@\n from common import app\n \n \n-@app.function(keep_warm=1, concurrency_limit=2)\n\
         +@app.function(min_containers=1, max_containers=2)\n def f():\n     return 1\n"
    );
    assert!(scratch.read("bad.py").contains("keep_warm"), "--diff writes nothing");
    let fixed = check(&scratch.0, &[".", "--fix"]);
    assert_eq!(fixed.status.code(), Some(0), "{}", stdout(&fixed));
    assert!(stdout(&fixed).contains("0 errors, 0 warnings in 2 files; 2 fixed"), "{}", stdout(&fixed));
    assert!(scratch.read("bad.py").contains("@app.function(min_containers=1, max_containers=2)"));
    assert_eq!(check(&scratch.0, &[".", "--diff"]).status.code(), Some(0), "nothing left to fix");
}

#[test]
fn unsafe_fixes_wait_for_their_flag() {
    let cache = "import modal\n\ncache = modal.Dict.from_name(\"c\")\ncache.put(\"k\", 1, ttl=60)\n";
    let scratch = Scratch::new("unsafe", &[("cache.py", cache)]);
    let output = check(&scratch.0, &["."]);
    assert!(!stdout(&output).contains("[*]"), "dropping `ttl=` is not offered as a safe fix: {}", stdout(&output));
    assert_eq!(check(&scratch.0, &[".", "--fix"]).status.code(), Some(1));
    assert_eq!(scratch.read("cache.py"), cache, "--fix leaves an unsafe fix");
    assert_eq!(check(&scratch.0, &[".", "--fix", "--unsafe-fixes"]).status.code(), Some(0));
    assert!(scratch.read("cache.py").contains("cache.put(\"k\", 1)"), "{}", scratch.read("cache.py"));
}

/// An unsafe fix says what it changes wherever it is offered: under its line in the text report,
/// in the JSON report, and in the SARIF fix's description and property bag.
#[test]
fn unsafe_fixes_say_what_they_change() {
    let cache = "import modal\n\ncache = modal.Dict.from_name(\"c\")\ncache.put(\"k\", 1, ttl=60)\n";
    let scratch = Scratch::new("unsafe-shown", &[("cache.py", cache)]);
    let reason = "drops the entry's time to live";
    let text = stdout(&check(&scratch.0, &["."]));
    assert!(text.contains(&format!("\n  unsafe fix, only with `--unsafe-fixes`: it {reason}")), "{text}");
    assert!(text.ends_with("; 1 unsafe fix left for `--unsafe-fixes`\n"), "{text}");
    let with_flag = stdout(&check(&scratch.0, &[".", "--unsafe-fixes"]));
    assert!(with_flag.contains(" MDL014 [*] `modal.Dict.put`"), "--unsafe-fixes applies it: {with_flag}");
    assert!(with_flag.contains(&format!("\n  unsafe fix: it {reason}")), "{with_flag}");
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&check(&scratch.0, &[".", "--output-format", "json"]))).unwrap();
    // MDL003 reports the keyword too, without a fix.
    let finding = json.as_array().into_iter().flatten().find(|finding| finding["rule"] == "MDL014");
    let unsafe_reason = finding.and_then(|f| f["fix"]["applicability"]["unsafe"].as_str()).unwrap_or_default();
    assert!(unsafe_reason.starts_with(reason), "{json}");
    let sarif: serde_json::Value =
        serde_json::from_str(&stdout(&check(&scratch.0, &[".", "--output-format", "sarif"]))).unwrap();
    let results = sarif["runs"][0]["results"].as_array().into_iter().flatten();
    let fix = &results.filter(|result| result["ruleId"] == "MDL014").map(|result| &result["fixes"][0]).next().unwrap();
    assert!(
        fix["description"]["text"].as_str().unwrap_or_default().contains(&format!("(unsafe: it {reason}")),
        "{fix}"
    );
    assert_eq!(fix["properties"]["applicability"]["unsafe"], unsafe_reason);
}

#[test]
fn a_junit_report_parses_whatever_the_file_names_hold() {
    // XML 1.0 cannot hold most control characters, which a file name on Linux may have.
    let scratch = Scratch::new("junit-names", &[("common.py", APP), ("odd\u{1b}[31m<&>\u{1}.py", BAD)]);
    let output = check(&scratch.0, &[".", "--output-format", "junit"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let junit = quick_junit::Report::deserialize_from_str(&stdout(&output)).expect("JUnit is XML");
    assert_eq!((junit.tests, junit.failures), (2, 1));
    let names: Vec<&str> = junit.test_suites.iter().map(|suite| suite.name.as_str()).collect();
    assert!(names.iter().any(|name| name.starts_with("odd") && name.contains("<&>")), "{names:?}");
}

#[test]
fn several_reports_in_one_run() {
    let scratch = Scratch::new("formats", &[("common.py", APP), ("bad.py", BAD)]);
    let output = check(
        &scratch.0,
        &[".", "--output-format", "github", "--output", "sarif:report.sarif", "--output", "junit:junit.xml"],
    );
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stdout(&output),
        "::error title=Modal Atlas (MDL001),file=bad.py,line=4,col=15,endLine=4,endColumn=24::MDL001 `keep_warm` was renamed \
         to `min_containers`; the client raises DeprecationError (deprecated 2025-02-24)\n"
    );
    let sarif: serde_json::Value = serde_json::from_str(&scratch.read("report.sarif")).expect("SARIF is JSON");
    let result = &sarif["runs"][0]["results"][0];
    assert_eq!(sarif["version"], "2.1.0");
    assert_eq!(sarif["runs"][0]["tool"]["driver"]["rules"][0]["id"], "MDL001");
    assert_eq!(result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "bad.py");
    let replacement = &result["fixes"][0]["artifactChanges"][0]["replacements"][0];
    let offset = BAD.find("keep_warm").unwrap();
    assert_eq!(replacement["deletedRegion"]["byteOffset"], offset);
    assert_eq!(replacement["deletedRegion"]["byteLength"], "keep_warm".len());
    assert_eq!(replacement["insertedContent"]["text"], "min_containers");
    let junit = quick_junit::Report::deserialize_from_str(&scratch.read("junit.xml")).expect("JUnit is XML");
    assert_eq!((junit.tests, junit.failures), (2, 1));
    let cases: Vec<_> = junit.test_suites.iter().flat_map(|suite| &suite.test_cases).collect();
    let clean = cases.iter().find(|case| case.classname.as_deref() == Some("common.py")).expect("common.py's case");
    assert_eq!(clean.name.as_str(), "no problems");
    let failed = cases.iter().find(|case| case.classname.as_deref() == Some("bad.py")).expect("bad.py's case");
    assert_eq!(failed.name.as_str(), "MDL001 at line 4, column 15");
    match &failed.status {
        quick_junit::TestCaseStatus::NonSuccess { ty, message, .. } => {
            assert_eq!(ty.as_deref(), Some("MDL001"));
            assert!(message.as_deref().is_some_and(|text| text.starts_with("`keep_warm` was renamed")), "{message:?}");
        }
        status => panic!("bad.py's case should fail, not {status:?}"),
    }
    // With only file reports asked for, standard output stays quiet.
    let quiet = check(&scratch.0, &[".", "--output", "json:report.json"]);
    assert_eq!(stdout(&quiet), "");
    assert_eq!(serde_json::from_str::<Vec<serde_json::Value>>(&scratch.read("report.json")).unwrap().len(), 1);
}

#[test]
fn files_of_real_size_are_read_and_larger_ones_refused_with_a_message() {
    // Generated ComfyUI apps are 310-330 KB: over the playground's limit, under the command line's.
    let filler = "# a generated node table\nNODES = {\"n\": 1}\n".repeat(9_000);
    let big = format!("{APP}{filler}\n@app.function(keep_warm=1)\ndef f(): ...\n");
    assert!(big.len() > 330 * 1024);
    let huge = format!("{APP}{}", "x = 1\n".repeat(2_000_000));
    let scratch = Scratch::new("big", &[("big.py", &big), ("huge.py", &huge)]);
    let found = found(&check(&scratch.0, &[".", "--output-format", "json"]));
    assert_eq!(found["big.py"].len(), 1);
    assert!(found["big.py"][0].ends_with("MDL001"));
    let output = check(&scratch.0, &["huge.py"]);
    assert!(
        stdout(&output).contains(&format!(
            "huge.py:1:1: MDL000 the code is {} bytes; the checker reads at most 10485760 bytes (10 MB) at once",
            huge.len()
        )),
        "{}",
        stdout(&output)
    );
}

#[test]
fn a_file_past_the_limit_is_refused_unread_with_its_exact_size() {
    let scratch = Scratch::new("sparse", &[("common.py", APP), ("bad.py", BAD)]);
    // Sparse files take no room on disk; reading the first whole took 20 s and 4 GB.
    for (name, bytes) in [("two_gib.py", 2u64 << 30), ("just_over.py", 10 * 1024 * 1024 + 1)] {
        fs::File::create(scratch.0.join(name)).unwrap().set_len(bytes).unwrap();
    }
    let output = check_within(Duration::from_secs(5), &scratch.0, &["."]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let text = stdout(&output);
    let limit = "the checker reads at most 10485760 bytes (10 MB) at once";
    assert!(text.contains(&format!("two_gib.py:1:1: MDL000 the code is 2147483648 bytes; {limit}")), "{text}");
    assert!(text.contains(&format!("just_over.py:1:1: MDL000 the code is 10485761 bytes; {limit}")), "{text}");
    assert!(text.contains("bad.py:4:15: MDL001"), "the other files are checked: {text}");
}

#[test]
fn a_file_that_is_not_utf8_is_its_own_problem_and_the_others_are_checked() {
    let scratch = Scratch::new("latin1", &[("common.py", APP), ("bad.py", BAD)]);
    fs::write(scratch.0.join("latin.py"), b"import modal\nname = '\xe9t\xe9'\n").unwrap();
    let output = check(&scratch.0, &["."]);
    assert_eq!(output.status.code(), Some(2), "a file could not be read");
    assert_eq!(
        stderr(&output),
        "modal-atlas: cannot read latin.py: byte 0xE9 at line 2, column 9 is not UTF-8; expected UTF-8 text, the \
         encoding Python reads source in\n"
    );
    let text = stdout(&output);
    assert!(text.starts_with("bad.py:4:15: MDL001"), "{text}");
    assert!(
        text.ends_with(
            "1 error, 0 warnings in 2 files; 1 fixable with `--fix` (marked [*]); 1 file could not be read\n"
        ),
        "{text}"
    );
}

#[cfg(unix)]
#[test]
fn pipes_and_devices_are_not_opened() {
    let scratch = Scratch::new("fifo", &[("common.py", APP)]);
    // Opening a pipe waits for a writer, for ever.
    assert!(Command::new("mkfifo").arg(scratch.0.join("waiting.py")).status().unwrap().success());
    let walked = check_within(Duration::from_secs(10), &scratch.0, &["."]);
    assert_eq!(walked.status.code(), Some(0), "a pipe in a folder is not a Python file: {}", stderr(&walked));
    let named = check_within(Duration::from_secs(10), &scratch.0, &["waiting.py", "/dev/zero", "common.py"]);
    assert_eq!(named.status.code(), Some(2));
    assert_eq!(
        stderr(&named),
        "modal-atlas: cannot read waiting.py: not a file or a folder\n\
         modal-atlas: cannot read /dev/zero: not a file or a folder\n"
    );
    assert!(stdout(&named).contains("in 1 file;"), "common.py is still checked: {}", stdout(&named));
}

#[cfg(unix)]
#[test]
fn linked_folders_are_walked_once_each_and_quickly() {
    use std::os::unix::fs::symlink;
    let scratch = Scratch::new("links", &[("common.py", APP), ("bad.py", BAD)]);
    // Two links to the folder itself: walking into each again grew the paths without end.
    symlink(".", scratch.0.join("again")).unwrap();
    symlink(".", scratch.0.join("and-again")).unwrap();
    // Twenty floors, each with two links to the next: a million paths to the top floor.
    for floor in 0..20 {
        let dir = scratch.0.join(format!("floors/{floor}"));
        fs::create_dir_all(&dir).unwrap();
        symlink(format!("../{}", floor + 1), dir.join("left")).unwrap();
        symlink(format!("../{}", floor + 1), dir.join("right")).unwrap();
    }
    fs::create_dir_all(scratch.0.join("floors/20")).unwrap();
    fs::write(scratch.0.join("floors/20/top.py"), BAD).unwrap();
    let output = check_within(Duration::from_secs(20), &scratch.0, &["."]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(stdout(&output).ends_with("2 errors, 0 warnings in 3 files; 2 fixable with `--fix` (marked [*])\n"));
    let found = found(&check_within(Duration::from_secs(20), &scratch.0, &[".", "--output-format", "json"]));
    assert_eq!(found.keys().collect::<Vec<_>>(), ["bad.py", "floors/20/top.py"], "each file once, by its real path");
}

#[test]
fn ignore_files_are_respected_as_git_and_ruff_read_them() {
    let scratch = Scratch::new(
        "gitignore",
        &[
            (".gitignore", "build/\n*_generated.py\n"),
            ("common.py", APP),
            ("bad.py", BAD),
            ("build/lib/out.py", BAD),
            ("api_generated.py", BAD),
            ("sub/.gitignore", "local.py\n"),
            ("sub/local.py", BAD),
            ("sub/kept.py", BAD),
            (".hidden/h.py", BAD),
        ],
    );
    let json = |args: &[&str]| found(&check(&scratch.0, &[args, &["--output-format", "json"]].concat()));
    // Outside a git repository a `.gitignore` means nothing, as to git itself.
    assert!(json(&["."]).contains_key("build/lib/out.py"));
    fs::create_dir(scratch.0.join(".git")).unwrap();
    assert_eq!(
        json(&["."]).keys().collect::<Vec<_>>(),
        [".hidden/h.py", "bad.py", "sub/kept.py"],
        "ignored files are left out; hidden folders are not, as Ruff walks them"
    );
    assert!(json(&["build/lib/out.py"]).contains_key("build/lib/out.py"), "a file named is checked, as Ruff does");
}

#[test]
fn configuration_errors_name_the_file_the_key_and_the_reason() {
    let cases = [
        ("exclude = [\"[\"]", "`exclude`: the glob `[` is not valid: unclosed character class; missing ']'"),
        ("per-file-ignores = { \"tests/{a\" = [\"MDL001\"] }", "`per-file-ignores`: the glob `tests/{a` is not valid"),
        ("per-file-ignores = { \"tests/*.py\" = [\"XYZ\"] }", "`per-file-ignores`: unknown rule selector `XYZ`"),
        ("select = [\"MDL9\"]", "`select`: unknown rule selector `MDL9`"),
        ("target-version = \"1.99\"", "`target-version`: modal 1.99 is not a release the checker knows"),
        ("python-version = \"py314\"", "`python-version`: `py314` is not a Python version: expected 3.minor"),
    ];
    for (setting, message) in cases {
        let config = format!("[tool.modal-atlas]\n{setting}\n");
        let scratch = Scratch::new("configerr", &[("pyproject.toml", &config), ("a.py", APP)]);
        let output = check(&scratch.0, &["."]);
        assert_eq!(output.status.code(), Some(2), "{setting}");
        assert!(
            stderr(&output).contains(&format!("pyproject.toml: in [tool.modal-atlas], {message}")),
            "{setting}: {}",
            stderr(&output)
        );
    }
    let scratch = Scratch::new("badglob", &[("a.py", APP)]);
    let output = check(&scratch.0, &[".", "--exclude", "["]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output)
            .contains("option `--exclude`: the glob `[` is not valid: unclosed character class; missing ']'"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn long_values_come_back_as_excerpts() {
    let scratch = Scratch::new("long", &[("a.py", APP)]);
    let selector = "MDL".repeat(2000);
    let output = check(&scratch.0, &[".", "--select", &selector]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        format!(
            "modal-atlas: option `--select`: unknown rule selector `{}…` (6000 characters): expected `ALL`, a rule id \
             such as `MDL001`, or a prefix of one such as `MDL0`\n",
            &selector[..60]
        )
    );
}
