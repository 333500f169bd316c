//! MDL010: a literal option value that the client rejects when the decorator runs.

use ruff_python_ast::{Expr, ExprCall};
use ruff_text_size::Ranged;

use crate::diagnostic::Severity;
use crate::rules::toolkit::{excerpt, keyword, literal_type, number};
use crate::rules::{Context, Rule};

pub const RULE: Rule = Rule {
    id: "MDL010",
    name: "parameter-range",
    severity: Severity::Error,
    summary: "Checks literal `scaledown_window`, `min_containers`, `max_containers`, `timeout` and `retries` values, and the \
              arguments of `modal.Retries(...)`, against the ranges the client enforces.",
    why: "The client validates these options when the decorator runs and raises `InvalidError` for a value out of range: \
          `scaledown_window` must be 2 to 3600 seconds, `min_containers` an int no greater than `max_containers`, \
          `timeout` not `None`, and retries non-negative. `modal.Retries` raises as soon as it is built when \
          `backoff_coefficient` is outside 1 to 10, `max_delay` outside 1 to 60, or `initial_delay` outside 0 to 60 seconds.",
    bad: "@app.function(scaledown_window=1, min_containers=4, max_containers=2,\n              \
          retries=modal.Retries(max_retries=3, backoff_coefficient=0.5))\ndef serve():\n    ...",
    good: "@app.function(scaledown_window=60, min_containers=1, max_containers=2,\n              \
           retries=modal.Retries(max_retries=3, backoff_coefficient=2.0))\ndef serve():\n    ...",
    fix: None,
    check,
};

/// `modal.Retries` keywords, the inclusive range the client allows for each (`retries.py`), and its unit.
const RETRIES_RANGES: &[(&str, f64, f64, &str)] = &[
    ("max_retries", 0.0, f64::INFINITY, ""),
    ("backoff_coefficient", 1.0, 10.0, ""),
    ("initial_delay", 0.0, 60.0, " seconds"),
    ("max_delay", 1.0, 60.0, " seconds"),
];

fn check(context: &Context) {
    let model = context.model;
    for modal_call in &model.calls {
        match modal_call.path.as_str() {
            "<app>.function" | "<app>.cls" => check_decorator(modal_call.call, context),
            // `with_options` leaves `timeout=None` as "no change" and does not check `scaledown_window`;
            // it does build the retry policy.
            path if path.ends_with(".with_options") => check_retries(modal_call.call, context),
            "modal.Retries" | "modal.retries.Retries" => check_retries_policy(modal_call.call, context),
            _ => {}
        }
    }
}

fn check_decorator(call: &ExprCall, context: &Context) {
    if let Some(value) = keyword(call, "scaledown_window")
        && let Some(seconds) = number(value)
        && !(2.0..=3600.0).contains(&seconds.value)
    {
        context.report(
            &RULE,
            value.range(),
            format!(
                "`scaledown_window` must be between 2 and 3600 seconds, got {}; the client raises InvalidError",
                excerpt(context.text(value.range()))
            ),
            None,
        );
    }
    if let Some(value) = keyword(call, "timeout")
        && let Expr::NoneLiteral(_) = value
    {
        context.report(&RULE, value.range(), "`timeout` cannot be `None`: give a number of seconds (default 300, at most 86400); the client raises InvalidError".into(), None);
    }
    if let Some(min) = keyword(call, "min_containers") {
        match literal_type(min) {
            Some("int" | "bool" | "NoneType") | None => {}
            Some(other) => context.report(
                &RULE,
                min.range(),
                format!(
                    "`min_containers` must be an int, got {other} `{}`; the client raises InvalidError",
                    excerpt(context.text(min.range()))
                ),
                None,
            ),
        }
        if let Some(max) = keyword(call, "max_containers")
            && let (Some(min_count), Some(max_count)) = (number(min), number(max))
            && min_count.is_int
            && max_count.is_int
            && min_count.value > max_count.value
        {
            context.report(&RULE, min.range(), format!(
                    "`min_containers` ({}) cannot be greater than `max_containers` ({}); the client raises InvalidError",
                    excerpt(context.text(min.range())),
                    excerpt(context.text(max.range()))
                ), None);
        }
    }
    check_retries(call, context);
}

/// `retries=` takes a non-negative int or a `modal.Retries`.
fn check_retries(call: &ExprCall, context: &Context) {
    let Some(value) = keyword(call, "retries") else { return };
    let written = excerpt(context.text(value.range()));
    let message = match (literal_type(value), number(value)) {
        (Some("int"), Some(count)) if count.value < 0.0 => {
            format!("`retries` must be non-negative, got {written}; the client raises InvalidError")
        }
        (Some("int" | "bool" | "NoneType") | None, _) => return,
        (Some(other), _) => format!(
            "`retries` must be an int or `modal.Retries(...)`, got {other} `{written}`; the client raises InvalidError"
        ),
    };
    context.report(&RULE, value.range(), message, None);
}

fn check_retries_policy(call: &ExprCall, context: &Context) {
    for &(name, low, high, unit) in RETRIES_RANGES {
        let Some(value) = keyword(call, name) else { continue };
        let Some(given) = number(value) else { continue };
        if (low..=high).contains(&given.value) {
            continue;
        }
        let expected = if high.is_infinite() {
            "must be non-negative".to_string()
        } else {
            format!("must be between {low} and {high}{unit}")
        };
        context.report(
            &RULE,
            value.range(),
            format!(
                "`{name}` of `modal.Retries` {expected}, got {}; the client raises InvalidError",
                excerpt(context.text(value.range()))
            ),
            None,
        );
    }
}
