//! MDL029: a FastAPI endpoint or app whose image provably has no FastAPI.

use std::collections::HashMap;

use ruff_python_ast::visitor::{Visitor, walk_expr, walk_stmt};
use ruff_python_ast::{Expr, ExprCall, Stmt, StmtFunctionDef};
use ruff_text_size::{Ranged, TextRange};

use super::flow::{AppImage, Flow, Value};
use crate::api::image::{ADD_LOCAL_METHODS, CONFIG_STEPS, PACKAGE_SOURCE_KEYWORDS, PACKAGE_STEPS, PLAIN_FACTORIES};
use crate::diagnostic::Severity;
use crate::model::{Decor, DefNode, Definition, decorator_name_range};
use crate::rules::structure::decorators::{APP_CLS, APP_FUNCTION, Functions, called_position};
use crate::rules::toolkit::{has_unpacked_keywords, keyword, string};
use crate::rules::{Context, Rule};

pub const RULE: Rule = Rule {
    id: "MDL029",
    name: "fastapi-missing",
    severity: Severity::Warning,
    summary: "Finds `@modal.fastapi_endpoint()` functions and `@modal.asgi_app()` functions that build a FastAPI app, \
              whose image is written out in the file and installs no `fastapi`, or that run on Modal's default image.",
    why: "Modal's base images have not included FastAPI since image builder 2024.10, and a function that names no image \
          (neither in `@app.function()`/`@app.cls()` nor in `modal.App(image=...)`) runs on the default `debian_slim` \
          image. `@modal.fastapi_endpoint()` serves the function through FastAPI, and a FastAPI app needs it too, so \
          such a container fails when it starts unless the image installs it. Add `fastapi[standard]` to the image, as \
          Modal's own examples do. The check stays silent when it cannot see every package the image installs \
          (requirement files, `run_commands`, registry images, an image passed in from elsewhere); a package that \
          depends on FastAPI also brings it in, but naming it keeps the endpoint working if that package changes.",
    bad: "image = modal.Image.debian_slim().pip_install(\"pydantic\")\n\n\n@app.function(image=image)\n\
          @modal.fastapi_endpoint()\ndef hello() -> dict:\n    return {\"hello\": \"world\"}",
    good: "image = modal.Image.debian_slim().pip_install(\"fastapi[standard]\", \"pydantic\")\n\n\n\
           @app.function(image=image)\n@modal.fastapi_endpoint()\ndef hello() -> dict:\n    return {\"hello\": \"world\"}",
    fix: None,
    check,
};

const FASTAPI_ENDPOINT: &str = "modal.fastapi_endpoint";
const ASGI_APP: &str = "modal.asgi_app";

/// The image a function runs on, where the file shows it.
enum Image {
    Default,
    Chain(usize),
}

fn check(context: &Context) {
    let model = context.model;
    let web = |definition: &'_ Definition| {
        definition
            .decorators
            .iter()
            .position(|decor| matches!(decor.path.as_deref(), Some(FASTAPI_ENDPOINT | ASGI_APP)))
    };
    if !model.definitions.iter().any(|definition| web(definition).is_some()) {
        return;
    }
    let flow = Flow::new(context);
    let calls: HashMap<TextRange, &ExprCall> = model.calls.iter().map(|call| (call.call.range(), call.call)).collect();
    // Each method of an `@app.cls()` class, with the class's decorator.
    let functions = Functions::new(model);
    let mut class_of: HashMap<*const StmtFunctionDef, &Decor> = HashMap::new();
    for definition in &model.definitions {
        let DefNode::Class(class) = definition.node else { continue };
        let Some(at) = called_position(definition, &[APP_CLS]) else { continue };
        for method in functions.methods(class) {
            if let DefNode::Function(function) = method.node {
                class_of.insert(function as *const StmtFunctionDef, &definition.decorators[at]);
            }
        }
    }
    for definition in &model.definitions {
        let DefNode::Function(function) = definition.node else { continue };
        let Some(web_at) = web(definition) else { continue };
        let web_decor = &definition.decorators[web_at];
        let is_endpoint = web_decor.path.as_deref() == Some(FASTAPI_ENDPOINT);
        if !is_endpoint && !builds_fastapi(function, &flow) {
            continue;
        }
        let app_decor = if definition.in_class {
            class_of.get(&(function as *const StmtFunctionDef)).copied()
        } else {
            called_position(definition, &[APP_FUNCTION]).map(|at| &definition.decorators[at])
        };
        let Some(app_call) = app_decor.and_then(|decor| decor.call) else { continue };
        let Some(image) = image_of(app_call, &flow) else { continue };
        let written = context.text(decorator_name_range(web_decor));
        let needs = if is_endpoint {
            format!("`@{written}()` serves this function through FastAPI")
        } else {
            format!("this `@{written}()` function builds a FastAPI app")
        };
        let message = match image {
            Image::Default => format!(
                "{needs}, but no image is given (in `@{}()` or in `modal.App(image=...)`), so it runs on the default \
                 `debian_slim` image, which has no FastAPI since image builder 2024.10; the container fails when it \
                 starts. Give it `image=modal.Image.debian_slim().pip_install(\"fastapi[standard]\")`",
                context.text(app_call.func.range())
            ),
            Image::Chain(last) => {
                if installs_fastapi(&flow, last, &calls) != Some(false) {
                    continue;
                }
                let factory = flow.chain(last).last().and_then(|(_, step)| calls.get(&step.call));
                let line = factory.map_or(0, |call| context.lines.position(call.range().start().to_usize()).line);
                format!(
                    "{needs}, but its image (built from line {line}) installs no `fastapi` package; unless another \
                     package depends on it, the container fails when it starts. Add `\"fastapi[standard]\"` to the \
                     image's `pip_install(...)` or `uv_pip_install(...)`"
                )
            }
        };
        context.report(&RULE, decorator_name_range(web_decor), message, None);
    }
}

/// The image `@app.function(...)` or `@app.cls(...)` gives, or the App's when it names none.
fn image_of(app_call: &ExprCall, flow: &Flow) -> Option<Image> {
    if has_unpacked_keywords(app_call) {
        return None;
    }
    if let Some(image) = keyword(app_call, "image")
        && !image.is_none_literal_expr()
    {
        return match flow.value(image)? {
            Value::Image(last) => Some(Image::Chain(last)),
            Value::App(_) => None,
        };
    }
    let Expr::Attribute(attribute) = &*app_call.func else { return None };
    match flow.value(&attribute.value)? {
        Value::App(AppImage::Default) => Some(Image::Default),
        Value::App(AppImage::Image(last)) => Some(Image::Chain(last)),
        Value::App(AppImage::Unknown) | Value::Image(_) => None,
    }
}

/// Whether the image ending at `last` installs a package named like fastapi; `None` when some
/// step may install packages the file does not show.
fn installs_fastapi(flow: &Flow, last: usize, calls: &HashMap<TextRange, &ExprCall>) -> Option<bool> {
    let mut found = false;
    for (_, step) in flow.chain(last) {
        let method = step.method.as_str();
        if step.previous.is_none() {
            return PLAIN_FACTORIES.contains(&method).then_some(found);
        }
        if ADD_LOCAL_METHODS.contains(&method) || CONFIG_STEPS.contains(&method) {
            continue;
        }
        if !PACKAGE_STEPS.contains(&method) {
            return None;
        }
        let call = calls.get(&step.call)?;
        if has_unpacked_keywords(call)
            || call.arguments.keywords.iter().any(|keyword| {
                keyword.arg.as_ref().is_some_and(|name| PACKAGE_SOURCE_KEYWORDS.contains(&name.as_str()))
            })
        {
            return None;
        }
        for arg in &call.arguments.args {
            let packages = match arg {
                Expr::List(list) => &list.elts[..],
                other => std::slice::from_ref(other),
            };
            for package in packages {
                found |= string(package)?.to_ascii_lowercase().contains("fastapi");
            }
        }
    }
    None
}

/// Whether a function imports fastapi or uses a module-level name taken from it.
fn builds_fastapi(function: &StmtFunctionDef, flow: &Flow) -> bool {
    let mut finder = FastApiUse { flow, found: false };
    for stmt in &function.body {
        finder.visit_stmt(stmt);
    }
    finder.found
}

struct FastApiUse<'f> {
    flow: &'f Flow,
    found: bool,
}

impl<'a> Visitor<'a> for FastApiUse<'_> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        let is_fastapi = |module: &str| module == "fastapi" || module.starts_with("fastapi.");
        match stmt {
            Stmt::Import(import) if import.names.iter().any(|alias| is_fastapi(alias.name.as_str())) => {
                self.found = true;
            }
            Stmt::ImportFrom(import)
                if import.level == 0 && import.module.as_ref().is_some_and(|module| is_fastapi(module.as_str())) =>
            {
                self.found = true;
            }
            _ => walk_stmt(self, stmt),
        }
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        if let Expr::Name(name) = expr
            && name.ctx.is_load()
            && self.flow.fastapi_names.contains(name.id.as_str())
        {
            self.found = true;
        }
        walk_expr(self, expr);
    }
}
