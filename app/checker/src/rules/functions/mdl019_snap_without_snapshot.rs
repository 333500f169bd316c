//! MDL019: `@modal.enter(snap=True)` in a class that does not enable memory snapshots.

use ruff_python_ast::{Expr, ExprCall};
use ruff_text_size::{Ranged, TextRange};

use super::definitions::applied;
use crate::diagnostic::{Fix, Severity};
use crate::model::{Decor, DefNode, decorator_name_range};
use crate::rules::structure::decorators::{APP_CLS, APP_SERVER, Functions, called_position};
use crate::rules::toolkit::{has_unpacked_keywords, insert, keyword, replace};
use crate::rules::{Context, Rule, RuleFix};

pub const RULE: Rule = Rule {
    id: "MDL019",
    name: "snap-without-snapshot",
    severity: Severity::Error,
    summary: "Finds `@modal.enter(snap=True)` methods in a class whose `@app.cls()` does not set \
              `enable_memory_snapshot=True`.",
    why: "`snap=True` asks Modal to run the hook once, before a memory snapshot of the container is taken, so later \
          containers start from the snapshot with its work already done. Without snapshots enabled there is nothing \
          to run it before, and `@app.cls()` raises `InvalidError: A class must have enable_memory_snapshot=True to \
          use snap=True on its methods.` when the module is imported (an `@app.server()` class raises the same way). \
          Either enable snapshots on the class or drop `snap=True`, which makes it an ordinary start-up hook.",
    bad: "@app.cls(gpu=\"L4\")\nclass Model:\n    @modal.enter(snap=True)\n    def load(self):\n        ...",
    good: "@app.cls(gpu=\"L4\", enable_memory_snapshot=True)\nclass Model:\n    @modal.enter(snap=True)\n    def \
           load(self):\n        ...",
    fix: Some(RuleFix::safe("Add `enable_memory_snapshot=True` to the class decorator (or set it to `True`).")),
    check,
};

fn check(context: &Context) {
    let model = context.model;
    let functions = Functions::new(model);
    for definition in &model.definitions {
        let DefNode::Class(class) = definition.node else { continue };
        let Some(app_at) = called_position(definition, &[APP_CLS, APP_SERVER]) else { continue };
        let app = &definition.decorators[app_at];
        let Some(app_call) = app.call else { continue };
        if !snapshots_off(app_call) {
            continue;
        }
        let snaps: Vec<(&Decor, TextRange)> = functions
            .methods(class)
            .into_iter()
            .flat_map(|method| applied(method).into_iter().filter(|(_, name)| *name == "enter"))
            .filter_map(|(decor, _)| {
                let snap = decor.call?.arguments.find_keyword("snap")?;
                matches!(snap.value, Expr::BooleanLiteral(ref literal) if literal.value)
                    .then_some((decor, snap.range()))
            })
            .collect();
        // With two such hooks, one fix would clear both problems at once: offer none.
        let fix = if snaps.len() == 1 { enable_fix(context.source, app_call) } else { None };
        let error = if app.path.as_deref() == Some(APP_SERVER) {
            "Server must have `enable_memory_snapshot=True` to use `snap=True` on `@modal.enter` methods."
        } else {
            "A class must have `enable_memory_snapshot=True` to use `snap=True` on its methods."
        };
        let app_written = context.text(decorator_name_range(app)).to_string();
        for (decor, range) in snaps {
            let message = format!(
                "`@{}(snap=True)` needs `enable_memory_snapshot=True` on `@{app_written}()` of class `{}`; the client \
                 raises InvalidError (\"{error}\")",
                context.text(decorator_name_range(decor)),
                class.name
            );
            context.report(&RULE, range, message, fix.clone());
        }
    }
}

/// Whether the decorator call leaves snapshots off for certain: no `enable_memory_snapshot`,
/// or a literal false one, and no `**options` that could hold it.
fn snapshots_off(call: &ExprCall) -> bool {
    if has_unpacked_keywords(call) {
        return false;
    }
    match keyword(call, "enable_memory_snapshot") {
        None => true,
        Some(Expr::BooleanLiteral(literal)) => !literal.value,
        Some(Expr::NoneLiteral(_)) => true,
        Some(_) => false,
    }
}

/// Adds `enable_memory_snapshot=True` after the last argument, or sets the false one to `True`.
fn enable_fix(source: &str, call: &ExprCall) -> Option<Fix> {
    let title = "Enable memory snapshots on the class".to_string();
    if let Some(value) = keyword(call, "enable_memory_snapshot") {
        let range = value.range();
        return Some(RULE.fix_with(title, vec![replace(range, "True")]));
    }
    let last_end = call
        .arguments
        .args
        .iter()
        .map(Ranged::range)
        .chain(call.arguments.keywords.iter().map(Ranged::range))
        .map(|range| range.end())
        .max();
    let (at, replacement) = match last_end {
        Some(end) => (end, ", enable_memory_snapshot=True"),
        // Just inside the closing parenthesis.
        None => (call.arguments.range().end().checked_sub(1.into())?, "enable_memory_snapshot=True"),
    };
    if last_end.is_none() && source.get(at.to_usize()..at.to_usize() + 1) != Some(")") {
        return None;
    }
    Some(RULE.fix_with(title, vec![insert(at, replacement)]))
}
