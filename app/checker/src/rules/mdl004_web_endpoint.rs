//! MDL004: `@modal.web_endpoint`, renamed to `@modal.fastapi_endpoint`.

use ruff_python_ast::Expr;
use ruff_text_size::Ranged;

use super::toolkit::replace;
use super::{Context, Rule, RuleFix};
use crate::diagnostic::Severity;
use crate::model::decorator_name_range;

pub const RULE: Rule = Rule {
    id: "MDL004",
    name: "web-endpoint-renamed",
    severity: Severity::Error,
    summary: "Finds `@modal.web_endpoint`, which Modal renamed to `@modal.fastapi_endpoint`.",
    why: "The old name still exists but raises `DeprecationError` when called (deprecated 2025-03-05), so the module \
          fails to import. The new decorator takes the same arguments.",
    bad: "@app.function()\n@modal.web_endpoint(method=\"POST\")\ndef hook(body: dict):\n    ...",
    good: "@app.function()\n@modal.fastapi_endpoint(method=\"POST\")\ndef hook(body: dict):\n    ...",
    fix: Some(RuleFix::safe("Rename to `fastapi_endpoint`.")),
    check,
};

fn check(context: &Context) {
    for (_, decor) in context.model.decorated_with("modal.web_endpoint") {
        let range = decorator_name_range(decor);
        let target = match decor.call {
            Some(call) => &*call.func,
            None => &decor.decorator.expression,
        };
        // Only `modal.web_endpoint` (an attribute) can be renamed in place; an imported name needs its import changed too.
        let fix = match target {
            Expr::Attribute(attribute) => Some(
                RULE.fix_with("Rename to fastapi_endpoint", vec![replace(attribute.attr.range(), "fastapi_endpoint")]),
            ),
            _ => None,
        };
        context.report(
            &RULE,
            range,
            "`@modal.web_endpoint` was renamed to `@modal.fastapi_endpoint` (same arguments); the client raises DeprecationError".into(),
            fix,
        );
    }
}
