//! Follows images and apps through a module, statement by statement, so a rule sees the whole
//! chain behind `image` in `image = image.pip_install(...)` or in `@app.function(image=image)`.
//!
//! The model resolves names but keeps no values, so this walks the module itself and keys what it
//! finds by the ranges the model's calls have. A name
//! is followed only where the order of execution is certain, through straight-line code in one
//! scope: a name assigned inside a branch or a loop is unknown after it, a function body starts
//! with nothing known (it runs later, when the globals may have changed), and whatever does not
//! resolve is unknown. Rules stay silent about the unknown.

use crate::model::{handler_binding, pattern_binding};
use std::collections::{HashMap, HashSet};
use std::mem;

use ruff_python_ast::visitor::{Visitor, walk_except_handler, walk_expr, walk_pattern, walk_stmt};
use ruff_python_ast::{ExceptHandler, Expr, ExprCall, Pattern, Stmt};
use ruff_text_size::{Ranged, TextRange};

use super::chain::factory;
use crate::rules::Context;
use crate::rules::toolkit::{has_unpacked_keywords, keyword, root_name};

/// One call of an image chain: the factory, or a layer method on the image before it.
pub(super) struct Step {
    /// `debian_slim` for the factory, `pip_install` for a layer method.
    pub method: String,
    /// The range of the call, to find it among the model's calls.
    pub call: TextRange,
    /// The step this one is built on; `None` for the factory.
    pub previous: Option<usize>,
}

/// What an expression evaluates to, as far as the rules care.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Value {
    /// An image: the index of its last step.
    Image(usize),
    /// A `modal.App(...)`, with the image its functions get when they name none.
    App(AppImage),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum AppImage {
    /// No `image=`: Modal's default `debian_slim` image.
    Default,
    Image(usize),
    Unknown,
}

pub(super) struct Flow {
    pub steps: Vec<Step>,
    /// Values of the names and calls that evaluate to an image or an app, by range.
    values: HashMap<TextRange, Value>,
    /// Names bound at module level to `fastapi` or to something made from it (`web_app = FastAPI()`).
    pub fastapi_names: HashSet<String>,
}

impl Flow {
    pub fn new(context: &Context) -> Flow {
        let paths = context.model.calls.iter().map(|call| (call.call.range(), call.path.as_str())).collect();
        let mut walker = Walker {
            paths: &paths,
            flow: Flow { steps: Vec::new(), values: HashMap::new(), fastapi_names: HashSet::new() },
            names: HashMap::new(),
            module_level: true,
        };
        for stmt in &context.module.body {
            walker.visit_stmt(stmt);
        }
        walker.flow
    }

    /// What `expr` evaluates to where it stands, if it is a known image or app.
    pub fn value(&self, expr: &Expr) -> Option<Value> {
        self.values.get(&expr.range()).copied()
    }

    /// The steps of the image whose last step is `last`, from the last back to the factory.
    pub fn chain(&self, last: usize) -> impl Iterator<Item = (usize, &Step)> {
        let mut at = Some(last);
        std::iter::from_fn(move || {
            let index = at?;
            let step = self.steps.get(index)?;
            // A step is always pushed after the one it is built on, so this ends.
            at = step.previous.filter(|previous| *previous < index);
            Some((index, step))
        })
    }
}

struct Walker<'p> {
    /// The model's path of every call that resolves into Modal, by range.
    paths: &'p HashMap<TextRange, &'p str>,
    flow: Flow,
    /// What the names of the current scope hold, where known.
    names: HashMap<String, Value>,
    module_level: bool,
}

impl Walker<'_> {
    /// Forgets every name `stmt` may bind (all of them for `from x import *`).
    fn forget(&mut self, stmt: &Stmt) {
        let mut stored = StoredNames { names: Vec::new(), everything: false };
        stored.visit_stmt(stmt);
        if stored.everything {
            self.names.clear();
        }
        for name in stored.names {
            self.names.remove(&name);
        }
    }

    /// Walks a nested scope's body with `names` known, then restores this scope.
    fn scope(&mut self, names: HashMap<String, Value>, body: &[Stmt]) {
        let outer = mem::replace(&mut self.names, names);
        let module_level = mem::replace(&mut self.module_level, false);
        for stmt in body {
            self.visit_stmt(stmt);
        }
        self.names = outer;
        self.module_level = module_level;
    }

    fn call_value(&mut self, call: &ExprCall) -> Option<Value> {
        let path = *self.paths.get(&call.range())?;
        if path == "modal.App" {
            return Some(Value::App(self.app_image(call)));
        }
        let Expr::Attribute(attribute) = &*call.func else { return None };
        let method = attribute.attr.as_str();
        let previous = if factory(path) == Some(method) {
            None
        } else {
            match self.flow.values.get(&attribute.value.range()) {
                Some(Value::Image(last)) => Some(*last),
                _ => return None,
            }
        };
        self.flow.steps.push(Step { method: method.to_string(), call: call.range(), previous });
        Some(Value::Image(self.flow.steps.len() - 1))
    }

    fn app_image(&self, call: &ExprCall) -> AppImage {
        if has_unpacked_keywords(call) {
            return AppImage::Unknown;
        }
        match keyword(call, "image") {
            None => AppImage::Default,
            Some(image) if image.is_none_literal_expr() => AppImage::Default,
            Some(image) => match self.flow.values.get(&image.range()) {
                Some(Value::Image(last)) => AppImage::Image(*last),
                _ => AppImage::Unknown,
            },
        }
    }

    /// Module-level imports of fastapi, and names assigned from them.
    fn note_fastapi(&mut self, stmt: &Stmt) {
        let names = &mut self.flow.fastapi_names;
        match stmt {
            Stmt::Import(import) => {
                for alias in &import.names {
                    let module = alias.name.as_str();
                    if module == "fastapi" || module.starts_with("fastapi.") {
                        names.insert(alias.asname.as_ref().map_or("fastapi", |name| name.as_str()).to_string());
                    }
                }
            }
            Stmt::ImportFrom(import) => {
                let module = import.module.as_ref().map_or("", |module| module.as_str());
                if import.level == 0 && (module == "fastapi" || module.starts_with("fastapi.")) {
                    for alias in &import.names {
                        names.insert(alias.asname.as_ref().unwrap_or(&alias.name).to_string());
                    }
                }
            }
            Stmt::Assign(assign) if root_name(&assign.value).is_some_and(|root| names.contains(root)) => {
                for target in &assign.targets {
                    if let Expr::Name(name) = target {
                        names.insert(name.id.to_string());
                    }
                }
            }
            _ => {}
        }
    }
}

impl<'a> Visitor<'a> for Walker<'_> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        if self.module_level {
            self.note_fastapi(stmt);
        }
        match stmt {
            Stmt::FunctionDef(function) => {
                for decorator in &function.decorator_list {
                    self.visit_decorator(decorator);
                }
                self.visit_parameters(&function.parameters);
                if let Some(returns) = &function.returns {
                    self.visit_annotation(returns);
                }
                self.names.remove(function.name.as_str());
                self.scope(HashMap::new(), &function.body);
            }
            Stmt::ClassDef(class) => {
                for decorator in &class.decorator_list {
                    self.visit_decorator(decorator);
                }
                if let Some(arguments) = &class.arguments {
                    self.visit_arguments(arguments);
                }
                // The body runs now, seeing the names as they are; its own names stay in it.
                self.scope(self.names.clone(), &class.body);
                self.names.remove(class.name.as_str());
            }
            Stmt::Assign(assign) => {
                self.visit_expr(&assign.value);
                for target in &assign.targets {
                    self.visit_expr(target);
                }
                self.forget(stmt);
                if let Some(value) = self.flow.values.get(&assign.value.range()).copied() {
                    for target in &assign.targets {
                        if let Expr::Name(name) = target {
                            self.names.insert(name.id.to_string(), value);
                        }
                    }
                }
            }
            Stmt::AnnAssign(assign) => {
                self.visit_annotation(&assign.annotation);
                if let Some(value) = &assign.value {
                    self.visit_expr(value);
                }
                self.visit_expr(&assign.target);
                self.forget(stmt);
                let value = assign.value.as_ref().and_then(|value| self.flow.values.get(&value.range()).copied());
                if let (Expr::Name(name), Some(value)) = (&*assign.target, value) {
                    self.names.insert(name.id.to_string(), value);
                }
            }
            Stmt::If(_) => {
                // Each branch starts from what holds before the `if` (see `visit_body`).
                walk_stmt(self, stmt);
                self.forget(stmt);
            }
            Stmt::For(_) | Stmt::While(_) | Stmt::Try(_) | Stmt::With(_) | Stmt::Match(_) => {
                // A loop's body also starts from what its last round left, an `except` or `finally`
                // block from wherever the `try` stopped, and `with ... as x` and `case` patterns
                // bind names before their block runs.
                self.forget(stmt);
                walk_stmt(self, stmt);
                self.forget(stmt);
            }
            _ => {
                walk_stmt(self, stmt);
                self.forget(stmt);
            }
        }
    }

    /// A block of a compound statement: what it binds stays in it.
    fn visit_body(&mut self, body: &'a [Stmt]) {
        let before = self.names.clone();
        for stmt in body {
            self.visit_stmt(stmt);
        }
        self.names = before;
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        if matches!(
            expr,
            Expr::Lambda(_) | Expr::ListComp(_) | Expr::SetComp(_) | Expr::DictComp(_) | Expr::Generator(_)
        ) {
            // Their own parameters and loop variables may shadow any name.
            let outer = mem::take(&mut self.names);
            walk_expr(self, expr);
            self.names = outer;
            return;
        }
        walk_expr(self, expr);
        let value = match expr {
            Expr::Name(name) if name.ctx.is_load() => self.names.get(name.id.as_str()).copied(),
            Expr::Call(call) => self.call_value(call),
            _ => None,
        };
        if let Some(value) = value {
            self.flow.values.insert(expr.range(), value);
        }
    }
}

/// The names a statement may bind in the scope it runs in (not in nested functions or classes),
/// including names whose attributes or items it assigns (`app.image = ...`).
struct StoredNames {
    names: Vec<String>,
    /// `from x import *` may bind any name.
    everything: bool,
}

impl<'a> Visitor<'a> for StoredNames {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        match stmt {
            Stmt::FunctionDef(function) => self.names.push(function.name.to_string()),
            Stmt::ClassDef(class) => self.names.push(class.name.to_string()),
            Stmt::Import(import) => self.names.extend(import.names.iter().map(|alias| match &alias.asname {
                Some(asname) => asname.to_string(),
                None => alias.name.as_str().split('.').next().unwrap_or("").to_string(),
            })),
            Stmt::ImportFrom(import) => {
                for alias in &import.names {
                    if alias.name.as_str() == "*" {
                        self.everything = true;
                    }
                    self.names.push(alias.asname.as_ref().unwrap_or(&alias.name).to_string());
                }
            }
            _ => walk_stmt(self, stmt),
        }
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        match expr {
            Expr::Name(name) if !name.ctx.is_load() => self.names.push(name.id.to_string()),
            Expr::Attribute(attribute) if !attribute.ctx.is_load() => {
                self.names.extend(root_name(&attribute.value).map(str::to_string));
            }
            Expr::Subscript(subscript) if !subscript.ctx.is_load() => {
                self.names.extend(root_name(&subscript.value).map(str::to_string));
            }
            _ => {}
        }
        walk_expr(self, expr);
    }

    fn visit_except_handler(&mut self, handler: &'a ExceptHandler) {
        if let Some(name) = handler_binding(handler) {
            self.names.push(name.to_string());
        }
        walk_except_handler(self, handler);
    }

    fn visit_pattern(&mut self, pattern: &'a Pattern) {
        let name = pattern_binding(pattern);
        self.names.extend(name.map(|name| name.to_string()));
        walk_pattern(self, pattern);
    }
}
