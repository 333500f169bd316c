//! MDL016: a web function the client refuses: an async or parameterised app factory or web
//! server, a `web_server` without a valid port, a web function that is a generator.

use ruff_python_ast::ExprCall;
use ruff_text_size::Ranged;

use super::definitions::{WEB, applied, async_keyword, first_yield, function};
use crate::diagnostic::Severity;
use crate::model::{Decor, decorator_name_range};
use crate::rules::structure::decorators::{APP_FUNCTION, called_position};
use crate::rules::toolkit::{excerpt, has_unpacked_arguments, keyword, literal_type, number};
use crate::rules::{Context, Rule};

pub const RULE: Rule = Rule {
    id: "MDL016",
    name: "web-function-shape",
    severity: Severity::Error,
    summary: "Finds `@modal.asgi_app()`, `@modal.wsgi_app()` and `@modal.web_server()` functions that are `async` or \
              take parameters, `@modal.web_server()` without a valid port, and web functions that are generators.",
    why: "`asgi_app` and `wsgi_app` call your function once to get the app object, and `web_server` calls it once to \
          start the server process; none of them passes arguments or awaits. So the function must be a plain `def` \
          with no parameters (`self` aside): otherwise the decorator raises `InvalidError` (\"can't be applied to an \
          async function\", \"can't have parameters\"). The app's own route handlers may still be async. \
          `web_server` needs the port the server listens on, an int from 1 to 65535, as its first argument \
          (`TypeError` without it, `InvalidError` for another value), and a positive `startup_timeout`. Finally, \
          `@app.function()` refuses a web function that is a generator (`InvalidError: Webhooks cannot be \
          generators`); to stream a response, return a FastAPI `StreamingResponse` that wraps the generator. \
          (`@app.cls()` does not check its methods for generators, so this rule does not either.)",
    bad: "@app.function()\n@modal.asgi_app()\nasync def web(prefix: str):\n    ...",
    good: "@app.function()\n@modal.asgi_app()\ndef web():\n    ...",
    fix: None,
    check,
};

/// The web decorators that call the function once to get an app or start a server.
const FACTORIES: &[&str] = &["asgi_app", "wsgi_app", "web_server"];
const WEB_SERVER: &str = "web_server";

fn check(context: &Context) {
    let model = context.model;
    for definition in &model.definitions {
        let Some(function) = function(definition) else { continue };
        let web: Vec<(&Decor, &str)> = applied(definition).into_iter().filter(|(_, name)| WEB.contains(name)).collect();
        // The bottom one is applied first and raises first.
        if let Some((decor, name)) = web.iter().rev().find(|(_, name)| FACTORIES.contains(name)) {
            let written = context.text(decorator_name_range(decor)).to_string();
            if function.is_async {
                context.report(
                    &RULE,
                    async_keyword(context.source, function),
                    format!(
                        "`@{written}()` cannot decorate an `async def`: Modal calls `{}` once, without awaiting it, to \
                         {}; make it a plain `def`; the client raises InvalidError (\"can't be applied to an async \
                         function\")",
                        function.name,
                        if *name == WEB_SERVER { "start the server" } else { "get the app object" }
                    ),
                    None,
                );
            }
            let extra: Vec<_> =
                function.parameters.iter().filter(|parameter| parameter.name().as_str() != "self").collect();
            if let Some(first) = extra.first() {
                let names: Vec<String> = extra.iter().map(|parameter| format!("`{}`", parameter.name())).collect();
                context.report(
                    &RULE,
                    first.as_parameter().range(),
                    format!(
                        "`@{written}()` functions take no parameters{}, got {}: Modal calls `{}` with no arguments; \
                         the client raises InvalidError (\"can't have parameters\")",
                        if definition.in_class { " besides `self`" } else { "" },
                        names.join(", "),
                        function.name
                    ),
                    None,
                );
            }
        }
        for (decor, _) in web.iter().filter(|(_, name)| *name == WEB_SERVER) {
            if let Some(call) = decor.call {
                check_web_server_arguments(context, decor, call);
            }
        }
        // `@app.function()` checks the function it registers; a class's methods are not checked there.
        if !definition.in_class
            && !web.is_empty()
            && called_position(definition, &[APP_FUNCTION]).is_some()
            && let Some(at) = first_yield(function)
        {
            context.report(
                &RULE,
                at,
                format!(
                    "web function `{}` cannot be a generator (this `yield` makes it one); to stream, return a \
                     `StreamingResponse` that wraps a generator; the client raises InvalidError (\"Webhooks cannot be \
                     generators\")",
                    function.name
                ),
                None,
            );
        }
    }
}

/// `port` (first argument, required, an int from 1 to 65535) and `startup_timeout` (positive).
fn check_web_server_arguments(context: &Context, decor: &Decor, call: &ExprCall) {
    let arguments = &call.arguments;
    if has_unpacked_arguments(call) {
        return;
    }
    let written = context.text(decorator_name_range(decor)).to_string();
    let port = arguments.args.first().or_else(|| keyword(call, "port"));
    match port {
        None => context.report(
            &RULE,
            decorator_name_range(decor),
            format!(
                "`@{written}()` needs the port the server listens on, such as `@{written}(8000)`; the client raises \
                 TypeError (missing argument `port`)"
            ),
            None,
        ),
        Some(port) => {
            let valid = match (literal_type(port), number(port)) {
                (Some("int"), Some(value)) => (1.0..=65535.0).contains(&value.value),
                (Some("bool") | None, _) => true,
                _ => false,
            };
            if !valid {
                context.report(
                    &RULE,
                    port.range(),
                    format!(
                        "the port of `@{written}()` must be an int from 1 to 65535, got `{}`; the client raises \
                         InvalidError (\"First argument of `@web_server` must be a local port\")",
                        excerpt(context.text(port.range()))
                    ),
                    None,
                );
            }
        }
    }
    if let Some(timeout) = keyword(call, "startup_timeout")
        && let Some(value) = number(timeout)
        && value.value <= 0.0
    {
        context.report(
            &RULE,
            timeout.range(),
            format!(
                "`startup_timeout` must be a positive number of seconds, got {}; the client raises InvalidError",
                excerpt(context.text(timeout.range()))
            ),
            None,
        );
    }
}
