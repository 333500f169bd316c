//! MDL020: `retries=` on a web function or a generator function, which `@app.function()` refuses.

use std::collections::HashSet;

use ruff_python_ast::{Expr, ExprCall};
use ruff_text_size::Ranged;

use super::definitions::{WEB, applied, first_yield, function};
use crate::diagnostic::Severity;
use crate::model::{Definition, decorator_name_range};
use crate::rules::structure::decorators::{APP_FUNCTION, called_position};
use crate::rules::toolkit::{keyword, literal_type};
use crate::rules::{Context, Rule};

pub const RULE: Rule = Rule {
    id: "MDL020",
    name: "retries-refused",
    severity: Severity::Error,
    summary: "Finds `@app.function(retries=...)` on a web function (`fastapi_endpoint`, `asgi_app`, `wsgi_app`, \
              `web_server`) or on a generator function.",
    why: "A retry runs the function again on the same input. `@app.function()` does not allow that for web functions, \
          whose input is an HTTP request, nor for generators, which may already have sent part of their results: it \
          raises `InvalidError: Web Functions do not support retries.` or `Generator Functions do not support \
          retries.` when the module is imported. Any `retries` value counts, even `0`; only `None` (the default) is \
          accepted. Handle failures inside the endpoint, or move the work that should be retried into a separate \
          function that the endpoint calls with `.remote()` or `.spawn()`.",
    bad: "@app.function(retries=3)\n@modal.fastapi_endpoint(method=\"POST\")\ndef hook(body: dict):\n    ...",
    good: "@app.function(retries=3)\ndef process(body: dict):\n    ...\n\n\n@app.function()\n\
           @modal.fastapi_endpoint(method=\"POST\")\ndef hook(body: dict):\n    process.spawn(body)",
    fix: None,
    check,
};

fn check(context: &Context) {
    let model = context.model;
    // `modal.Retries(...)` calls, by position: a retry policy for certain.
    let policies: HashSet<*const ExprCall> = model
        .calls
        .iter()
        .filter(|call| matches!(call.path.as_str(), "modal.Retries" | "modal.retries.Retries"))
        .map(|call| call.call as *const ExprCall)
        .collect();
    for definition in &model.definitions {
        if definition.in_class {
            continue;
        }
        let Some(function) = function(definition) else { continue };
        let Some(app_at) = called_position(definition, &[APP_FUNCTION]) else { continue };
        let Some(app_call) = definition.decorators[app_at].call else { continue };
        let Some(retries) = app_call.arguments.find_keyword("retries") else { continue };
        let is_policy = match &retries.value {
            Expr::Call(call) => policies.contains(&(call as *const ExprCall)),
            value => matches!(literal_type(value), Some("int" | "bool")),
        };
        if !is_policy {
            continue;
        }
        let web = applied(definition).into_iter().find(|(_, name)| WEB.contains(name));
        let message = if let Some((decor, _)) = web {
            format!(
                "`retries` cannot be set on a web function: `{}` is `@{}()`; handle failures in the endpoint or retry \
                 in a function it calls; the client raises InvalidError (\"Web Functions do not support retries.\")",
                function.name,
                context.text(decorator_name_range(decor))
            )
        } else if is_generator(definition, app_call) == Some(true) {
            let how = if first_yield(function).is_some() { "yields its results" } else { "is declared a generator" };
            format!(
                "`retries` cannot be set on a generator function: `{}` {how}; the client raises InvalidError \
                 (\"Generator Functions do not support retries.\")",
                function.name
            )
        } else {
            continue;
        };
        context.report(&RULE, retries.range(), message, None);
    }
}

/// Whether `@app.function()` registers a generator, as the client decides: a `@modal.*`
/// decorator's own setting when there is one (only `@modal.method(is_generator=...)` sets it),
/// else `is_generator=` of `@app.function()` when no `@modal.*` decorator is applied, else
/// whether the function yields. `None` when that cannot be told.
fn is_generator(definition: &Definition, app_call: &ExprCall) -> Option<bool> {
    let function = function(definition)?;
    let applied = applied(definition);
    let flag = if applied.is_empty() {
        keyword(app_call, "is_generator")
    } else {
        applied.iter().filter(|(_, name)| *name == "method").find_map(|(decor, _)| keyword(decor.call?, "is_generator"))
    };
    match flag {
        Some(Expr::BooleanLiteral(literal)) => Some(literal.value),
        Some(Expr::NoneLiteral(_)) | None => Some(first_yield(function).is_some()),
        Some(_) => None,
    }
}
