//! MDL005: a `modal.Cron` schedule the server would reject or that is not documented.

use atlas_cron::Cron;
use ruff_text_size::{Ranged, TextRange, TextSize};

use super::toolkit::{keyword, string};
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

fn check(context: &Context) {
    for call in context.model.calls_to("modal.Cron") {
        if let Some(expression) = call.arguments.args.first()
            && let Some(text) = string(expression)
            && let Err(error) = Cron::parse(text)
        {
            // Point at the field when the literal is written plainly (no escapes or implicit joins).
            let literal = expression.range();
            let plain = context.text(literal).len() == text.len() + 2;
            let range = if plain && error.field.is_some() {
                let start = literal.start() + TextSize::from(1 + error.span.start as u32);
                TextRange::new(start, start + TextSize::from((error.span.end - error.span.start) as u32))
            } else {
                literal
            };
            context.report(&RULE, range, format!("cron expression: {error}"), None);
        }
        if let Some(zone) = keyword(call, "timezone")
            && let Some(name) = string(zone)
            // By name only: looking the zone up would link the whole zone database into the
            // playground's worker.
            && atlas_cron::zones::built_in(name).is_none()
            && atlas_cron::zones::canonical(name).is_none()
        {
            let message =
                format!("unknown time zone `{name}`: expected an IANA name such as Europe/Paris or America/New_York");
            context.report(&RULE, zone.range(), message, None);
        }
    }
}
