//! MDL001: a parameter Modal renamed, which now raises.

use super::toolkit::replace;
use super::{Context, Rule, RuleFix};
use crate::api::RENAMED;
use crate::diagnostic::Severity;

pub const RULE: Rule = Rule {
    id: "MDL001",
    name: "renamed-parameter",
    severity: Severity::Error,
    summary: "Finds `keep_warm`, `concurrency_limit` and `container_idle_timeout` in `@app.function()`, `@app.cls()` \
              (also called as functions, and through a literal dict: `**options`) and `.with_options()`.",
    why: "Modal renamed these parameters in February 2025. Since client 1.x they raise `modal.exception.DeprecationError` \
          when the decorator runs, so the module fails to import and nothing deploys.",
    bad: "@app.function(container_idle_timeout=300, keep_warm=1)\ndef serve():\n    ...",
    good: "@app.function(scaledown_window=300, min_containers=1)\ndef serve():\n    ...",
    fix: Some(RuleFix::safe("Rename the parameter.")),
    check,
};

fn check(context: &Context) {
    // The decorators, whether written as decorators or called (`wrap = app.cls(...)`).
    let calls = context.model.calls.iter().filter(|call| {
        matches!(call.path.as_str(), "<app>.function" | "<app>.cls") || call.path.ends_with(".with_options")
    });
    for call in calls {
        for keyword in call.keywords() {
            let Some(renamed) = RENAMED.iter().find(|renamed| renamed.old == keyword.name) else { continue };
            let range_note = if renamed.new == "scaledown_window" { " (2 to 3600 seconds)" } else { "" };
            let fix = RULE.fix_with(format!("Rename to `{}`", renamed.new), vec![replace(keyword.range, renamed.new)]);
            context.report(
                &RULE,
                keyword.range,
                format!(
                    "`{}` was renamed to `{}`{range_note}; the client raises DeprecationError (deprecated {})",
                    renamed.old, renamed.new, renamed.since
                ),
                Some(fix),
            );
        }
    }
}
