//! Calls on `modal.Image`: which calls are factories and which are layer methods, and the
//! arguments they are given.

use ruff_python_ast::{Expr, ExprCall, Keyword};

use crate::rules::values::literal::keyword;

/// The factory a call path names: `debian_slim` for `modal.Image.debian_slim`.
pub(super) fn factory(path: &str) -> Option<&str> {
    path.strip_prefix("modal.Image.").filter(|name| is_identifier(name))
}

/// The layer method a call path names, if it is one of `methods` called on an image (not on the
/// class): `pip_install` for `modal.Image.debian_slim().pip_install`, or for `image.pip_install`
/// where `image` holds such an image. The method is compared first, so that paths of long chains
/// are read through only for the methods asked about.
pub(super) fn layer_method<'p>(path: &'p str, methods: &[&str]) -> Option<&'p str> {
    let (receiver, method) = path.rsplit_once('.')?;
    if !methods.contains(&method) {
        return None;
    }
    let receiver = receiver.strip_prefix("modal.Image.")?;
    receiver.split('.').all(|step| step.strip_suffix("()").is_some_and(is_identifier)).then_some(method)
}

fn is_identifier(text: &str) -> bool {
    !text.is_empty() && text.chars().all(|c| c == '_' || c.is_alphanumeric())
}

/// The argument bound to the parameter `name`, given by keyword or at `position` (0-based).
/// `None` when it is not written, or when a `*args` before it hides where it falls.
pub(super) fn argument<'c>(call: &'c ExprCall, position: usize, name: &str) -> Option<&'c Expr> {
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
pub(super) fn has_unpacked_keywords(call: &ExprCall) -> bool {
    call.arguments.keywords.iter().any(|keyword: &Keyword| keyword.arg.is_none())
}

/// The text of a plain string literal (implicit concatenation included; not f-strings).
pub(super) fn string(expr: &Expr) -> Option<&str> {
    match expr {
        Expr::StringLiteral(literal) => Some(literal.value.to_str()),
        _ => None,
    }
}
