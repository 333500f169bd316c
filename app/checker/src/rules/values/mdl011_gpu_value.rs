//! MDL011: a `gpu=` value the client cannot read.

use ruff_python_ast::Expr;
use ruff_text_size::Ranged;

use super::gpu::{Count, count, gpu_arguments, gpu_object, gpu_strings, split};
use crate::diagnostic::Severity;
use crate::rules::toolkit::{excerpt, literal_type};
use crate::rules::{Context, Rule};

pub const RULE: Rule = Rule {
    id: "MDL011",
    name: "gpu-value",
    severity: Severity::Error,
    summary: "Finds `gpu=` values that are not a string or a list of strings, and GPU counts (`\"H100:x\"`) that are not integers.",
    why: "The client takes a GPU as a string such as `\"A100-80GB\"` or `\"H100:2\"` (a list of them in order of preference \
          for `@app.function()` and `@app.cls()`). Anything else, and a count after `:` that `int()` cannot read, raise \
          `InvalidError` before the function deploys. (The `modal.gpu.A100()` objects of the 0.x client are MDL012's: \
          `modal.gpu` itself no longer exists.)",
    bad: "@app.function(gpu=2)\ndef train():\n    ...\n\n\n@app.function(gpu=\"H100:two\")\ndef tune():\n    ...",
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
            // A `modal.gpu.A100()` object is MDL012's, with the string to write instead.
            if gpu_object(model, item).is_some() {
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
