//! MDL008: `@modal.enter()`, `@modal.exit()` or `@modal.method()` on a plain `@app.function()`.

use ruff_text_size::Ranged;

use super::decorators::{APP_FUNCTION, called_position, modal_decorator_name};
use super::source_lines::whole_lines;
use crate::diagnostic::{Edit, Severity};
use crate::model::{DefNode, decorator_name_range};
use crate::rules::{Context, Rule, RuleFix};

pub const RULE: Rule = Rule {
    id: "MDL008",
    name: "lifecycle-on-function",
    severity: Severity::Warning,
    summary: "Finds `@modal.enter()`, `@modal.exit()` and `@modal.method()` under `@app.function()` on a plain \
              function, where they do nothing.",
    why: "These decorators mark the methods of an `@app.cls()` class: `enter` and `exit` run when a container starts \
          and stops, `method` exposes a method to `.remote()`. On a function, `@app.function()` accepts them silently \
          and ignores them, so setup code never runs as a hook and the decorator only misleads.",
    bad: "@app.function()\n@modal.enter()\ndef load_model():\n    ...",
    good: "@app.cls()\nclass Model:\n    @modal.enter()\n    def load_model(self):\n        ...",
    fix: Some(RuleFix::safe("Remove the decorator (it has no effect).")),
    check,
};

/// Decorators whose combination with `enter`, `exit` or `method` raises `InvalidError` instead of
/// being ignored (a different problem, with its own message).
pub(crate) const WEB: &[&str] = &["fastapi_endpoint", "asgi_app", "wsgi_app", "web_server"];
pub(crate) const CALLABLE: &[&str] = &["method", "batched"];
pub(crate) const LIFECYCLE: &[&str] = &["enter", "exit"];

fn check(context: &Context) {
    let model = context.model;
    for definition in &model.definitions {
        if definition.in_class || !matches!(definition.node, DefNode::Function(_)) {
            continue;
        }
        let Some(app_at) = called_position(definition, &[APP_FUNCTION]) else { continue };
        // Above `@app.function()` they raise instead (MDL006); bare, they raise `TypeError` (MDL002).
        let below: Vec<_> = definition.decorators[app_at + 1..]
            .iter()
            .filter(|decor| decor.call.is_some())
            .filter_map(|decor| Some((decor, modal_decorator_name(decor)?)))
            .collect();
        let has = |names: &[&str]| below.iter().any(|(_, name)| names.contains(name));
        if (has(LIFECYCLE) && (has(CALLABLE) || has(WEB))) || (has(CALLABLE) && has(WEB)) {
            continue;
        }
        let app = &definition.decorators[app_at];
        let app_written = context.text(decorator_name_range(app)).to_string();
        for (decor, name) in below {
            // `@modal.method(is_generator=...)` does reach `@app.function()`, which reads that flag.
            let ignored = LIFECYCLE.contains(&name)
                || (name == "method" && decor.call.is_some_and(|call| call.arguments.is_empty()));
            if !ignored {
                continue;
            }
            let written = context.text(decorator_name_range(decor)).to_string();
            let role = if name == "method" {
                format!("`@{app_written}()` already makes it callable with `.remote()`")
            } else {
                format!("lifecycle hooks run only as methods of an `@{}.cls()` class", context.app_of(app))
            };
            let message = format!(
                "`@{written}()` has no effect on a function decorated with `@{app_written}()` ({role}); remove it"
            );
            let fix = whole_lines(context.source, decor.decorator.range()).map(|lines| {
                RULE.fix_with(
                    format!("Remove `@{written}()`"),
                    vec![Edit { start: lines.start, end: lines.end, replacement: String::new() }],
                )
            });
            context.report(&RULE, decorator_name_range(decor), message, fix);
        }
    }
}
