//! MDL003: a keyword `@app.function()` or `@app.cls()` does not take.

use ruff_text_size::Ranged;

use super::{Context, Rule};
use crate::api::{CLIENT_VERSION, CLS_PARAMETERS, FUNCTION_PARAMETERS, RENAMED};
use crate::diagnostic::Severity;

pub const RULE: Rule = Rule {
    id: "MDL003",
    name: "unknown-parameter",
    severity: Severity::Error,
    summary: "Finds keywords that `@app.function()` or `@app.cls()` does not accept, such as `mounts=` or `schedule=` on a class.",
    why: "Both decorators take keyword arguments only, from a fixed list; any other keyword raises `TypeError` (or, for \
          `allow_concurrent_inputs`, `DeprecationError`) when the module is imported. Removed options such as `mounts` \
          are the usual cause.",
    bad: "@app.cls(schedule=modal.Period(hours=1))\nclass Model:\n    ...",
    good: "@app.function(schedule=modal.Period(hours=1))\ndef refresh():\n    ...",
    fix: None,
    check,
};

fn check(context: &mut Context) {
    let model = context.model;
    let mut found = Vec::new();
    for (path, allowed, what) in
        [("<app>.function", FUNCTION_PARAMETERS, "@app.function()"), ("<app>.cls", CLS_PARAMETERS, "@app.cls()")]
    {
        for (_, decor) in model.decorated_with(path) {
            let Some(call) = decor.call else { continue };
            for keyword in call.arguments.keywords.iter() {
                let Some(name) = &keyword.arg else { continue };
                let name_text = name.as_str();
                if allowed.contains(&name_text) || RENAMED.iter().any(|renamed| renamed.old == name_text) {
                    continue;
                }
                let message = match name_text {
                    "allow_concurrent_inputs" => {
                        "`allow_concurrent_inputs` was replaced by the `@modal.concurrent(max_inputs=...)` \
                                                  decorator; the client raises DeprecationError (deprecated 2025-04-09)"
                            .to_string()
                    }
                    "mounts" => format!(
                        "{what} has no parameter `mounts` (removed in 1.0); add local files to the image with \
                         `Image.add_local_dir`, `add_local_file` or `add_local_python_source`"
                    ),
                    "schedule" | "name" | "is_generator" if path == "<app>.cls" => {
                        format!("`{name_text}` is only for `@app.function()`; `@app.cls()` raises TypeError")
                    }
                    _ => format!(
                        "{what} has no parameter `{name_text}` in modal {CLIENT_VERSION}; the client raises TypeError"
                    ),
                };
                found.push((name.range(), message));
            }
        }
    }
    for (range, message) in found {
        context.report(&RULE, range, message, None);
    }
}
