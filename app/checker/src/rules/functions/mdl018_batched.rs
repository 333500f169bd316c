//! MDL018: `@modal.batched` with missing or out-of-range arguments, on a function it cannot
//! batch, or in a class that has other Modal methods.

use ruff_python_ast::ExprCall;
use ruff_text_size::Ranged;

use super::definitions::{CALLABLE, WEB, applied, applied_one_of, first_yield, function};
use crate::diagnostic::Severity;
use crate::model::{DefNode, Definition, decorator_name_range};
use crate::rules::structure::decorators::{APP_CLS, APP_FUNCTION, Functions, called_position};
use crate::rules::toolkit::{excerpt, has_unpacked_arguments, keyword, number};
use crate::rules::{Context, Rule};

pub const RULE: Rule = Rule {
    id: "MDL018",
    name: "batched-misuse",
    severity: Severity::Error,
    summary: "Checks `@modal.batched(max_batch_size=..., wait_ms=...)`: both arguments given and in range, a batched \
              function without default values that is not a generator, and at most one batched method, alone, per \
              class.",
    why: "`@modal.batched` gathers single calls into a batch and calls the function once per batch, with a list of \
          values for each parameter, and expects a list of results back. Both arguments are required keywords \
          (`TypeError` otherwise); `max_batch_size` must be 1 to 1000 and `wait_ms` 0 to 600000 (ten minutes), or the \
          decorator raises `InvalidError`. On a function, `@app.function()` also refuses parameters with default \
          values and generators (`InvalidError: Modal batched function f does not accept default arguments.`, `... \
          cannot return generators`); `@app.cls()` does not check its methods for these, and neither does this rule. \
          In a class, `@app.cls()` raises `InvalidError` for a second batched method, and for any other \
          `@modal.method()` or web endpoint beside a batched one (\"cannot have other modal methods\"); \
          `@modal.enter()` and `@modal.exit()` hooks are fine.",
    bad: "@app.function()\n@modal.batched(max_batch_size=5000)\ndef embed(texts: list[str], normalize: list[bool] = \
          []):\n    ...",
    good: "@app.function()\n@modal.batched(max_batch_size=64, wait_ms=100)\ndef embed(texts: list[str]) -> \
           list[list[float]]:\n    ...",
    fix: None,
    check,
};

const BATCHED: &str = "batched";
/// The client's bounds (`MAX_MAX_BATCH_SIZE`, `MAX_BATCH_WAIT_MS`): name, minimum, maximum, what the minimum means.
const BOUNDS: &[(&str, f64, f64, &str)] =
    &[("max_batch_size", 1.0, 1000.0, "a positive integer"), ("wait_ms", 0.0, 600_000.0, "a non-negative integer")];

fn check(context: &Context) {
    let model = context.model;
    let functions = Functions::new(model);
    for definition in &model.definitions {
        if let DefNode::Class(class) = definition.node
            && called_position(definition, &[APP_CLS]).is_some()
        {
            check_class(context, &class.name, &functions.methods(class));
        }
        let Some(function) = function(definition) else { continue };
        let Some((decor, _)) = applied_one_of(definition, &[BATCHED]) else { continue };
        if let Some(call) = decor.call {
            check_arguments(context, context.text(decorator_name_range(decor)), call);
        }
        // `@app.function()` checks the function it registers; `@app.cls()` does not check its methods so.
        if definition.in_class || called_position(definition, &[APP_FUNCTION]).is_none() {
            continue;
        }
        if let Some(at) = first_yield(function) {
            context.report(
                &RULE,
                at,
                format!(
                    "batched function `{}` cannot be a generator (this `yield` makes it one): it must return one \
                     result per input, as a list; the client raises InvalidError (\"cannot return generators\")",
                    function.name
                ),
                None,
            );
        }
        for parameter in function.parameters.iter() {
            let Some(default) = parameter.default() else { continue };
            context.report(&RULE, default.range(), format!(
                    "parameter `{}` of batched function `{}` cannot have a default value (each call's values arrive \
                     as one list per parameter); the client raises InvalidError (\"does not accept default arguments\")",
                    parameter.name(),
                    function.name
                ), None);
        }
    }
}

fn check_arguments(context: &Context, written: &str, call: &ExprCall) {
    let arguments = &call.arguments;
    if has_unpacked_arguments(call) {
        return;
    }
    if let Some(first) = arguments.args.first() {
        context.report(&RULE, first.range(), format!(
                "`@{written}()` takes keyword arguments only: `max_batch_size=...` and `wait_ms=...`; the client raises \
                 TypeError (\"takes 0 positional arguments\")"
            ), None);
        return;
    }
    let missing: Vec<String> = BOUNDS
        .iter()
        .filter(|(name, ..)| keyword(call, name).is_none())
        .map(|(name, ..)| format!("`{name}`"))
        .collect();
    if !missing.is_empty() {
        context.report(&RULE, call.func.range(), format!(
                "`@{written}()` needs both `max_batch_size=` (at most 1000) and `wait_ms=` (at most 600000), missing {}; \
                 the client raises TypeError",
                missing.join(" and ")
            ), None);
    }
    for &(name, low, high, meaning) in BOUNDS {
        let Some(value) = keyword(call, name) else { continue };
        let Some(given) = number(value) else { continue };
        let expected = if given.value < low {
            format!("must be {meaning}")
        } else if given.value > high {
            format!("cannot be greater than {high}")
        } else {
            continue;
        };
        context.report(
            &RULE,
            value.range(),
            format!(
                "`{name}` {expected}, got {}; the client raises InvalidError",
                excerpt(context.text(value.range()))
            ),
            None,
        );
    }
}

/// One batched method per class, and no other Modal methods beside it.
fn check_class(context: &Context, class: &str, methods: &[&Definition]) {
    let mut batched = Vec::new();
    let mut others = Vec::new();
    for method in methods {
        let Some(function) = function(method) else { continue };
        if let Some((decor, _)) = applied_one_of(method, &[BATCHED]) {
            batched.push((function, decor));
        } else if let Some((decor, _)) =
            applied(method).into_iter().find(|(_, name)| CALLABLE.contains(name) || WEB.contains(name))
        {
            others.push((function, decor));
        }
    }
    let Some((first, _)) = batched.first() else { return };
    for (function, decor) in batched.iter().skip(1) {
        context.report(&RULE, decorator_name_range(decor), format!(
                "class `{class}` can have only one batched method, and `{}` already is; `{}` cannot be batched too; the \
                 client raises InvalidError (\"can only have one batched function\")",
                first.name, function.name
            ), None);
    }
    for (function, decor) in others {
        context.report(
            &RULE,
            decorator_name_range(decor),
            format!(
                "`{}` cannot be `@{}()` in class `{class}`, which has the batched method `{}`: a class with a batched \
                 method cannot have other Modal methods (move it to another class); the client raises InvalidError",
                function.name,
                context.text(decorator_name_range(decor)),
                first.name
            ),
            None,
        );
    }
}
