//! MDL006: a `@modal.*` decorator stacked above `@app.function()` or `@app.cls()`.

use ruff_text_size::Ranged;

use super::decorators::{APP_CLS, APP_FUNCTION, called_position, modal_decorator_name};
use super::source_lines::whole_lines;
use crate::diagnostic::{Edit, Fix, Severity};
use crate::model::{Decor, DefNode, decorator_name_range};
use crate::rules::toolkit::keyword;
use crate::rules::{Context, Rule, RuleFix};

pub const RULE: Rule = Rule {
    id: "MDL006",
    name: "decorator-order",
    severity: Severity::Error,
    summary: "Finds `@modal.*` decorators (`concurrent`, `fastapi_endpoint`, `enter`, …) written above `@app.function()` \
              or `@app.cls()` on the same definition.",
    why: "Python applies decorators from the bottom up, and the app decorator has to receive what the `modal.*` \
          decorators produce, so it must be the top one. Written above it, the `modal.*` decorator receives a finished \
          Modal Function or Cls and the client raises `InvalidError: Cannot stack @modal.concurrent on top of \
          @app.function` when the module is imported.",
    bad: "@modal.concurrent(max_inputs=10)\n@app.function()\ndef serve():\n    ...",
    good: "@app.function()\n@modal.concurrent(max_inputs=10)\ndef serve():\n    ...",
    fix: Some(RuleFix::safe("Move the app decorator to the top.")),
    check,
};

fn check(context: &Context) {
    let model = context.model;
    for definition in &model.definitions {
        let decorators = &definition.decorators;
        // `@app.function()` on a method, or on a nested function without `serialized=True`, and `@app.cls()` on a
        // function raise errors of their own before anything is stacked.
        let app_path = match definition.node {
            DefNode::Class(_) => APP_CLS,
            DefNode::Function(_) if definition.in_class => continue,
            DefNode::Function(_) => APP_FUNCTION,
        };
        let Some(app_at) = called_position(definition, &[app_path]) else { continue };
        let app = &decorators[app_at];
        if app_path == APP_FUNCTION && !definition.global && !has_keyword(app, "serialized") {
            continue;
        }
        // Only the decorator right above receives the Modal object; above another decorator, who knows what arrives.
        let Some(nearest) = decorators[..app_at].last() else { continue };
        let Some(name) = stacked_name(nearest) else { continue };
        let run_start =
            decorators[..app_at].iter().rposition(|decor| stacked_name(decor).is_none()).map_or(0, |at| at + 1);
        let client_target = if app_path == APP_CLS { "@app.cls()" } else { "@app.function" };
        let app_written = context.text(decorator_name_range(app)).to_string();
        let nearest_written = context.text(decorator_name_range(nearest)).to_string();
        let message = format!(
            "`@{app_written}()` must be the top decorator, above `@{nearest_written}()`; in this order the client raises \
             InvalidError (\"Cannot stack `@modal.{name}` on top of `{client_target}`\")"
        );
        let fix = move_to_top(context.source, &decorators[run_start], app, &app_written);
        context.report(&RULE, decorator_name_range(nearest), message, fix);
    }
}

/// The name of a called `modal.*` decorator that raises when stacked on the app decorator.
/// `sessioned` raises a different error there (it belongs on `@app.server()`), and a bare
/// decorator raises `TypeError` first (MDL002).
fn stacked_name<'d>(decor: &'d Decor) -> Option<&'d str> {
    modal_decorator_name(decor).filter(|name| *name != "sessioned" && decor.call.is_some())
}

fn has_keyword(decor: &Decor, name: &str) -> bool {
    decor.call.is_some_and(|call| keyword(call, name).is_some())
}

/// Moves the app decorator's lines above the first `modal.*` decorator stacked on it.
fn move_to_top(source: &str, first: &Decor, app: &Decor, app_written: &str) -> Option<Fix> {
    let target = whole_lines(source, first.decorator.range())?.start;
    let moved = whole_lines(source, app.decorator.range())?;
    let text = source.get(moved.clone())?.to_string();
    Some(RULE.fix_with(
        format!("Move `@{app_written}()` to the top"),
        vec![
            Edit { start: target, end: target, replacement: text },
            Edit { start: moved.start, end: moved.end, replacement: String::new() },
        ],
    ))
}
