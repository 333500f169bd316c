//! MDL005: a `modal.Cron` schedule the server would reject or that is not documented.

use atlas_cron::Cron;
use ruff_python_ast::Expr;
use ruff_text_size::{Ranged, TextRange, TextSize};

use super::{Context, Rule};
use crate::diagnostic::Severity;

pub const RULE: Rule = Rule {
    id: "MDL005",
    name: "invalid-cron-schedule",
    severity: Severity::Warning,
    summary: "Checks the expression and time zone of `modal.Cron(...)` with the cron tool's engine.",
    why: "The client sends the cron string and time zone to Modal unchecked, so a typo (`61 * * * *`, `America/NewYork`) \
          passes locally and fails at deploy. Syntax from other cron dialects (a seconds field, `L`, `W`, `#`) is not \
          documented by Modal and may be rejected.",
    bad: "@app.function(schedule=modal.Cron(\"0 25 * * *\", timezone=\"US/Eastern Time\"))\ndef report():\n    ...",
    good: "@app.function(schedule=modal.Cron(\"0 5 * * *\", timezone=\"America/New_York\"))\ndef report():\n    ...",
    fix: None,
    check,
};

fn check(context: &mut Context) {
    let model = context.model;
    let mut found = Vec::new();
    for call in model.calls_to("modal.Cron") {
        if let Some(Expr::StringLiteral(literal)) = call.arguments.args.first()
            && let Err(error) = Cron::parse(literal.value.to_str())
        {
            {
                // Point at the field when the literal is written plainly (no escapes or implicit joins).
                let written = context.text(literal.range());
                let plain = written.len() == literal.value.to_str().len() + 2;
                let range = if plain && error.field.is_some() {
                    let start = literal.range().start() + TextSize::from(1 + error.span.start as u32);
                    TextRange::new(start, start + TextSize::from((error.span.end - error.span.start) as u32))
                } else {
                    literal.range()
                };
                found.push((range, format!("cron expression: {error}")));
            }
        }
        let zone = call
            .arguments
            .keywords
            .iter()
            .find(|keyword| keyword.arg.as_ref().is_some_and(|arg| arg.as_str() == "timezone"));
        if let Some(keyword) = zone
            && let Expr::StringLiteral(literal) = &keyword.value
            // By name only: looking the zone up would link the whole zone database into the
            // playground's worker.
            && atlas_cron::zones::built_in(literal.value.to_str()).is_none()
            && atlas_cron::zones::canonical(literal.value.to_str()).is_none()
        {
            found.push((
                literal.range(),
                format!(
                    "unknown time zone `{}`: expected an IANA name such as Europe/Paris or America/New_York",
                    literal.value.to_str()
                ),
            ));
        }
    }
    for (range, message) in found {
        context.report(&RULE, range, message, None);
    }
}
