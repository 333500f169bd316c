//! MDL015: `@modal.*` decorators on one function that the client refuses to combine.

use super::definitions::{CALLABLE, LIFECYCLE, WEB, applied};
use crate::diagnostic::Severity;
use crate::model::{Decor, decorator_name_range};
use crate::rules::{Context, Rule};

pub const RULE: Rule = Rule {
    id: "MDL015",
    name: "decorator-conflict",
    severity: Severity::Error,
    summary: "Finds a lifecycle hook (`@modal.enter()`, `@modal.exit()`) that is also a method or a web endpoint, a \
              `@modal.method()` or `@modal.batched()` that is also a web endpoint, and functions with two web \
              decorators.",
    why: "Each `@modal.*` decorator gives the function a role, and some roles exclude each other. A lifecycle hook runs \
          by itself when a container starts or stops, so it cannot also be called (`method`, `batched`) or serve HTTP \
          (`InvalidError: Interface decorators cannot be combined with lifecycle decorators.`). A function is called \
          either from Python or over HTTP, not both (`InvalidError: Callable decorators cannot be combined with web \
          interface decorators.`). And a function serves one kind of endpoint: a second web decorator raises \
          `InvalidError: Cannot set webhook_config twice.` The error comes as the decorators are applied, so the \
          module fails to import; it does not matter whether the function is a method or sits under \
          `@app.function()`. To do both, write two functions: the web method can call the shared code.",
    bad: "@app.cls()\nclass Model:\n    @modal.enter()\n    @modal.method()\n    def load(self):\n        ...",
    good: "@app.cls()\nclass Model:\n    @modal.enter()\n    def load(self):\n        ...\n\n    @modal.method()\n    \
           def predict(self, x):\n        ...",
    fix: None,
    check,
};

/// What a decorator makes of the function, as the client's flags say.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Lifecycle,
    Callable,
    Web,
}

fn role(name: &str) -> Option<Role> {
    if LIFECYCLE.contains(&name) {
        Some(Role::Lifecycle)
    } else if CALLABLE.contains(&name) {
        Some(Role::Callable)
    } else if WEB.contains(&name) {
        Some(Role::Web)
    } else {
        None
    }
}

fn check(context: &Context) {
    for definition in &context.model.definitions {
        // The client applies decorators from the bottom up and raises at the first that conflicts.
        let mut seen: Vec<(&Decor, Role)> = Vec::new();
        for (decor, name) in applied(definition).into_iter().rev() {
            let Some(role) = role(name) else { continue };
            // Two hooks or two callables may stack; any other pair conflicts, two web decorators included.
            let conflict = seen.iter().find(|(_, earlier)| *earlier != role || role == Role::Web);
            if let Some((earlier, earlier_role)) = conflict {
                report_conflict(context, decor, role, earlier, *earlier_role);
                break;
            }
            seen.push((decor, role));
        }
    }
}

/// `decor`, with the role `role`, conflicts with `earlier`, applied before it.
fn report_conflict(context: &Context, decor: &Decor, role: Role, earlier: &Decor, earlier_role: Role) {
    let written = context.text(decorator_name_range(decor));
    let earlier_written = context.text(decorator_name_range(earlier));
    let (why, error) = match (role, earlier_role) {
        (Role::Web, Role::Web) => ("a function serves one kind of web endpoint", "Cannot set `webhook_config` twice."),
        (Role::Lifecycle, _) | (_, Role::Lifecycle) => (
            "a lifecycle hook runs by itself when a container starts or stops and cannot also be called or serve HTTP",
            "Interface decorators cannot be combined with lifecycle decorators.",
        ),
        _ => (
            "a function is called either from Python or over HTTP, not both",
            "Callable decorators cannot be combined with web interface decorators.",
        ),
    };
    let message = format!(
        "`@{written}()` cannot be combined with `@{earlier_written}()` on one function ({why}); the client raises \
         InvalidError (\"{error}\")"
    );
    context.report(&RULE, decorator_name_range(decor), message, None);
}
