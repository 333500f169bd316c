//! What the rules ask of the syntax tree, in one place: the arguments of a call, the values of
//! literals (which is all the value rules can judge), the name an expression is built on, source
//! text as a message quotes it, and the edits of a fix.

use ruff_python_ast::{Expr, ExprCall, Number as NumberValue, UnaryOp};
use ruff_text_size::{TextRange, TextSize};

use crate::diagnostic::Edit;

/// The value given to the keyword argument `name`, if it is written.
pub(crate) fn keyword<'a>(call: &'a ExprCall, name: &str) -> Option<&'a Expr> {
    call.arguments.find_keyword(name).map(|keyword| &keyword.value)
}

/// The argument bound to the parameter `name`, given by keyword or at `position` (0-based).
/// `None` when it is not written, or when a `*args` before it hides where it falls.
pub(crate) fn argument<'c>(call: &'c ExprCall, position: usize, name: &str) -> Option<&'c Expr> {
    if let Some(value) = keyword(call, name) {
        return Some(value);
    }
    let args = &call.arguments.args;
    if args.iter().take(position + 1).any(Expr::is_starred_expr) {
        return None;
    }
    args.get(position)
}

/// `**kwargs` among the arguments: any keyword may hide in it.
pub(crate) fn has_unpacked_keywords(call: &ExprCall) -> bool {
    call.arguments.keywords.iter().any(|keyword| keyword.arg.is_none())
}

/// `*args` or `**kwargs` among the arguments: any argument may hide in them.
pub(crate) fn has_unpacked_arguments(call: &ExprCall) -> bool {
    call.arguments.args.iter().any(Expr::is_starred_expr) || has_unpacked_keywords(call)
}

/// The text of a plain string literal (implicit concatenation included; not f-strings).
pub(crate) fn string(expr: &Expr) -> Option<&str> {
    match expr {
        Expr::StringLiteral(literal) => Some(literal.value.to_str()),
        _ => None,
    }
}

/// A number written as a literal, with any signs in front (`-1`, `2.5`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Number {
    /// Integers too large for `i64` count as infinite: every range check here is far smaller.
    pub value: f64,
    pub is_int: bool,
}

pub(crate) fn number(expr: &Expr) -> Option<Number> {
    let (literal, negative) = without_signs(expr)?;
    let Expr::NumberLiteral(literal) = literal else { return None };
    let (value, is_int) = match &literal.value {
        NumberValue::Int(int) => (int.as_i64().map_or(f64::INFINITY, |value| value as f64), true),
        NumberValue::Float(value) => (*value, false),
        NumberValue::Complex { .. } => return None,
    };
    Some(Number { value: if negative { -value } else { value }, is_int })
}

/// The Python type of a value written as a literal (`"float"`, `"str"`, `"list"`), or `None`
/// when the expression is not a literal and its type is unknown.
pub(crate) fn literal_type(expr: &Expr) -> Option<&'static str> {
    let name = match expr {
        // `-1.5` and `+True` are numbers too (`-True` is an int).
        Expr::UnaryOp(_) => match without_signs(expr)?.0 {
            Expr::NumberLiteral(literal) => number_type(&literal.value),
            Expr::BooleanLiteral(_) => "int",
            _ => return None,
        },
        Expr::NumberLiteral(literal) => number_type(&literal.value),
        Expr::BooleanLiteral(_) => "bool",
        Expr::StringLiteral(_) | Expr::FString(_) => "str",
        Expr::BytesLiteral(_) => "bytes",
        Expr::NoneLiteral(_) => "NoneType",
        Expr::EllipsisLiteral(_) => "ellipsis",
        Expr::List(_) | Expr::ListComp(_) => "list",
        Expr::Tuple(_) => "tuple",
        Expr::Dict(_) | Expr::DictComp(_) => "dict",
        Expr::Set(_) | Expr::SetComp(_) => "set",
        Expr::Lambda(_) => "function",
        _ => return None,
    };
    Some(name)
}

fn number_type(value: &NumberValue) -> &'static str {
    match value {
        NumberValue::Int(_) => "int",
        NumberValue::Float(_) => "float",
        NumberValue::Complex { .. } => "complex",
    }
}

/// `expr` without its leading `-` and `+` signs, and whether the signs negate it. `None` for
/// `not` and `~`.
fn without_signs(expr: &Expr) -> Option<(&Expr, bool)> {
    let mut negative = false;
    let mut current = expr;
    while let Expr::UnaryOp(unary) = current {
        match unary.op {
            UnaryOp::USub => negative = !negative,
            UnaryOp::UAdd => {}
            UnaryOp::Not | UnaryOp::Invert => return None,
        }
        current = &unary.operand;
    }
    Some((current, negative))
}

/// The name at the root of an attribute chain: `process_item` in `process_item.spawn_map`,
/// `Model` in `Model().run.spawn_map`, `FastAPI` in `FastAPI(title="x")`.
pub(crate) fn root_name(expr: &Expr) -> Option<&str> {
    let mut current = expr;
    loop {
        current = match current {
            Expr::Name(name) => return Some(name.id.as_str()),
            Expr::Attribute(attribute) => &attribute.value,
            Expr::Call(call) => &call.func,
            Expr::Subscript(subscript) => &subscript.value,
            _ => return None,
        };
    }
}

/// Whether `text` could be a Python identifier (one step of a model path).
pub(crate) fn is_identifier(text: &str) -> bool {
    !text.is_empty() && text.chars().all(|c| c == '_' || c.is_alphanumeric())
}

/// Source text as a message quotes it: on one line, and cut short when long.
pub(crate) fn excerpt(text: &str) -> String {
    const MAX_CHARS: usize = 40;
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match one_line.char_indices().nth(MAX_CHARS) {
        Some((at, _)) => format!("{}…", &one_line[..at]),
        None => one_line,
    }
}

/// The edit that writes `replacement` over `range`.
pub(crate) fn replace(range: TextRange, replacement: impl Into<String>) -> Edit {
    Edit { start: range.start().to_usize(), end: range.end().to_usize(), replacement: replacement.into() }
}

/// The edit that writes `text` at `at`.
pub(crate) fn insert(at: TextSize, text: impl Into<String>) -> Edit {
    replace(TextRange::empty(at), text)
}
