//! `modal-atlas check`: the snippet checker on files, for CI and pre-commit hooks.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use atlas_checker::api::{RELEASES, Version};
use atlas_checker::{Diagnostic, Options, Severity, check_with};
use serde::Serialize;

use crate::args::Args;

/// Folders never searched: tools' and environments' own files.
const SKIPPED_DIRS: &[&str] = &[".git", ".venv", "venv", "node_modules", "target", "__pycache__", ".tox"];

#[derive(Serialize)]
struct Finding<'a> {
    path: String,
    #[serde(flatten)]
    diagnostic: &'a Diagnostic,
}

pub fn run(mut args: Args) -> Result<ExitCode, String> {
    let format = args.get("format", None, "text");
    let target = args.get("target-version", None, "");
    let paths = args.take_positional();
    args.finish()?;
    let options = Options { target_version: if target.is_empty() { None } else { Some(target_version(&target)?) } };
    if !matches!(format.as_str(), "text" | "json") {
        return Err(format!("option `--format` expects `text` or `json`, found `{format}`"));
    }
    if paths.is_empty() {
        return Err("expected at least one file or folder to check".into());
    }
    let mut files = Vec::new();
    for path in &paths {
        collect(Path::new(path), &mut files)?;
    }
    let mut results: Vec<(String, Vec<Diagnostic>)> = Vec::new();
    for file in &files {
        let bytes = fs::read(file).map_err(|err| format!("cannot read {}: {err}", file.display()))?;
        let Ok(source) = String::from_utf8(bytes) else {
            return Err(format!("{} is not UTF-8 text", file.display()));
        };
        results.push((file.display().to_string(), check_with(&source, &options)));
    }
    let errors = results.iter().flat_map(|(_, found)| found).filter(|d| d.severity == Severity::Error).count();
    let warnings = results.iter().flat_map(|(_, found)| found).filter(|d| d.severity == Severity::Warning).count();
    if format == "json" {
        let findings: Vec<Finding> = results
            .iter()
            .flat_map(|(path, found)| found.iter().map(move |diagnostic| Finding { path: path.clone(), diagnostic }))
            .collect();
        println!("{}", serde_json::to_string_pretty(&findings).map_err(|err| err.to_string())?);
    } else {
        for (path, found) in &results {
            for d in found {
                let kind = if d.severity == Severity::Error { "" } else { " (warning)" };
                println!("{path}:{}:{}: {}{kind} {}", d.start.line, d.start.column, d.rule, d.message);
            }
        }
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        println!("{}, {} in {}", plural(errors, "error"), plural(warnings, "warning"), plural(files.len(), "file"));
    }
    Ok(if errors > 0 { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

/// `--target-version`: a release (`1.2.3`) or series (`1.2`) of the client that the reference
/// covers.
fn target_version(text: &str) -> Result<Version, String> {
    let version: Version = text.parse().map_err(|err| format!("option `--target-version`: {err}"))?;
    let (oldest, newest) = (&RELEASES[0], &RELEASES[RELEASES.len() - 1]);
    if !RELEASES.iter().any(|release| release.matches(&version)) {
        return Err(format!(
            "option `--target-version`: modal {version} is not a release the checker knows; expected one from \
             {oldest} to {newest}"
        ));
    }
    Ok(version)
}

fn collect(path: &Path, files: &mut Vec<PathBuf>) -> Result<(), String> {
    let meta = fs::metadata(path).map_err(|err| format!("cannot read {}: {err}", path.display()))?;
    if meta.is_file() {
        files.push(path.to_path_buf());
        return Ok(());
    }
    let mut entries: Vec<PathBuf> = fs::read_dir(path)
        .map_err(|err| format!("cannot list {}: {err}", path.display()))?
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .collect();
    entries.sort();
    for entry in entries {
        let name = entry.file_name().and_then(|name| name.to_str()).unwrap_or("");
        if entry.is_dir() {
            if !SKIPPED_DIRS.contains(&name) {
                collect(&entry, files)?;
            }
        } else if name.ends_with(".py") {
            files.push(entry);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run_on(files: &[(&str, &str)], format: &str) -> Result<ExitCode, String> {
        run_with(files, &["--format", format])
    }

    fn run_with(files: &[(&str, &str)], options: &[&str]) -> Result<ExitCode, String> {
        // Tests run in parallel: each run gets a folder of its own.
        static RUNS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let run_id = RUNS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("atlas-check-{}-{run_id}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join(".venv")).unwrap();
        fs::write(dir.join(".venv/ignored.py"), "@app.function\ndef f(): ...\n").unwrap();
        for (name, code) in files {
            fs::write(dir.join(name), code).unwrap();
        }
        let argv = std::iter::once(dir.display().to_string()).chain(options.iter().map(|option| option.to_string()));
        let outcome = Args::parse(argv).and_then(run);
        let _ = fs::remove_dir_all(&dir);
        outcome
    }

    #[test]
    fn an_error_fails_the_run_and_warnings_do_not() {
        let bad = "import modal\napp = modal.App()\n@app.function(keep_warm=1)\ndef f():\n    return 1\n";
        let warning_only = "import modal\napp = modal.App()\n@app.function(schedule=modal.Cron(\"0 25 * * *\"))\ndef f():\n    return 1\n";
        assert_eq!(run_on(&[("bad.py", bad)], "text"), Ok(ExitCode::FAILURE));
        assert_eq!(run_on(&[("warn.py", warning_only)], "json"), Ok(ExitCode::SUCCESS));
        assert_eq!(
            run_on(&[("notes.txt", bad)], "text"),
            Ok(ExitCode::SUCCESS),
            "only .py files are read, and .venv is skipped"
        );
    }

    #[test]
    fn a_target_version_flags_what_arrived_after_it() {
        let uv = "import modal\nimage = modal.Image.debian_slim().uv_pip_install(\"torch\")\n";
        assert_eq!(run_with(&[("uv.py", uv)], &["--format", "text"]), Ok(ExitCode::SUCCESS));
        assert_eq!(run_with(&[("uv.py", uv)], &["--target-version", "1.0"]), Ok(ExitCode::FAILURE));
        assert_eq!(run_with(&[("uv.py", uv)], &["--target-version", "1.1.0"]), Ok(ExitCode::SUCCESS));
        assert_eq!(
            run_with(&[("uv.py", uv)], &["--target-version", "0.73"]),
            Err("option `--target-version`: modal 0.73 is not a release the checker knows; expected one from 1.0.0 to 1.6.4"
                .into())
        );
        let err = run_with(&[("uv.py", uv)], &["--target-version", "latest"]).unwrap_err();
        assert!(err.starts_with("option `--target-version`: `latest` is not a version: expected major.minor"), "{err}");
    }

    #[test]
    fn bad_arguments_say_what_was_expected() {
        assert_eq!(run_on(&[], "yaml"), Err("option `--format` expects `text` or `json`, found `yaml`".into()));
        assert_eq!(
            Args::parse(std::iter::empty()).and_then(run),
            Err("expected at least one file or folder to check".into())
        );
    }
}

/// The site's own examples against the checker, the generated rules page included: every
/// current example passes without an error, and every outdated one raises each rule its fence
/// names. The playground's gallery shows both sides: its broken versions must fail.
#[cfg(test)]
mod content_examples {
    use atlas_checker::{Severity, check};
    use atlas_content::Site;
    use std::path::Path;

    #[test]
    fn current_examples_pass_and_outdated_ones_raise_what_they_illustrate() {
        let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content");
        let generated = crate::prerender::generated_pages(&content).expect("generated pages");
        let site = Site::load_with(&content, generated).expect("content loads");
        let rendered = site.render("/").expect("content renders");
        let mut problems = Vec::new();
        let (mut current, mut outdated) = (0, 0);
        for (page, example) in rendered.iter().flat_map(|page| page.examples.iter().map(move |e| (page, e))) {
            if example.language() != "python" {
                continue;
            }
            let code = example.as_module();
            let place = format!("{}.md, block at line {}", page.slug, example.line);
            let illustrates = example.outdated();
            if illustrates.is_empty() {
                current += 1;
                let errors = errors(&code);
                if !errors.is_empty() {
                    problems.push(format!("{place}: current example has errors: {errors:?}"));
                }
            } else {
                outdated += 1;
                let found = check(&code);
                for rule in illustrates {
                    if !found.iter().any(|d| d.rule == rule) {
                        let got: Vec<&str> = found.iter().map(|d| d.rule.as_str()).collect();
                        problems.push(format!("{place}: outdated example does not raise {rule} (got {got:?})"));
                    }
                }
            }
        }
        assert!(problems.is_empty(), "{} problem(s):\n{}", problems.len(), problems.join("\n"));
        // The pages have dozens of each; a parser that found none would pass the loop above.
        assert!(current > 50 && outdated > 60, "{current} current and {outdated} outdated blocks found");
    }

    fn errors(code: &str) -> Vec<String> {
        check(code)
            .into_iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| format!("{} {}", d.rule, d.message))
            .collect()
    }

    #[test]
    fn gallery_examples_are_broken_and_fixed_as_they_say() {
        let site = Site::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content")).expect("content loads");
        assert!(site.gallery.len() >= 8, "the gallery has {} examples", site.gallery.len());
        let mut problems = Vec::new();
        for example in &site.gallery {
            if errors(&example.broken).is_empty() {
                problems.push(format!("`{}`: the broken version gives no error", example.title));
            }
            let left = errors(&example.fixed);
            if !left.is_empty() {
                problems.push(format!("`{}`: the fixed version gives errors: {left:?}", example.title));
            }
        }
        assert!(problems.is_empty(), "{} problem(s):\n{}", problems.len(), problems.join("\n"));
    }
}
