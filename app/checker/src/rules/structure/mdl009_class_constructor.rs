//! MDL009: an `@app.cls()` class with `__init__`, or with `modal.parameter()` fields the client rejects.

use std::collections::HashSet;

use ruff_python_ast::{Expr, ExprCall, Number, Stmt, StmtClassDef, UnaryOp};
use ruff_text_size::Ranged;

use super::decorators::{APP_CLS, APP_SERVER, called_position};
use crate::diagnostic::Severity;
use crate::model::{DefNode, Model, decorator_name_range};
use crate::rules::toolkit::{insert, keyword, replace};
use crate::rules::{Context, Rule, RuleFix};

pub const RULE: Rule = Rule {
    id: "MDL009",
    name: "class-constructor",
    severity: Severity::Error,
    summary: "Finds `__init__` in `@app.cls()` and `@app.server()` classes, and `modal.parameter()` fields without a \
              type annotation or with a type other than int, str, bytes or bool.",
    why: "Modal constructs the class itself in each container, so a custom `__init__` raises `InvalidError` when the \
          decorator runs: setup belongs in a `@modal.enter()` method and arguments in `modal.parameter()` fields. The \
          client reads each field's annotation to encode its value and accepts only `int`, `str`, `bytes` and `bool`; \
          a missing annotation raises `InvalidError`, and so does any other type (a quoted annotation, or one under \
          `from __future__ import annotations`, fails with `AttributeError`).",
    bad: "@app.cls()\nclass Model:\n    def __init__(self, name):\n        self.name = name",
    good: "@app.cls()\nclass Model:\n    name: str = modal.parameter()",
    fix: Some(RuleFix::safe("Add the annotation the default's type implies, or unquote a quoted one.")),
    check,
};

const PARAMETER_TYPES: &[&str] = &["int", "str", "bytes", "bool"];

fn check(context: &Context) {
    let model = context.model;
    let parameters = parameter_calls(model);
    let postponed = has_postponed_annotations(context.source);
    for definition in &model.definitions {
        let DefNode::Class(class) = definition.node else { continue };
        let Some(app_at) = called_position(definition, &[APP_CLS, APP_SERVER]) else { continue };
        let app = &definition.decorators[app_at];
        let is_server = app.path.as_deref() == Some(APP_SERVER);
        let app_written = context.text(decorator_name_range(app));
        check_constructor(context, class, is_server, app_written);
        if !is_server {
            check_parameters(context, class, &parameters, postponed, app_written);
        }
    }
}

/// Reports `__init__` in a class decorated with `@{app_written}()`.
fn check_constructor(context: &Context, class: &StmtClassDef, is_server: bool, app_written: &str) {
    for stmt in &class.body {
        let Stmt::FunctionDef(function) = stmt else { continue };
        if function.name.as_str() != "__init__" {
            continue;
        }
        let arguments = if is_server { "" } else { " and arguments as fields such as `name: str = modal.parameter()`" };
        let message = format!(
            "`@{app_written}()` classes cannot define `__init__`: expected setup in a `@modal.enter()` method\
             {arguments}; the client raises InvalidError"
        );
        context.report(&RULE, function.name.range(), message, None);
    }
}

fn check_parameters(
    context: &Context,
    class: &StmtClassDef,
    parameters: &HashSet<*const ExprCall>,
    postponed: bool,
    app_written: &str,
) {
    let is_parameter =
        |value: &Expr| matches!(value, Expr::Call(call) if parameters.contains(&(call as *const ExprCall)));
    for stmt in &class.body {
        match stmt {
            Stmt::Assign(assign) if is_parameter(&assign.value) => {
                let Some(target) = assign.targets.first() else { continue };
                let name = context.text(target.range()).to_string();
                let implied = default_type(&assign.value);
                let fix = match (implied, &assign.targets[..]) {
                    (Some(implied), [Expr::Name(_)]) => Some(RULE.fix_with(
                        format!("Annotate as `{implied}`"),
                        vec![insert(target.range().end(), format!(": {implied}"))],
                    )),
                    _ => None,
                };
                let message = format!(
                    "`modal.parameter()` fields need a type annotation, one of int, str, bytes or bool: expected \
                     `{name}: {} = modal.parameter(...)`; the client raises InvalidError",
                    implied.unwrap_or("str")
                );
                context.report(&RULE, target.range(), message, fix);
            }
            Stmt::AnnAssign(assign) if assign.value.as_deref().is_some_and(is_parameter) => {
                check_annotation(context, &assign.annotation, postponed, app_written);
            }
            _ => {}
        }
    }
}

fn check_annotation(context: &Context, annotation: &Expr, postponed: bool, app_written: &str) {
    let written = context.text(annotation.range()).to_string();
    if postponed {
        let message = format!(
            "under `from __future__ import annotations` the client reads this annotation as the string '{written}', \
             not a type, and fails with AttributeError: expected the future import removed from this module"
        );
        context.report(&RULE, annotation.range(), message, None);
        return;
    }
    match annotation {
        Expr::Name(name) if PARAMETER_TYPES.contains(&name.id.as_str()) => {}
        Expr::StringLiteral(literal) => {
            let quoted = literal.value.to_str().trim().to_string();
            let fix = PARAMETER_TYPES.contains(&quoted.as_str()).then(|| {
                RULE.fix_with(format!("Write `{quoted}` unquoted"), vec![replace(annotation.range(), quoted.clone())])
            });
            let message = format!(
                "the client reads the quoted annotation {written} as a string, not a type, and fails with \
                 AttributeError: expected an unquoted int, str, bytes or bool"
            );
            context.report(&RULE, annotation.range(), message, fix);
        }
        _ => {
            let message = format!(
                "`{written}` is not a `modal.parameter()` type: expected int, str, bytes or bool; the client raises \
                 when `@{app_written}()` runs"
            );
            context.report(&RULE, annotation.range(), message, None);
        }
    }
}

/// Every `modal.parameter(...)` call, by identity, so class fields can be matched to them.
fn parameter_calls(model: &Model) -> HashSet<*const ExprCall> {
    model.calls_to("modal.parameter").map(|call| call as *const ExprCall).collect()
}

/// The parameter type a literal `default=` implies.
fn default_type(value: &Expr) -> Option<&'static str> {
    let Expr::Call(call) = value else { return None };
    let is_int = |expr: &Expr| matches!(expr, Expr::NumberLiteral(number) if matches!(number.value, Number::Int(_)));
    match keyword(call, "default")? {
        Expr::UnaryOp(unary) if matches!(unary.op, UnaryOp::USub | UnaryOp::UAdd) && is_int(&unary.operand) => {
            Some("int")
        }
        int if is_int(int) => Some("int"),
        Expr::StringLiteral(_) => Some("str"),
        Expr::BytesLiteral(_) => Some("bytes"),
        Expr::BooleanLiteral(_) => Some("bool"),
        _ => None,
    }
}

/// Whether the module starts with `from __future__ import annotations`, which turns every
/// annotation into a string. Future imports sit at the top level, unindented, on one line in practice.
fn has_postponed_annotations(source: &str) -> bool {
    source.lines().any(|line| {
        line.strip_prefix("from __future__ import").is_some_and(|names| {
            names
                .split(|c: char| c == ',' || c == '(' || c == ')' || c.is_whitespace())
                .any(|name| name == "annotations")
        })
    })
}

#[cfg(test)]
mod tests {
    use crate::check;

    fn found(source: &str) -> Vec<String> {
        check(source).into_iter().filter(|d| d.rule == "MDL009").map(|d| d.message).collect()
    }

    #[test]
    fn postponed_annotations_make_every_parameter_fail() {
        let source = "from __future__ import annotations\nimport modal\n\napp = modal.App()\n\n\n@app.cls()\nclass Model:\n    name: str = modal.parameter()\n";
        let messages = found(source);
        assert_eq!(messages.len(), 1, "{messages:?}");
        assert!(messages[0].contains("from __future__ import annotations"));
        assert!(found(&source.replace("from __future__ import annotations\n", "")).is_empty());
    }
}
