//! The documents an editor has open, checked as `check` checks a project: each with the project
//! modules it imports (an open document's text, else the file on disk), under the project's
//! settings (rule selection, per-file ignores, target version) and `# noqa` comments.
//!
//! The host (the server) answers what needs the disk and the configuration, so the engine does
//! no I/O of its own and is tested with an in-memory host.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use atlas_checker::{Applicability, Diagnostic, Edit, Import, Options, Outline, Project, fix_in_rounds, noqa};

/// A module's text as the host read it.
#[derive(Clone)]
pub enum ModuleText {
    Text(String),
    /// Over the checker's limit for a file: refused unread, with its size.
    TooLarge(u64),
}

/// What a workspace needs from around it.
pub trait Host {
    /// The check's options (the target version).
    fn options(&self) -> &Options;
    /// Whether `rule` is reported in the file at `path` (rule selection, per-file ignores).
    fn reports(&self, rule: &str, path: &Path) -> bool;
    /// The file of the module `import` names, as Python would find it from `importer`.
    fn module_file(&self, importer: &Path, import: &Import) -> Option<PathBuf>;
    /// The text of the file at `path`, or why it cannot be read.
    fn read(&self, path: &Path) -> Result<ModuleText, String>;
}

/// Why a request about a document cannot be answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotOpen(pub PathBuf);

impl std::fmt::Display for NotOpen {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} is not open: send textDocument/didOpen first", self.0.display())
    }
}

pub struct Workspace<H: Host> {
    host: H,
    open: HashMap<PathBuf, String>,
    /// Files read from disk for the modules open documents import; `None`: unreadable.
    read: HashMap<PathBuf, Option<ModuleText>>,
}

/// A document checked with the modules it imports: module 0 is the document.
pub struct Checked<'w, H: Host> {
    workspace: &'w Workspace<H>,
    path: PathBuf,
    project: Project,
}

impl<H: Host> Workspace<H> {
    pub fn new(host: H) -> Workspace<H> {
        Workspace { host, open: HashMap::new(), read: HashMap::new() }
    }

    pub fn host(&self) -> &H {
        &self.host
    }

    /// Opens (or reopens) the document at `path` with `text`.
    pub fn open(&mut self, path: PathBuf, text: String) {
        self.open.insert(path, text);
    }

    pub fn close(&mut self, path: &Path) {
        self.open.remove(path);
    }

    pub fn text(&self, path: &Path) -> Result<&str, NotOpen> {
        self.open.get(path).map(String::as_str).ok_or_else(|| NotOpen(path.to_path_buf()))
    }

    /// The open document's text, to change in place.
    pub fn text_mut(&mut self, path: &Path) -> Result<&mut String, NotOpen> {
        self.open.get_mut(path).ok_or_else(|| NotOpen(path.to_path_buf()))
    }

    /// Forgets the files read from disk (one changed there), so the next check reads them again.
    pub fn forget_reads(&mut self) {
        self.read.clear();
    }

    /// The open document at `path` with the project modules it imports.
    pub fn checked(&mut self, path: &Path) -> Result<Checked<'_, H>, NotOpen> {
        let text = self.text(path)?.to_string();
        let mut project = Project::new();
        let mut paths = vec![path.to_path_buf()];
        let mut numbers: HashMap<PathBuf, Option<usize>> = HashMap::from([(path.to_path_buf(), Some(0))]);
        project.add(text);
        loop {
            let imports = project.unanswered();
            if imports.is_empty() {
                break;
            }
            for import in imports {
                let found = self.host.module_file(&paths[import.module], &import);
                let module = found.and_then(|file| {
                    if let Some(&known) = numbers.get(&file) {
                        return known;
                    }
                    let module = match self.module_text(&file) {
                        Some(ModuleText::Text(text)) => Some(project.add(text)),
                        Some(ModuleText::TooLarge(bytes)) => Some(project.add_too_large(bytes)),
                        None => None,
                    };
                    if module.is_some() {
                        paths.push(file.clone());
                    }
                    numbers.insert(file, module);
                    module
                });
                project.answer(import, module);
            }
        }
        Ok(Checked { workspace: self, path: path.to_path_buf(), project })
    }

    /// An open document's text, else the file's as read from disk (once, until
    /// [`Workspace::forget_reads`]).
    fn module_text(&mut self, path: &Path) -> Option<ModuleText> {
        if let Some(text) = self.open.get(path) {
            return Some(ModuleText::Text(text.clone()));
        }
        let host = &self.host;
        self.read.entry(path.to_path_buf()).or_insert_with(|| host.read(path).ok()).clone()
    }
}

impl<H: Host> Checked<'_, H> {
    /// Where the document names Modal.
    pub fn outline(&mut self) -> Outline {
        self.project.outline(0)
    }

    /// The document with every safe fix applied, in rounds as `check --fix` applies them, and how
    /// many were applied; `None` when there is none to apply.
    pub fn fix_all(&mut self) -> Option<(String, usize)> {
        let source = self.project.source(0).to_string();
        let found = |text: &str| {
            if self.project.source(0) != text {
                self.project.replace(0, text.to_string());
            }
            self.diagnostics()
        };
        let safe = |d: &Diagnostic| d.fix.as_ref().is_some_and(|fix| fix.applicability == Applicability::Safe);
        let (fixed, applied) = fix_in_rounds(source, found, safe);
        self.project.replace(0, self.workspace.open[&self.path].clone());
        (applied > 0).then_some((fixed, applied))
    }

    /// The document's problems that the settings report and no `# noqa` comment silences.
    pub fn diagnostics(&mut self) -> Vec<Diagnostic> {
        let found = self.project.check(0, self.workspace.host.options());
        let lines: Vec<&str> = self.project.source(0).lines().collect();
        let host = &self.workspace.host;
        found.into_iter().filter(|d| host.reports(&d.rule, &self.path) && !noqa::silenced(&lines, d)).collect()
    }
}

/// The edit that silences `diagnostic` with a `# noqa: RULE` comment on its first line (added to
/// the line's list when it has one).
pub fn noqa_edit(source: &str, diagnostic: &Diagnostic) -> Edit {
    let start = diagnostic.start.offset.min(source.len());
    let line_start = source[..start].rfind('\n').map_or(0, |at| at + 1);
    let mut line_end = source[start..].find('\n').map_or(source.len(), |at| start + at);
    if source[line_start..line_end].ends_with('\r') {
        line_end -= 1;
    }
    let line = &source[line_start..line_end];
    Edit { start: line_start, end: line_end, replacement: noqa::with_rule(line, &diagnostic.rule) }
}
