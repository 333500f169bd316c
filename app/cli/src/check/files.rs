//! The files `check` reads: those it was asked to check, and the project's modules they import,
//! found on disk the way Python finds them, so a module that imports `app` from `common.py` is
//! checked with it even when only the module was named (as pre-commit does).
//!
//! Folders are walked by `ignore`, ripgrep's walker, as Ruff walks them: `.gitignore` (inside a
//! git repository), `.ignore` and git's exclude files are respected, hidden folders are not
//! skipped. Links are followed, as Python's imports follow them, but each real folder is walked
//! once, so links to a folder above (`ln -s . again`) or to one folder from many places end at
//! once. A file that cannot be read is that file's problem: the others are still checked.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use atlas_checker::{Import, MAX_PROJECT_FILE_BYTES, Project};
use ignore::WalkBuilder;

use super::glob::Glob;

/// Folders never searched: tools' and environments' own files.
const SKIPPED_DIRS: &[&str] = &[
    ".git",
    ".hg",
    ".venv",
    "venv",
    "node_modules",
    "target",
    "__pycache__",
    ".tox",
    ".nox",
    ".mypy_cache",
    "site-packages",
];

pub struct File {
    pub path: PathBuf,
    /// The path as reports show it: relative to the base folder when inside it, `/`-separated.
    pub shown: String,
    /// Asked for; other files were read only for what they define.
    pub checked: bool,
}

pub struct Files {
    pub project: Project,
    /// By module number.
    pub files: Vec<File>,
    /// Why paths that were asked for, or modules that were imported, could not be read.
    pub problems: Vec<String>,
    /// Imports that name no file of the project (a library's, or one this reading of the
    /// project's layout misses), each once: what they define is not known to the checks.
    pub unresolved: Vec<String>,
}

/// Reads the files under `paths` that no `exclude` glob matches, then every project module
/// their imports name.
pub fn load(paths: &[PathBuf], exclude: &[Glob], base: &Path) -> Files {
    let mut loaded = Files { project: Project::new(), files: Vec::new(), problems: Vec::new(), unresolved: Vec::new() };
    let wanted = walk(paths, exclude, base, &mut loaded.problems);
    // Each file once, by its real path; `None` for one that could not be read.
    let mut by_path: HashMap<PathBuf, Option<usize>> = HashMap::new();
    for path in wanted {
        let shown = shown(&path, base);
        if exclude.iter().any(|glob| glob.matches(&shown)) || by_path.contains_key(&absolute(&path)) {
            continue;
        }
        let module = loaded.add(&path, shown, true);
        by_path.insert(absolute(&path), module);
    }
    let layout = Layout::read(base);
    // By importing module: the imports answered with a file, and those answered with none.
    let mut answers: HashMap<usize, (Vec<String>, Vec<String>)> = HashMap::new();
    loop {
        let imports = loaded.project.unanswered();
        if imports.is_empty() {
            break;
        }
        for import in imports {
            let importer = loaded.files[import.module].path.clone();
            let found = module_file(&importer, &import, base, &layout).map(|path| absolute(&path));
            let (answered, missed) = answers.entry(import.module).or_default();
            if found.is_some() { answered } else { missed }.push(import.path.clone());
            let module = match found {
                Some(path) => match by_path.get(&path) {
                    Some(&module) => module,
                    None => {
                        let module = loaded.add(&path, shown(&path, base), false);
                        by_path.insert(path, module);
                        module
                    }
                },
                None => None,
            };
            loaded.project.answer(import, module);
        }
    }
    // `from a.b import c` asks for `a.b.c` (a module, or a name of `a.b`) and `a.b`: one import is
    // unresolved when no file answers for it, and is noted once, by its module.
    // (`.app` is within `.`, the package that `from . import app` names.)
    let within = |inner: &str, outer: &str| {
        let package = outer.trim_start_matches('.').is_empty();
        inner
            .strip_prefix(outer)
            .is_some_and(|rest| !rest.is_empty() && rest.starts_with('.') != package && rest != ".")
    };
    let mut modules: Vec<_> = answers.into_iter().collect();
    modules.sort_by_key(|(module, _)| *module);
    for (module, (answered, missed)) in modules {
        for path in &missed {
            let resolved = answered.iter().any(|done| within(path, done) || within(done, path));
            let noted = missed.iter().any(|other| within(path, other));
            if !resolved && !noted && !is_standard_library(path) {
                loaded.unresolved.push(format!("{}: `{path}` is no file of this project", loaded.files[module].shown));
            }
        }
    }
    loaded
}

/// The top-level modules of Python's standard library, one a line, for the Pythons the client runs
/// on: an import of one names no file of the project, as expected, and is not noted.
const STANDARD_LIBRARY: &str = include_str!("../../../../content/data/python-stdlib.txt");

/// Whether the import `path` (`os.path`, not `.os`) is of the standard library.
fn is_standard_library(path: &str) -> bool {
    static MODULES: OnceLock<Vec<&str>> = OnceLock::new();
    let modules = MODULES.get_or_init(|| {
        let mut modules: Vec<&str> = STANDARD_LIBRARY.lines().filter(|line| !line.starts_with('#')).collect();
        modules.sort_unstable();
        modules
    });
    let top = path.split('.').next().unwrap_or(path);
    modules.binary_search(&top).is_ok()
}

impl Files {
    /// Reads `path` into the project, or notes why it could not be read.
    fn add(&mut self, path: &Path, shown: String, checked: bool) -> Option<usize> {
        let module = match read(path, &shown) {
            Ok(Source::Text(source)) => self.project.add(source),
            Ok(Source::TooLarge(bytes)) => self.project.add_too_large(bytes),
            Err(problem) => {
                self.problems.push(problem);
                return None;
            }
        };
        self.files.push(File { path: path.to_path_buf(), shown, checked });
        Some(module)
    }
}

pub enum Source {
    Text(String),
    /// Over the checker's limit for a file, which is refused unread: the checker reports it.
    TooLarge(u64),
}

/// The text of the file at `path` (`shown` in messages), measured before it is read.
pub fn read(path: &Path, shown: &str) -> Result<Source, String> {
    let cannot = |err: io::Error| format!("cannot read {shown}: {err}");
    // A pipe or a device would never end (or never start): only regular files are opened.
    if !fs::metadata(path).map_err(cannot)?.is_file() {
        return Err(format!("cannot read {shown}: not a file or a folder"));
    }
    let mut file = fs::File::open(path).map_err(cannot)?;
    let limit = MAX_PROJECT_FILE_BYTES as u64;
    let bytes = file.metadata().map_err(cannot)?.len();
    if bytes > limit {
        return Ok(Source::TooLarge(bytes));
    }
    let mut text = Vec::with_capacity(bytes as usize);
    (&mut file).take(limit + 1).read_to_end(&mut text).map_err(cannot)?;
    if text.len() as u64 > limit {
        // It grew after it was measured.
        return Ok(Source::TooLarge(file.metadata().map_or(text.len() as u64, |now| now.len())));
    }
    String::from_utf8(text).map(Source::Text).map_err(|err| not_utf8(shown, err.as_bytes(), err.utf8_error()))
}

fn not_utf8(shown: &str, bytes: &[u8], err: std::str::Utf8Error) -> String {
    let valid = &bytes[..err.valid_up_to()];
    let line_start = valid.iter().rposition(|&byte| byte == b'\n').map_or(0, |newline| newline + 1);
    let line = valid.iter().filter(|&&byte| byte == b'\n').count() + 1;
    let column = std::str::from_utf8(&valid[line_start..]).map_or(0, |text| text.chars().count()) + 1;
    format!(
        "cannot read {shown}: byte 0x{:02X} at line {line}, column {column} is not UTF-8; expected UTF-8 text, \
         the encoding Python reads source in",
        bytes[err.valid_up_to()]
    )
}

/// The files to check under `paths`: files named are taken as they are; folders are walked for
/// `*.py`, each real folder once, leaving out what `exclude` and the ignore files name.
fn walk(paths: &[PathBuf], exclude: &[Glob], base: &Path, problems: &mut Vec<String>) -> Vec<PathBuf> {
    let walked: Arc<Mutex<HashSet<PathBuf>>> = Arc::default();
    let mut found = Vec::new();
    for path in paths {
        let meta = match fs::metadata(path) {
            Ok(meta) => meta,
            Err(err) => {
                problems.push(format!("cannot read {}: {err}", path.display()));
                continue;
            }
        };
        if meta.is_file() {
            found.push(path.clone());
            continue;
        }
        if !meta.is_dir() {
            problems.push(format!("cannot read {}: not a file or a folder", path.display()));
            continue;
        }
        if !walked.lock().unwrap_or_else(PoisonError::into_inner).insert(absolute(path)) {
            continue;
        }
        // The walker reads a root named `-` as standard input.
        let root = if path.as_os_str() == "-" { Path::new(".").join(path) } else { path.clone() };
        let (walked, exclude, base) = (Arc::clone(&walked), exclude.to_vec(), base.to_path_buf());
        let walk = WalkBuilder::new(root)
            .hidden(false)
            .follow_links(true)
            .sort_by_file_name(|a, b| a.cmp(b))
            .filter_entry(move |entry| {
                let folder = entry.file_type().is_some_and(|kind| kind.is_dir());
                let name = entry.file_name().to_str().unwrap_or("");
                if folder && SKIPPED_DIRS.contains(&name) {
                    return false;
                }
                if exclude.iter().any(|glob| glob.matches(&shown(entry.path(), &base))) {
                    return false;
                }
                !folder || walked.lock().unwrap_or_else(PoisonError::into_inner).insert(absolute(entry.path()))
            })
            .build();
        for entry in walk {
            match entry {
                Ok(entry) => {
                    let python = entry.file_name().to_str().is_some_and(|name| name.ends_with(".py"));
                    if entry.depth() > 0 && python && entry.file_type().is_some_and(|kind| kind.is_file()) {
                        found.push(entry.into_path());
                    }
                }
                Err(err) if unimportant(&err) => {}
                Err(err) => problems.push(format!("cannot read {err}")),
            }
        }
    }
    found
}

/// Walk errors that are no file's problem: a link back to a folder above (walked already), and
/// a link to nothing that is not named as a Python file.
fn unimportant(err: &ignore::Error) -> bool {
    match err {
        ignore::Error::WithDepth { err, .. } => unimportant(err),
        ignore::Error::Loop { .. } => true,
        ignore::Error::WithPath { path, err } => {
            err.io_error().is_some_and(|err| err.kind() == io::ErrorKind::NotFound)
                && path.extension().is_none_or(|extension| extension != "py")
        }
        _ => false,
    }
}

/// Where the project's packages are, from `base/pyproject.toml` as packaging tools read it.
pub struct Layout {
    /// Folders that hold top-level packages: `src`, setuptools' `package-dir` for `""` and
    /// `packages.find.where`.
    roots: Vec<PathBuf>,
    /// Packages whose folder is named apart from them: setuptools' `package-dir` entries, and the
    /// project's name (`my-service` is imported as `my_service`) for `base` itself when it is the
    /// package.
    packages: Vec<(String, PathBuf)>,
}

impl Layout {
    pub fn read(base: &Path) -> Layout {
        let mut layout = Layout { roots: vec![base.join("src")], packages: Vec::new() };
        let Some(pyproject) =
            fs::read_to_string(base.join("pyproject.toml")).ok().and_then(|text| text.parse::<toml::Table>().ok())
        else {
            return layout;
        };
        let setuptools = pyproject.get("tool").and_then(|tool| tool.get("setuptools"));
        if let Some(dirs) = setuptools.and_then(|tool| tool.get("package-dir")).and_then(|dirs| dirs.as_table()) {
            for (package, dir) in dirs {
                let Some(dir) = dir.as_str() else { continue };
                match package.as_str() {
                    "" => layout.roots.push(base.join(dir)),
                    package => layout.packages.push((package.to_string(), base.join(dir))),
                }
            }
        }
        let find = setuptools.and_then(|tool| tool.get("packages")).and_then(|packages| packages.get("find"));
        let wheres = find.and_then(|find| find.get("where")).and_then(|wheres| wheres.as_array());
        layout.roots.extend(wheres.into_iter().flatten().filter_map(|dir| dir.as_str()).map(|dir| base.join(dir)));
        let name = pyproject.get("project").and_then(|project| project.get("name")).and_then(|name| name.as_str());
        if let Some(name) = name.map(module_name)
            && !base.join(&name).exists()
            && base.join("__init__.py").is_file()
        {
            layout.packages.push((name, base.to_path_buf()));
        }
        layout
    }
}

/// The name Python imports a distribution or folder by: `my-service` is `my_service`.
fn module_name(name: &str) -> String {
    name.replace(['-', '.'], "_")
}

/// The file of the module `import` names, as Python would find it: a relative import from the
/// importing file's package; an absolute one from the importing file's folder (where `modal run
/// app.py` starts), from the folder above its top package, from the folders above that up to
/// `base`, from the package roots of `layout` (`base/src`, `pyproject.toml`'s settings), and a
/// package that is a folder above the importer named like it (`my_service.jobs` inside a checkout
/// named `my-service`, imported as Python does with the folder's parent on the path).
pub fn module_file(importer: &Path, import: &Import, base: &Path, layout: &Layout) -> Option<PathBuf> {
    let dots = import.path.len() - import.path.trim_start_matches('.').len();
    let parts: Vec<&str> = import.path[dots..].split('.').filter(|part| !part.is_empty()).collect();
    let here = absolute(importer.parent()?);
    let roots: Vec<PathBuf> = if dots > 0 {
        vec![here.ancestors().nth(dots - 1)?.to_path_buf()]
    } else {
        let top = here.ancestors().find(|dir| !dir.join("__init__.py").is_file()).unwrap_or(&here);
        let base = absolute(base);
        let mut roots = vec![here.clone(), top.to_path_buf()];
        let above = top.ancestors().skip(1).take_while(|dir| dir.starts_with(&base));
        roots.extend(above.map(Path::to_path_buf));
        roots.extend(layout.roots.iter().map(|root| absolute(root)));
        roots
    };
    if let Some(found) = roots.iter().find_map(|root| find_module(root, &parts)) {
        return Some(found);
    }
    // Else a package whose folder is named apart from it: the rest of the path is inside it.
    let first = *parts.first().filter(|_| dots == 0)?;
    let named = layout.packages.iter().filter(|(package, _)| package == first).map(|(_, dir)| absolute(dir));
    let base = absolute(base);
    let folders = here
        .ancestors()
        .take_while(|dir| dir.starts_with(&base))
        .filter(|dir| dir.file_name().is_some_and(|name| module_name(&name.to_string_lossy()) == first))
        .map(Path::to_path_buf);
    named.chain(folders).find_map(|package| find_module(&package, &parts[1..]))
}

/// The module `parts` names under `root`: `a/b.py` or `a/b/__init__.py` for `a.b`, and `root`'s
/// own `__init__.py` for no parts (`from . import x` names the package itself).
fn find_module(root: &Path, parts: &[&str]) -> Option<PathBuf> {
    let stem = parts.iter().fold(root.to_path_buf(), |dir, part| dir.join(part));
    let module = (!parts.is_empty()).then(|| stem.with_extension("py"));
    module.into_iter().chain([stem.join("__init__.py")]).find(|candidate| candidate.is_file())
}

/// The path from the root, with `..` and links resolved, so one file has one name.
fn absolute(path: &Path) -> PathBuf {
    fs::canonicalize(path).or_else(|_| std::path::absolute(path)).unwrap_or_else(|_| path.to_path_buf())
}

/// `path` relative to `base` when inside it (else as given), with `/` between parts.
pub fn shown(path: &Path, base: &Path) -> String {
    let absolute_path = absolute(path);
    let relative = absolute_path.strip_prefix(absolute(base)).unwrap_or(path);
    let text = relative.to_string_lossy().replace('\\', "/");
    text.strip_prefix("./").unwrap_or(&text).to_string()
}
