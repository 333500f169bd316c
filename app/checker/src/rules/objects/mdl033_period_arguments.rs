//! MDL033: `modal.Period(...)` with a value its protobuf message cannot hold, such as `hours=1.5`.

use ruff_python_ast::{ExprCall, Keyword};
use ruff_text_size::Ranged;

use crate::diagnostic::{Fix, Severity};
use crate::rules::toolkit::{excerpt, literal_type, number, replace};
use crate::rules::{Context, Rule, RuleFix};

pub const RULE: Rule = Rule {
    id: "MDL033",
    name: "period-arguments",
    severity: Severity::Error,
    summary: "Checks the arguments of `modal.Period(...)`: keywords only, and whole numbers for every unit except \
              `seconds`.",
    why: "`modal.Period(*, years=0, months=0, weeks=0, days=0, hours=0, minutes=0, seconds=0)` copies its arguments \
          into a protobuf message whose fields are integers, except `seconds`. Building it with `hours=1.5` (or even \
          `hours=2.0`, a bool or a string) raises `TypeError` as soon as the line runs, so the module fails to import. \
          Express fractions in a smaller unit: `minutes=90` instead of `hours=1.5`. Only `seconds` may be a float. The \
          arguments are keyword-only, so `modal.Period(5)` raises `TypeError` too.",
    bad: "@app.function(schedule=modal.Period(hours=1.5))\ndef sync():\n    ...",
    good: "@app.function(schedule=modal.Period(minutes=90))\ndef sync():\n    ...",
    fix: Some(RuleFix::safe(
        "Convert a fractional unit to a whole number of a smaller unit (`hours=1.5` to `minutes=90`).",
    )),
    check,
};

/// The integer units, each with the next smaller unit and how many of those make one.
const INTEGER_UNITS: &[(&str, Option<(&str, f64)>)] = &[
    ("years", Some(("months", 12.0))),
    ("months", None),
    ("weeks", Some(("days", 7.0))),
    ("days", Some(("hours", 24.0))),
    ("hours", Some(("minutes", 60.0))),
    ("minutes", Some(("seconds", 60.0))),
];

fn check(context: &Context) {
    let model = context.model;
    for modal_call in &model.calls {
        if matches!(modal_call.path.as_str(), "modal.Period" | "modal.schedule.Period") {
            check_period(modal_call.call, context);
        }
    }
}

fn check_period(call: &ExprCall, context: &Context) {
    if let Some(first) = call.arguments.args.first()
        && !first.is_starred_expr()
    {
        context.report(
            &RULE,
            first.range(),
            format!(
                "`modal.Period` takes keyword arguments only, such as `modal.Period(hours={})`; the client raises \
                 TypeError",
                excerpt(context.text(first.range()))
            ),
            None,
        );
    }
    for keyword in call.arguments.keywords.iter() {
        let Some(name) = &keyword.arg else { continue };
        let value = &keyword.value;
        let written = excerpt(context.text(value.range()));
        if name.as_str() == "seconds" {
            if let Some(kind @ ("str" | "bytes" | "list" | "tuple" | "dict" | "set" | "complex")) = literal_type(value)
            {
                context.report(
                    &RULE,
                    value.range(),
                    format!(
                        "`seconds` of `modal.Period` must be a number, got {kind} {written}; the client raises \
                         TypeError"
                    ),
                    None,
                );
            }
            continue;
        }
        let Some(&(unit, smaller)) = INTEGER_UNITS.iter().find(|(unit, _)| *unit == name.as_str()) else { continue };
        let kind = match literal_type(value) {
            Some("int" | "NoneType") | None => continue,
            Some(kind) => kind,
        };
        let fix = convert(call, keyword, unit, smaller);
        let advice = match (&fix, smaller) {
            (Some(fix), _) => format!("; write it as {}", fix.1),
            (None, Some((smaller, _))) if kind == "float" => format!("; express fractions in `{smaller}`"),
            _ => String::new(),
        };
        context.report(
            &RULE,
            value.range(),
            format!(
                "`{unit}` of `modal.Period` must be an int, got {kind} {written}; only `seconds` may be a float, and \
                 the client raises TypeError{advice}"
            ),
            fix.map(|(fix, _)| fix),
        );
    }
}

/// `hours=1.5` as `minutes=90` (or `hours=2.0` as `hours=2`), when the result is a whole number
/// that fits easily in an int and the call does not already give that unit.
fn convert(call: &ExprCall, keyword: &Keyword, unit: &str, smaller: Option<(&str, f64)>) -> Option<(Fix, String)> {
    let given = number(&keyword.value)?;
    if given.is_int || !given.value.is_finite() {
        return None;
    }
    let (unit, value) = if given.value.fract() == 0.0 {
        (unit, given.value)
    } else {
        let (smaller, factor) = smaller?;
        (smaller, given.value * factor)
    };
    if value.fract() != 0.0 || value.abs() > 1e9 {
        return None;
    }
    let taken = call
        .arguments
        .keywords
        .iter()
        .any(|other| !std::ptr::eq(other, keyword) && other.arg.as_ref().is_some_and(|arg| arg.as_str() == unit));
    if taken {
        return None;
    }
    let replacement = format!("{unit}={}", value as i64);
    let fix = RULE.fix_with(format!("Write `{replacement}`"), vec![replace(keyword.range(), replacement.clone())]);
    Some((fix, format!("`{replacement}`")))
}
