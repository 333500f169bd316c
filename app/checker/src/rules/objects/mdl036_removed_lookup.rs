//! MDL036: the removed `.lookup(...)` class methods, and `Volume.delete` and friends.

use std::collections::HashSet;

use ruff_python_ast::{Expr, ExprCall};
use ruff_text_size::Ranged;

use crate::api::CLIENT_VERSION;
use crate::diagnostic::Severity;
use crate::rules::toolkit::replace;
use crate::rules::{Context, Rule, RuleFix};

pub const RULE: Rule = Rule {
    id: "MDL036",
    name: "removed-lookup",
    severity: Severity::Error,
    summary: "Finds `.lookup(...)` on `modal.Function`, `Cls`, `Volume`, `Dict`, `Queue`, `Secret` and \
              `NetworkFileSystem`, and the static `Volume.delete`, `Dict.delete` and `Queue.delete`, all removed.",
    why: "These class methods were removed during 1.x. Calling one raises `AttributeError: type object 'Function' has \
          no attribute 'lookup'` as soon as the line runs. `from_name` takes the same arguments (without the old \
          `namespace=`). One difference: `lookup` contacted Modal at once and failed early for a missing object, while \
          `from_name` returns a lazy handle that is resolved on first use. Named objects are deleted through their \
          manager now: `modal.Volume.objects.delete(name)` (likewise `Dict` and `Queue`). `modal.App.lookup` still \
          exists and is not reported.",
    bad: "summarize = modal.Function.lookup(\"text-service\", \"summarize\")\n\
          cache = modal.Dict.lookup(\"cache\", create_if_missing=True)\nmodal.Volume.delete(\"scratch\")",
    good: "summarize = modal.Function.from_name(\"text-service\", \"summarize\")\n\
           cache = modal.Dict.from_name(\"cache\", create_if_missing=True)\nmodal.Volume.objects.delete(\"scratch\")",
    fix: Some(RuleFix::safe(
        "Rename `lookup` to `from_name`, or `delete` to `objects.delete`, when the arguments carry over.",
    )),
    check,
};

/// The classes that lost `lookup`, how many positional arguments their `from_name` takes, and its keywords.
const LOOKUP_CLASSES: &[(&str, usize, &[&str])] = &[
    ("Function", 2, &["environment_name", "client", "version"]),
    ("Cls", 2, &["environment_name", "client", "version"]),
    ("Volume", 1, &["environment_name", "client", "create_if_missing", "version"]),
    ("Dict", 1, &["environment_name", "client", "create_if_missing"]),
    ("Queue", 1, &["environment_name", "client", "create_if_missing"]),
    ("Secret", 1, &["environment_name", "client", "required_keys"]),
    ("NetworkFileSystem", 1, &["environment_name", "client", "create_if_missing"]),
];

/// The classes that lost their static `delete`; `objects.delete(name, *, allow_missing, environment_name, client)`.
const DELETE_CLASSES: &[&str] = &["Volume", "Dict", "Queue"];
const DELETE_KEYWORDS: &[&str] = &["environment_name", "client"];

fn check(context: &Context) {
    let model = context.model;
    let mut seen = HashSet::new();
    for (expr, path) in &model.references {
        let Expr::Attribute(attribute) = expr else { continue };
        let Some((class, method)) = removed(path) else { continue };
        if !seen.insert(attribute.range()) {
            continue;
        }
        let call = model.calls.iter().map(|call| call.call).find(|call| std::ptr::eq(&*call.func, *expr));
        let method_range = attribute.attr.range();
        let written = context.text(attribute.range()).to_string();
        let (message, fix) = if method == "lookup" {
            let fix = call
                .filter(|call| arguments_carry_over(call, class))
                .map(|_| RULE.fix_with("Rename to `from_name`", vec![replace(method_range, "from_name")]));
            (
                format!(
                    "`{written}` was removed (AttributeError in modal {CLIENT_VERSION}): expected \
                     `modal.{class}.from_name(...)` with the same arguments; it returns a lazy handle"
                ),
                fix,
            )
        } else {
            let fix = call
                .filter(|call| delete_carries_over(call))
                .map(|_| RULE.fix_with("Rename to `objects.delete`", vec![replace(method_range, "objects.delete")]));
            (
                format!(
                    "`{written}` was removed (AttributeError in modal {CLIENT_VERSION}): expected \
                     `modal.{class}.objects.delete(name)`"
                ),
                fix,
            )
        };
        context.report(&RULE, method_range, message, fix);
    }
}

/// The class and removed method `path` names: `modal.Function.lookup`, `modal.Volume.delete`.
fn removed(path: &str) -> Option<(&'static str, &'static str)> {
    let (class, method) = path.strip_prefix("modal.")?.split_once('.')?;
    match method {
        "lookup" => LOOKUP_CLASSES.iter().find(|(name, _, _)| *name == class).map(|(name, _, _)| (*name, "lookup")),
        "delete" => DELETE_CLASSES.iter().find(|name| **name == class).map(|name| (*name, "delete")),
        _ => None,
    }
}

/// Whether `from_name` accepts the arguments given to `lookup` (no `namespace=`, no extra positionals).
fn arguments_carry_over(call: &ExprCall, class: &str) -> bool {
    let Some(&(_, positional, keywords)) = LOOKUP_CLASSES.iter().find(|(name, _, _)| *name == class) else {
        return false;
    };
    plain_arguments(call, positional, keywords)
}

fn delete_carries_over(call: &ExprCall) -> bool {
    plain_arguments(call, 1, DELETE_KEYWORDS)
}

fn plain_arguments(call: &ExprCall, positional: usize, keywords: &[&str]) -> bool {
    call.arguments.args.len() <= positional
        && !call.arguments.args.iter().any(Expr::is_starred_expr)
        && call
            .arguments
            .keywords
            .iter()
            .all(|keyword| keyword.arg.as_ref().is_some_and(|arg| keywords.contains(&arg.as_str())))
}
