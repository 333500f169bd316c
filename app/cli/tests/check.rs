//! `modal-atlas check` as a user runs it: the binary on a fixture project and on projects
//! written into temporary folders, every option through the command line.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Runs `modal-atlas check ARGS` in `dir`.
fn check(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_modal-atlas")).arg("check").args(args).current_dir(dir).output().expect("runs")
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
        (&[".", "--frobnicate"], "unknown option `--frobnicate`"),
        (
            &[".", "--output-format", "yaml"],
            "unknown output format `yaml`: expected `text`, `json`, `github`, `sarif` or `junit`",
        ),
        (&[".", "--output", "sarif"], "option `--output` expects `FORMAT:PATH`"),
        (&[".", "--select", "XYZ1"], "unknown rule selector `XYZ1`"),
        (&["missing.py"], "cannot read missing.py"),
        (&[".", "--fix", "--diff"], "give one of the two"),
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
            "target version: modal 0.64 is not a release the checker knows; expected one from 1.0.0 to 1.6.4"
        ),
        "{}",
        stderr(&output)
    );
    assert_eq!(
        check(&old.0, &[".", "--target-version", "1.6.4"]).status.code(),
        Some(0),
        "the flag overrides the file"
    );
    let output = check(&old.0, &[".", "--target-version", "latest"]);
    assert!(
        stderr(&output).contains("target version: `latest` is not a version: expected major.minor"),
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
    let junit = scratch.read("junit.xml");
    assert!(junit.contains("<testsuites name=\"modal-atlas\" tests=\"2\" failures=\"1\">"), "{junit}");
    assert!(junit.contains("<testcase name=\"no problems\" classname=\"common.py\"/>"), "{junit}");
    assert!(junit.contains("<failure type=\"MDL001\""), "{junit}");
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
        stdout(&output)
            .contains("huge.py:1:1: MDL000 the code is 11718 KB; the checker reads at most 10240 KB at once"),
        "{}",
        stdout(&output)
    );
}
