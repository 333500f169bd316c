//! What the function rules ask of a definition: which `@modal.*` decorators reach its function,
//! its parameters, whether it is a generator, and the calls its own body makes.

use ruff_python_ast::visitor::{Visitor, walk_expr, walk_stmt};
use ruff_python_ast::{AnyParameterRef, Expr, ExprCall, Stmt, StmtFunctionDef};
use ruff_text_size::{Ranged, TextRange};

use crate::model::{Decor, DefNode, Definition};
use crate::rules::structure::decorators::modal_decorator_name;

/// The web decorators, the callable ones and the lifecycle hooks (shared with MDL008, which
/// leaves their conflicts to MDL015).
pub(super) use crate::rules::structure::mdl008_lifecycle_on_function::{CALLABLE, LIFECYCLE, WEB};

/// The function of a function definition.
pub(super) fn function<'a>(definition: &Definition<'a>) -> Option<&'a StmtFunctionDef> {
    match definition.node {
        DefNode::Function(function) => Some(function),
        DefNode::Class(_) => None,
    }
}

/// The `@modal.*` decorators that wrap the function itself, top to bottom, with their names:
/// those written with parentheses below the app decorator (a bare one raises `TypeError` first,
/// MDL002; one above the app decorator receives a Modal Function, MDL006).
pub(super) fn applied<'d, 'a>(definition: &'d Definition<'a>) -> Vec<(&'d Decor<'a>, &'d str)> {
    let start = definition
        .decorators
        .iter()
        .rposition(|decor| decor.path.as_deref().is_some_and(|path| path.starts_with("<app>.")))
        .map_or(0, |at| at + 1);
    definition.decorators[start..]
        .iter()
        .filter(|decor| decor.call.is_some())
        .filter_map(|decor| Some((decor, modal_decorator_name(decor)?)))
        .collect()
}

/// The first applied decorator named one of `names`.
pub(super) fn applied_one_of<'d, 'a>(
    definition: &'d Definition<'a>,
    names: &[&str],
) -> Option<(&'d Decor<'a>, &'d str)> {
    applied(definition).into_iter().find(|(_, name)| names.contains(name))
}

/// The first `yield` (or `yield from`) of the function's own body, which makes it a generator;
/// nested functions, classes and lambdas are their own.
pub(super) fn first_yield(function: &StmtFunctionDef) -> Option<TextRange> {
    let mut body = OwnBody::default();
    body.visit_body(&function.body);
    body.yields.first().copied()
}

/// The calls of the function's own body, in source order, each with whether it is a statement
/// alone (its result unused).
pub(super) fn own_calls(function: &StmtFunctionDef) -> Vec<(&ExprCall, bool)> {
    let mut body = OwnBody::default();
    body.visit_body(&function.body);
    body.calls
}

/// The parameters that have no default value (`*args` and `**kwargs` may be empty, so they do
/// not count).
pub(super) fn required_parameters(function: &StmtFunctionDef) -> Vec<AnyParameterRef<'_>> {
    function.parameters.iter().filter(|parameter| !parameter.is_variadic() && parameter.default().is_none()).collect()
}

/// The range of `async` in `async def`, or the function's name when it cannot be found.
pub(super) fn async_keyword(source: &str, function: &StmtFunctionDef) -> TextRange {
    let name = function.name.range();
    let from = function.decorator_list.last().map_or(function.range().start(), |decor| decor.range().end());
    source
        .get(from.to_usize()..name.start().to_usize())
        .and_then(|text| text.find("async"))
        .and_then(|at| u32::try_from(at).ok())
        .map(|at| {
            let start = from + ruff_text_size::TextSize::from(at);
            TextRange::new(start, start + ruff_text_size::TextSize::from(5))
        })
        .unwrap_or(name)
}

#[derive(Default)]
struct OwnBody<'a> {
    yields: Vec<TextRange>,
    calls: Vec<(&'a ExprCall, bool)>,
}

impl<'a> Visitor<'a> for OwnBody<'a> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        match stmt {
            Stmt::FunctionDef(_) | Stmt::ClassDef(_) => {}
            Stmt::Expr(statement) => {
                if let Expr::Call(call) = &*statement.value {
                    self.calls.push((call, true));
                    // The call itself is recorded: walk only inside it.
                    walk_expr(self, &statement.value);
                } else {
                    self.visit_expr(&statement.value);
                }
            }
            _ => walk_stmt(self, stmt),
        }
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        match expr {
            Expr::Lambda(_) => {}
            Expr::Yield(_) | Expr::YieldFrom(_) => {
                self.yields.push(expr.range());
                walk_expr(self, expr);
            }
            Expr::Call(call) => {
                self.calls.push((call, false));
                walk_expr(self, expr);
            }
            _ => walk_expr(self, expr),
        }
    }
}
