//! MDL007: `@modal.concurrent` on a method, or with arguments the client rejects.

use ruff_python_ast::{Expr, ExprCall, Number, StmtClassDef, UnaryOp};
use ruff_text_size::Ranged;

use super::decorators::{APP_CLS, APP_FUNCTION, Functions, called_position};
use super::source_lines::{line_start, newline, whole_lines};
use crate::diagnostic::{Edit, Fix, Severity};
use crate::model::{Decor, DefNode, Definition, decorator_name_range};
use crate::rules::toolkit::{has_unpacked_arguments, insert, keyword, number};
use crate::rules::{Context, Rule, RuleFix};

pub const RULE: Rule = Rule {
    id: "MDL007",
    name: "concurrent-misplaced",
    severity: Severity::Error,
    summary: "Finds `@modal.concurrent` on a method of an `@app.cls()` class, without `max_inputs`, or with a \
              `target_inputs` that is above `max_inputs` or not an integer.",
    why: "Input concurrency is a property of the whole container, so `@modal.concurrent` decorates a function (below \
          `@app.function()`) or a class (between `@app.cls()` and `class`), never a method: on a method `@app.cls()` \
          raises `InvalidError`. `max_inputs` is required (`TypeError` without it), `target_inputs` may not exceed it, \
          and outside `@app.server()` it must be a non-negative integer (`InvalidError`).",
    bad: "@app.cls()\nclass Model:\n    @modal.concurrent(max_inputs=8)\n    @modal.method()\n    def predict(self, x):\n        ...",
    good: "@app.cls()\n@modal.concurrent(max_inputs=8)\nclass Model:\n    @modal.method()\n    def predict(self, x):\n        ...",
    fix: Some(RuleFix::safe(
        "Move `@modal.concurrent` from the method to the class, or pass the value as `max_inputs=`.",
    )),
    check,
};

const CONCURRENT: &str = "modal.concurrent";

/// What takes the decorator in; the app decorator checks its values further.
#[derive(Clone, Copy, PartialEq, Eq)]
enum TakenIn {
    /// No app decorator on the definition: a method, or a function never registered.
    Nothing,
    /// An app decorator that may make a Flash function, which takes `target_inputs` alone.
    MaybeFlash,
    App,
}

fn check(context: &Context) {
    let model = context.model;
    let functions = Functions::new(model);
    for definition in &model.definitions {
        if let DefNode::Class(class) = definition.node
            && called_position(definition, &[APP_CLS]).is_some()
        {
            check_methods(context, definition, class, &functions);
        }
        let app = called_position(definition, &[APP_FUNCTION, APP_CLS]).map(|at| &definition.decorators[at]);
        let taken_in = match app {
            None => TakenIn::Nothing,
            Some(app) if may_be_flash(definition, app) => TakenIn::MaybeFlash,
            Some(_) => TakenIn::App,
        };
        let app_name = app.map_or_else(|| context.app_name(), |app| context.app_of(app));
        for decor in concurrent_calls(definition) {
            if let Some(call) = decor.call {
                check_arguments(context, decor, call, taken_in, app_name);
            }
        }
    }
}

/// The `@modal.concurrent(...)` decorators of a definition (bare ones are MDL002's).
fn concurrent_calls<'d, 'a>(definition: &'d Definition<'a>) -> impl Iterator<Item = &'d Decor<'a>> {
    definition.decorators.iter().filter(|decor| decor.call.is_some() && decor.path.as_deref() == Some(CONCURRENT))
}

fn check_methods(context: &Context, class_definition: &Definition, class: &StmtClassDef, functions: &Functions) {
    let app_cls = called_position(class_definition, &[APP_CLS]).map(|at| &class_definition.decorators[at]);
    let app_written = app_cls.map_or("app.cls", |decor| context.text(decorator_name_range(decor)));
    let on_methods: Vec<&Decor> = functions.methods(class).into_iter().flat_map(concurrent_calls).collect();
    // Moving a second one to the class, or one next to the class's own, would set it twice (`InvalidError`).
    let movable = on_methods.len() == 1
        && !class_definition.decorators.iter().any(|decor| decor.path.as_deref() == Some(CONCURRENT));
    for decor in on_methods {
        let written = context.text(decorator_name_range(decor)).to_string();
        let message = format!(
            "`@{written}()` must decorate the class, between `@{app_written}()` and `class {}`, not a method; on a \
             method the client raises InvalidError (\"cannot be used on methods; decorate the class instead\")",
            class.name
        );
        let fix = if movable { move_to_class(context.source, decor, class, &written) } else { None };
        context.report(&RULE, decorator_name_range(decor), message, fix);
    }
}

/// Moves the decorator's lines from the method to right above the `class` line, at its indentation.
fn move_to_class(source: &str, decor: &Decor, class: &StmtClassDef, written: &str) -> Option<Fix> {
    let removed = whole_lines(source, decor.decorator.range())?;
    let class_line = line_start(source, class.name.range().start().to_usize())?;
    let line = source.get(class_line..)?;
    let indentation = &line[..line.len() - line.trim_start().len()];
    if !line.trim_start().starts_with("class") {
        return None;
    }
    let text = source.get(decor.decorator.range().start().to_usize()..decor.decorator.range().end().to_usize())?;
    Some(RULE.fix_with(
        format!("Move `@{written}()` to the class"),
        vec![
            Edit { start: class_line, end: class_line, replacement: format!("{indentation}{text}{}", newline(source)) },
            Edit { start: removed.start, end: removed.end, replacement: String::new() },
        ],
    ))
}

/// Flash functions and classes (`experimental_options={"flash": True}`, `@modal.experimental.http_server`)
/// take `target_inputs` alone; options passed as `**options` may hold that flag too.
fn may_be_flash(definition: &Definition, app: &Decor) -> bool {
    let keywords = app.call.map(|call| &call.arguments.keywords[..]).unwrap_or_default();
    keywords.iter().any(|keyword| keyword.arg.as_ref().is_none_or(|arg| arg.as_str() == "experimental_options"))
        || definition
            .decorators
            .iter()
            .any(|decor| decor.path.as_deref().is_some_and(|path| path.starts_with("modal.experimental.")))
}

/// Checks a `@modal.concurrent(...)` call; `app` is the app as the code names it.
fn check_arguments(context: &Context, decor: &Decor, call: &ExprCall, taken_in: TakenIn, app: &str) {
    let arguments = &call.arguments;
    // `*args` or `**options` may hold anything.
    if has_unpacked_arguments(call) {
        return;
    }
    let max_inputs = keyword(call, "max_inputs");
    let target_inputs = keyword(call, "target_inputs");
    if let Some(first) = arguments.args.first() {
        let fix = (arguments.args.len() == 1 && max_inputs.is_none())
            .then(|| RULE.fix_with("Pass it as `max_inputs=`", vec![insert(first.range().start(), "max_inputs=")]));
        let message = format!(
            "`@{}()` takes keyword arguments only: expected `max_inputs={}`; the client raises TypeError (\"takes 0 \
             positional arguments\")",
            context.text(decorator_name_range(decor)),
            context.text(first.range())
        );
        context.report(&RULE, first.range(), message, fix);
        return;
    }
    if let (Some(target), Some(max)) = (target_inputs, max_inputs)
        && let (Some(target_value), Some(max_value)) = (number(target), number(max))
        && target_value.value > max_value.value
    {
        let message = format!(
            "`target_inputs` ({}) must be at most `max_inputs` ({}); the client raises InvalidError",
            context.text(target.range()),
            context.text(max.range())
        );
        context.report(&RULE, target.range(), message, None);
    }
    if taken_in == TakenIn::App && max_inputs.is_none_or(Expr::is_none_literal_expr) {
        let message = format!(
            "`@{}()` needs `max_inputs=`, the most inputs one container runs at once; the client raises TypeError \
             (\"missing required argument: `max_inputs`\")",
            context.text(decorator_name_range(decor))
        );
        context.report(&RULE, decorator_name_range(decor), message, None);
    }
    if taken_in != TakenIn::Nothing
        && let Some(target) = target_inputs
        && let Some(problem) = target_problem(target, app)
    {
        let message = format!(
            "`target_inputs` must be a non-negative integer, not `{}` ({problem}); the client raises InvalidError",
            context.text(target.range())
        );
        context.report(&RULE, target.range(), message, None);
    }
}

/// What is wrong with a literal `target_inputs` outside `@<app>.server()`, if anything.
fn target_problem(target: &Expr, app: &str) -> Option<String> {
    let problem = match target {
        Expr::BooleanLiteral(_) => "a bool",
        Expr::StringLiteral(_) | Expr::FString(_) => "a string",
        Expr::BytesLiteral(_) => "bytes",
        Expr::NumberLiteral(literal) => match literal.value {
            Number::Float(_) => return Some(format!("fractional targets are only for `@{app}.server()`")),
            Number::Complex { .. } => "a complex number",
            Number::Int(_) => return None,
        },
        Expr::UnaryOp(unary) if unary.op == UnaryOp::USub => match number(&unary.operand) {
            Some(operand) if operand.value > 0.0 => "negative",
            _ => return target_problem(&unary.operand, app),
        },
        _ => return None,
    };
    Some(problem.to_string())
}
