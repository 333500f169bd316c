//! MDL031: `cpu=` or `memory=` (request, limit) tuples the client refuses, and `max_inputs=`
//! values other than 1.

use ruff_python_ast::{Expr, ExprCall};
use ruff_text_size::Ranged;

use crate::diagnostic::Severity;
use crate::rules::toolkit::{excerpt, keyword, literal_type, number};
use crate::rules::{Context, Rule};

pub const RULE: Rule = Rule {
    id: "MDL031",
    name: "container-limits",
    severity: Severity::Error,
    summary: "Checks `cpu=` and `memory=` given as a (request, limit) tuple, and the value of `max_inputs=`, in \
              `@app.function()`, `@app.cls()` and `modal.Sandbox.create()`.",
    why: "`cpu` and `memory` take either one number (a request, with no limit) or a tuple `(request, limit)`. When the \
          app is run or deployed, the client checks the tuple before it creates the function on Modal: a limit below \
          the request raises `InvalidError: Cannot specify a CPU limit lower than request` (or memory limit), and a \
          CPU request or limit of 0 raises `InvalidError` too. CPU values are compared in thousandths of a core. \
          `max_inputs`, deprecated in favour of `single_use_containers=True`, accepts only 1: a larger number raises \
          `InvalidError: Only max_inputs=1 is currently supported` when the decorator runs, and so do 0, negative \
          numbers and non-integers.",
    bad: "@app.function(cpu=(4, 2), memory=(2048, 1024))\ndef encode(path: str):\n    ...",
    good: "@app.function(cpu=(2, 4), memory=(1024, 2048))\ndef encode(path: str):\n    ...",
    fix: None,
    check,
};

fn check(context: &Context) {
    let model = context.model;
    for modal_call in &model.calls {
        let path = modal_call.path.as_str();
        let is_app = matches!(path, "<app>.function" | "<app>.cls");
        if is_app || matches!(path, "modal.Sandbox.create" | "modal.sandbox.Sandbox.create") {
            check_resources(modal_call.call, context);
        }
        if is_app {
            check_max_inputs(modal_call.call, context);
        }
    }
}

fn check_resources(call: &ExprCall, context: &Context) {
    for (name, unit) in [("cpu", "CPU"), ("memory", "memory")] {
        let Some(Expr::Tuple(tuple)) = keyword(call, name) else { continue };
        if tuple.elts.iter().any(Expr::is_starred_expr) {
            continue;
        }
        let [request, limit, rest @ ..] = &tuple.elts[..] else {
            // `()` is falsy and means "not set"; one value fails when the client reads the limit.
            if tuple.elts.len() == 1 {
                let error = if name == "cpu" { "IndexError" } else { "ValueError" };
                context.report(
                    &RULE,
                    tuple.range(),
                    format!(
                        "`{name}` as a tuple needs two values, (request, limit), got `{}`; the client raises {error}",
                        excerpt(context.text(tuple.range()))
                    ),
                    None,
                );
            }
            continue;
        };
        if name == "memory" && !rest.is_empty() {
            context.report(
                &RULE,
                tuple.range(),
                format!(
                    "`memory` as a tuple needs exactly two values, (request, limit), got {}; the client raises \
                     ValueError",
                    tuple.elts.len()
                ),
                None,
            );
            continue;
        }
        let (Some(requested), Some(limited)) = (number(request), number(limit)) else { continue };
        if name == "cpu" {
            // The client tests each value for truth first, then compares thousandths of a core.
            if requested.value == 0.0 {
                context.report(&RULE, request.range(), zero_cpu("request"), None);
                continue;
            }
            if limited.value == 0.0 {
                context.report(&RULE, limit.range(), zero_cpu("limit"), None);
                continue;
            }
        }
        let scale = if name == "cpu" { 1000.0 } else { 1.0 };
        if (limited.value * scale).trunc() < (requested.value * scale).trunc() {
            context.report(
                &RULE,
                limit.range(),
                format!(
                    "the {unit} limit ({}) is lower than the request ({}): expected `{name}=(request, limit)` with the \
                     limit at least the request; the client raises InvalidError",
                    excerpt(context.text(limit.range())),
                    excerpt(context.text(request.range()))
                ),
                None,
            );
        }
    }
}

fn zero_cpu(which: &str) -> String {
    format!(
        "the CPU {which} in `cpu=(request, limit)` must be a positive number, got 0; the client raises InvalidError"
    )
}

fn check_max_inputs(call: &ExprCall, context: &Context) {
    let Some(value) = keyword(call, "max_inputs") else { return };
    let written = excerpt(context.text(value.range()));
    let problem = match literal_type(value) {
        Some("int") => match number(value) {
            Some(count) if count.value > 1.0 => "only `max_inputs=1` is supported".to_string(),
            Some(count) if count.value <= 0.0 => "`max_inputs` must be positive".to_string(),
            _ => return,
        },
        Some("bool") if matches!(value, Expr::BooleanLiteral(literal) if !literal.value) => {
            "`max_inputs` must be positive (False is 0)".to_string()
        }
        Some("bool" | "NoneType") | None => return,
        Some(other) => format!("`max_inputs` must be an int, not {other}"),
    };
    context.report(
        &RULE,
        value.range(),
        format!(
            "{problem}, got {written}; the client raises InvalidError. Expected `single_use_containers=True` for a \
             fresh container per input, or no `max_inputs` at all"
        ),
        None,
    );
}
