//! The files `check` reads: those it was asked to check, and the project's modules they import,
//! found on disk the way Python finds them, so a module that imports `app` from `common.py` is
//! checked with it even when only the module was named (as pre-commit does).

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use atlas_checker::{Import, Project};

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
}

/// Reads the files under `paths` that no `exclude` glob matches, then every project module
/// their imports name.
pub fn load(paths: &[PathBuf], exclude: &[Glob], base: &Path) -> Result<Files, String> {
    let mut wanted = Vec::new();
    for path in paths {
        collect(path, &mut wanted)?;
    }
    let mut loaded = Files { project: Project::new(), files: Vec::new() };
    let mut by_path: HashMap<PathBuf, usize> = HashMap::new();
    for path in wanted {
        let shown = shown(&path, base);
        if exclude.iter().any(|glob| glob.matches(&shown)) || by_path.contains_key(&absolute(&path)) {
            continue;
        }
        let module = loaded.add(&path, shown, true)?;
        by_path.insert(absolute(&path), module);
    }
    let src = base.join("src");
    loop {
        let imports = loaded.project.unanswered();
        if imports.is_empty() {
            break;
        }
        for import in imports {
            let importer = loaded.files[import.module].path.clone();
            let found = module_file(&importer, &import, base, &src).map(|path| absolute(&path));
            let module = match found {
                Some(path) => match by_path.get(&path) {
                    Some(&module) => Some(module),
                    None => {
                        let module = loaded.add(&path, shown(&path, base), false)?;
                        by_path.insert(path, module);
                        Some(module)
                    }
                },
                None => None,
            };
            loaded.project.answer(import, module);
        }
    }
    Ok(loaded)
}

impl Files {
    fn add(&mut self, path: &Path, shown: String, checked: bool) -> Result<usize, String> {
        // Files over the checker's limit are refused by it, with a message of its own.
        let bytes = fs::read(path).map_err(|err| format!("cannot read {}: {err}", path.display()))?;
        let source = String::from_utf8(bytes).map_err(|_| format!("{} is not UTF-8 text", path.display()))?;
        self.files.push(File { path: path.to_path_buf(), shown, checked });
        Ok(self.project.add(source))
    }
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

/// The file of the module `import` names, as Python would find it: a relative import from the
/// importing file's package; an absolute one from the importing file's folder (where `modal run
/// app.py` starts), from the folder above its top package, from the folders above that up to
/// `base`, and from `base/src`.
fn module_file(importer: &Path, import: &Import, base: &Path, src: &Path) -> Option<PathBuf> {
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
        roots.push(absolute(src));
        roots
    };
    roots.iter().find_map(|root| {
        let stem = parts.iter().fold(root.clone(), |dir, part| dir.join(part));
        // `from . import x` names the package itself: its `__init__.py`.
        let module = (!parts.is_empty()).then(|| stem.with_extension("py"));
        module.into_iter().chain([stem.join("__init__.py")]).find(|candidate| candidate.is_file())
    })
}

/// The path from the root, with `..` and links resolved, so one file has one name.
fn absolute(path: &Path) -> PathBuf {
    fs::canonicalize(path).or_else(|_| std::path::absolute(path)).unwrap_or_else(|_| path.to_path_buf())
}

/// `path` relative to `base` when inside it (else as given), with `/` between parts.
fn shown(path: &Path, base: &Path) -> String {
    let absolute_path = absolute(path);
    let relative = absolute_path.strip_prefix(absolute(base)).unwrap_or(path);
    let text = relative.to_string_lossy().replace('\\', "/");
    text.strip_prefix("./").unwrap_or(&text).to_string()
}
