//! MDL011: a `gpu=` value the client cannot read.

use ruff_python_ast::Expr;
use ruff_text_size::Ranged;

use super::gpu::{Count, count, gpu_arguments, gpu_object, gpu_strings, replacement_for_object, split};
use crate::diagnostic::Severity;
use crate::rules::toolkit::{excerpt, literal_type};
use crate::rules::{Context, Rule};

pub const RULE: Rule = Rule {
    id: "MDL011",
    name: "gpu-value",
    severity: Severity::Error,
    summary: "Finds `gpu=` values that are not a string or a list of strings, and GPU counts (`\"H100:x\"`) that are not integers.",
    why: "The client takes a GPU as a string such as `\"A100-80GB\"` or `\"H100:2\"` (a list of them in order of preference \
          for `@app.function()` and `@app.cls()`). Anything else, including the `modal.gpu.A100()` objects of the 0.x \
          client, and a count after `:` that `int()` cannot read, raise `InvalidError` before the function deploys.",
    bad: "@app.function(gpu=modal.gpu.A100(size=\"80GB\"))\ndef train():\n    ...\n\n\n@app.function(gpu=\"H100:two\")\ndef tune():\n    ...",
    good: "@app.function(gpu=\"A100-80GB\")\ndef train():\n    ...\n\n\n@app.function(gpu=\"H100:2\")\ndef tune():\n    ...",
    fix: None,
    check,
};

const EXAMPLE: &str = "such as \"A100-80GB\"";

fn check(context: &Context) {
    let model = context.model;
    for argument in gpu_arguments(model) {
        let value = argument.value;
        let (items, in_list) = match value {
            Expr::List(list) if argument.takes_list => (&list.elts[..], true),
            _ => (std::slice::from_ref(value), false),
        };
        for item in items {
            let what = if in_list { "each GPU in the list" } else { "`gpu`" };
            let expected = if argument.takes_list && !in_list {
                format!("a string {EXAMPLE} or a list of strings")
            } else {
                format!("a string {EXAMPLE}")
            };
            if let Some((class_name, call)) = gpu_object(model, item) {
                // Importing `modal.gpu` already fails (MDL012); this says what to write instead.
                let instead = replacement_for_object(&class_name, call)
                    .map_or_else(String::new, |replacement| format!(": write \"{replacement}\""));
                context.report(&RULE, item.range(), format!("{what} must be {expected}, not a `modal.gpu.{class_name}` object (no longer in the client){instead}"), None);
                continue;
            }
            match literal_type(item) {
                Some("str" | "NoneType") | None => {}
                Some("list") if !argument.takes_list => context.report(&RULE, item.range(), format!("`gpu` here takes one GPU type as a string {EXAMPLE}; lists of fallbacks are only for `@{app}.function()`, `@{app}.cls()` and `Image.run_function()`, and the client raises InvalidError", app = context.app_name()), None),
                Some(other) => context.report(&RULE, item.range(), format!("{what} must be {expected}, got {other} `{}`; the client raises InvalidError", excerpt(context.text(item.range()))), None),
            }
        }
        for literal in gpu_strings(&argument) {
            let spec = literal.value.to_str();
            let (name, Some(count_text)) = split(spec) else { continue };
            if let Count::NotAnInt = count(count_text) {
                let name = if name.trim().is_empty() { "H100" } else { name };
                context.report(&RULE, literal.range(), format!(
                        "GPU count `{}` in \"{}\" is not an integer: expected a string such as \"{}:2\"; the client raises InvalidError",
                        excerpt(count_text),
                        excerpt(spec),
                        excerpt(name)
                    ), None);
            }
        }
    }
}
