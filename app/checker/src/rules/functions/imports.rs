//! Which modules the names around a function stand for (`subprocess`, `os`, `modal`), for rules
//! that look at more than Modal's own names. The model resolves only Modal's names, so this reads
//! the module's imports itself, with Python's scoping: a function body sees its own names, then
//! those of the functions around it, then the module's (a class body is skipped), and its
//! decorators see the scope the function is defined in.

use crate::model::{handler_binding, imported_names, pattern_binding};
use std::collections::HashMap;

use ruff_python_ast::visitor::{Visitor, walk_except_handler, walk_expr, walk_pattern, walk_stmt};
use ruff_python_ast::{ExceptHandler, Expr, ModModule, Pattern, Stmt};
use ruff_text_size::{Ranged, TextRange};

/// What a name is bound to.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Bound {
    /// A module: `subprocess` after `import subprocess as sp`.
    Module(String),
    /// A module's member: `subprocess.run` after `from subprocess import run`.
    Member(String),
    /// Anything else, or bindings that disagree.
    Other,
}

/// The names visible at one place, innermost scope last.
#[derive(Debug, Default)]
pub(super) struct Names {
    scopes: Vec<HashMap<String, Bound>>,
}

impl Names {
    fn lookup(&self, name: &str) -> Option<&Bound> {
        self.scopes.iter().rev().find_map(|scope| scope.get(name))
    }

    /// The dotted path `expr` stands for when it starts at an import: `subprocess.run` for
    /// `sp.run` after `import subprocess as sp`.
    pub fn resolve(&self, expr: &Expr) -> Option<String> {
        match expr {
            Expr::Name(name) => match self.lookup(name.id.as_str())? {
                Bound::Module(path) | Bound::Member(path) => Some(path.clone()),
                Bound::Other => None,
            },
            Expr::Attribute(attribute) => {
                Some(format!("{}.{}", self.resolve(&attribute.value)?, attribute.attr.as_str()))
            }
            _ => None,
        }
    }

    /// A name that stands for the module `module` here, `module` itself when it does.
    pub fn module_name(&self, module: &str) -> Option<String> {
        let mut candidates: Vec<&String> = self
            .scopes
            .iter()
            .flat_map(|scope| scope.iter())
            .filter(|(_, bound)| matches!(bound, Bound::Module(path) if path == module))
            .map(|(name, _)| name)
            .collect();
        candidates.sort_by_key(|name| (name.as_str() != module, name.len(), name.as_str()));
        candidates.into_iter().find(|name| self.resolve_name(name) == Some(module)).cloned()
    }

    fn resolve_name(&self, name: &str) -> Option<&str> {
        match self.lookup(name)? {
            Bound::Module(path) => Some(path),
            _ => None,
        }
    }
}

/// The names a function's body sees, and those its decorators and defaults see.
#[derive(Debug, Default)]
pub(super) struct FunctionNames {
    pub body: Names,
    pub definition: Names,
}

/// For each function defined at one of `targets` (the ranges of their `def` statements), the
/// names around it; functions not found are left out.
pub(super) fn function_names(module: &ModModule, targets: &[TextRange]) -> HashMap<TextRange, FunctionNames> {
    let mut found = HashMap::new();
    if targets.is_empty() {
        return found;
    }
    let mut walker = Walker { targets, chain: vec![(false, bindings(&module.body, &[]))], found: &mut found };
    walker.visit_body(&module.body);
    found
}

/// Finds the target functions, keeping the scopes around the current statement: (is a class,
/// its names).
struct Walker<'t, 'f> {
    targets: &'t [TextRange],
    chain: Vec<(bool, HashMap<String, Bound>)>,
    found: &'f mut HashMap<TextRange, FunctionNames>,
}

impl Walker<'_, '_> {
    fn contains_target(&self, range: TextRange) -> bool {
        self.targets.iter().any(|target| range.contains_range(*target))
    }

    /// The scopes a body or a definition line sees from here: classes only when innermost.
    fn visible(&self, innermost_class_counts: bool) -> Vec<HashMap<String, Bound>> {
        let last = self.chain.len().saturating_sub(1);
        self.chain
            .iter()
            .enumerate()
            .filter(|(at, (is_class, _))| !is_class || (innermost_class_counts && *at == last))
            .map(|(_, (_, names))| names.clone())
            .collect()
    }
}

impl<'a> Visitor<'a> for Walker<'_, '_> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        match stmt {
            Stmt::FunctionDef(function) => {
                if !self.contains_target(function.range()) {
                    return;
                }
                let parameters: Vec<String> =
                    function.parameters.iter().map(|parameter| parameter.name().to_string()).collect();
                let own = bindings(&function.body, &parameters);
                if self.targets.contains(&function.range()) {
                    let definition = Names { scopes: self.visible(true) };
                    let mut body = Names { scopes: self.visible(false) };
                    body.scopes.push(own.clone());
                    self.found.insert(function.range(), FunctionNames { body, definition });
                }
                self.chain.push((false, own));
                self.visit_body(&function.body);
                self.chain.pop();
            }
            Stmt::ClassDef(class) => {
                if !self.contains_target(class.range()) {
                    return;
                }
                self.chain.push((true, bindings(&class.body, &[])));
                self.visit_body(&class.body);
                self.chain.pop();
            }
            _ => walk_stmt(self, stmt),
        }
    }

    // Definitions are statements: no need to look into expressions.
    fn visit_expr(&mut self, _: &'a Expr) {}
}

/// The names a body binds (not looking into nested functions, classes, lambdas or
/// comprehensions), with the given parameters.
fn bindings(body: &[Stmt], parameters: &[String]) -> HashMap<String, Bound> {
    let mut collector = Bindings { names: HashMap::new() };
    for parameter in parameters {
        collector.bind(parameter, Bound::Other);
    }
    collector.visit_body(body);
    collector.names
}

struct Bindings {
    names: HashMap<String, Bound>,
}

impl Bindings {
    /// Binds `name`; a name bound to two different things is unknown.
    fn bind(&mut self, name: &str, bound: Bound) {
        match self.names.get(name) {
            Some(existing) if *existing != bound => {
                self.names.insert(name.to_string(), Bound::Other);
            }
            Some(_) => {}
            None => {
                self.names.insert(name.to_string(), bound);
            }
        }
    }
}

impl<'a> Visitor<'a> for Bindings {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        match stmt {
            Stmt::Import(_) | Stmt::ImportFrom(_) => {
                for import in imported_names(stmt) {
                    let bound = match import.path {
                        // The project's own module, not the standard library's.
                        path if path.starts_with('.') => Bound::Other,
                        path if import.is_module => Bound::Module(path),
                        path => Bound::Member(path),
                    };
                    self.bind(import.name, bound);
                }
            }
            Stmt::FunctionDef(function) => self.bind(function.name.as_str(), Bound::Other),
            Stmt::ClassDef(class) => self.bind(class.name.as_str(), Bound::Other),
            _ => walk_stmt(self, stmt),
        }
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        match expr {
            Expr::Lambda(_) | Expr::ListComp(_) | Expr::SetComp(_) | Expr::DictComp(_) | Expr::Generator(_) => {}
            Expr::Name(name) if name.ctx.is_store() => self.bind(name.id.as_str(), Bound::Other),
            _ => walk_expr(self, expr),
        }
    }

    fn visit_except_handler(&mut self, handler: &'a ExceptHandler) {
        if let Some(name) = handler_binding(handler) {
            self.bind(name.as_str(), Bound::Other);
        }
        walk_except_handler(self, handler);
    }

    fn visit_pattern(&mut self, pattern: &'a Pattern) {
        let name = pattern_binding(pattern);
        if let Some(name) = name {
            self.bind(name.as_str(), Bound::Other);
        }
        walk_pattern(self, pattern);
    }
}

#[cfg(test)]
mod tests {
    use ruff_python_ast::{PySourceType, Stmt};
    use ruff_python_parser::parse_unchecked_source;
    use ruff_text_size::Ranged;

    use super::*;

    /// The names seen in the body of the last top-level function of `source`.
    fn body_names(source: &str) -> Names {
        let parsed = parse_unchecked_source(source, PySourceType::Python);
        let range = parsed
            .syntax()
            .body
            .iter()
            .rev()
            .find_map(|stmt| match stmt {
                Stmt::FunctionDef(function) => Some(function.range()),
                _ => None,
            })
            .expect("a function");
        function_names(parsed.syntax(), &[range]).remove(&range).expect("found").body
    }

    fn resolved(source: &str, expression: &str) -> Option<String> {
        let parsed = ruff_python_parser::parse_expression(expression).expect("an expression");
        body_names(source).resolve(parsed.expr())
    }

    #[test]
    fn imports_resolve_with_scoping() {
        assert_eq!(resolved("import subprocess as sp\ndef f(): ...\n", "sp.run").as_deref(), Some("subprocess.run"));
        assert_eq!(resolved("def f():\n    from subprocess import run\n", "run").as_deref(), Some("subprocess.run"));
        assert_eq!(resolved("import os.path\ndef f(): ...\n", "os.system").as_deref(), Some("os.system"));
        // A parameter, a local assignment or a second, different binding shadows the import.
        assert_eq!(resolved("import subprocess\ndef f(subprocess): ...\n", "subprocess.run"), None);
        assert_eq!(resolved("import os\ndef f():\n    os = 1\n", "os.system"), None);
        assert_eq!(resolved("import os\nos = None\ndef f(): ...\n", "os.system"), None);
        assert_eq!(resolved("from . import subprocess\ndef f(): ...\n", "subprocess.run"), None);
    }

    #[test]
    fn the_module_name_prefers_modal_and_skips_shadowed_aliases() {
        let names = |source: &str| body_names(source).module_name("modal");
        assert_eq!(names("import modal\nimport modal as m\ndef f(): ...\n").as_deref(), Some("modal"));
        assert_eq!(names("import modal as m\ndef f(): ...\n").as_deref(), Some("m"));
        assert_eq!(names("import modal as m\ndef f():\n    m = 2\n"), None);
        assert_eq!(names("from modal import App\ndef f(): ...\n"), None);
    }
}
