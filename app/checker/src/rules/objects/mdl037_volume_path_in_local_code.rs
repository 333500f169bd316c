//! MDL037: a local entrypoint reading a path where the file's functions mount a Volume.

use ruff_python_ast::visitor::{Visitor, walk_expr};
use ruff_python_ast::{Expr, InterpolatedStringElement, Stmt};
use ruff_text_size::{Ranged, TextRange};

use crate::diagnostic::Severity;
use crate::model::DefNode;
use crate::rules::toolkit::{excerpt, keyword, string};
use crate::rules::{Context, Rule};

pub const RULE: Rule = Rule {
    id: "MDL037",
    name: "volume-path-in-local-code",
    severity: Severity::Warning,
    summary: "Finds file-system calls such as `open(...)` or `os.listdir(...)` in an `@app.local_entrypoint()` \
              function on a path under a Volume mount path of the same file.",
    why: "An `@app.local_entrypoint()` function runs on your own machine (under `modal run`), not in a container, so \
          the Volumes that the file's functions mount at `/data` or `/models` are not there: \
          `os.listdir(\"/data/input\")` fails with `FileNotFoundError`, or worse, reads an unrelated local directory. \
          Ask the Volume object instead (`vol.listdir(\"/input\")`, `vol.read_file(...)`, `vol.batch_upload()`; paths \
          are relative to the Volume's root, not the mount point), or do the file work in a remote function that \
          mounts the Volume.",
    bad: "vol = modal.Volume.from_name(\"data\", create_if_missing=True)\n\n\n\
          @app.function(volumes={\"/data\": vol})\ndef process(name: str):\n    ...\n\n\n\
          @app.local_entrypoint()\ndef main():\n    import os\n\n    for name in os.listdir(\"/data/input\"):\n        \
          process.remote(name)",
    good: "vol = modal.Volume.from_name(\"data\", create_if_missing=True)\n\n\n\
           @app.function(volumes={\"/data\": vol})\ndef process(name: str):\n    ...\n\n\n\
           @app.local_entrypoint()\ndef main():\n    for entry in vol.listdir(\"/input\"):\n        \
           process.remote(entry.path)",
    fix: None,
    check,
};

/// Calls that read a file through their first argument.
const READING_CALLS: &[&str] =
    &["open", "io.open", "pathlib.Path", "Path", "shutil.copy", "shutil.copy2", "shutil.copyfile"];

/// Calls that touch the local file system through their first argument.
const FILE_SYSTEM_CALLS: &[&str] = &[
    "open",
    "io.open",
    "os.listdir",
    "os.scandir",
    "os.walk",
    "os.stat",
    "os.remove",
    "os.unlink",
    "os.mkdir",
    "os.makedirs",
    "os.rmdir",
    "os.path.exists",
    "os.path.isfile",
    "os.path.isdir",
    "os.path.getsize",
    "os.path.getmtime",
    "pathlib.Path",
    "Path",
    "glob.glob",
    "glob.iglob",
    "shutil.copy",
    "shutil.copy2",
    "shutil.copyfile",
    "shutil.copytree",
    "shutil.rmtree",
    "shutil.move",
];

/// A Volume mounted by a function of the file: its normalized path and how the value is written.
struct Mount {
    path: String,
    /// The variable mounted, when it is written as one.
    volume: Option<String>,
}

fn check(context: &Context) {
    let model = context.model;
    let mounts = mounts(context);
    if mounts.is_empty() {
        return;
    }
    for (definition, _) in model.decorated_with("<app>.local_entrypoint") {
        let DefNode::Function(function) = definition.node else { continue };
        let mut calls = FileSystemCalls { context, arguments: Vec::new() };
        for stmt in &function.body {
            calls.visit_stmt(stmt);
        }
        for (range, path) in calls.arguments {
            let Some(mount) = mounts.iter().find(|mount| path.within(&mount.path)) else { continue };
            let (mounted, receiver) = match &mount.volume {
                Some(volume) => (format!("`{volume}`"), format!("{volume}.")),
                None => ("a Volume".to_string(), String::new()),
            };
            let instead = format!("`{receiver}{}`", path.volume_call(&mount.path));
            context.report(
                &RULE,
                range,
                format!(
                    "\"{}\" is under \"{}\", where a function mounts {mounted}, but a local entrypoint runs on your \
                     machine, where no Volume is mounted: expected the Volume's own methods, such as {instead} (paths \
                     relative to the Volume), or this work in a remote function",
                    path.shown(),
                    mount.path,
                ),
                None,
            );
        }
    }
}

/// The string-literal mount paths in `volumes={...}` of the file's `@app.function()` and `@app.cls()`.
fn mounts(context: &Context) -> Vec<Mount> {
    let mut mounts = Vec::new();
    for modal_call in &context.model.calls {
        if !matches!(modal_call.path.as_str(), "<app>.function" | "<app>.cls") {
            continue;
        }
        let Some(Expr::Dict(dict)) = keyword(modal_call.call, "volumes") else { continue };
        for item in &dict.items {
            let Some(path) = item.key.as_ref().and_then(string) else { continue };
            let path = path.trim_end_matches('/');
            // Relative or root paths are refused anyway (MDL032).
            if !path.starts_with('/') || path.len() < 2 {
                continue;
            }
            let volume = match &item.value {
                Expr::Name(name) => Some(name.id.to_string()),
                _ => None,
            };
            mounts.push(Mount { path: path.to_string(), volume });
        }
    }
    mounts
}

/// A path given to a file-system call: a string literal, or the literal text that starts an
/// f-string (`f"/data/{name}"` gives `/data/`, not complete).
struct LocalPath {
    text: String,
    complete: bool,
    /// The call reads a file (`open`, `Path`) rather than lists a directory.
    reads: bool,
}

impl LocalPath {
    /// Whether the path is `mount` or inside it. Of an incomplete path only what is certain
    /// counts: `f"/data{suffix}"` may be `/database`.
    fn within(&self, mount: &str) -> bool {
        self.text.strip_prefix(mount).is_some_and(|rest| {
            if self.complete { rest.is_empty() || rest.starts_with('/') } else { rest.starts_with('/') }
        })
    }

    /// The path as the message quotes it, `…` standing for what an f-string fills in.
    fn shown(&self) -> String {
        format!("{}{}", excerpt(&self.text), if self.complete { "" } else { "…" })
    }

    /// The Volume method that does the same from here: `read_file("/input/a.txt")` for a file,
    /// `listdir("/input")` for a directory (of a glob pattern, the directory before it).
    fn volume_call(&self, mount: &str) -> String {
        let inside = self.text.get(mount.len()..).unwrap_or("");
        let unknown = if self.complete { "" } else { "…" };
        if self.reads && !inside.trim_matches('/').is_empty() {
            return format!("read_file(\"{}{unknown}\")", excerpt(inside));
        }
        let directory = match inside.find(['*', '?', '[']) {
            Some(wildcard) => inside.get(..wildcard).and_then(|before| before.rfind('/').map(|at| &before[..at])),
            None => Some(inside),
        };
        let directory = directory.unwrap_or("").trim_end_matches('/');
        if directory.is_empty() && self.complete {
            return "listdir(\"/\")".into();
        }
        let unknown = if self.complete { "" } else { "/…" };
        format!("listdir(\"{}{unknown}\")", excerpt(directory))
    }
}

/// The literal first arguments of file-system calls, with their ranges; of an f-string, its
/// leading literal text (`f"/data/{name}"` is read as `/data/`).
struct FileSystemCalls<'c, 'a, 'm> {
    context: &'c Context<'a, 'm>,
    arguments: Vec<(TextRange, LocalPath)>,
}

impl<'v> Visitor<'v> for FileSystemCalls<'_, '_, '_> {
    fn visit_stmt(&mut self, stmt: &'v Stmt) {
        // A nested class body is not this function's code; nested functions run locally too.
        if !matches!(stmt, Stmt::ClassDef(_)) {
            ruff_python_ast::visitor::walk_stmt(self, stmt);
        }
    }

    fn visit_expr(&mut self, expr: &'v Expr) {
        if let Expr::Call(call) = expr
            && FILE_SYSTEM_CALLS.contains(&self.context.text(call.func.range()))
            && let Some(first) = call.arguments.args.first()
        {
            let reads = READING_CALLS.contains(&self.context.text(call.func.range()));
            let path = match first {
                Expr::StringLiteral(literal) => {
                    Some(LocalPath { text: literal.value.to_str().to_string(), complete: true, reads })
                }
                // Only a single f-string part: implicit concatenation mixes in plain strings.
                Expr::FString(fstring) if fstring.value.as_slice().len() == 1 => {
                    let mut text = String::new();
                    let mut complete = true;
                    for element in fstring.value.elements() {
                        match element {
                            InterpolatedStringElement::Literal(literal) => text.push_str(&literal.value),
                            InterpolatedStringElement::Interpolation(_) => {
                                complete = false;
                                break;
                            }
                        }
                    }
                    Some(LocalPath { text, complete, reads })
                }
                _ => None,
            };
            if let Some(path) = path {
                self.arguments.push((first.range(), path));
            }
        }
        walk_expr(self, expr);
    }
}
