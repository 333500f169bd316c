//! What some object rules need beyond the model, which keeps only what resolves into Modal: the
//! names bound anywhere in the module, and where a name assigned in a block is read next.

use crate::model::{handler_binding, pattern_binding};
use std::collections::HashMap;

use ruff_python_ast::visitor::{Visitor, walk_except_handler, walk_expr, walk_parameter, walk_pattern, walk_stmt};
use ruff_python_ast::{ExceptHandler, Expr, ModModule, Parameter, Pattern, Stmt};
use ruff_text_size::{Ranged, TextRange};

/// Every name the module binds somewhere, in any scope, with how many places bind it:
/// assignments, parameters, imports, definitions, `except ... as`, `with ... as`, loop targets
/// and match captures. A name missing here is free: the snippet uses it without defining it.
pub(super) fn bindings(module: &ModModule) -> HashMap<String, usize> {
    let mut bound = Bound { names: HashMap::new() };
    bound.visit_body(&module.body);
    bound.names
}

struct Bound {
    names: HashMap<String, usize>,
}

impl Bound {
    fn insert(&mut self, name: String) {
        *self.names.entry(name).or_default() += 1;
    }
}

impl<'a> Visitor<'a> for Bound {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        match stmt {
            Stmt::FunctionDef(function) => self.insert(function.name.to_string()),
            Stmt::ClassDef(class) => self.insert(class.name.to_string()),
            Stmt::Import(import) => {
                for alias in &import.names {
                    self.insert(match &alias.asname {
                        Some(asname) => asname.to_string(),
                        None => alias.name.as_str().split('.').next().unwrap_or_default().to_string(),
                    });
                }
            }
            Stmt::ImportFrom(import) => {
                for alias in &import.names {
                    self.insert(alias.asname.as_ref().unwrap_or(&alias.name).to_string());
                }
            }
            _ => {}
        }
        walk_stmt(self, stmt);
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        if let Expr::Name(name) = expr
            && !name.ctx.is_load()
        {
            self.insert(name.id.to_string());
        }
        walk_expr(self, expr);
    }

    fn visit_parameter(&mut self, parameter: &'a Parameter) {
        self.insert(parameter.name.to_string());
        walk_parameter(self, parameter);
    }

    fn visit_except_handler(&mut self, handler: &'a ExceptHandler) {
        if let Some(name) = handler_binding(handler) {
            self.insert(name.to_string());
        }
        walk_except_handler(self, handler);
    }

    fn visit_pattern(&mut self, pattern: &'a Pattern) {
        let name = pattern_binding(pattern);
        if let Some(name) = name {
            self.insert(name.to_string());
        }
        walk_pattern(self, pattern);
    }
}

/// Every statement list of the module (module body, function and class bodies, branches of
/// `if`, `for`, `while`, `with`, `try` and `match`), outermost first.
pub(super) fn bodies(module: &ModModule) -> Vec<&[Stmt]> {
    let mut collector = Bodies { bodies: Vec::new() };
    collector.visit_body(&module.body);
    collector.bodies
}

struct Bodies<'a> {
    bodies: Vec<&'a [Stmt]>,
}

impl<'a> Visitor<'a> for Bodies<'a> {
    fn visit_body(&mut self, body: &'a [Stmt]) {
        self.bodies.push(body);
        ruff_python_ast::visitor::walk_body(self, body);
    }
}

/// Where `name` is read next in the statements after `body[index]`, when that comes before
/// anything binds it again (in execution order; a binding in a branch ends the search too, so an
/// uncertain value is never reported). Nested functions, classes and lambdas are not looked into.
pub(super) fn read_after(body: &[Stmt], index: usize, name: &str) -> Option<TextRange> {
    let mut uses = NameUse { name, found: None };
    for stmt in body.get(index + 1..)? {
        uses.visit_stmt(stmt);
        match uses.found {
            Some(Use::Read(range)) => return Some(range),
            Some(Use::Bound) => return None,
            None => {}
        }
    }
    None
}

#[derive(Clone, Copy)]
enum Use {
    Read(TextRange),
    Bound,
}

struct NameUse<'n> {
    name: &'n str,
    found: Option<Use>,
}

impl<'a> Visitor<'a> for NameUse<'_> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        if self.found.is_some() {
            return;
        }
        match stmt {
            Stmt::FunctionDef(function) => {
                if function.name.as_str() == self.name {
                    self.found = Some(Use::Bound);
                }
            }
            Stmt::ClassDef(class) => {
                if class.name.as_str() == self.name {
                    self.found = Some(Use::Bound);
                }
            }
            Stmt::Import(_) | Stmt::ImportFrom(_) => {
                let mut bound = Bound { names: HashMap::new() };
                bound.visit_stmt(stmt);
                if bound.names.contains_key(self.name) {
                    self.found = Some(Use::Bound);
                }
            }
            _ => walk_stmt(self, stmt),
        }
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        if self.found.is_some() {
            return;
        }
        match expr {
            Expr::Name(name) if name.id.as_str() == self.name => {
                self.found = Some(if name.ctx.is_load() { Use::Read(name.range()) } else { Use::Bound });
            }
            Expr::Lambda(_) => {}
            _ => walk_expr(self, expr),
        }
    }

    fn visit_except_handler(&mut self, handler: &'a ExceptHandler) {
        let ExceptHandler::ExceptHandler(handler_node) = handler;
        if handler_node.name.as_ref().is_some_and(|name| name.as_str() == self.name) && self.found.is_none() {
            self.found = Some(Use::Bound);
        }
        walk_except_handler(self, handler);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ruff_python_ast::PySourceType;
    use ruff_python_parser::parse_unchecked_source;

    fn first_read(source: &str, name: &str) -> Option<String> {
        let parsed = parse_unchecked_source(source, PySourceType::Python);
        let body = &parsed.syntax().body;
        read_after(body, 0, name).map(|range| format!("{range:?}"))
    }

    #[test]
    fn reads_stop_at_the_next_binding() {
        assert!(first_read("x = f()\nprint(x)\n", "x").is_some());
        assert!(first_read("x = f()\nx = 2\nprint(x)\n", "x").is_none());
        assert!(first_read("x = f()\nfor x in y:\n    print(x)\n", "x").is_none());
        assert!(first_read("x = f()\ndef g():\n    return x\n", "x").is_none());
        assert!(first_read("x = f()\ny = x.get()\n", "x").is_some());
        assert!(first_read("x = f()\nx = x.get()\n", "x").is_some());
        assert!(first_read("x = f()\n", "x").is_none());
    }

    #[test]
    fn bound_names_cover_every_kind_of_binding() {
        let source = "import a.b\nfrom c import d as e\ndef f(g, *h, i=1, **j):\n    k = 1\nclass L: ...\n\
                      try:\n    pass\nexcept E as m:\n    pass\nwith o as p:\n    pass\nfor q, r in s: ...\n\
                      match t:\n    case [u, *v]: ...\n    case {**w}: ...\n";
        let names = bindings(parse_unchecked_source(source, PySourceType::Python).syntax());
        for name in ["a", "e", "f", "g", "h", "i", "j", "k", "L", "m", "p", "q", "r", "u", "v", "w"] {
            assert_eq!(names.get(name), Some(&1), "{name}");
        }
        for free in ["b", "c", "d", "E", "o", "s", "t"] {
            assert!(!names.contains_key(free), "{free}");
        }
    }
}
