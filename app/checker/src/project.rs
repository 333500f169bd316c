//! A project: modules checked together, so an `app`, image, Volume or class that one module
//! defines is known in the modules that import it (`from .common import app`, `import
//! pkg.jobs`, `from .common import *`, through a package's `__init__.py`).
//!
//! The checker does no I/O: the caller adds modules, then answers the imports they make with the
//! module each names (or none), which may add more modules, until every import is answered
//! ([`Project::unanswered`]). What each module defines is then settled by reading all of them
//! again until nothing changes, since a module can re-export what it imported.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use ruff_python_ast::visitor::{Visitor, walk_stmt};
use ruff_python_ast::{ModModule, PySourceType, Stmt};
use ruff_python_parser::{Parsed, parse_unchecked_source};

use crate::diagnostic::{Diagnostic, LineIndex, Severity};
use crate::limits::{self, MAX_PROJECT_FILE_BYTES};
use crate::model::{Binding, Model, ProjectImports};
use crate::outline::Outline;
use crate::{Options, SYNTAX_ERROR};

/// A module's import, to be answered with the project's module it names.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Import {
    /// The importing module, as [`Project::add`] numbered it.
    pub module: usize,
    /// The module as the import writes it: `pkg.common`, `.common`, `..` (`from .. import x`).
    pub path: String,
}

struct Module {
    source: String,
    /// The parse, or why the file was not parsed.
    parsed: Result<Parsed<ModModule>, Diagnostic>,
}

#[derive(Default)]
pub struct Project {
    modules: Vec<Module>,
    /// Every import asked about, answered or not.
    asked: HashSet<Import>,
    /// The answered imports that name one of the project's modules.
    links: HashMap<Import, usize>,
    /// A package's submodules that some import names (`pkg.jobs` after `import pkg.jobs`):
    /// (package, name) → module.
    submodules: HashMap<(usize, String), usize>,
    /// The global names of each module that mean something to the checker.
    exports: Vec<HashMap<String, Binding>>,
    /// Whether `exports` is behind the modules and the answers.
    unsettled: bool,
}

impl Project {
    pub fn new() -> Project {
        Project::default()
    }

    /// Adds a module; its number is its place in the order of adding.
    pub fn add(&mut self, source: String) -> usize {
        self.modules.push(Module::read(source));
        self.exports.push(HashMap::default());
        self.unsettled = true;
        self.modules.len() - 1
    }

    /// Adds a module that was not read, being of `bytes` bytes, more than a project's file may
    /// have: it is reported as refused, with its size, and defines nothing.
    pub fn add_too_large(&mut self, bytes: u64) -> usize {
        let message = limits::too_large(bytes, MAX_PROJECT_FILE_BYTES);
        let refused = LineIndex::new("").diagnostic(SYNTAX_ERROR, Severity::Error, message, 0..0, None);
        self.modules.push(Module { source: String::new(), parsed: Err(refused) });
        self.exports.push(HashMap::default());
        self.unsettled = true;
        self.modules.len() - 1
    }

    /// Replaces a module's source (after a fix), keeping its number and its answered imports.
    pub fn replace(&mut self, module: usize, source: String) {
        self.modules[module] = Module::read(source);
        self.unsettled = true;
    }

    pub fn source(&self, module: usize) -> &str {
        &self.modules[module].source
    }

    /// The imports not asked about yet, each once; imports of `modal` are left out.
    pub fn unanswered(&mut self) -> Vec<Import> {
        let mut found = Vec::new();
        for (module, file) in self.modules.iter().enumerate() {
            let Ok(parsed) = &file.parsed else { continue };
            let mut collector = ImportPaths { paths: Vec::new() };
            for stmt in &parsed.syntax().body {
                collector.visit_stmt(stmt);
            }
            for path in collector.paths {
                let import = Import { module, path };
                if !self.asked.contains(&import) {
                    self.asked.insert(import.clone());
                    found.push(import);
                }
            }
        }
        found
    }

    /// Says which module `import` names: `None` when it is not one of the project's.
    pub fn answer(&mut self, import: Import, names: Option<usize>) {
        if let Some(module) = names {
            self.links.insert(import, module);
            self.unsettled = true;
        }
    }

    /// Every problem in `module`, in source order, with what the modules it imports define.
    pub fn check(&mut self, module: usize, options: &Options) -> Vec<Diagnostic> {
        self.settle();
        let file = &self.modules[module];
        match &file.parsed {
            Ok(parsed) => crate::diagnostics(&file.source, parsed, &self.imports_of(module), options),
            Err(refused) => vec![refused.clone()],
        }
    }

    /// Where `module` names Modal, with what the modules it imports define; empty for a module
    /// that was not parsed.
    pub fn outline(&mut self, module: usize) -> Outline {
        self.settle();
        match &self.modules[module].parsed {
            Ok(parsed) => Outline::of(&Model::new(parsed.syntax(), &self.imports_of(module), false)),
            Err(_) => Outline::default(),
        }
    }

    /// Reads every module with what the others define until no module's names change. Each
    /// round carries names one import further, so a chain of re-exports takes one round a link;
    /// the bound only stops imports in a cycle that keep changing each other.
    fn settle(&mut self) {
        if !self.unsettled {
            return;
        }
        self.submodules = self
            .links
            .iter()
            .filter_map(|(import, &module)| {
                let (parent, name) = split_last(&import.path)?;
                Some(((self.link(import.module, parent)?, name.to_string()), module))
            })
            .collect();
        for _ in 0..=self.modules.len().min(32) {
            let next: Vec<HashMap<String, Binding>> = (0..self.modules.len())
                .map(|module| match &self.modules[module].parsed {
                    Ok(parsed) => Model::new(parsed.syntax(), &self.imports_of(module), false).exports,
                    Err(_) => HashMap::default(),
                })
                .collect();
            let changed = next != self.exports;
            self.exports = next;
            if !changed {
                break;
            }
        }
        self.unsettled = false;
    }

    fn imports_of(&self, module: usize) -> ModuleImports<'_> {
        ModuleImports { project: self, module }
    }

    fn link(&self, module: usize, path: &str) -> Option<usize> {
        self.links.get(&Import { module, path: path.to_string() }).copied()
    }
}

impl Module {
    fn read(source: String) -> Module {
        let parsed = match limits::check(&source, MAX_PROJECT_FILE_BYTES, usize::MAX) {
            Ok(()) => Ok(parse_unchecked_source(&source, PySourceType::Python)),
            Err(problem) => Err(LineIndex::new(&source).diagnostic(
                SYNTAX_ERROR,
                Severity::Error,
                problem.message,
                problem.start..problem.end,
                None,
            )),
        };
        Module { source, parsed }
    }
}

/// The project as one module's imports see it.
struct ModuleImports<'p> {
    project: &'p Project,
    module: usize,
}

impl ProjectImports for ModuleImports<'_> {
    fn import(&self, path: &str, is_module: bool) -> Option<Binding> {
        if !is_module
            && let Some((parent, name)) = split_last(path)
            && let Some(parent) = self.project.link(self.module, parent)
            && let Some(binding) = self.project.exports[parent].get(name)
        {
            return Some(binding.clone());
        }
        self.project.link(self.module, path).map(Binding::Module)
    }

    fn member(&self, module: usize, name: &str) -> Option<Binding> {
        if let Some(binding) = self.project.exports[module].get(name) {
            return Some(binding.clone());
        }
        self.project.submodules.get(&(module, name.to_string())).copied().map(Binding::Module)
    }

    fn star(&self, path: &str) -> Vec<(String, Binding)> {
        let Some(module) = self.project.link(self.module, path) else { return Vec::new() };
        let public = self.project.exports[module].iter().filter(|(name, _)| !name.starts_with('_'));
        public.map(|(name, binding)| (name.clone(), binding.clone())).collect()
    }
}

/// `a.b.c` → (`a.b`, `c`); `.c` → (`.`, `c`); `..` and `a` have no parent.
fn split_last(path: &str) -> Option<(&str, &str)> {
    let dot = path.rfind('.')?;
    let name = &path[dot + 1..];
    if name.is_empty() {
        return None;
    }
    let with_dot = &path[..=dot];
    let parent = if with_dot.bytes().all(|byte| byte == b'.') { with_dot } else { &with_dot[..dot] };
    Some((parent, name))
}

/// Every module an import statement may name: for `import a.b` both `a` and `a.b`; for
/// `from .x import y` both `.x` and `.x.y` (which may be a submodule).
struct ImportPaths {
    paths: Vec<String>,
}

impl<'a> Visitor<'a> for ImportPaths {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        match stmt {
            Stmt::Import(import) => {
                for alias in &import.names {
                    let module = alias.name.as_str();
                    let ends = module.match_indices('.').map(|(at, _)| at).chain([module.len()]);
                    self.paths.extend(ends.map(|end| module[..end].to_string()).filter(|path| !is_modal(path)));
                }
            }
            Stmt::ImportFrom(import) => {
                let dots = ".".repeat(import.level as usize);
                let base = match &import.module {
                    Some(module) => format!("{dots}{module}"),
                    None => dots,
                };
                if is_modal(&base) {
                    return;
                }
                let joined =
                    |name: &str| if base.ends_with('.') { format!("{base}{name}") } else { format!("{base}.{name}") };
                self.paths.push(base.clone());
                self.paths.extend(
                    import.names.iter().filter(|alias| alias.name.as_str() != "*").map(|alias| joined(&alias.name)),
                );
            }
            _ => walk_stmt(self, stmt),
        }
    }
}

fn is_modal(path: &str) -> bool {
    path == "modal" || path.starts_with("modal.")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Modules by relative file path; imports answered as Python would find them from the
    /// folder that holds `pkg/`.
    fn project(files: &[(&str, &str)]) -> (Project, Vec<String>) {
        let mut project = Project::new();
        let names: Vec<String> = files.iter().map(|(name, _)| name.to_string()).collect();
        for (_, source) in files {
            project.add(source.to_string());
        }
        for import in project.unanswered() {
            let here = names[import.module].rsplit_once('/').map_or("", |(dir, _)| dir).to_string();
            let dots = import.path.len() - import.path.trim_start_matches('.').len();
            let mut dir: Vec<&str> =
                if dots == 0 { Vec::new() } else { here.split('/').filter(|p| !p.is_empty()).collect() };
            for _ in 1..dots {
                dir.pop();
            }
            let rest = import.path.trim_start_matches('.');
            let mut parts = dir.clone();
            parts.extend(rest.split('.').filter(|p| !p.is_empty()));
            let stem = parts.join("/");
            let target =
                names.iter().position(|name| *name == format!("{stem}.py") || *name == format!("{stem}/__init__.py"));
            project.answer(import, target);
        }
        (project, names)
    }

    fn rules(project: &mut Project, module: usize) -> Vec<String> {
        project.check(module, &Options::default()).into_iter().map(|d| format!("{}:{}", d.start.line, d.rule)).collect()
    }

    const COMMON: &str = "import modal\napp = modal.App(\"x\")\nimage = modal.Image.debian_slim()\n";

    #[test]
    fn an_app_imported_relatively_or_absolutely_is_the_app() {
        let (mut project, _) = project(&[
            ("pkg/__init__.py", ""),
            ("pkg/common.py", COMMON),
            ("pkg/jobs.py", "from .common import app\n\n@app.function(keep_warm=1)\ndef f(): ...\n"),
            ("pkg/more.py", "from pkg.common import app as a\n\n@a.function(concurrency_limit=2)\ndef g(): ...\n"),
            ("pkg/mod.py", "import pkg.common\n\n@pkg.common.app.function(keep_warm=1)\ndef h(): ...\n"),
            ("pkg/sub/__init__.py", "from .. import common\n"),
            (
                "pkg/sub/deep.py",
                "from . import common\n\n@common.app.function(allow_concurrent_inputs=2)\ndef i(): ...\n",
            ),
        ]);
        assert_eq!(rules(&mut project, 2), ["3:MDL001"]);
        assert_eq!(rules(&mut project, 3), ["3:MDL001"]);
        assert_eq!(rules(&mut project, 4), ["3:MDL001"]);
        assert_eq!(rules(&mut project, 6), ["3:MDL003"], "through a package's __init__.py");
    }

    #[test]
    fn re_exports_settle_through_a_chain_of_modules() {
        let (mut project, _) = project(&[
            ("pkg/__init__.py", "from .a import app\n"),
            ("pkg/a.py", "from .b import app\n"),
            ("pkg/b.py", "from .c import app\n"),
            ("pkg/c.py", COMMON),
            ("main.py", "from pkg import app\n\n@app.function(keep_warm=1)\ndef f(): ...\n"),
        ]);
        assert_eq!(rules(&mut project, 4), ["3:MDL001"]);
    }

    #[test]
    fn a_star_import_binds_the_public_names() {
        let (mut project, _) = project(&[
            ("pkg/__init__.py", ""),
            ("pkg/common.py", COMMON),
            ("pkg/jobs.py", "from .common import *\n\n@app.function(image=image, keep_warm=1)\ndef f(): ...\n"),
        ]);
        assert_eq!(rules(&mut project, 2), ["3:MDL001"]);
    }

    #[test]
    fn names_the_project_does_not_define_stay_unknown() {
        let (mut project, _) = project(&[
            ("common.py", "app = make_app()\n"),
            (
                "jobs.py",
                "from common import app\nfrom elsewhere import app2\n\n@app.function(keep_warm=1)\ndef f(): ...\n",
            ),
        ]);
        assert!(rules(&mut project, 1).is_empty());
    }

    #[test]
    fn imports_that_cycle_do_not_hang() {
        let (mut project, _) = project(&[
            ("a.py", "from b import x\nimport modal\napp = modal.App()\n"),
            ("b.py", "from a import app as x\n\n@x.function(keep_warm=1)\ndef f(): ...\n"),
        ]);
        assert_eq!(rules(&mut project, 1), ["3:MDL001"]);
    }

    #[test]
    fn split_last_keeps_leading_dots() {
        assert_eq!(split_last("a.b.c"), Some(("a.b", "c")));
        assert_eq!(split_last(".c"), Some((".", "c")));
        assert_eq!(split_last("..c"), Some(("..", "c")));
        assert_eq!(split_last(".x.c"), Some((".x", "c")));
        assert_eq!(split_last(".."), None);
        assert_eq!(split_last("a"), None);
    }
}
