//! MDL021: a schedule that is not a `modal.Cron`/`modal.Period`, or a scheduled function that
//! cannot be called with no arguments.

use atlas_cron::Cron;
use ruff_python_ast::Expr;
use ruff_text_size::{Ranged, TextRange};

use super::definitions::{function, required_parameters};
use super::imports::function_names;
use crate::diagnostic::Severity;
use crate::rules::structure::decorators::{APP_FUNCTION, called_position};
use crate::rules::toolkit::{excerpt, keyword, literal_type, replace};
use crate::rules::{Context, Rule, RuleFix};

pub const RULE: Rule = Rule {
    id: "MDL021",
    name: "schedule-misuse",
    severity: Severity::Error,
    summary: "Finds `schedule=` given a string or another literal instead of `modal.Cron(...)` or \
              `modal.Period(...)`, and scheduled functions with parameters that have no default.",
    why: "`schedule=` takes a schedule object. A cron string on its own is not one: the client reads the object's \
          settings and raises `AttributeError: 'str' object has no attribute 'proto_message'`; wrap it as \
          `modal.Cron(\"0 8 * * *\")` (or use `modal.Period(hours=4)` for a fixed interval). A scheduled run passes \
          no arguments, so every parameter needs a default value (`*args` and `**kwargs` are fine); otherwise \
          `@app.function()` raises `InvalidError: Function ... has a schedule, so it needs to support being called \
          with no arguments`.",
    bad: "@app.function(schedule=\"0 8 * * *\")\ndef report(day: str):\n    ...",
    good: "@app.function(schedule=modal.Cron(\"0 8 * * *\"))\ndef report(day: str = \"today\"):\n    ...",
    fix: Some(RuleFix::safe(
        "Wrap a five-field cron string as `modal.Cron(\"...\")`, when `modal` is imported as a module.",
    )),
    check,
};

fn check(context: &Context) {
    let model = context.model;
    let mut found: Vec<(TextRange, String, Option<TextRange>)> = Vec::new();
    for definition in &model.definitions {
        if definition.in_class {
            continue;
        }
        let Some(function) = function(definition) else { continue };
        let Some(app_at) = called_position(definition, &[APP_FUNCTION]) else { continue };
        let Some(call) = definition.decorators[app_at].call else { continue };
        let Some(value) = keyword(call, "schedule") else { continue };
        if value.is_none_literal_expr() {
            continue;
        }
        if let Some(kind) = literal_type(value) {
            let what = match value {
                Expr::StringLiteral(_) | Expr::FString(_) => "a string".to_string(),
                _ => format!("a literal {kind}"),
            };
            found.push((
                value.range(),
                format!(
                    "`schedule` must be a `modal.Cron(...)` or `modal.Period(...)` object, got {what} `{}`; the client \
                     raises AttributeError (\"'{kind}' object has no attribute 'proto_message'\")",
                    excerpt(context.text(value.range()))
                ),
                cron_string(value).map(|_| function.range()),
            ));
        }
        let required = required_parameters(function);
        if let Some(first) = required.first() {
            let names: Vec<String> = required.iter().map(|parameter| format!("`{}`", parameter.name())).collect();
            found.push((
                first.as_parameter().range(),
                format!(
                    "scheduled function `{}` is called with no arguments, but {} {} no default value; give {} a \
                     default or remove {}; the client raises InvalidError (\"has a schedule, so it needs to support \
                     being called with no arguments\")",
                    function.name,
                    names.join(", "),
                    if names.len() == 1 { "has" } else { "have" },
                    if names.len() == 1 { "it" } else { "them" },
                    if names.len() == 1 { "it" } else { "them" },
                ),
                None,
            ));
        }
    }
    // The fix needs the name `modal` goes by where the function is defined.
    let targets: Vec<TextRange> = found.iter().filter_map(|(_, _, function)| *function).collect();
    let names = function_names(context.module, &targets);
    for (range, message, function) in found {
        let fix = function.and_then(|function| {
            let modal = names.get(&function)?.definition.module_name("modal")?;
            let written = context.text(range);
            Some(RULE.fix_with(
                format!("Wrap it as `{modal}.Cron({written})`"),
                vec![replace(range, format!("{modal}.Cron({written})"))],
            ))
        });
        context.report(&RULE, range, message, fix);
    }
}

/// A plain string literal holding a five-field cron expression the cron engine accepts.
fn cron_string(value: &Expr) -> Option<&str> {
    let Expr::StringLiteral(literal) = value else { return None };
    if literal.value.is_implicit_concatenated() {
        return None;
    }
    let text = literal.value.to_str();
    (text.split_whitespace().count() == 5 && Cron::parse(text).is_ok()).then_some(text)
}
