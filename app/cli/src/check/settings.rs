//! What `check` was asked to do: its command line over the `[tool.modal-atlas]` table of the
//! nearest `pyproject.toml` (walking up from the current folder), as Ruff reads `[tool.ruff]`.

use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use atlas_checker::api::{RELEASES, Version};
use atlas_checker::{Options, PythonVersion};
use serde::Deserialize;

use super::glob::Glob;
use super::output::Format;
use crate::args::CheckArgs;
use atlas_input::{cap_quoted, quote};

pub struct Settings {
    pub paths: Vec<PathBuf>,
    pub rules: RuleSelection,
    pub exclude: Vec<Glob>,
    pub per_file_ignores: Vec<(Glob, Vec<String>)>,
    pub target_version: Option<Version>,
    pub python_version: Option<PythonVersion>,
    pub fix: bool,
    pub diff: bool,
    pub unsafe_fixes: bool,
    /// Notes on the imports that name no file of the project.
    pub verbose: bool,
    /// Where each report goes: `None` is standard output.
    pub outputs: Vec<(Format, Option<PathBuf>)>,
    /// The folder that globs and the reports' paths are relative to: the configuration's, else
    /// the current one.
    pub base: PathBuf,
}

impl Settings {
    /// What the checker assumes beyond the code.
    pub fn options(&self) -> Options {
        Options { target_version: self.target_version.clone(), python_version: self.python_version }
    }

    /// Whether `rule` is reported in the file shown as `shown`: the rule is selected and none
    /// of the file's per-file ignores names it.
    pub fn reports(&self, rule: &str, shown: &str) -> bool {
        self.rules.enabled(rule)
            && !self
                .per_file_ignores
                .iter()
                .filter(|(glob, _)| glob.matches(shown))
                .flat_map(|(_, rules)| rules)
                .any(|selector| matches(selector, rule))
    }
}

/// The `[tool.modal-atlas]` table.
#[derive(Deserialize, Default)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
struct Config {
    select: Option<Vec<String>>,
    #[serde(default)]
    ignore: Vec<String>,
    #[serde(default)]
    exclude: Vec<String>,
    #[serde(default)]
    per_file_ignores: std::collections::BTreeMap<String, Vec<String>>,
    target_version: Option<String>,
    python_version: Option<String>,
}

#[derive(Deserialize)]
struct PyProject {
    tool: Option<Tools>,
}

#[derive(Deserialize)]
struct Tools {
    #[serde(rename = "modal-atlas")]
    modal_atlas: Option<toml::Value>,
}

/// Which rules are on: Ruff's reading of `select` and `ignore`, where the most specific
/// selector that matches a rule decides (`select = ["MDL"]`, `ignore = ["MDL03"]`,
/// `select = ["MDL031"]` turns on MDL031 alone of the MDL03x rules), and `ignore` wins a tie.
pub struct RuleSelection {
    select: Vec<String>,
    ignore: Vec<String>,
}

impl RuleSelection {
    pub fn enabled(&self, rule: &str) -> bool {
        let longest = |selectors: &[String]| {
            selectors.iter().filter(|selector| matches(selector, rule)).map(|selector| selector.len()).max()
        };
        match (longest(&self.select), longest(&self.ignore)) {
            (Some(select), Some(ignore)) => select > ignore,
            (Some(_), None) => true,
            (None, _) => false,
        }
    }
}

/// Whether `selector` (`ALL`, a rule id or a prefix of one) selects `rule`.
fn matches(selector: &str, rule: &str) -> bool {
    selector == "ALL" || rule.starts_with(selector)
}

/// `check`'s arguments over the configuration: each option replaces its setting, but `--ignore`,
/// which adds to it.
pub fn read(args: CheckArgs) -> Result<Settings, String> {
    let cwd = std::env::current_dir().map_err(|err| format!("cannot read the current folder: {err}"))?;
    read_in(args, cwd)
}

/// The settings of the project in `folder` (an editor's workspace), as `check` run there with no
/// option reads them.
pub fn for_folder(folder: &Path) -> Result<Settings, String> {
    read_in(CheckArgs { paths: vec![folder.to_path_buf()], ..CheckArgs::default() }, folder.to_path_buf())
}

/// `args` over the configuration found from `cwd` upwards.
fn read_in(args: CheckArgs, cwd: PathBuf) -> Result<Settings, String> {
    let CheckArgs {
        paths,
        fix,
        verbose,
        diff,
        unsafe_fixes,
        select,
        ignore,
        exclude,
        target_version: target,
        python_version: python,
        config: config_path,
        output_format,
        output,
    } = args;
    let (select, ignore, exclude) = (select.map(list), list(ignore), exclude.map(list));
    let mut outputs: Vec<(Format, Option<PathBuf>)> =
        output.into_iter().map(|file| (file.format, Some(file.path))).collect();
    // The report on standard output, unless only files were asked for (and no format was named).
    if output_format.is_some() || outputs.is_empty() {
        outputs.insert(0, (output_format.unwrap_or(Format::Text), None));
    }

    let found = match config_path {
        Some(path) => Some((
            read_config(&path)?.ok_or_else(|| format!("{} has no [tool.modal-atlas] table", path.display()))?,
            path,
        )),
        None => find_config(&cwd)?,
    };
    let (config, config_file, base) = match found {
        Some((config, path)) => {
            let dir = path.parent().map_or_else(|| cwd.clone(), Path::to_path_buf);
            (config, Some(path), if dir.as_os_str().is_empty() { cwd.clone() } else { dir })
        }
        None => (Config::default(), None, cwd),
    };

    // Each value is checked where it was given, so a message names the option or the file and key.
    let option = Source::Option;
    let key = |name| Source::Config(&config_file, name);
    let select = match select {
        Some(select) => checked_selectors(select, option("select"))?,
        None => checked_selectors(config.select.unwrap_or_else(|| vec!["ALL".into()]), key("select"))?,
    };
    let mut ignore_all = checked_selectors(config.ignore, key("ignore"))?;
    ignore_all.extend(checked_selectors(ignore, option("ignore"))?);
    let exclude = match exclude {
        Some(patterns) => globs(&patterns, option("exclude"))?,
        None => globs(&config.exclude, key("exclude"))?,
    };
    let mut per_file_ignores = Vec::new();
    for (pattern, rules) in config.per_file_ignores {
        let glob = Glob::new(&pattern).map_err(|err| key("per-file-ignores").says(&err))?;
        per_file_ignores.push((glob, checked_selectors(rules, key("per-file-ignores"))?));
    }
    let target_version = match (target, config.target_version) {
        (Some(text), _) => Some(parse_version(&text).map_err(|err| option("target-version").says(&err))?),
        (None, Some(text)) => Some(parse_version(&text).map_err(|err| key("target-version").says(&err))?),
        (None, None) => None,
    };
    let python_version = match (python, config.python_version) {
        (Some(text), _) => Some(parse_python(&text).map_err(|err| option("python-version").says(&err))?),
        (None, Some(text)) => Some(parse_python(&text).map_err(|err| key("python-version").says(&err))?),
        (None, None) => None,
    };
    Ok(Settings {
        paths,
        rules: RuleSelection { select, ignore: ignore_all },
        exclude,
        per_file_ignores,
        target_version,
        python_version,
        fix,
        diff,
        unsafe_fixes,
        verbose,
        outputs,
        base,
    })
}

/// Where a setting was given, for the messages about it.
#[derive(Clone, Copy)]
enum Source<'a> {
    Option(&'static str),
    /// A key of the `[tool.modal-atlas]` table of this file.
    Config(&'a Option<PathBuf>, &'static str),
}

impl Source<'_> {
    fn says(self, problem: &str) -> String {
        format!("{self}: {problem}")
    }
}

impl fmt::Display for Source<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Option(name) => write!(f, "option `--{name}`"),
            Source::Config(Some(path), key) => write!(f, "{}: in [tool.modal-atlas], `{key}`", path.display()),
            Source::Config(None, key) => write!(f, "`{key}`"),
        }
    }
}

fn checked_selectors(selectors: Vec<String>, source: Source) -> Result<Vec<String>, String> {
    for selector in &selectors {
        check_selector(selector).map_err(|err| source.says(&err))?;
    }
    Ok(selectors)
}

fn globs(patterns: &[String], source: Source) -> Result<Vec<Glob>, String> {
    patterns.iter().map(|pattern| Glob::new(pattern).map_err(|err| source.says(&err))).collect()
}

/// Comma-separated values as given (`MDL001, MDL002,`): trimmed, the empty ones dropped.
fn list(values: Vec<String>) -> Vec<String> {
    values.iter().map(|value| value.trim()).filter(|value| !value.is_empty()).map(String::from).collect()
}

/// The nearest `pyproject.toml` with a `[tool.modal-atlas]` table, from `dir` upwards.
fn find_config(dir: &Path) -> Result<Option<(Config, PathBuf)>, String> {
    for folder in dir.ancestors() {
        let path = folder.join("pyproject.toml");
        if path.is_file()
            && let Some(config) = read_config(&path)?
        {
            return Ok(Some((config, path)));
        }
    }
    Ok(None)
}

fn read_config(path: &Path) -> Result<Option<Config>, String> {
    let text = fs::read_to_string(path).map_err(|err| format!("cannot read {}: {err}", path.display()))?;
    let project: PyProject = toml::from_str(&text)
        .map_err(|err| format!("{} is not valid TOML: {}", path.display(), cap_quoted(&err.to_string())))?;
    let Some(table) = project.tool.and_then(|tool| tool.modal_atlas) else { return Ok(None) };
    table
        .try_into()
        .map(Some)
        .map_err(|err| format!("{}: in [tool.modal-atlas], {}", path.display(), cap_quoted(err.message())))
}

fn check_selector(selector: &str) -> Result<(), String> {
    let known = std::iter::once(atlas_checker::SYNTAX_ERROR).chain(atlas_checker::rules::all().map(|rule| rule.id));
    if selector == "ALL" || known.into_iter().any(|id| id.starts_with(selector)) {
        Ok(())
    } else {
        Err(format!(
            "unknown rule selector {}: expected `ALL`, a rule id such as `MDL001`, or a prefix of one such as `MDL0`",
            quote(selector)
        ))
    }
}

/// A Python release, `3.12`.
fn parse_python(text: &str) -> Result<PythonVersion, String> {
    text.parse().map_err(|err| format!("{} is {err}", quote(text)))
}

/// `1.2` (a series) or `1.2.3` (a release), of a client release the checker knows.
fn parse_version(text: &str) -> Result<Version, String> {
    let version = text.parse::<Version>().map_err(|err| cap_quoted(&err.to_string()))?;
    let (oldest, newest) = (&RELEASES[0], &RELEASES[RELEASES.len() - 1]);
    if !RELEASES.iter().any(|release| release.matches(&version)) {
        return Err(format!(
            "modal {version} is not a release the checker knows; expected one from {oldest} to {newest}"
        ));
    }
    Ok(version)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_most_specific_selector_decides() {
        let rules = |select: &[&str], ignore: &[&str]| RuleSelection {
            select: select.iter().map(|s| s.to_string()).collect(),
            ignore: ignore.iter().map(|s| s.to_string()).collect(),
        };
        let selection = rules(&["ALL", "MDL031"], &["MDL03"]);
        assert!(selection.enabled("MDL001") && selection.enabled("MDL031"));
        assert!(!selection.enabled("MDL030"));
        assert!(!rules(&["MDL0"], &["MDL0"]).enabled("MDL001"), "ignore wins a tie");
        assert!(!rules(&["MDL01"], &[]).enabled("MDL001"));
    }
}
