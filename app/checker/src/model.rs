//! Which names mean Modal, resolved the way Python resolves them.
//!
//! `import modal`, `import modal as m`, `from modal import App, Image` and `app = modal.App(...)`
//! bind names; an assignment in a function makes the name local to that function, so a FastAPI
//! object called `app` inside a function is not the Modal app. Class bodies are skipped when a
//! method looks a name up, as in Python. Expressions resolve to dotted paths: `modal.Cron`,
//! `modal.Image.debian_slim().pip_install`, and `<app>.function` for a Modal app's methods.
//! Names imported from the project's other modules are what [`ProjectImports`] says they are
//! (`project.rs` answers for a whole project; a lone snippet knows none). The removed
//! `modal.Stub` makes an app, as `modal.App` replaced it, and so does a call to a function that
//! returns an app. A name holding a call's result means that result (`q.put` after
//! `q = modal.Queue.from_name(...)` is `modal.Queue.from_name().put`), and so does a `with`
//! target (`with modal.Queue.ephemeral() as q` binds a `modal.Queue()`). A method's receiver
//! (`self`, `cls`) holds the attributes its class assigns, in the class body or in any of its
//! methods, whatever their order: `self.q.put` is `Queue.put` after `self.q = modal.Queue...`
//! in `__init__` or a `@modal.enter()` method. A method of an `@app.cls()` class that the client
//! makes a Function (`@modal.method()`, a web endpoint) is one on the class and on its instances:
//! `Model().embed.map` is `modal.Function.map`. Defaults, annotations
//! and base classes are read where Python evaluates them: where the function or class is defined.

use rustc_hash::FxHashMap as HashMap;

use ruff_python_ast::visitor::{Visitor, walk_expr, walk_stmt};
use ruff_python_ast::{
    Decorator, ExceptHandler, Expr, ExprAttribute, ExprCall, ExprDict, Identifier, ModModule, Pattern, Stmt,
    StmtClassDef, StmtFunctionDef,
};
use ruff_text_size::{Ranged, TextRange, TextSize};

/// What a name is bound to, as far as the checker cares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Binding {
    /// The `modal` module itself.
    Modal,
    /// Something from modal, by its path (`modal.App`).
    ModalPath(String),
    /// A `modal.App` object.
    App,
    /// A class decorated with `@app.cls()`, or an instance of one (`instance`), with the names of
    /// its methods that the client makes Functions (`@modal.method()`, web endpoints,
    /// `@modal.batched()`): `Model().embed` and `Model.embed` are each a `modal.Function`.
    Cls { methods: Vec<String>, instance: bool },
    /// A function of the project that returns a `modal.App` (`def make_app(): return modal.App()`).
    AppFactory,
    /// A literal dict of string keys (`options = {"gpu": "A10G"}`), by its place in the module's
    /// list of them; it stays in its module (calls spread it: `**options`).
    KeywordDict(usize),
    /// A module of the project being checked, by its index in the project.
    Module(usize),
    /// The instance (or class) a method receives first (`self`, `cls`), by its class's place in
    /// the module's list of classes: `self.q` is what the class's methods assign to it.
    Instance(usize),
    /// Anything else: it shadows outer bindings.
    Other,
}

/// What names imported from the project's own modules are bound to.
pub(crate) trait ProjectImports {
    /// What importing `path` binds (written as in the import: `.common.app`, `pkg.jobs`): a
    /// module of the project (`is_module` for `import a.b`), or a name one defines; `None` when
    /// it is not the project's.
    fn import(&self, path: &str, is_module: bool) -> Option<Binding>;
    /// The name `name` of the project's module `module`: what it defines, or a submodule.
    fn member(&self, module: usize, name: &str) -> Option<Binding>;
    /// What `from path import *` binds: the public names the project's module defines.
    fn star(&self, path: &str) -> Vec<(String, Binding)>;
}

/// A snippet on its own: no module of its project is known.
pub(crate) struct NoProject;

impl ProjectImports for NoProject {
    fn import(&self, _: &str, _: bool) -> Option<Binding> {
        None
    }
    fn member(&self, _: usize, _: &str) -> Option<Binding> {
        None
    }
    fn star(&self, _: &str) -> Vec<(String, Binding)> {
        Vec::new()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ScopeKind {
    Module,
    Function,
    Class,
}

struct Scope {
    kind: ScopeKind,
    names: HashMap<String, Binding>,
    /// A class body's place in the builder's list of classes.
    class: Option<usize>,
}

/// A decorator with what it resolves to.
pub(crate) struct Decor<'a> {
    pub decorator: &'a Decorator,
    /// `<app>.function`, `modal.enter`, … or `None` for decorators that are not Modal's.
    pub path: Option<String>,
    /// The call, when the decorator is written with parentheses.
    pub call: Option<&'a ExprCall>,
}

pub(crate) enum DefNode<'a> {
    Function(&'a StmtFunctionDef),
    Class(&'a StmtClassDef),
}

/// A function or class definition with its decorators, top to bottom.
pub(crate) struct Definition<'a> {
    pub node: DefNode<'a>,
    pub decorators: Vec<Decor<'a>>,
    /// Defined directly in a class body (a method).
    pub in_class: bool,
    /// Defined at module level.
    pub global: bool,
}

/// A call whose callee resolves to something of Modal's (or to a method of its result).
pub(crate) struct ModalCall<'a> {
    pub call: &'a ExprCall,
    pub path: String,
    /// The literal dicts it spreads (`**options`), as far as they are known.
    pub spread: Vec<&'a ExprDict>,
}

/// A keyword a call passes: written as a keyword (`keep_warm=1`) or as a key of a literal dict the
/// call spreads (`"keep_warm"` in `options = {"keep_warm": 1}`, for `**options`).
pub(crate) struct PassedKeyword<'n> {
    pub name: &'n str,
    /// The keyword's name, or the key's text inside its quotes: replacing it renames the keyword.
    pub range: TextRange,
}

impl ModalCall<'_> {
    /// Every keyword the call passes by name, in order.
    pub fn keywords(&self) -> Vec<PassedKeyword<'_>> {
        let written = self.call.arguments.keywords.iter().filter_map(|keyword| {
            let name = keyword.arg.as_ref()?;
            Some(PassedKeyword { name: name.as_str(), range: name.range() })
        });
        let spread = self.spread.iter().flat_map(|dict| dict.items.iter()).filter_map(|item| {
            let Some(Expr::StringLiteral(key)) = &item.key else { return None };
            // Only a plain `"name"`, one literal whose text between its quotes is the name (no
            // prefix, triple quotes or escapes), so that replacing that text renames it.
            let [literal] = key.value.as_slice() else { return None };
            let name = key.value.to_str();
            let inner =
                TextRange::new(literal.range.start() + TextSize::from(1), literal.range.end() - TextSize::from(1));
            (inner.len().to_usize() == name.len()).then_some(PassedKeyword { name, range: inner })
        });
        written.chain(spread).collect()
    }
}

/// A name imported from modal, or a module of modal imported, with the import's text for it.
pub(crate) struct ModalImport {
    /// `modal.Stub` for `from modal import Stub`, `modal.gpu` for `import modal.gpu` and for the
    /// module of `from modal.gpu import A100`.
    pub path: String,
    /// Where the import names it (`Stub`, `modal.gpu`).
    pub range: TextRange,
    /// Imported as a module (`import modal.gpu`, `from modal.gpu import ...`), not as a name from one.
    pub is_module: bool,
}

pub(crate) struct Model<'a> {
    pub definitions: Vec<Definition<'a>>,
    pub calls: Vec<ModalCall<'a>>,
    /// Every expression that resolves into modal without being called (`modal.gpu.A100`), and
    /// every callee too, with its path.
    pub references: Vec<(&'a Expr, String)>,
    /// The module's global names that mean something to the checker, for modules importing them.
    pub exports: HashMap<String, Binding>,
    /// What the module imports from modal, in order.
    pub imports: Vec<ModalImport>,
    /// Every name and attribute of an annotation that resolves into modal (`modal.Dict` in
    /// `cache: modal.Dict`), whether or not Python evaluates the annotation: the code uses the
    /// name either way.
    pub annotations: Vec<(&'a Expr, String)>,
    /// Every attribute assigned to that resolves into modal (`app.image` in `app.image = ...`),
    /// with its path; not among the `references`, which are read.
    pub stores: Vec<(&'a Expr, String)>,
}

impl<'a> Model<'a> {
    /// The model of `module`; `lazy_annotations` when the code runs on a Python that evaluates
    /// annotations only when they are read (3.14 on).
    pub fn new(module: &'a ModModule, project: &'a dyn ProjectImports, lazy_annotations: bool) -> Model<'a> {
        let mut builder = Builder {
            scopes: vec![Scope { kind: ScopeKind::Module, names: HashMap::default(), class: None }],
            project,
            dicts: Vec::new(),
            classes: Vec::new(),
            deferred_annotations: lazy_annotations,
            binds_cls: false,
            model: Model {
                definitions: Vec::new(),
                calls: Vec::new(),
                references: Vec::new(),
                exports: HashMap::default(),
                imports: Vec::new(),
                annotations: Vec::new(),
                stores: Vec::new(),
            },
        };
        for stmt in &module.body {
            builder.visit_stmt(stmt);
        }
        let globals = builder.scopes.swap_remove(0).names;
        builder.model.exports = globals
            .into_iter()
            .filter(|(_, binding)| !matches!(binding, Binding::Other | Binding::KeywordDict(_) | Binding::Instance(_)))
            .collect();
        builder.model
    }

    /// The definitions decorated with `path` (such as `<app>.function`), with that decorator.
    pub fn decorated_with<'m>(
        &'m self,
        path: &'m str,
    ) -> impl Iterator<Item = (&'m Definition<'a>, &'m Decor<'a>)> + 'm {
        self.definitions.iter().flat_map(move |definition| {
            definition
                .decorators
                .iter()
                .filter(move |decor| decor.path.as_deref() == Some(path))
                .map(move |decor| (definition, decor))
        })
    }

    /// Every expression that names something of Modal's, with its path: attributes
    /// (`modal.Stub`), callees written as a bare name (`Stub()` after `from modal import Stub`),
    /// and bare decorators.
    pub fn named<'m>(&'m self) -> impl Iterator<Item = (&'a Expr, &'m str)> + 'm {
        let references = self.references.iter().map(|(expr, path)| (*expr, path.as_str()));
        let callees = self
            .calls
            .iter()
            .filter(|call| call.call.func.is_name_expr())
            .map(|call| (&*call.call.func, call.path.as_str()));
        let decorators = self.definitions.iter().flat_map(|definition| {
            definition.decorators.iter().filter_map(|decor| match (&decor.decorator.expression, &decor.path) {
                (expr @ Expr::Name(_), Some(path)) => Some((expr, path.as_str())),
                _ => None,
            })
        });
        references.chain(callees).chain(decorators)
    }

    /// Calls to exactly `path`.
    pub fn calls_to<'m>(&'m self, path: &'m str) -> impl Iterator<Item = &'m ExprCall> + 'm {
        self.calls.iter().filter(move |call| call.path == path).map(|call| call.call)
    }
}

struct Builder<'a> {
    scopes: Vec<Scope>,
    project: &'a dyn ProjectImports,
    /// The literal dicts names are bound to ([`Binding::KeywordDict`]).
    dicts: Vec<&'a ExprDict>,
    /// The attributes of each class the module defines that mean something to the checker:
    /// its class attributes and what its methods assign to `self.<name>`
    /// ([`Binding::Instance`]). [`Binding::Other`] marks an attribute assigned two different
    /// things of Modal's, which then means neither.
    classes: Vec<HashMap<String, Binding>>,
    /// Annotations are not evaluated where they are written: `from __future__ import
    /// annotations`, or a Python that evaluates them lazily (3.14 on).
    deferred_annotations: bool,
    /// A name has been bound to an `@app.cls()` class or instance: only then can an attribute
    /// be one of its methods (which spares every other module the question).
    binds_cls: bool,
    model: Model<'a>,
}

impl<'a> Builder<'a> {
    fn lookup(&self, name: &str) -> Option<&Binding> {
        let innermost = self.scopes.len() - 1;
        self.scopes
            .iter()
            .enumerate()
            .rev()
            // A method does not see its class's names.
            .filter(|(at, scope)| *at == innermost || scope.kind != ScopeKind::Class)
            .find_map(|(_, scope)| scope.names.get(name))
    }

    fn bind(&mut self, name: &str, binding: Binding) {
        self.binds_cls |= matches!(binding, Binding::Cls { .. });
        let scope = self.scopes.last_mut().expect("a scope");
        if let Some(class) = scope.class {
            self.note_attribute(class, name, binding.clone());
        }
        self.scopes.last_mut().expect("a scope").names.insert(name.to_string(), binding);
    }

    /// Records that `class`'s attribute `name` is assigned `binding`. An attribute keeps what
    /// any assignment gives it of Modal's (`self.q = None` in `__init__`, then a Queue in a
    /// `@modal.enter()` method, is the Queue), unless two give different things.
    fn note_attribute(&mut self, class: usize, name: &str, binding: Binding) {
        if binding == Binding::Other {
            return;
        }
        let attributes = &mut self.classes[class];
        match attributes.get(name) {
            None => {
                attributes.insert(name.to_string(), binding);
            }
            Some(known) if *known != binding => {
                attributes.insert(name.to_string(), Binding::Other);
            }
            Some(_) => {}
        }
    }

    /// The class whose instance (or the class itself, for `cls`) `expr` is, in one of its methods.
    fn instance(&self, expr: &Expr) -> Option<usize> {
        let Expr::Name(name) = expr else { return None };
        match self.lookup(name.id.as_str())? {
            Binding::Instance(class) => Some(*class),
            _ => None,
        }
    }

    /// The dotted path `expr` stands for, if it leads into Modal.
    fn resolve(&self, expr: &Expr) -> Option<String> {
        match expr {
            Expr::Name(_) => path_of(self.binding(expr)?),
            // `common.app`: what the project's module defines; `self.q`: what the class assigns.
            Expr::Attribute(attribute)
                if self.project_member(&attribute.value).is_some() || self.instance(&attribute.value).is_some() =>
            {
                path_of(self.binding(expr)?)
            }
            Expr::Attribute(attribute) if self.is_cls_method(attribute) => Some("modal.Function".into()),
            Expr::Attribute(attribute) => {
                Some(format!("{}.{}", self.resolve(&attribute.value)?, attribute.attr.as_str()))
            }
            Expr::Call(call) => match self.binding(&call.func) {
                Some(Binding::AppFactory) => Some("<app>".into()),
                _ => Some(format!("{}()", self.resolve(&call.func)?)),
            },
            _ => None,
        }
    }

    /// The `@app.cls()` class that `expr` is (`Model`), or makes an instance of (`Model()`).
    fn cls(&self, expr: &Expr) -> Option<Binding> {
        if !self.binds_cls {
            return None;
        }
        match expr {
            Expr::Call(call) => match self.binding(&call.func)? {
                Binding::Cls { methods, instance: false } => Some(Binding::Cls { methods, instance: true }),
                _ => None,
            },
            other => self.binding(other).filter(|binding| matches!(binding, Binding::Cls { .. })),
        }
    }

    /// Whether `attribute` is a method of an `@app.cls()` class that the client makes a Function,
    /// on the class or an instance (`Model.embed`, `Model().embed`, `model.embed`). Asked of every
    /// attribute resolved, so a plain name's binding is looked at where it is, not cloned.
    fn is_cls_method(&self, attribute: &ExprAttribute) -> bool {
        if !self.binds_cls {
            return false;
        }
        let is_method = |binding: &Binding| matches!(binding, Binding::Cls { methods, .. } if methods.iter().any(|method| method == attribute.attr.as_str()));
        let holder = match &*attribute.value {
            Expr::Call(call) => &*call.func,
            other => other,
        };
        match holder {
            Expr::Name(name) => self.lookup(name.id.as_str()).is_some_and(is_method),
            // A class of the project's other module (`models.Model`).
            Expr::Attribute(holder) => self
                .project_member(&holder.value)
                .and_then(|module| self.project.member(module, holder.attr.as_str()))
                .is_some_and(|binding| is_method(&binding)),
            _ => false,
        }
    }

    /// What a name, a name of a project's module (`common.app`) or an attribute of the instance
    /// a method receives (`self.q`) is bound to.
    fn binding(&self, expr: &Expr) -> Option<Binding> {
        match expr {
            Expr::Name(name) => self.lookup(name.id.as_str()).cloned(),
            Expr::Attribute(attribute) => match self.instance(&attribute.value) {
                Some(class) => self.classes[class].get(attribute.attr.as_str()).cloned(),
                None => self.project.member(self.project_member(&attribute.value)?, attribute.attr.as_str()),
            },
            _ => None,
        }
    }

    /// The project's module `expr` stands for (`common`, `pkg.common`), if it is one.
    fn project_member(&self, expr: &Expr) -> Option<usize> {
        let binding = match expr {
            Expr::Name(name) => self.lookup(name.id.as_str())?.clone(),
            Expr::Attribute(attribute) => {
                self.project.member(self.project_member(&attribute.value)?, attribute.attr.as_str())?
            }
            _ => return None,
        };
        match binding {
            Binding::Module(module) => Some(module),
            _ => None,
        }
    }

    /// Binds the names an assignment target introduces, and the attributes of its class that
    /// a method assigns (`self.q = ...`).
    fn bind_target(&mut self, target: &'a Expr, binding: Binding) {
        match target {
            Expr::Name(name) => self.bind(name.id.as_str(), binding),
            Expr::Attribute(attribute) => {
                if let Some(class) = self.instance(&attribute.value) {
                    self.note_attribute(class, attribute.attr.as_str(), binding);
                } else if let Some(path) = self.resolve(target) {
                    self.model.stores.push((target, path));
                }
            }
            Expr::Tuple(tuple) => tuple.elts.iter().for_each(|elt| self.bind_target(elt, Binding::Other)),
            Expr::List(list) => list.elts.iter().for_each(|elt| self.bind_target(elt, Binding::Other)),
            Expr::Starred(starred) => self.bind_target(&starred.value, Binding::Other),
            _ => {}
        }
    }

    fn value_binding(&mut self, value: &'a Expr) -> Binding {
        if let Some(module) = self.project_member(value) {
            return Binding::Module(module);
        }
        if let Expr::Dict(dict) = value {
            self.dicts.push(dict);
            return Binding::KeywordDict(self.dicts.len() - 1);
        }
        self.held_binding(value)
    }

    /// What a name assigned `value` holds of Modal's: an app, an `@app.cls()` class or instance,
    /// or a path into modal.
    fn held_binding(&self, value: &Expr) -> Binding {
        if let Some(cls) = self.cls(value) {
            return cls;
        }
        match self.resolve(value).as_deref() {
            // `modal.Stub` was renamed `modal.App`: MDL012 reports it, and the app is checked.
            Some("modal.App()" | "modal.Stub()" | "<app>") => Binding::App,
            Some(path) if path.starts_with("modal") => Binding::ModalPath(path.to_string()),
            _ => Binding::Other,
        }
    }

    /// Records, before a class body is visited, the attributes it and its methods assign, so
    /// that a method sees what another assigns whatever their order (a `@modal.method()` above
    /// the `@modal.enter()` that opens its Queue). Values resolve where the class is defined; a
    /// value held in a method's local name is recorded when the method is visited.
    fn note_class_attributes(&mut self, class: usize, body: &'a [Stmt]) {
        let mut assigned = AttributeAssignments { receiver: None, found: Vec::new() };
        for stmt in body {
            match stmt {
                Stmt::FunctionDef(method) => {
                    let Some(receiver) = receiver(method) else { continue };
                    let mut in_method = AttributeAssignments { receiver: Some(receiver), found: Vec::new() };
                    for stmt in &method.body {
                        in_method.visit_stmt(stmt);
                    }
                    assigned.found.append(&mut in_method.found);
                }
                other => assigned.visit_stmt(other),
            }
        }
        for (name, value) in assigned.found {
            let binding = match value {
                Assigned::Value(value) => self.held_binding(value),
                Assigned::Entered(value) => self.entered_binding(value),
            };
            self.note_attribute(class, name, binding);
        }
    }

    fn decorators(&self, list: &'a [Decorator]) -> Vec<Decor<'a>> {
        list.iter()
            .map(|decorator| {
                let (target, call) = match &decorator.expression {
                    Expr::Call(call) => (&*call.func, Some(call)),
                    other => (other, None),
                };
                Decor { decorator, path: self.resolve(target), call }
            })
            .collect()
    }

    /// What `with value as name` binds `name` to: what entering the context manager gives.
    fn entered_binding(&self, value: &Expr) -> Binding {
        let entered = self
            .resolve(value)
            .and_then(|path| crate::api::resolve(path.strip_suffix("()")?)?.enters)
            .map(|class| format!("modal.{class}()"));
        match entered.as_deref() {
            Some("modal.App()") => Binding::App,
            Some(path) => Binding::ModalPath(path.to_string()),
            None => Binding::Other,
        }
    }

    /// Visits what Python evaluates where a function is defined: its decorators, its defaults
    /// and (unless they are deferred) its annotations.
    fn visit_definition_values(&mut self, function: &'a StmtFunctionDef) {
        for decorator in &function.decorator_list {
            self.visit_expr(&decorator.expression);
        }
        for parameter in function.parameters.iter() {
            if let Some(default) = parameter.default() {
                self.visit_expr(default);
            }
            if let Some(annotation) = parameter.annotation() {
                self.note_annotation(annotation);
                if !self.deferred_annotations {
                    self.visit_expr(annotation);
                }
            }
        }
        if let Some(returns) = function.returns.as_deref() {
            self.note_annotation(returns);
            if !self.deferred_annotations {
                self.visit_expr(returns);
            }
        }
    }

    /// Records the names of Modal's that `annotation` is made of.
    fn note_annotation(&mut self, annotation: &'a Expr) {
        let mut parts = AnnotationParts { exprs: Vec::new() };
        parts.visit_expr(annotation);
        for expr in parts.exprs {
            if let Some(path) = self.resolve(expr) {
                self.model.annotations.push((expr, path));
            }
        }
    }

    /// The methods of a class body that an `@app.cls()` class makes Functions: those with a
    /// decorator such as `@modal.method()` or `@modal.fastapi_endpoint()`.
    fn function_methods(&self, body: &'a [Stmt]) -> Vec<String> {
        body.iter()
            .filter_map(|stmt| match stmt {
                Stmt::FunctionDef(method) => Some(method),
                _ => None,
            })
            .filter(|method| {
                self.decorators(&method.decorator_list)
                    .iter()
                    .any(|decor| decor.path.as_deref().is_some_and(|path| FUNCTION_METHOD_DECORATORS.contains(&path)))
            })
            .map(|method| method.name.to_string())
            .collect()
    }

    /// Whether the function whose body is the current scope returns an app.
    fn returns_app(&self, body: &'a [Stmt]) -> bool {
        let mut returns = Returns { values: Vec::new() };
        for stmt in body {
            returns.visit_stmt(stmt);
        }
        returns
            .values
            .into_iter()
            .any(|value| matches!(self.resolve(value).as_deref(), Some("modal.App()" | "modal.Stub()" | "<app>")))
    }

    fn scope_kind(&self) -> ScopeKind {
        self.scopes.last().expect("a scope").kind
    }

    /// Names a function assigns anywhere in its body are local to it from its first line.
    fn predeclare_locals(&mut self, body: &'a [Stmt]) {
        let mut collector = LocalNames { names: Vec::new() };
        for stmt in body {
            collector.visit_stmt(stmt);
        }
        for name in collector.names {
            self.bind(&name, Binding::Other);
        }
    }
}

impl<'a> Visitor<'a> for Builder<'a> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        match stmt {
            Stmt::Import(_) | Stmt::ImportFrom(_) => {
                self.model.imports.extend(modal_imports(stmt));
                if let Stmt::ImportFrom(import) = stmt
                    && import.module.as_ref().is_some_and(|module| module.as_str() == "__future__")
                    && import.names.iter().any(|alias| alias.name.as_str() == "annotations")
                {
                    self.deferred_annotations = true;
                }
                for import in imported_names(stmt) {
                    let binding = match import.path {
                        path if path == "modal" => Binding::Modal,
                        path if path.starts_with("modal.") => Binding::ModalPath(path),
                        path => self.project.import(&path, import.is_module).unwrap_or(Binding::Other),
                    };
                    self.bind(import.name, binding);
                }
                if let Stmt::ImportFrom(import) = stmt
                    && import.names.iter().any(|alias| alias.name.as_str() == "*")
                {
                    let dots = ".".repeat(import.level as usize);
                    let module = import.module.as_ref().map_or(String::new(), |module| module.to_string());
                    for (name, binding) in self.project.star(&format!("{dots}{module}")) {
                        self.bind(&name, binding);
                    }
                }
            }
            Stmt::Assign(assign) => {
                self.visit_expr(&assign.value);
                let binding = self.value_binding(&assign.value);
                for target in &assign.targets {
                    self.bind_target(target, binding.clone());
                }
            }
            Stmt::AnnAssign(assign) => {
                self.note_annotation(&assign.annotation);
                // A local variable's annotation is never evaluated; a module's or class's is.
                if self.scope_kind() != ScopeKind::Function && !self.deferred_annotations {
                    self.visit_expr(&assign.annotation);
                }
                if let Some(value) = &assign.value {
                    self.visit_expr(value);
                }
                let binding = assign.value.as_deref().map_or(Binding::Other, |value| self.value_binding(value));
                self.bind_target(&assign.target, binding);
            }
            Stmt::FunctionDef(function) => {
                self.visit_definition_values(function);
                let in_class = self.scope_kind() == ScopeKind::Class;
                let global = self.scope_kind() == ScopeKind::Module;
                let decorators = self.decorators(&function.decorator_list);
                let binding = modal_object(&decorators, "<app>.function", "modal.Function");
                self.model.definitions.push(Definition {
                    node: DefNode::Function(function),
                    decorators,
                    in_class,
                    global,
                });
                self.bind(function.name.as_str(), binding);
                let class = self.scopes.last().expect("a scope").class;
                self.scopes.push(Scope { kind: ScopeKind::Function, names: HashMap::default(), class: None });
                for parameter in function.parameters.iter() {
                    self.bind(parameter.name().as_str(), Binding::Other);
                }
                if let (Some(class), Some(receiver)) = (class, receiver(function)) {
                    self.bind(receiver, Binding::Instance(class));
                }
                self.predeclare_locals(&function.body);
                for stmt in &function.body {
                    self.visit_stmt(stmt);
                }
                let makes_app = self.returns_app(&function.body);
                self.scopes.pop();
                if makes_app {
                    self.bind(function.name.as_str(), Binding::AppFactory);
                }
            }
            Stmt::ClassDef(class) => {
                for decorator in &class.decorator_list {
                    self.visit_expr(&decorator.expression);
                }
                if let Some(arguments) = &class.arguments {
                    self.visit_arguments(arguments);
                }
                let in_class = self.scope_kind() == ScopeKind::Class;
                let global = self.scope_kind() == ScopeKind::Module;
                let decorators = self.decorators(&class.decorator_list);
                let binding = if decorators.iter().any(|decor| decor.path.as_deref() == Some("<app>.cls")) {
                    Binding::Cls { methods: self.function_methods(&class.body), instance: false }
                } else {
                    Binding::Other
                };
                self.model.definitions.push(Definition { node: DefNode::Class(class), decorators, in_class, global });
                self.bind(class.name.as_str(), binding);
                self.classes.push(HashMap::default());
                let index = self.classes.len() - 1;
                self.note_class_attributes(index, &class.body);
                self.scopes.push(Scope { kind: ScopeKind::Class, names: HashMap::default(), class: Some(index) });
                for stmt in &class.body {
                    self.visit_stmt(stmt);
                }
                self.scopes.pop();
            }
            Stmt::With(with) => {
                for item in &with.items {
                    self.visit_expr(&item.context_expr);
                    if let Some(target) = &item.optional_vars {
                        let binding = self.entered_binding(&item.context_expr);
                        self.bind_target(target, binding);
                    }
                }
                for stmt in &with.body {
                    self.visit_stmt(stmt);
                }
            }
            _ => walk_stmt(self, stmt),
        }
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        if let Expr::Call(call) = expr
            && let Some(path) = self.resolve(&call.func)
        {
            let spread = call
                .arguments
                .keywords
                .iter()
                .filter(|keyword| keyword.arg.is_none())
                .filter_map(|keyword| match self.binding(&keyword.value) {
                    Some(Binding::KeywordDict(at)) => Some(self.dicts[at]),
                    _ => None,
                })
                .collect();
            self.model.calls.push(ModalCall { call, path, spread });
        }
        // `self.q` reads the class's own attribute, not a name of Modal's (what it holds was
        // reported where it was assigned); `self.q.put` is Modal's again.
        if let Expr::Attribute(attribute) = expr
            && self.instance(&attribute.value).is_none()
            && let Some(path) = self.resolve(expr)
        {
            self.model.references.push((expr, path));
        }
        walk_expr(self, expr);
    }
}

/// The decorators that make a method of an `@app.cls()` class one of its Functions (in 1.6.4,
/// `_Obj.__getattr__` gives a `_Function` for each of the class's method partials).
const FUNCTION_METHOD_DECORATORS: &[&str] = &[
    "modal.method",
    "modal.batched",
    "modal.fastapi_endpoint",
    "modal.web_endpoint",
    "modal.asgi_app",
    "modal.wsgi_app",
    "modal.web_server",
];

/// The path a binding stands for, if it leads into Modal.
fn path_of(binding: Binding) -> Option<String> {
    match binding {
        Binding::Modal => Some("modal".into()),
        Binding::ModalPath(path) => Some(path),
        Binding::App => Some("<app>".into()),
        Binding::Cls { instance: false, .. } => Some("modal.Cls".into()),
        Binding::Cls { instance: true, .. } => Some("modal.Cls()".into()),
        Binding::AppFactory | Binding::KeywordDict(_) | Binding::Module(_) | Binding::Instance(_) | Binding::Other => {
            None
        }
    }
}

/// The values a function body returns, not looking into nested functions and classes.
struct Returns<'a> {
    values: Vec<&'a Expr>,
}

impl<'a> Visitor<'a> for Returns<'a> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        match stmt {
            Stmt::Return(ret) => self.values.extend(ret.value.as_deref()),
            Stmt::FunctionDef(_) | Stmt::ClassDef(_) => {}
            _ => walk_stmt(self, stmt),
        }
    }

    fn visit_expr(&mut self, _: &'a Expr) {}
}

/// The name of the instance (or class) a method receives first: `self`, `cls`; none for a
/// `@staticmethod`.
fn receiver(method: &StmtFunctionDef) -> Option<&str> {
    let is_static = method
        .decorator_list
        .iter()
        .any(|decorator| matches!(&decorator.expression, Expr::Name(name) if name.id.as_str() == "staticmethod"));
    let parameters = &method.parameters;
    let first = parameters.posonlyargs.first().or(parameters.args.first())?;
    (!is_static).then(|| first.parameter.name.as_str())
}

/// What an assignment gives an attribute: a value, or what entering a context manager gives
/// (`with modal.Queue.ephemeral() as self.q`).
enum Assigned<'a> {
    Value(&'a Expr),
    Entered(&'a Expr),
}

/// The attributes a class body assigns (`q = ...`, `receiver` `None`) or a method body assigns
/// to its receiver (`self.q = ...`), not looking into nested functions and classes.
struct AttributeAssignments<'a> {
    receiver: Option<&'a str>,
    found: Vec<(&'a str, Assigned<'a>)>,
}

impl<'a> AttributeAssignments<'a> {
    fn target(&mut self, target: &'a Expr, value: Assigned<'a>) {
        let name = match (target, self.receiver) {
            (Expr::Name(name), None) => name.id.as_str(),
            (Expr::Attribute(attribute), Some(receiver)) if matches!(&*attribute.value, Expr::Name(name) if name.id.as_str() == receiver) => {
                attribute.attr.as_str()
            }
            _ => return,
        };
        self.found.push((name, value));
    }
}

impl<'a> Visitor<'a> for AttributeAssignments<'a> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        match stmt {
            Stmt::Assign(assign) => {
                for target in &assign.targets {
                    self.target(target, Assigned::Value(&assign.value));
                }
            }
            Stmt::AnnAssign(assign) => {
                if let Some(value) = &assign.value {
                    self.target(&assign.target, Assigned::Value(value));
                }
            }
            Stmt::With(with) => {
                for item in &with.items {
                    if let Some(target) = &item.optional_vars {
                        self.target(target, Assigned::Entered(&item.context_expr));
                    }
                }
                walk_stmt(self, stmt);
            }
            Stmt::FunctionDef(_) | Stmt::ClassDef(_) => {}
            _ => walk_stmt(self, stmt),
        }
    }

    fn visit_expr(&mut self, _: &'a Expr) {}
}

/// The names and attributes an annotation is made of (`modal.Dict`, `Volume`, `list[modal.Queue]`).
struct AnnotationParts<'a> {
    exprs: Vec<&'a Expr>,
}

impl<'a> Visitor<'a> for AnnotationParts<'a> {
    fn visit_expr(&mut self, expr: &'a Expr) {
        if matches!(expr, Expr::Name(_) | Expr::Attribute(_)) {
            self.exprs.push(expr);
        }
        walk_expr(self, expr);
    }
}

/// What an import statement imports from modal: each name of `from modal import ...`, and each
/// module of modal it names (`import modal.gpu`, `from modal.gpu import A100`), not `modal` itself.
fn modal_imports(stmt: &Stmt) -> Vec<ModalImport> {
    let of_modal = |name: &str| name.starts_with("modal.");
    match stmt {
        Stmt::Import(import) => import
            .names
            .iter()
            .filter(|alias| of_modal(alias.name.as_str()))
            .map(|alias| ModalImport { path: alias.name.to_string(), range: alias.name.range(), is_module: true })
            .collect(),
        Stmt::ImportFrom(import) if import.level == 0 => {
            let Some(module) =
                import.module.as_ref().filter(|module| module.as_str() == "modal" || of_modal(module.as_str()))
            else {
                return Vec::new();
            };
            let module_import = of_modal(module.as_str()).then(|| ModalImport {
                path: module.to_string(),
                range: module.range(),
                is_module: true,
            });
            let names = import.names.iter().filter(|alias| alias.name.as_str() != "*").map(|alias| ModalImport {
                path: format!("{module}.{}", alias.name.as_str()),
                range: alias.name.range(),
                is_module: false,
            });
            module_import.into_iter().chain(names).collect()
        }
        _ => Vec::new(),
    }
}

/// A definition decorated with `decorator` becomes a Modal object (`warm.with_options(...)`
/// is `modal.Function.with_options`); any other definition is an ordinary name.
fn modal_object(decorators: &[Decor], decorator: &str, object: &str) -> Binding {
    if decorators.iter().any(|decor| decor.path.as_deref() == Some(decorator)) {
        Binding::ModalPath(object.into())
    } else {
        Binding::Other
    }
}

/// The names a function body assigns (its locals), not looking into nested functions.
struct LocalNames {
    names: Vec<String>,
}

impl<'a> Visitor<'a> for LocalNames {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        match stmt {
            Stmt::FunctionDef(function) => self.names.push(function.name.to_string()),
            Stmt::ClassDef(class) => self.names.push(class.name.to_string()),
            Stmt::Import(import) => self.names.extend(import.names.iter().map(|alias| {
                alias
                    .asname
                    .as_ref()
                    .map_or_else(|| alias.name.as_str().split('.').next().unwrap_or("").to_string(), |a| a.to_string())
            })),
            Stmt::ImportFrom(import) => self
                .names
                .extend(import.names.iter().map(|alias| alias.asname.as_ref().unwrap_or(&alias.name).to_string())),
            _ => walk_stmt(self, stmt),
        }
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        if let Expr::Name(name) = expr
            && name.ctx.is_store()
        {
            self.names.push(name.id.to_string());
        }
        walk_expr(self, expr);
    }
}

impl<'a> Decor<'a> {
    /// The decorator's name, without its arguments (`app.function` of `@app.function(gpu="T4")`).
    pub fn name(&self) -> &'a Expr {
        match self.call {
            Some(call) => &call.func,
            None => &self.decorator.expression,
        }
    }
}

/// The range of a decorator's name (without its arguments), for precise diagnostics.
pub(crate) fn decorator_name_range(decor: &Decor) -> ruff_text_size::TextRange {
    decor.name().range()
}

/// A name an import statement binds, and the dotted path it stands for.
pub(crate) struct ImportedName<'a> {
    pub name: &'a str,
    /// `a.b` for `import a.b as c` and for `from a import b`; `a` for `import a.b` (which binds
    /// `a`); relative imports keep their dots (`.common.app` for `from .common import app`,
    /// `..c` for `from .. import c`).
    pub path: String,
    /// Bound by `import`, so the name is a module; `from` imports bind a module's members.
    pub is_module: bool,
}

/// The names `stmt` binds, if it is an import (a star import binds none that can be known).
pub(crate) fn imported_names(stmt: &Stmt) -> Vec<ImportedName<'_>> {
    match stmt {
        Stmt::Import(import) => import
            .names
            .iter()
            .map(|alias| {
                let module = alias.name.as_str();
                let (name, path) = match &alias.asname {
                    Some(asname) => (asname.as_str(), module),
                    None => {
                        let first = module.split('.').next().unwrap_or(module);
                        (first, first)
                    }
                };
                ImportedName { name, path: path.to_string(), is_module: true }
            })
            .collect(),
        Stmt::ImportFrom(import) => {
            let dots = ".".repeat(import.level as usize);
            let module = match &import.module {
                Some(module) if import.level == 0 => format!("{module}."),
                Some(module) => format!("{dots}{module}."),
                None => dots,
            };
            import
                .names
                .iter()
                .filter(|alias| alias.name.as_str() != "*")
                .map(|alias| ImportedName {
                    name: alias.asname.as_ref().unwrap_or(&alias.name).as_str(),
                    path: format!("{module}{}", alias.name.as_str()),
                    is_module: false,
                })
                .collect()
        }
        _ => Vec::new(),
    }
}

/// The name a `match` pattern binds at its top (`case x`, `case [*rest]`, `case {**rest}`), for
/// the walks that track which names a scope binds.
pub(crate) fn pattern_binding(pattern: &Pattern) -> Option<&Identifier> {
    match pattern {
        Pattern::MatchAs(pattern) => pattern.name.as_ref(),
        Pattern::MatchStar(pattern) => pattern.name.as_ref(),
        Pattern::MatchMapping(pattern) => pattern.rest.as_ref(),
        _ => None,
    }
}

/// The name `except E as name` binds.
pub(crate) fn handler_binding(handler: &ExceptHandler) -> Option<&Identifier> {
    let ExceptHandler::ExceptHandler(handler) = handler;
    handler.name.as_ref()
}

#[cfg(test)]
mod tests {
    fn rules(source: &str) -> Vec<String> {
        crate::check(source).into_iter().map(|d| format!("{}:{}", d.start.line, d.rule)).collect()
    }

    #[test]
    fn an_app_made_with_the_removed_stub_is_reported_and_then_checked_as_an_app() {
        let source = "import modal\nstub = modal.Stub(\"x\")\n\n@stub.function(keep_warm=1)\ndef f(): ...\n";
        assert_eq!(rules(source), ["2:MDL012", "4:MDL001"]);
        let imported = "from modal import Stub\nstub = Stub()\n\n@stub.function(concurrency_limit=1)\ndef f(): ...\n";
        // The import raises, and is the one problem of the name: its uses are not reported again.
        assert_eq!(rules(imported), ["1:MDL012", "4:MDL001"]);
    }

    #[test]
    fn annotations_are_checked_where_python_evaluates_them() {
        let rules_on = |python: Option<&str>, source: &str| -> Vec<String> {
            let options = crate::Options { python_version: python.map(|v| v.parse().unwrap()), ..Default::default() };
            crate::check_with(source, &options).into_iter().map(|d| format!("{}:{}", d.start.line, d.rule)).collect()
        };
        let source = "import modal\n\
                      import modal.gpu\n\
                      stub: modal.Stub = None\n\
                      def f(gpu: modal.gpu.A100) -> modal.Mount: ...\n\
                      def g():\n    \
                          local: modal.Stub = None\n";
        // Before 3.14 a module's annotations and a function's are evaluated where written; a
        // local variable's never is.
        let eager = ["2:MDL012", "3:MDL012", "4:MDL012", "4:MDL012"];
        assert_eq!(rules_on(None, source), eager);
        assert_eq!(rules_on(Some("3.13"), source), eager);
        // From 3.14 none is evaluated until read; the import still raises.
        assert_eq!(rules_on(Some("3.14"), source), ["2:MDL012"]);
        assert_eq!(rules_on(Some("3.15"), source), ["2:MDL012"]);
    }

    #[test]
    fn a_methods_receiver_holds_what_the_classs_methods_and_body_assign() {
        let source = "import modal\n\
                      class Worker:\n    \
                          cache = modal.Dict.from_name(\"c\")\n    \
                          def run(self):\n        \
                              self.jobs.put(1, ttl=5)\n        \
                              self.cache.put(1, 2, ttl=5)\n    \
                          @classmethod\n    \
                          def make(cls):\n        \
                              cls.cache.put(1, 2, ttl=5)\n    \
                          def open(self):\n        \
                              self.jobs = None\n        \
                              self.jobs = modal.Queue.from_name(\"j\")\n";
        assert_eq!(rules(source), ["5:MDL003", "6:MDL014", "9:MDL014"]);
        // A static method's first parameter is no receiver; a function's `self` is anything;
        // an attribute assigned a Queue in one method and a Dict in another is neither.
        let unknown = "import modal\n\
                       class Worker:\n    \
                           @staticmethod\n    \
                           def run(self):\n        \
                               self.jobs.put(1, ttl=5)\n    \
                           def a(self):\n        \
                               self.jobs = modal.Queue.from_name(\"j\")\n    \
                           def b(self):\n        \
                               self.jobs = modal.Dict.from_name(\"d\")\n    \
                           def c(self):\n        \
                               self.jobs.put(1, ttl=5)\n\
                       def f(self):\n    \
                           self.jobs.put(1, ttl=5)\n";
        assert_eq!(rules(unknown), Vec::<String>::new());
        // A removed name is reported where it is read, not again at each read of the attribute.
        let held = "import modal\n\
                    app = modal.App()\n\
                    @app.function()\n\
                    def serve(): ...\n\
                    class Client:\n    \
                        def open(self):\n        \
                            self.url = serve.web_url\n    \
                        def send(self):\n        \
                            return self.url\n";
        assert_eq!(rules(held), ["7:MDL012"]);
    }
}
