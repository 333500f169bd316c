//! MDL003: a keyword the called function of the client does not take.

use std::collections::HashSet;

use ruff_text_size::{Ranged, TextRange};

use super::toolkit::replace;
use super::{Context, Rule, RuleFix};
use crate::api::{ApiName, CLIENT_VERSION, DECORATORS, RENAMED, closest, lookup, resolve};
use crate::diagnostic::Severity;

pub const RULE: Rule = Rule {
    id: "MDL003",
    name: "unknown-parameter",
    severity: Severity::Error,
    summary: "Finds keywords that a function or method of the client does not take, such as `mounts=` on \
              `@app.function()`, `schedule=` on a class, or a misspelt `min_container=`.",
    why: "The client's functions take a fixed set of keywords; any other raises `TypeError` when the call runs, which \
          for a decorator is when the module is imported (a few removed ones raise `DeprecationError` instead). \
          Keywords that were removed, and typos, are the usual cause. The keywords come from the client's own \
          signatures, for every public function and method.",
    bad: "@app.cls(schedule=modal.Period(hours=1))\nclass Model:\n    ...\n\n\
          image = modal.Image.debian_slim().pip_install(\"torch\", index=\"https://download.pytorch.org/whl/cu124\")",
    good: "@app.function(schedule=modal.Period(hours=1))\ndef refresh():\n    ...\n\n\
           image = modal.Image.debian_slim().pip_install(\"torch\", index_url=\"https://download.pytorch.org/whl/cu124\")",
    fix: Some(RuleFix::safe("Where the keyword is a typo of one the function takes, rename it to that one.")),
    check,
};

/// Keywords that a rule of their own reports, with what to do instead: (callee, keyword).
const REPORTED_ELSEWHERE: &[(&str, &str)] = &[
    // MDL014: how a Dict's entries expire instead.
    ("Dict.put", "ttl"),
];

fn check(context: &Context) {
    let decorators: HashSet<TextRange> = context
        .model
        .definitions
        .iter()
        .flat_map(|definition| definition.decorators.iter().filter_map(|decor| decor.call))
        .map(|call| call.range())
        .collect();
    for call in &context.model.calls {
        let Some(callee) = resolve(&call.path) else { continue };
        if !callee.has_signature || callee.any_keyword {
            continue;
        }
        for keyword in call.keywords() {
            let name = keyword.name;
            // MDL001 reports the renamed keywords, with their new names.
            if callee.keyword(name).is_some()
                || RENAMED.iter().any(|renamed| renamed.old == name)
                || REPORTED_ELSEWHERE.contains(&(callee.name, name))
            {
                continue;
            }
            let app = context.app_receiver(&call.call.func);
            let what = written(callee, app, decorators.contains(&call.call.range()));
            let (message, typo_of) = problem(callee, &what, app.unwrap_or("app"), name);
            let fix = typo_of.map(|new| RULE.fix_with(format!("Rename to `{new}`"), vec![replace(keyword.range, new)]));
            context.report(&RULE, keyword.range, message, fix);
        }
    }
}

/// How the call is written: decorators as decorators, the rest as calls; an app's methods on the
/// code's own app (`@stub.function()`).
fn written(callee: &ApiName, app: Option<&str>, is_decorator: bool) -> String {
    let at = if is_decorator { "@" } else { "" };
    match (callee.name, app) {
        ("App.function", Some(app)) => format!("`{at}{app}.function()`"),
        ("App.cls", Some(app)) => format!("`{at}{app}.cls()`"),
        (name, _) if DECORATORS.contains(&name) => format!("`@modal.{name}()`"),
        (name, _) if !name.contains('.') => format!("`modal.{name}()`"),
        (name, _) => format!("`{name}()`"),
    }
}

/// The message for `name` given to the callee written as `what` (on the app named `app`), and the
/// keyword it is a typo of.
fn problem(callee: &ApiName, what: &str, app: &str, name: &str) -> (String, Option<&'static str>) {
    if name == "mounts" && matches!(callee.name, "App" | "App.function" | "App.cls") {
        // Removed before the 1.x releases the data covers.
        let message = format!(
            "{what} has no parameter `mounts` (removed in 1.0); add local files to the image with \
             `Image.add_local_dir`, `add_local_file` or `add_local_python_source`"
        );
        return (message, None);
    }
    if callee.name == "App.cls" && lookup("App.function").is_some_and(|function| function.keyword(name).is_some()) {
        return (format!("`{name}` is only for `@{app}.function()`; `@{app}.cls()` raises TypeError"), None);
    }
    if let Some(removed) = callee.removed_keywords.iter().find(|removed| removed.name == name) {
        let when = removed.removed.as_ref().map_or_else(String::new, |version| format!(" (removed in {version})"));
        let said = match removed.deprecated {
            Some(deprecated) if deprecated.raises_since.is_some() => {
                format!("the client raises DeprecationError: {}", deprecated.message)
            }
            Some(deprecated) => format!("the client raises TypeError; it was deprecated: {}", deprecated.message),
            None => "the client raises TypeError".into(),
        };
        return (format!("{what} no longer takes `{name}`{when}; {said}"), None);
    }
    let typo_of = closest(name, callee.keywords.iter().map(|keyword| keyword.name));
    let message = match typo_of {
        Some(close) => format!("{what} has no parameter `{name}` in modal {CLIENT_VERSION}: did you mean `{close}`?"),
        None => format!("{what} has no parameter `{name}` in modal {CLIENT_VERSION}; the client raises TypeError"),
    };
    (message, typo_of)
}
