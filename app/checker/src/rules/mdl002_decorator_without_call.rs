//! MDL002: a Modal decorator used without parentheses.

use ruff_text_size::Ranged;

use super::toolkit::insert;
use super::{Context, Rule, RuleFix};
use crate::api::DECORATORS;
use crate::diagnostic::Severity;

pub const RULE: Rule = Rule {
    id: "MDL002",
    name: "decorator-without-call",
    severity: Severity::Error,
    summary: "Finds `@app.function`, `@app.cls`, `@app.local_entrypoint` and `@modal.*` decorators written without `()`.",
    why: "Every Modal decorator is a factory: it takes its options and returns the decorator. Written bare, Python passes \
          the function to the factory as an option, and the client raises `TypeError` when the module is imported.",
    bad: "@app.function\ndef f():\n    ...",
    good: "@app.function()\ndef f():\n    ...",
    fix: Some(RuleFix::safe("Add `()`.")),
    check,
};

const APP_DECORATORS: &[&str] = &["<app>.function", "<app>.cls", "<app>.local_entrypoint"];

fn check(context: &Context) {
    for definition in &context.model.definitions {
        for decor in &definition.decorators {
            let Some(path) = decor.path.as_deref() else { continue };
            let is_modal = APP_DECORATORS.contains(&path)
                || path.strip_prefix("modal.").is_some_and(|name| DECORATORS.contains(&name));
            if !is_modal || decor.call.is_some() {
                continue;
            }
            let range = decor.decorator.expression.range();
            let written = context.text(range);
            let fix = RULE.fix_with("Add ()", vec![insert(range.end(), "()")]);
            context.report(&RULE, range, format!("`@{written}` must be called: write `@{written}()`"), Some(fix));
        }
    }
}
