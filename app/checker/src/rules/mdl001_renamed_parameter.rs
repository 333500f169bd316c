//! MDL001: a parameter Modal renamed, which now raises.

use ruff_python_ast::ExprCall;
use ruff_text_size::Ranged;

use super::toolkit::replace;
use super::{Context, Rule, RuleFix};
use crate::api::RENAMED;
use crate::diagnostic::Severity;

pub const RULE: Rule = Rule {
    id: "MDL001",
    name: "renamed-parameter",
    severity: Severity::Error,
    summary: "Finds `keep_warm`, `concurrency_limit` and `container_idle_timeout` in `@app.function()`, `@app.cls()` and `.with_options()`.",
    why: "Modal renamed these parameters in February 2025. Since client 1.x they raise `modal.exception.DeprecationError` \
          when the decorator runs, so the module fails to import and nothing deploys.",
    bad: "@app.function(container_idle_timeout=300, keep_warm=1)\ndef serve():\n    ...",
    good: "@app.function(scaledown_window=300, min_containers=1)\ndef serve():\n    ...",
    fix: Some(RuleFix::safe("Rename the parameter.")),
    check,
};

fn check(context: &Context) {
    let model = context.model;
    let decorator_calls = ["<app>.function", "<app>.cls"]
        .into_iter()
        .flat_map(|path| model.decorated_with(path).filter_map(|(_, decor)| decor.call))
        .collect::<Vec<&ExprCall>>();
    let option_calls = model.calls.iter().filter(|call| call.path.ends_with(".with_options")).map(|call| call.call);
    for call in decorator_calls.into_iter().chain(option_calls) {
        for keyword in call.arguments.keywords.iter() {
            let Some(name) = &keyword.arg else { continue };
            let Some(renamed) = RENAMED.iter().find(|renamed| renamed.old == name.as_str()) else { continue };
            let range_note = if renamed.new == "scaledown_window" { " (2 to 3600 seconds)" } else { "" };
            let fix = RULE.fix_with(format!("Rename to `{}`", renamed.new), vec![replace(name.range(), renamed.new)]);
            context.report(
                &RULE,
                name.range(),
                format!(
                    "`{}` was renamed to `{}`{range_note}; the client raises DeprecationError (deprecated {})",
                    renamed.old, renamed.new, renamed.since
                ),
                Some(fix),
            );
        }
    }
}
