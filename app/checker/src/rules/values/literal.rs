//! The values of arguments written as literals, which is all the value rules can judge.

use ruff_python_ast::{Expr, ExprCall, Number as NumberValue, UnaryOp};

/// The value given to the keyword argument `name`, if it is written.
pub(crate) fn keyword<'a>(call: &'a ExprCall, name: &str) -> Option<&'a Expr> {
    call.arguments.find_keyword(name).map(|keyword| &keyword.value)
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

/// Source text as a message quotes it: on one line, and cut short when long.
pub(crate) fn excerpt(text: &str) -> String {
    const MAX_CHARS: usize = 40;
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match one_line.char_indices().nth(MAX_CHARS) {
        Some((at, _)) => format!("{}…", &one_line[..at]),
        None => one_line,
    }
}
