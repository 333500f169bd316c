//! MDL012: an API of the 0.x client that no longer exists.

use std::collections::HashSet;

use ruff_python_ast::Expr;
use ruff_text_size::{Ranged, TextRange};

use super::gpu::replacement_for_object;
use crate::api::{ApiName, CLIENT_VERSION, resolve};
use crate::diagnostic::{Fix, Severity};
use crate::rules::toolkit::{is_identifier, replace};
use crate::rules::{Context, Rule, RuleFix, innermost};

pub const RULE: Rule = Rule {
    id: "MDL012",
    name: "removed-api",
    severity: Severity::Error,
    summary: "Finds `modal.Stub`, `modal.Mount`, `modal.build`, `modal.gpu`, and the removed `Image.copy_local_*`, \
              `Image.copy_mount` and `Image.conda*` methods.",
    why: "These were deprecated during 0.x and removed by 1.x: the client raises `AttributeError` (`ImportError` \
          for `from modal import ...`, `ModuleNotFoundError` for `import modal.gpu`) as soon as the line runs, so the \
          module fails to import and nothing deploys, even when the imported name is never used. A name used only \
          in an annotation raises where Python evaluates it: where it is written before Python 3.14, so it is an \
          error there; from 3.14 (`python-version = \"3.14\"`) annotations are evaluated only when something reads \
          them (PEP 649), as under `from __future__ import annotations`, so the import succeeds and the checker \
          reports nothing there. What reads them later still fails: `typing.get_type_hints`, FastAPI, and the \
          client's own look at a signature (`schedule=`, `@modal.batched`). Imports run on every Python: always errors.",
    bad: "stub = modal.Stub(\"etl\")\nimage = modal.Image.debian_slim().copy_local_dir(\"data\", \"/data\")",
    good: "app = modal.App(\"etl\")\nimage = modal.Image.debian_slim().add_local_dir(\"data\", \"/data\", copy=True)",
    fix: Some(RuleFix::safe("Rename `modal.Stub` to `modal.App`.")),
    check,
};

/// Names removed from the `modal` module before the releases the reference data covers (1.0 on),
/// and what to use instead. Later removals come from the data.
const MODULE_NAMES: &[(&str, &str)] = &[
    ("modal.Stub", "use `modal.App`, a simple rename"),
    (
        "modal.Mount",
        "add local files to the image with `Image.add_local_dir`, `Image.add_local_file` or `Image.add_local_python_source`",
    ),
    ("modal.gpu", "pass the GPU as a string such as `gpu=\"A100-80GB\"` or `gpu=\"H100:2\"`"),
];

/// What replaces names the data says were removed, where the client's own message names nothing.
const REPLACEMENTS: &[(&str, &str)] = &[
    ("build", "download assets in an `Image.run_function(...)` build step, or store them in a `modal.Volume`"),
    ("Image.copy_local_file", "use `add_local_file(local_path, remote_path, copy=True)`"),
    ("Image.copy_local_dir", "use `add_local_dir(local_path, remote_path, copy=True)`"),
    ("Function.web_url", "call `.get_web_url()`"),
];

/// Methods removed from `modal.Image` before 1.0, and what to use instead.
const IMAGE_METHODS: &[(&str, &str)] = &[
    ("copy_mount", "add the files with `add_local_dir`, `add_local_file` or `add_local_python_source`"),
    ("conda", "start from `modal.Image.micromamba()`"),
    ("conda_install", "use `micromamba_install(...)` on a `modal.Image.micromamba()` image"),
    ("conda_update_from_environment", "use `micromamba_install(spec_file=...)` on a `modal.Image.micromamba()` image"),
];

fn check(context: &Context) {
    let model = context.model;
    let named = model.named();
    let mut seen = HashSet::new();
    // Attributes inside a reported one (`modal.gpu` in `modal.gpu.A100`), not reported again. A
    // call ends the reported API: `Image.conda().conda_install` is two problems.
    let mut covered = HashSet::new();
    let mut found = Vec::new();
    // A bare name (`@build()`, `Stub()`) was imported from modal, and that import is the error:
    // the line raises ImportError before the name is used.
    let named = named.filter(|(expr, _)| !expr.is_name_expr());
    for (expr, path) in named {
        // The outermost part of the expression that names a removed API is the one to report;
        // a name bound to a result (`stub = modal.Stub()`) names none.
        let parts = chain(expr, path);
        let Some(at) = parts.iter().position(|(_, part_path)| removed(part_path).is_some()) else { continue };
        covered.extend(
            parts[at + 1..].iter().take_while(|(inner, _)| !inner.is_call_expr()).map(|(inner, _)| inner.range()),
        );
        let (part, part_path) = &parts[at];
        if seen.insert(part.range()) {
            found.push((*part, part_path.clone()));
        }
    }
    found.retain(|(part, _)| !covered.contains(&part.range()));
    // `modal.Mount` in `mounts=[...]`: MDL003 reports the keyword, which goes with it.
    if !found.is_empty() {
        let removed_keywords = removed_keyword_values(context);
        found.retain(|(part, _)| !removed_keywords.iter().any(|value| value.contains_range(part.range())));
    }
    let mut reported = Vec::new();
    for (part, path) in found {
        let Some(api) = removed(&path) else { continue };
        let (range, message, fix) = match api {
            Removed::ModuleName(name, instead) => {
                let message = match path.strip_prefix("modal.gpu.") {
                    Some(class_name) => {
                        let call = model
                            .calls
                            .iter()
                            .find(|call| call.call.func.range() == part.range())
                            .map(|call| call.call);
                        let instead = replacement_for_object(class_name, call).map_or_else(
                            || instead.to_string(),
                            |replacement| format!("pass the GPU as a string, `gpu=\"{replacement}\"`"),
                        );
                        format!(
                            "`modal.gpu.{class_name}` no longer exists (AttributeError in modal {CLIENT_VERSION}): {instead}"
                        )
                    }
                    None => format!("`{name}` no longer exists (AttributeError in modal {CLIENT_VERSION}): {instead}"),
                };
                (part.range(), message, stub_fix(part, name))
            }
            Removed::ImageMethod(method, instead) => {
                // Point at the method name, not the whole chain before it.
                let range = match part {
                    Expr::Attribute(attribute) => attribute.attr.range(),
                    other => other.range(),
                };
                (
                    range,
                    format!("`Image.{method}` no longer exists (AttributeError in modal {CLIENT_VERSION}): {instead}"),
                    None,
                )
            }
        };
        context.report(&RULE, range, message, fix);
        reported.push(range);
    }
    removed_since_1_0(context, &reported);
    removed_imports(context);
    removed_stores(context);
}

/// Assignments to an attribute the data says was removed (`app.image = ...`): Python sets a plain
/// attribute that the client never reads, so the line runs and what it meant silently does not happen.
fn removed_stores(context: &Context) {
    for (target, path) in &context.model.stores {
        let Some(name) = resolve(path) else { continue };
        let (Some(removed), Expr::Attribute(attribute)) = (&name.removed, target) else { continue };
        // What the assignment meant, and what does that now.
        let effect = match name.name {
            "App.image" => format!(
                ", so the app's functions run on the default image, where importing what it lacks fails in the \
                 container: pass the image to `modal.App(image=...)` or `@{}.function(image=...)`",
                context.app_receiver(target).unwrap_or("app")
            ),
            _ => String::new(),
        };
        let message = format!(
            "`{}` was removed in modal {removed}: assigning it sets a plain attribute that modal {CLIENT_VERSION} never reads{effect}",
            name.name
        );
        context.report(&RULE, attribute.attr.range(), message, None);
    }
}

/// The values of keywords a Modal call no longer takes (`mounts=[modal.Mount...]`), which MDL003
/// reports with what replaces them.
fn removed_keyword_values(context: &Context) -> Vec<TextRange> {
    let mut values = Vec::new();
    for call in &context.model.calls {
        let Some(callee) = resolve(&call.path) else { continue };
        if !callee.has_signature || callee.any_keyword {
            continue;
        }
        for keyword in &call.call.arguments.keywords {
            if keyword.arg.as_ref().is_some_and(|name| callee.keyword(name.as_str()).is_none()) {
                values.push(keyword.value.range());
            }
        }
    }
    values
}

/// Imports of what no longer exists, each an error on its line whether or not the name is used
/// later: Python raises when it runs the import.
fn removed_imports(context: &Context) {
    for import in &context.model.imports {
        let path = import.path.as_str();
        let shown = path.strip_prefix("modal.").unwrap_or(path);
        let in_gpu = path == "modal.gpu" || path.starts_with("modal.gpu.");
        let message = if in_gpu && (import.is_module || path == "modal.gpu") {
            let error = if import.is_module { "ModuleNotFoundError" } else { "ImportError" };
            let (_, instead) = MODULE_NAMES.iter().find(|(name, _)| *name == "modal.gpu").expect("modal.gpu");
            format!("the module `modal.gpu` was removed in 1.0 ({error} in modal {CLIENT_VERSION}): {instead}")
        } else if in_gpu {
            // `A100` in `from modal.gpu import A100`: the module is the problem, reported once.
            continue;
        } else if let Some((_, instead)) = MODULE_NAMES.iter().find(|(name, _)| *name == path) {
            format!(
                "`{shown}` cannot be imported from `modal`, which no longer has it (ImportError in modal {CLIENT_VERSION}): {instead}"
            )
        } else if let Some(name) = resolve(path)
            && let Some(removed) = &name.removed
        {
            let error = if import.is_module { "ModuleNotFoundError" } else { "ImportError" };
            format!(
                "`{}` was removed in modal {removed} ({error} in modal {CLIENT_VERSION}){}",
                name.name,
                instead(name)
            )
        } else {
            continue;
        };
        context.report(&RULE, import.range, message, None);
    }
}

/// What to use instead of a name the data says was removed, as `: ...`, or nothing when neither
/// we nor the client's deprecation say.
fn instead(name: &ApiName) -> String {
    let instead = REPLACEMENTS
        .iter()
        .find(|(removed, _)| *removed == name.name)
        .map(|(_, instead)| (*instead).to_string())
        .or_else(|| name.deprecated.map(|deprecated| format!("the client said: {}", deprecated.message)));
    instead.map_or_else(String::new, |instead| format!(": {instead}"))
}

/// Names the reference data says a 1.x release removed (`Image.copy_local_dir` in 1.1.0), each
/// reported at the name itself. `.lookup` is MDL036's.
fn removed_since_1_0(context: &Context, reported: &[TextRange]) {
    let mut found: Vec<(TextRange, String)> = Vec::new();
    for (expr, path) in context.model.named().filter(|(expr, _)| !expr.is_name_expr()) {
        let Some(name) = resolve(path) else { continue };
        let Some(removed) = &name.removed else { continue };
        let range = match expr {
            Expr::Attribute(attribute) => attribute.attr.range(),
            other => other.range(),
        };
        if name.name.ends_with(".lookup") || reported.iter().any(|done| done.contains_range(range)) {
            continue;
        }
        let message = format!(
            "`{}` was removed in modal {removed} (AttributeError in modal {CLIENT_VERSION}){}",
            name.name,
            instead(name)
        );
        if !found.iter().any(|(seen, _)| *seen == range) {
            found.push((range, message));
        }
    }
    innermost(&mut found);
    for (range, message) in found {
        context.report(&RULE, range, message, None);
    }
}

#[derive(Clone, Copy)]
pub(super) enum Removed {
    ModuleName(&'static str, &'static str),
    ImageMethod(&'static str, &'static str),
}

/// The removed API that `path` names exactly: `modal.Stub`, `modal.gpu`, `modal.gpu.A100`, or an
/// image method on `modal.Image` or an image built from it (`modal.Image.debian_slim().conda_install`).
pub(super) fn removed(path: &str) -> Option<Removed> {
    if let Some(&(name, instead)) = MODULE_NAMES.iter().find(|(name, _)| *name == path) {
        return Some(Removed::ModuleName(name, instead));
    }
    if let Some(class_name) = path.strip_prefix("modal.gpu.")
        && is_identifier(class_name)
    {
        let &(name, instead) = MODULE_NAMES.iter().find(|(name, _)| *name == "modal.gpu")?;
        return Some(Removed::ModuleName(name, instead));
    }
    let (receiver, method) = path.rsplit_once('.')?;
    let &(method, instead) = IMAGE_METHODS.iter().find(|(name, _)| *name == method)?;
    // Between `modal.Image` and the method, only method calls: `.debian_slim().pip_install()`.
    let steps = receiver.strip_prefix("modal.Image")?;
    let is_image_chain = steps.is_empty()
        || steps
            .strip_prefix('.')
            .is_some_and(|steps| steps.split('.').all(|step| step.strip_suffix("()").is_some_and(is_identifier)));
    is_image_chain.then_some(Removed::ImageMethod(method, instead))
}

/// `expr` and the expressions it is built on, outermost first, each with its path:
/// `a.b().c`, `a.b()`, `a.b`, `a`.
fn chain<'e>(expr: &'e Expr, path: &str) -> Vec<(&'e Expr, String)> {
    let mut parts = Vec::new();
    let mut current = expr;
    let mut current_path = path.to_string();
    loop {
        let inner = match current {
            Expr::Attribute(attribute) => current_path
                .strip_suffix(attribute.attr.as_str())
                .and_then(|rest| rest.strip_suffix('.'))
                .map(|rest| (&*attribute.value, rest.to_string())),
            Expr::Call(call) => current_path.strip_suffix("()").map(|rest| (&*call.func, rest.to_string())),
            _ => None,
        };
        parts.push((current, std::mem::take(&mut current_path)));
        let Some((next, next_path)) = inner else { break };
        current = next;
        current_path = next_path;
    }
    parts
}

/// `modal.Stub` written as an attribute becomes `modal.App`; a name imported from modal needs
/// its import changed too, so it gets no fix.
fn stub_fix(part: &Expr, name: &str) -> Option<Fix> {
    let Expr::Attribute(attribute) = part else { return None };
    (name == "modal.Stub" && attribute.attr.as_str() == "Stub")
        .then(|| RULE.fix_with("Rename to modal.App", vec![replace(attribute.attr.range(), "App")]))
}
