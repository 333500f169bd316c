//! MDL035: the result of `Function.spawn_map(...)`, which is `None`, used as a value.

use std::collections::HashSet;

use ruff_python_ast::visitor::{Visitor, walk_expr};
use ruff_python_ast::{Expr, ExprCall, Stmt};
use ruff_text_size::{Ranged, TextRange};

use super::syntax::{bindings, bodies, read_after};
use crate::diagnostic::Severity;
use crate::rules::toolkit::root_name;
use crate::rules::{Context, Rule};

pub const RULE: Rule = Rule {
    id: "MDL035",
    name: "spawn-map-result",
    severity: Severity::Warning,
    summary: "Finds the result of `f.spawn_map(...)` on a Modal Function used as a value: assigned and then read, \
              returned, passed on, or called with `.get()`.",
    why: "In the current client `Function.spawn_map(...)` submits every input and returns `None`; its docstring says \
          retrieving the results from code \"will be supported in a future update\". Code that keeps the result as a \
          handle fails later, for example `AttributeError: 'NoneType' object has no attribute 'get'`. Use `spawn_map` \
          only to fire and forget (the function stores its own output, say on a Volume); to collect results, spawn in \
          a loop (`[f.spawn(x) for x in items]`, then `modal.FunctionCall.gather(*calls)`) or use \
          `f.experimental_spawn_map(items)`, which returns one `FunctionCall` for the batch. The rule applies to \
          functions decorated with `@app.function()`, handles from `modal.Function.from_name(...)` and methods of \
          Modal classes; in a fragment that calls `spawn_map` on a name it never defines, the name is taken to be a \
          Modal Function, since no other common Python library has a `spawn_map` method.",
    bad: "@app.function()\ndef square(x: int) -> int:\n    return x * x\n\n\n@app.local_entrypoint()\ndef main():\n    \
          call = square.spawn_map(range(10))\n    print(call.get())",
    good: "@app.function()\ndef square(x: int) -> int:\n    return x * x\n\n\n@app.local_entrypoint()\n\
           def main():\n    calls = [square.spawn(x) for x in range(10)]\n    print(modal.FunctionCall.gather(*calls))",
    fix: None,
    check,
};

fn check(context: &Context) {
    if !context.source.contains("spawn_map") {
        return;
    }
    let module = context.module;
    let bound = bindings(module);
    // Calls the model resolved onto a Modal Function (or a Cls method): `spawn_map` or `spawn_map.aio`.
    let resolved: HashSet<TextRange> = context
        .model
        .calls
        .iter()
        .filter(|call| call.path.starts_with("modal.") && is_spawn_map_path(&call.path))
        .map(|call| call.call.range())
        .collect();
    let qualifies = |call: &ExprCall| -> bool {
        let Some(receiver) = spawn_map_receiver(call) else { return false };
        resolved.contains(&call.range()) || root_name(receiver).is_some_and(|root| !bound.contains_key(root))
    };
    // Calls whose result is dropped (`f.spawn_map(xs)` as a statement) or assigned to names; an
    // assigned one is reported only if the name is read before it is bound again.
    let mut settled: HashSet<TextRange> = HashSet::new();
    for body in bodies(module) {
        for (index, stmt) in body.iter().enumerate() {
            let (value, targets): (&Expr, &[Expr]) = match stmt {
                Stmt::Expr(statement) => (&statement.value, &[]),
                Stmt::Assign(assign) if assign.targets.iter().all(Expr::is_name_expr) => {
                    (&assign.value, &assign.targets)
                }
                _ => continue,
            };
            let Some(call) = spawn_map_call(value) else { continue };
            if !qualifies(call) {
                continue;
            }
            settled.insert(call.range());
            for target in targets {
                let Expr::Name(name) = target else { continue };
                if let Some(read) = read_after(body, index, name.id.as_str()) {
                    let line = context.lines.position(read.start().to_usize()).line;
                    context.report(
                        &RULE,
                        method_range(call),
                        format!(
                            "`spawn_map` returns None, so `{}` is None where line {line} uses it: expected \
                             `[f.spawn(x) for x in items]` (then `modal.FunctionCall.gather(*calls)`) or \
                             `f.experimental_spawn_map(items)` to get results back",
                            name.id
                        ),
                        None,
                    );
                }
            }
        }
    }
    DirectUses { context, qualifies: &qualifies, settled: &settled }.visit_body(&module.body);
}

fn is_spawn_map_path(path: &str) -> bool {
    path.ends_with(".spawn_map") || path.ends_with(".spawn_map.aio")
}

/// The call itself, seen through `await`.
fn spawn_map_call(expr: &Expr) -> Option<&ExprCall> {
    match expr {
        Expr::Await(awaited) => spawn_map_call(&awaited.value),
        Expr::Call(call) if spawn_map_receiver(call).is_some() => Some(call),
        _ => None,
    }
}

/// `f` in `f.spawn_map(...)` or `f.spawn_map.aio(...)`.
fn spawn_map_receiver(call: &ExprCall) -> Option<&Expr> {
    let Expr::Attribute(attribute) = &*call.func else { return None };
    let method = match attribute.attr.as_str() {
        "aio" => match &*attribute.value {
            Expr::Attribute(inner) => inner,
            _ => return None,
        },
        _ => attribute,
    };
    (method.attr.as_str() == "spawn_map").then_some(&*method.value)
}

/// The `spawn_map` name in the call, where the diagnostic points.
fn method_range(call: &ExprCall) -> TextRange {
    match &*call.func {
        Expr::Attribute(attribute) if attribute.attr.as_str() == "aio" => match &*attribute.value {
            Expr::Attribute(inner) => inner.attr.range(),
            _ => call.func.range(),
        },
        Expr::Attribute(attribute) => attribute.attr.range(),
        other => other.range(),
    }
}

/// Qualifying calls anywhere else, reported: inside an expression, returned, passed, or stored in
/// an attribute or item.
struct DirectUses<'q, 'a, 'm, F: Fn(&ExprCall) -> bool> {
    context: &'q Context<'a, 'm>,
    qualifies: &'q F,
    settled: &'q HashSet<TextRange>,
}

impl<'v, F: Fn(&ExprCall) -> bool> Visitor<'v> for DirectUses<'_, '_, '_, F> {
    fn visit_expr(&mut self, expr: &'v Expr) {
        if let Expr::Call(call) = expr
            && spawn_map_receiver(call).is_some()
            && !self.settled.contains(&call.range())
            && (self.qualifies)(call)
        {
            let message = "`spawn_map` returns None, so its result cannot be used: expected `[f.spawn(x) for x in \
                           items]` (then `modal.FunctionCall.gather(*calls)`) or `f.experimental_spawn_map(items)` to \
                           get results back";
            self.context.report(&RULE, method_range(call), message.to_string(), None);
        }
        walk_expr(self, expr);
    }
}
