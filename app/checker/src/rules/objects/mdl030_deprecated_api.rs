//! MDL030: names and keywords the client deprecated, which still work in 1.6.4 but warn.

use std::collections::HashSet;

use ruff_python_ast::{Expr, ExprCall};
use ruff_text_size::Ranged;

use crate::api::{ApiDeprecation, CURRENT, resolve};
use crate::diagnostic::Severity;
use crate::rules::toolkit::{excerpt, keyword, literal_type, number, replace};
use crate::rules::{Context, Rule, RuleFix};

pub const RULE: Rule = Rule {
    id: "MDL030",
    name: "deprecated-api",
    severity: Severity::Warning,
    summary: "Finds names and keywords the current client deprecated and warns about: `max_inputs=1` in \
              `@app.function()` and `@app.cls()`, `modal.NetworkFileSystem`, and the rest the reference data lists.",
    why: "`max_inputs=1` asked for a fresh container for every input. It was deprecated on 2025-12-16: the client \
          still honours it but emits a deprecation warning asking for `single_use_containers=True`, which does the \
          same thing. (Any other value raises; see MDL031.) `modal.NetworkFileSystem` was deprecated on 2026-09-16: \
          `NetworkFileSystem.from_name(...)` and `network_file_systems=` warn \"Use `modal.Volume` instead\", and the \
          `modal nfs` command is hidden; its documentation says it will be removed. A Volume is not a drop-in \
          replacement: it shows other containers' writes only after they `commit()` and you `reload()`. The other \
          deprecations, with the client's own messages, come from the reference data.",
    bad: "@app.function(max_inputs=1)\ndef convert(path: str):\n    ...\n\n\n\
          shared = modal.NetworkFileSystem.from_name(\"shared\", create_if_missing=True)",
    good: "@app.function(single_use_containers=True)\ndef convert(path: str):\n    ...\n\n\n\
           shared = modal.Volume.from_name(\"shared\", create_if_missing=True)",
    fix: Some(RuleFix::safe("Replace `max_inputs=1` with `single_use_containers=True`.")),
    check,
};

/// Where `modal.NetworkFileSystem` lives: the module and its own submodule.
const NFS_PATHS: &[&str] = &["modal.NetworkFileSystem", "modal.network_file_system.NetworkFileSystem"];

/// Deprecations other code reports: NetworkFileSystem here, with its own message; `max_inputs`
/// here, with a fix.
fn reported_apart(name: &str) -> bool {
    name == "NetworkFileSystem" || name.starts_with("NetworkFileSystem.")
}

fn check(context: &Context) {
    let model = context.model;
    for modal_call in &model.calls {
        if matches!(modal_call.path.as_str(), "<app>.function" | "<app>.cls") {
            check_max_inputs(modal_call.call, context);
        }
    }
    let mut seen = HashSet::new();
    let named = model
        .references
        .iter()
        .map(|(expr, path)| (*expr, path.as_str()))
        .chain(model.calls.iter().map(|call| (&*call.call.func, call.path.as_str())));
    for (expr, path) in named {
        let Some(part) = named_part(expr, path) else { continue };
        if !seen.insert(part.range()) {
            continue;
        }
        let written = context.text(part.range()).to_string();
        context.report(
            &RULE,
            part.range(),
            format!(
                "`{written}` is deprecated (since 2026-09-16) and warns when used; expected a `modal.Volume`, mounted \
                 with `volumes=` (it shows other containers' writes after they commit and you reload)"
            ),
            None,
        );
    }
    deprecated_in_data(context);
}

/// The names and keywords the reference data says warn in the current client (deprecated, not
/// yet raising), at the innermost name.
fn deprecated_in_data(context: &Context) {
    let mut seen = HashSet::new();
    for (expr, path) in context.model.named() {
        let Some(name) = resolve(path) else { continue };
        let Some(deprecated) = name.deprecated else { continue };
        if !name.is_current() || deprecated.raises_in(&CURRENT) || reported_apart(name.name) {
            continue;
        }
        let range = match expr {
            Expr::Attribute(attribute) => attribute.attr.range(),
            other => other.range(),
        };
        if seen.insert(range) {
            context.report(&RULE, range, warning(&format!("`{}`", name.name), deprecated), None);
        }
    }
    for call in &context.model.calls {
        let Some(callee) = resolve(&call.path) else { continue };
        for keyword in call.call.arguments.keywords.iter() {
            let Some(arg) = &keyword.arg else { continue };
            let Some(deprecated) = callee.keyword(arg.as_str()).and_then(|keyword| keyword.deprecated) else {
                continue;
            };
            if arg.as_str() != "max_inputs" && !deprecated.raises_in(&CURRENT) {
                let message = warning(&format!("`{}=` of `{}`", arg.as_str(), callee.name), deprecated);
                context.report(&RULE, arg.range(), message, None);
            }
        }
    }
}

fn warning(what: &str, deprecated: &ApiDeprecation) -> String {
    format!(
        "{what} is deprecated (since modal {}, {}) and warns when used; the client says: {}",
        deprecated.version, deprecated.date, deprecated.message
    )
}

fn check_max_inputs(call: &ExprCall, context: &Context) {
    let Some(max_inputs) = call.arguments.find_keyword("max_inputs") else { return };
    let value = &max_inputs.value;
    // `True == 1` to the client; `None` means "not set"; any other literal raises (MDL031).
    let is_one = match literal_type(value) {
        None => false,
        Some("int") => match number(value) {
            Some(count) if count.value == 1.0 => true,
            _ => return,
        },
        Some("bool") if matches!(value, Expr::BooleanLiteral(literal) if literal.value) => true,
        Some(_) => return,
    };
    let message = if is_one {
        format!(
            "`{}` is deprecated (since 2025-12-16) and warns; expected `single_use_containers=True`, which does \
             the same",
            excerpt(context.text(max_inputs.range()))
        )
    } else {
        "`max_inputs` is deprecated (since 2025-12-16): only 1 is accepted, and it warns; expected \
         `single_use_containers=True` for one input per container"
            .to_string()
    };
    let has_replacement = keyword(call, "single_use_containers").is_some();
    let fix = (is_one && !has_replacement).then(|| {
        RULE.fix_with(
            "Use `single_use_containers=True`",
            vec![replace(max_inputs.range(), "single_use_containers=True")],
        )
    });
    context.report(&RULE, max_inputs.range(), message, fix);
}

/// The part of `expr` (whose path is `path`) that names `modal.NetworkFileSystem` itself: `modal.NetworkFileSystem`
/// in `modal.NetworkFileSystem.from_name`, or the bare name after `from modal import NetworkFileSystem`.
fn named_part<'e>(expr: &'e Expr, path: &str) -> Option<&'e Expr> {
    // Stripping only shortens the path from its end, so its start decides (and long chains stay linear).
    if !NFS_PATHS.iter().any(|nfs| path.starts_with(nfs)) {
        return None;
    }
    let mut current = expr;
    let mut current_path = path;
    loop {
        if NFS_PATHS.contains(&current_path) {
            return Some(current);
        }
        let (next, rest) = match current {
            Expr::Attribute(attribute) => {
                (&*attribute.value, current_path.strip_suffix(attribute.attr.as_str())?.strip_suffix('.')?)
            }
            Expr::Call(call) => (&*call.func, current_path.strip_suffix("()")?),
            _ => return None,
        };
        current = next;
        current_path = rest;
    }
}
