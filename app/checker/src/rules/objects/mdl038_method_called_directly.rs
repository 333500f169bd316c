//! MDL038: `self.method(...)` inside an `@app.cls()` class, on a `@modal.method()`.

use std::collections::HashSet;

use ruff_python_ast::visitor::{Visitor, walk_expr, walk_stmt};
use ruff_python_ast::{Expr, Stmt, StmtClassDef, StmtFunctionDef};
use ruff_text_size::{Ranged, TextRange};

use crate::diagnostic::Severity;
use crate::model::{DefNode, Definition};
use crate::rules::toolkit::insert;
use crate::rules::{Context, Rule, RuleFix};

pub const RULE: Rule = Rule {
    id: "MDL038",
    name: "method-called-directly",
    severity: Severity::Warning,
    summary: "Finds `self.name(...)` calls inside an `@app.cls()` class where `name` is a `@modal.method()` of the \
              same class.",
    why: "`@modal.method()` turns a method into a Modal method object, and those define no plain call: you choose \
          where it runs. `self.generate.local(...)` runs the method's code here, in the same container, with the state \
          that `@modal.enter()` loaded; `self.generate.remote(...)` sends it to a container of its own. Calling \
          `self.generate(...)` directly does neither and should fail when the line runs, since the client's method \
          objects define no `__call__` (an inference from the client's source: nothing checks it before the container \
          executes the line, so it is a warning).",
    bad: "@app.cls()\nclass Model:\n    @modal.method()\n    def generate(self, prompt: str) -> str:\n        \
          return prompt.upper()\n\n    @modal.fastapi_endpoint()\n    def web(self, prompt: str) -> dict:\n        \
          return {\"text\": self.generate(prompt)}",
    good: "@app.cls()\nclass Model:\n    @modal.method()\n    def generate(self, prompt: str) -> str:\n        \
           return prompt.upper()\n\n    @modal.fastapi_endpoint()\n    def web(self, prompt: str) -> dict:\n        \
           return {\"text\": self.generate.local(prompt)}",
    fix: Some(RuleFix::safe("Call the method with `.local(...)`, in the same container.")),
    check,
};

fn check(context: &Context) {
    let model = context.model;
    for definition in &model.definitions {
        let DefNode::Class(class) = definition.node else { continue };
        if !is_decorated(definition, "<app>.cls") {
            continue;
        }
        let modal_methods = modal_methods(context, class);
        if modal_methods.is_empty() {
            continue;
        }
        for stmt in &class.body {
            let Stmt::FunctionDef(function) = stmt else { continue };
            let Some(receiver) = receiver_name(function) else { continue };
            let mut calls = SelfCalls { receiver: &receiver, methods: &modal_methods, found: Vec::new() };
            for stmt in &function.body {
                calls.visit_stmt(stmt);
            }
            for (callee, method) in calls.found {
                let message = format!(
                    "`{}` is a Modal method object here, not a plain method: expected \
                     `{receiver}.{method}.local(...)` to run it in this container, or `.remote(...)` to run it in \
                     another",
                    context.text(callee)
                );
                let fix = RULE.fix_with("Call it with `.local`", vec![insert(callee.end(), ".local")]);
                context.report(&RULE, callee, message, Some(fix));
            }
        }
    }
}

fn is_decorated(definition: &Definition, path: &str) -> bool {
    definition.decorators.iter().any(|decor| decor.call.is_some() && decor.path.as_deref() == Some(path))
}

/// The names of the class's methods decorated with `@modal.method()`.
fn modal_methods(context: &Context, class: &StmtClassDef) -> HashSet<String> {
    let methods: HashSet<*const StmtFunctionDef> = class
        .body
        .iter()
        .filter_map(|stmt| match stmt {
            Stmt::FunctionDef(function) => Some(function as *const StmtFunctionDef),
            _ => None,
        })
        .collect();
    context
        .model
        .definitions
        .iter()
        .filter_map(|definition| match definition.node {
            DefNode::Function(function) if methods.contains(&(function as *const StmtFunctionDef)) => {
                Some((definition, function))
            }
            _ => None,
        })
        .filter(|(definition, _)| is_decorated(definition, "modal.method"))
        .map(|(_, function)| function.name.to_string())
        .collect()
}

/// The instance parameter of a method (`self`), unless it is a static or class method.
fn receiver_name(function: &StmtFunctionDef) -> Option<String> {
    let plain = |name: &str| {
        function
            .decorator_list
            .iter()
            .any(|decorator| matches!(&decorator.expression, Expr::Name(n) if n.id.as_str() == name))
    };
    if plain("staticmethod") || plain("classmethod") {
        return None;
    }
    let parameters = &function.parameters;
    parameters.posonlyargs.iter().chain(parameters.args.iter()).next().map(|parameter| parameter.name().to_string())
}

/// Calls of `<receiver>.<modal method>(...)`, skipping nested classes and functions that rebind the receiver.
struct SelfCalls<'r> {
    receiver: &'r str,
    methods: &'r HashSet<String>,
    found: Vec<(TextRange, String)>,
}

impl<'a> Visitor<'a> for SelfCalls<'_> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        match stmt {
            Stmt::ClassDef(_) => {}
            Stmt::FunctionDef(function)
                if function.parameters.iter().any(|parameter| parameter.name().as_str() == self.receiver) => {}
            _ => walk_stmt(self, stmt),
        }
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        if let Expr::Call(call) = expr
            && let Expr::Attribute(attribute) = &*call.func
            && let Expr::Name(name) = &*attribute.value
            && name.id.as_str() == self.receiver
            && self.methods.contains(attribute.attr.as_str())
        {
            self.found.push((call.func.range(), attribute.attr.to_string()));
        }
        walk_expr(self, expr);
    }
}
