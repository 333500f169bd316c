//! MDL040: a name of `modal` that the client does not have.

use std::collections::HashSet;

use ruff_python_ast::Expr;
use ruff_text_size::Ranged;

use super::mdl012_removed_api::removed;
use crate::api::{
    ApiKind, ApiName, CLIENT_VERSION, NAMES, class_members, closest, has_member, is_wheel_module, lookup,
};
use crate::diagnostic::Severity;
use crate::model::ModalImport;
use crate::rules::{Context, Rule};

pub const RULE: Rule = Rule {
    id: "MDL040",
    name: "unknown-api",
    severity: Severity::Error,
    summary: "Finds names of `modal` that the client does not have: `modal.SharedVolume`, `modal.Dict.new`, \
              `Function.call`, `modal.OutboundPolicy`, `from modal.snapshot import ...`.",
    why: "Python looks a name up when its line runs: a missing attribute raises `AttributeError`, `from modal \
          import X` raises `ImportError` and a missing module `ModuleNotFoundError`, so the module fails to \
          import, or the call fails, whatever the name was meant to be. Names from an older client, from a newer \
          one or misspelt all end here; names a release removed have their own rule, MDL012.",
    bad: "vol = modal.SharedVolume()\n\n\n@app.function()\ndef square(x: int) -> int:\n    return x * x\n\n\n\
          @app.local_entrypoint()\ndef main():\n    print(square.call(3))",
    good: "vol = modal.Volume.from_name(\"data\", create_if_missing=True)\n\n\n@app.function()\n\
           def square(x: int) -> int:\n    return x * x\n\n\n@app.local_entrypoint()\ndef main():\n    \
           print(square.remote(3))",
    fix: None,
    check,
};

/// What replaces names of older (or newer) clients, by owner (`""` for the `modal` namespace),
/// where no current name is close enough to suggest itself.
const INSTEAD: &[(&str, &str, &str)] = &[
    ("", "SharedVolume", "use `modal.Volume` (`modal.NetworkFileSystem`, which replaced it, is deprecated)"),
    ("", "DebianSlim", "use `modal.Image.debian_slim()`"),
    ("", "Conda", "use `modal.Image.micromamba()`"),
    // modal/experimental/__init__.py imports it from modal._outbound_policy.
    ("", "OutboundPolicy", "modal 1.6.4 has it as `modal.experimental.OutboundPolicy`"),
    // modal/container_process.py; what `Sandbox.exec` returns.
    ("", "ContainerProcess", "modal 1.6.4 has it as `modal.container_process.ContainerProcess`"),
    ("Function", "call", "use `.remote(...)`"),
    ("web_endpoint", "File", "`modal.web_endpoint` is a decorator; an uploaded file is FastAPI's `UploadFile`"),
    ("App", "serve", "run `modal serve <file>` from the command line"),
    ("App", "asgi", "decorate with `@app.function()` and `@modal.asgi_app()`"),
    (
        "App",
        "is_inside",
        "`modal.is_local()` says whether the code runs locally; imports only the container has go in \
         `with image.imports():`",
    ),
];

fn check(context: &Context) {
    let missing_modules = imports(context);
    let model = context.model;
    let mut seen = HashSet::new();
    for (expr, path) in model.named() {
        let Expr::Attribute(attribute) = expr else { continue };
        let Some((owner, name)) = path.rsplit_once('.') else { continue };
        if path.contains("()") || name.starts_with('_') || missing_modules.iter().any(|module| module == path) {
            continue;
        }
        let problem = match owner {
            "modal" => top_level(name),
            // An attribute the module itself gives the app is the module's own.
            "<app>" if model.stores.iter().any(|(_, stored)| stored == path) => None,
            "<app>" => member("App", name),
            // A class decorated with `@app.cls()` is `modal.Cls` too, and its own attributes are
            // not the client's to know: only `Cls` written as such is checked.
            "modal.Cls" if !written_as(&attribute.value, "Cls") => None,
            _ => owner.strip_prefix("modal.").and_then(|owner| member(owner, name)),
        };
        if let Some(problem) = problem
            && seen.insert(attribute.attr.range())
        {
            context.report(&RULE, attribute.attr.range(), problem, None);
        }
    }
}

/// Reports imports of what the client does not have, and returns the modules reported, so that
/// their later uses are not reported again.
fn imports(context: &Context) -> Vec<String> {
    let imports = &context.model.imports;
    let mut missing_modules = Vec::new();
    for import in imports {
        let path = import.path.as_str();
        let Some(below) = path.strip_prefix("modal.") else { continue };
        let message = if import.is_module {
            let Some(module) = missing_module(below) else { continue };
            let message = format!(
                "there is no module `modal.{module}` in modal {CLIENT_VERSION} (ModuleNotFoundError when this line runs){}",
                module_instead(imports, path)
            );
            missing_modules.push(format!("modal.{module}"));
            message
        } else if below.contains('.') || top_level(below).is_none() {
            // Names of the client's other modules are not all in the reference: only `from modal
            // import ...` is checked.
            continue;
        } else {
            format!(
                "`{below}` cannot be imported from `modal`: it is not in modal {CLIENT_VERSION} (ImportError when this line runs){}",
                suggestion("", below)
            )
        };
        context.report(&RULE, import.range, message, None);
    }
    missing_modules
}

/// The first module of `modal.<below>` (outermost first) that the wheel does not have, unless
/// MDL012 reports it as removed (`modal.gpu`) or it names something else of the client's.
fn missing_module(below: &str) -> Option<&str> {
    let ends = below.match_indices('.').map(|(at, _)| at).chain([below.len()]);
    let module = ends.map(|end| &below[..end]).find(|module| !is_wheel_module(module))?;
    let known = lookup(module).is_some() || removed(&format!("modal.{module}")).is_some() || module.starts_with("gpu");
    (!known).then_some(module)
}

/// What to import instead of a missing module: the client's names it was asked for, where `modal`
/// has them all (`from modal.snapshot import SandboxSnapshot`).
fn module_instead(imports: &[ModalImport], module_path: &str) -> String {
    let prefix = format!("{module_path}.");
    let names: Vec<&str> = imports
        .iter()
        .filter(|import| !import.is_module)
        .filter_map(|import| import.path.strip_prefix(&prefix))
        .collect();
    let all_current = names.iter().all(|name| lookup(name).is_some_and(|entry| entry.is_current()));
    if names.is_empty() || !all_current {
        return String::new();
    }
    format!(": import from `modal` itself, `from modal import {}`", names.join(", "))
}

/// The problem with `modal.<name>`, if the client has no such name.
fn top_level(name: &str) -> Option<String> {
    if lookup(name).is_some() || is_wheel_module(name) {
        return None;
    }
    let path = format!("modal.{name}");
    if removed(&path).is_some() {
        return None;
    }
    Some(format!(
        "`{path}` is not in modal {CLIENT_VERSION} (AttributeError when this line runs){}",
        suggestion("", name)
    ))
}

/// The problem with `<owner>.<name>` for a class or function of the `modal` namespace, if it has
/// no such member. The reference lists every public member of those classes, but not of classes
/// in other modules (the values of `modal.types`' enums), nor of a class whose bases are not the
/// client's, nor of modules.
fn member(owner: &str, name: &str) -> Option<String> {
    let entry = lookup(owner).filter(|_| !owner.contains('.'))?;
    let known = match entry.kind {
        ApiKind::Class => has_member(owner, name)?,
        // `modal.web_endpoint`; its `aio` is the async form.
        ApiKind::Function => name == "aio",
        _ => return None,
    };
    let shown = if entry.kind == ApiKind::Class { format!("{owner}.{name}") } else { format!("modal.{owner}.{name}") };
    (!known).then(|| {
        format!(
            "`{shown}` is not in modal {CLIENT_VERSION} (AttributeError when this line runs){}",
            suggestion(owner, name)
        )
    })
}

/// What to use instead of `name` of `owner` (`""` for the `modal` namespace), as `: ...`: our own
/// word for names of older clients, a current name close enough to be a slip, or nothing.
fn suggestion(owner: &str, name: &str) -> String {
    if let Some((_, _, instead)) = INSTEAD.iter().find(|(of, missing, _)| *of == owner && *missing == name) {
        return format!(": {instead}");
    }
    // `Dict.new`, `Volume.persisted`: objects of older clients made by the class itself.
    if matches!(name, "new" | "persisted") && current(&format!("{owner}.from_name")) {
        let ephemeral = if current(&format!("{owner}.ephemeral")) {
            format!(", or `{owner}.ephemeral()` for one run")
        } else {
            String::new()
        };
        return format!(": use `{owner}.from_name(name, create_if_missing=True)`{ephemeral}");
    }
    let siblings: Vec<&str> = match owner {
        "" => NAMES
            .iter()
            .filter(|entry| entry.is_current() && !entry.name.contains('.'))
            .map(|entry| entry.name)
            .collect(),
        class => class_members(class)
            .unwrap_or_default()
            .into_iter()
            .filter(|entry| entry.is_current())
            .filter_map(|entry| entry.name.rsplit('.').next())
            .collect(),
    };
    match closest(name, siblings.iter().copied()) {
        Some(near) if owner.is_empty() => format!(": did you mean `modal.{near}`?"),
        Some(near) => format!(": did you mean `{owner}.{near}`?"),
        None => String::new(),
    }
}

fn current(name: &str) -> bool {
    lookup(name).is_some_and(ApiName::is_current)
}

/// Whether `expr` is written as the name `name` or an attribute of that name (`modal.Cls`, `Cls`).
fn written_as(expr: &Expr, name: &str) -> bool {
    match expr {
        Expr::Name(written) => written.id.as_str() == name,
        Expr::Attribute(attribute) => attribute.attr.as_str() == name,
        _ => false,
    }
}
