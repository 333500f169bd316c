//! What the structure rules ask of the model: which decorators are Modal's, and which methods a
//! class defines.

use std::collections::HashMap;

use ruff_python_ast::{Stmt, StmtClassDef, StmtFunctionDef};

use crate::api::DECORATORS;
use crate::model::{Decor, DefNode, Definition, Model};

/// The decorators that make a definition a Modal Function, Cls or Server.
pub(crate) const APP_FUNCTION: &str = "<app>.function";
pub(crate) const APP_CLS: &str = "<app>.cls";
pub(crate) const APP_SERVER: &str = "<app>.server";

/// The name of a `modal.*` decorator (`concurrent` for `@m.concurrent(...)`), if `decor` is one.
pub(crate) fn modal_decorator_name<'d>(decor: &'d Decor) -> Option<&'d str> {
    decor.path.as_deref()?.strip_prefix("modal.").filter(|name| DECORATORS.contains(name))
}

/// Where the first decorator resolving to one of `paths`, written with parentheses, sits.
/// A bare one raises a `TypeError` of its own (MDL002), so it is left to that rule.
pub(crate) fn called_position(definition: &Definition, paths: &[&str]) -> Option<usize> {
    definition
        .decorators
        .iter()
        .position(|decor| decor.call.is_some() && decor.path.as_deref().is_some_and(|path| paths.contains(&path)))
}

/// Looks up the definitions of functions, to see a class's methods with their decorators resolved.
pub(crate) struct Functions<'m, 'a> {
    by_node: HashMap<*const StmtFunctionDef, &'m Definition<'a>>,
}

impl<'m, 'a> Functions<'m, 'a> {
    pub fn new(model: &'m Model<'a>) -> Self {
        let by_node = model
            .definitions
            .iter()
            .filter_map(|definition| match definition.node {
                DefNode::Function(function) => Some((function as *const StmtFunctionDef, definition)),
                DefNode::Class(_) => None,
            })
            .collect();
        Functions { by_node }
    }

    /// The methods written directly in `class`'s body.
    pub fn methods(&self, class: &StmtClassDef) -> Vec<&'m Definition<'a>> {
        class
            .body
            .iter()
            .filter_map(|stmt| match stmt {
                Stmt::FunctionDef(function) => self.by_node.get(&(function as *const StmtFunctionDef)).copied(),
                _ => None,
            })
            .collect()
    }
}
