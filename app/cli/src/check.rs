//! `modal-atlas check`: the snippet checker on files, for CI and pre-commit hooks.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use atlas_checker::{Diagnostic, Severity, check};
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
    let paths = args.take_positional();
    args.finish()?;
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
        results.push((file.display().to_string(), check(&source)));
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
        let dir = std::env::temp_dir().join(format!("atlas-check-{}-{format}-{}", std::process::id(), files.len()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join(".venv")).unwrap();
        fs::write(dir.join(".venv/ignored.py"), "@app.function\ndef f(): ...\n").unwrap();
        for (name, code) in files {
            fs::write(dir.join(name), code).unwrap();
        }
        let argv = [dir.display().to_string(), "--format".into(), format.into()];
        let outcome = Args::parse(argv.into_iter()).and_then(run);
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

    /// What a fragment without imports is read under, as its page assumes.
    const PREAMBLE: &str = "import modal\n\napp = modal.App()\n\n\n";

    struct Block {
        line: usize,
        /// The rules an outdated block illustrates; empty for current code.
        illustrates: Vec<String>,
        code: String,
    }

    /// Python fences in a page's Markdown.
    fn python_blocks(body: &str) -> Vec<Block> {
        let mut blocks = Vec::new();
        let mut open: Option<Block> = None;
        for (at, line) in body.lines().enumerate() {
            let fence = line.trim_start().strip_prefix("```");
            match (&mut open, fence) {
                (None, Some(info)) if info.split_whitespace().next() == Some("python") => {
                    let illustrates = info
                        .split_whitespace()
                        .filter_map(|flag| flag.strip_prefix("outdated="))
                        .flat_map(|ids| ids.split(',').map(String::from))
                        .collect();
                    open = Some(Block { line: at + 1, illustrates, code: String::new() })
                }
                (Some(_), Some(_)) => blocks.extend(open.take()),
                (Some(block), None) => {
                    block.code.push_str(line);
                    block.code.push('\n');
                }
                _ => {}
            }
        }
        blocks
    }

    fn as_read(code: &str) -> String {
        let imports = code.lines().any(|line| line.starts_with("import modal") || line.starts_with("from modal"));
        if imports { code.to_string() } else { format!("{PREAMBLE}{code}") }
    }

    #[test]
    fn current_examples_pass_and_outdated_ones_raise_what_they_illustrate() {
        let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content");
        let site = Site::load_with(&content, vec![crate::rule_docs::page()]).expect("content loads");
        let mut problems = Vec::new();
        let (mut current, mut outdated) = (0, 0);
        for page in &site.pages {
            for block in python_blocks(&page.body) {
                let code = as_read(&block.code);
                let place = format!("{}.md, block at body line {}", page.slug, block.line);
                if block.illustrates.is_empty() {
                    current += 1;
                    let errors = errors(&code);
                    if !errors.is_empty() {
                        problems.push(format!("{place}: current example has errors: {errors:?}"));
                    }
                } else {
                    outdated += 1;
                    let found = check(&code);
                    for rule in &block.illustrates {
                        if !found.iter().any(|d| &d.rule == rule) {
                            let got: Vec<&str> = found.iter().map(|d| d.rule.as_str()).collect();
                            problems.push(format!("{place}: outdated example does not raise {rule} (got {got:?})"));
                        }
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
