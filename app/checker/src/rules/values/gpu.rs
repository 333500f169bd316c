//! Where Modal takes `gpu=`, how the client reads a GPU string, and the `modal.gpu` objects of the
//! 0.x client. Shared by MDL011 (what the client rejects) and MDL013 (what the server rejects).

use ruff_python_ast::{Expr, ExprCall, ExprStringLiteral};
use ruff_text_size::Ranged;

use crate::model::Model;
use crate::rules::toolkit::{keyword, number};

/// A `gpu=` argument of a Modal call.
pub(super) struct GpuArgument<'a> {
    pub value: &'a Expr,
    /// The app decorators and `Image.run_function` also take a list of types in order of
    /// preference; `with_options`, `Sandbox.create` and image build steps take one string.
    pub takes_list: bool,
}

pub(super) fn gpu_arguments<'a>(model: &Model<'a>) -> Vec<GpuArgument<'a>> {
    model
        .calls
        .iter()
        .filter_map(|call| {
            let takes_list = match call.path.as_str() {
                "<app>.function" | "<app>.cls" | "<app>.server" => true,
                "modal.Sandbox.create" => false,
                path if path.ends_with(".with_options") => false,
                path if path.starts_with("modal.Image.") => path.ends_with(".run_function"),
                _ => return None,
            };
            Some(GpuArgument { value: keyword(call.call, "gpu")?, takes_list })
        })
        .collect()
}

/// The GPU strings of an argument: the value itself, or the string items of a list where a list
/// is accepted.
pub(super) fn gpu_strings<'a>(argument: &GpuArgument<'a>) -> Vec<&'a ExprStringLiteral> {
    match argument.value {
        Expr::StringLiteral(literal) => vec![literal],
        Expr::List(list) if argument.takes_list => list
            .elts
            .iter()
            .filter_map(|item| match item {
                Expr::StringLiteral(literal) => Some(literal),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// `"H100:2"` as the client splits it: the type, and the count text after the first `:`.
pub(super) fn split(spec: &str) -> (&str, Option<&str>) {
    match spec.split_once(':') {
        Some((name, count)) => (name, Some(count)),
        None => (spec, None),
    }
}

/// The count of a GPU string, as Python's `int()` reads it.
pub(super) enum Count {
    /// `int()` raises, and so does the client.
    NotAnInt,
    Value(i64),
    /// An integer `int()` accepts that is too large, or written in non-ASCII digits.
    Unknown,
}

pub(super) fn count(text: &str) -> Count {
    let trimmed = text.trim();
    let digits = trimmed.strip_prefix(['+', '-']).unwrap_or(trimmed);
    let well_formed = !digits.is_empty()
        && !digits.starts_with('_')
        && !digits.ends_with('_')
        && !digits.contains("__")
        // Python also accepts other scripts' decimal digits; accepting every numeric character
        // errs towards silence.
        && digits.chars().all(|c| c == '_' || c.is_numeric());
    if !well_formed {
        return Count::NotAnInt;
    }
    match trimmed.replace('_', "").parse::<i64>() {
        Ok(value) => Count::Value(value),
        Err(_) => Count::Unknown,
    }
}

/// A `modal.gpu.<Class>` object (or the class itself), which the 0.x client took as `gpu=`: its
/// class name and the call, if it is called.
pub(super) fn gpu_object<'a>(model: &Model<'a>, expr: &'a Expr) -> Option<(String, Option<&'a ExprCall>)> {
    let (callee, call) = match expr {
        Expr::Call(call) => (&*call.func, Some(call)),
        other => (other, None),
    };
    let path = model
        .calls
        .iter()
        .find(|modal_call| modal_call.call.func.range() == callee.range())
        .map(|modal_call| &modal_call.path)
        .or_else(|| {
            model.references.iter().find(|(reference, _)| reference.range() == callee.range()).map(|(_, path)| path)
        })?;
    let class_name = path.strip_prefix("modal.gpu.")?;
    Some((class_name.to_string(), call))
}

/// The string that replaces a `modal.gpu.<class_name>(...)` object, such as `"A100-80GB:2"`;
/// `None` for `modal.gpu.Any`, unknown classes, and arguments that are not literals.
pub(super) fn replacement_for_object(class_name: &str, call: Option<&ExprCall>) -> Option<String> {
    let mut text = match class_name {
        "T4" | "L4" | "L40S" | "H100" | "A100" => class_name.to_string(),
        // The 0.x name of what Modal now calls A10.
        "A10G" => "A10".to_string(),
        _ => return None,
    };
    let Some(call) = call else { return Some(text) };
    if class_name == "A100" {
        let size = match (keyword(call, "size"), keyword(call, "memory")) {
            (Some(Expr::StringLiteral(size)), _) => Some(size.value.to_str().to_uppercase()),
            (Some(_), _) => return None,
            (None, Some(memory)) => Some(format!("{}GB", number(memory)?.value)),
            (None, None) => None,
        };
        match size.as_deref() {
            Some("40GB") => text.push_str("-40GB"),
            Some("80GB") => text.push_str("-80GB"),
            Some(_) => return None,
            None => {}
        }
    }
    if let Some(count) = keyword(call, "count") {
        let count = number(count).filter(|count| count.is_int)?;
        if count.value != 1.0 {
            text.push_str(&format!(":{}", count.value));
        }
    }
    Some(text)
}
