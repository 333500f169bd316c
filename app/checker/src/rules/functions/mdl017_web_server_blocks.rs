//! MDL017: a `@modal.web_server` function that runs its server in the foreground, so it never
//! returns.

use ruff_python_ast::{Expr, ExprCall};
use ruff_text_size::{Ranged, TextRange};

use super::definitions::{applied_one_of, function, own_calls};
use super::imports::{FunctionNames, function_names};
use crate::diagnostic::{Fix, Severity};
use crate::model::decorator_name_range;
use crate::rules::toolkit::{replace, string};
use crate::rules::{Context, Rule, RuleFix};

pub const RULE: Rule = Rule {
    id: "MDL017",
    name: "web-server-blocks",
    severity: Severity::Warning,
    summary: "Finds `@modal.web_server()` functions that start their server with a call that waits for it to exit \
              (`subprocess.run`, `subprocess.call`, `subprocess.check_call`, `subprocess.check_output`, `os.system`).",
    why: "Modal runs a `web_server` function once when the container starts, waits for it to return, and only then \
          waits up to `startup_timeout` seconds for the port to accept connections. `subprocess.run(...)` and the \
          other calls found here wait until the command exits, and a server does not exit, so the function never \
          returns, the endpoint never becomes ready and requests fail. The client cannot see this when the module is \
          imported, hence a warning. Start the server in the background with `subprocess.Popen(...)` (listening on \
          `0.0.0.0`) and let the function return. A short setup command is fine when something else starts the \
          server in the background, so the rule stays quiet when the function also calls `Popen` or starts a thread \
          or process, and for shell commands that end in `&`.",
    bad: "@app.function()\n@modal.web_server(port=8000)\ndef custom_server():\n    import subprocess\n\n    \
          subprocess.run([\"python\", \"-m\", \"http.server\", \"8000\"])",
    good: "@app.function()\n@modal.web_server(port=8000)\ndef custom_server():\n    import subprocess\n\n    \
           subprocess.Popen([\"python\", \"-m\", \"http.server\", \"8000\", \"--bind\", \"0.0.0.0\"])",
    fix: Some(RuleFix::unsafe_because(
        "Replace `subprocess.run` (or `call`, `check_call`) with `subprocess.Popen` when its result is not used \
               and it has no argument that only `run` takes (`check`, `capture_output`, `input`, `timeout`).",
        "runs the command in the background (the function no longer waits for it to finish, nor fails when it fails)",
    )),
    check,
};

/// Calls that wait for the command to finish.
const BLOCKING: &[&str] =
    &["subprocess.run", "subprocess.call", "subprocess.check_call", "subprocess.check_output", "os.system"];
/// Calls that start a process and return.
const BACKGROUND: &[&str] = &["subprocess.Popen", "os.popen", "os.posix_spawn", "os.posix_spawnp"];
/// The blocking calls that take `Popen`'s arguments, so `Popen` can replace them.
const REPLACEABLE: &[&str] = &["subprocess.run", "subprocess.call", "subprocess.check_call"];
/// Keywords `Popen` does not take.
const RUN_ONLY: &[&str] = &["check", "capture_output", "input", "timeout"];
/// Words in a command that put the server in the background by itself.
const DETACHING: &[&str] = &["--background", "--daemon", "--detach"];

fn check(context: &Context) {
    let model = context.model;
    let servers: Vec<_> = model
        .definitions
        .iter()
        .filter_map(|definition| {
            let (decor, _) = applied_one_of(definition, &["web_server"])?;
            let function = function(definition)?;
            // Only functions with a call that might block are worth resolving imports for.
            let maybe = own_calls(function).iter().any(|(call, _)| match &*call.func {
                Expr::Attribute(attribute) => {
                    BLOCKING.iter().any(|path| path.rsplit('.').next() == Some(attribute.attr.as_str()))
                }
                Expr::Name(_) => true,
                _ => false,
            });
            maybe.then_some((decor, function))
        })
        .collect();
    if servers.is_empty() {
        return;
    }
    let targets: Vec<TextRange> = servers.iter().map(|(_, function)| function.range()).collect();
    let names = function_names(context.module, &targets);
    for (decor, function) in servers {
        let Some(FunctionNames { body, .. }) = names.get(&function.range()) else { continue };
        let calls = own_calls(function);
        let resolved: Vec<_> = calls.iter().map(|(call, alone)| (*call, *alone, body.resolve(&call.func))).collect();
        let starts_in_background = resolved.iter().any(|(call, _, path)| {
            path.as_deref().is_some_and(|path| BACKGROUND.contains(&path) || path.starts_with("os.spawn"))
                || matches!(&*call.func, Expr::Attribute(attribute) if attribute.attr.as_str() == "start")
        });
        if starts_in_background {
            continue;
        }
        // The last blocking call is the one most likely to be the server; setup commands come before it.
        let Some((call, alone, path)) = resolved.into_iter().rev().find_map(|(call, alone, path)| {
            let path = path.filter(|path| BLOCKING.contains(&path.as_str()))?;
            (!detaches(call)).then_some((call, alone, path))
        }) else {
            continue;
        };
        let server_written = context.text(decorator_name_range(decor)).to_string();
        let callee_written = context.text(call.func.range()).to_string();
        let message = format!(
            "`{callee_written}(...)` waits for the command to exit, so `{}` never returns and `@{server_written}()` never \
             becomes ready (Modal waits for the function to return before it checks the port); start the server with \
             `subprocess.Popen(...)` and return",
            function.name
        );
        let fix = if alone { popen_fix(call, &path) } else { None };
        context.report(&RULE, call.func.range(), message, fix);
    }
}

/// A command that detaches by itself: a shell command ending in `&`, or a `--background`-like flag.
fn detaches(call: &ExprCall) -> bool {
    let Some(command) = call.arguments.args.first() else { return false };
    let words: Vec<&str> = match command {
        Expr::StringLiteral(literal) => vec![literal.value.to_str()],
        Expr::List(list) => list.elts.iter().filter_map(string).collect(),
        Expr::Tuple(tuple) => tuple.elts.iter().filter_map(string).collect(),
        _ => return false,
    };
    words.last().is_some_and(|last| last.trim_end().ends_with('&'))
        || words.iter().any(|word| word.split_whitespace().any(|part| DETACHING.contains(&part)))
}

/// `subprocess.run(...)` → `subprocess.Popen(...)`, when written as an attribute of the module
/// and given nothing that `Popen` refuses.
fn popen_fix(call: &ExprCall, path: &str) -> Option<Fix> {
    if !REPLACEABLE.contains(&path) {
        return None;
    }
    let Expr::Attribute(attribute) = &*call.func else { return None };
    let keywords = &call.arguments.keywords;
    if keywords.iter().any(|keyword| keyword.arg.as_ref().is_none_or(|arg| RUN_ONLY.contains(&arg.as_str()))) {
        return None;
    }
    let range = attribute.attr.range();
    Some(RULE.fix_with(format!("Start it with `Popen` instead of `{}`", attribute.attr), vec![replace(range, "Popen")]))
}
