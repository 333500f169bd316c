//! MDL028: an image build step after `add_local_*` without `copy=True`.

use std::collections::{HashMap, HashSet};

use ruff_python_ast::{Expr, ExprCall};
use ruff_text_size::{Ranged, TextRange};

use super::chain::layer_method;
use super::flow::Flow;
use crate::api::image::{ADD_LOCAL_METHODS, BUILD_STEPS};
use crate::diagnostic::{Fix, Severity};
use crate::rules::toolkit::{has_unpacked_keywords, insert, keyword, replace};
use crate::rules::{Context, Rule, RuleFix};

pub const RULE: Rule = Rule {
    id: "MDL028",
    name: "build-step-after-add-local",
    severity: Severity::Error,
    summary: "Finds `add_local_file`, `add_local_dir` and `add_local_python_source` calls without `copy=True` that a \
              build step such as `pip_install` or `run_commands` follows, in one chain or through a reassigned name.",
    why: "By default the `add_local_*` methods do not put the files into the image: Modal adds them when a container \
          starts, so changing them needs no rebuild. No layer can be built on top of files that arrive only then, \
          so building the image fails with `InvalidError` (\"An image tried to run a build step after using \
          image.add_local_*\"), and `modal run` or `modal deploy` stops. Put the `add_local_*` calls last, or pass \
          `copy=True` to build the files into a layer of the image (every change to them then rebuilds the steps \
          after it). An `add_local_*(..., copy=True)` is a build step itself.",
    bad: "image = (\n    modal.Image.debian_slim()\n    .add_local_dir(\"src\", remote_path=\"/root/src\")\n    \
          .run_commands(\"pip install /root/src\")\n)",
    good: "image = (\n    modal.Image.debian_slim()\n    .add_local_dir(\"src\", remote_path=\"/root/src\", copy=True)\n    \
           .run_commands(\"pip install /root/src\")\n)",
    fix: Some(RuleFix::unsafe_because(
        "Pass `copy=True` to the `add_local_*` call.",
        "builds the local files into the image, so every change to them rebuilds the steps after it",
    )),
    check,
};

/// What an `add_local_*` call says about `copy`.
#[derive(PartialEq, Eq)]
enum Copy {
    No,
    Yes,
    /// Not a literal, or hidden in `**kwargs`.
    Unknown,
}

fn copy(call: &ExprCall) -> Copy {
    if has_unpacked_keywords(call) {
        return Copy::Unknown;
    }
    match keyword(call, "copy") {
        None => Copy::No,
        Some(Expr::BooleanLiteral(literal)) if literal.value => Copy::Yes,
        Some(Expr::BooleanLiteral(_)) => Copy::No,
        Some(_) => Copy::Unknown,
    }
}

fn check(context: &Context) {
    let model = context.model;
    if !model.calls.iter().any(|call| layer_method(&call.path, ADD_LOCAL_METHODS).is_some()) {
        return;
    }
    let calls: HashMap<TextRange, &ExprCall> = model.calls.iter().map(|call| (call.call.range(), call.call)).collect();
    let flow = Flow::new(context);
    let mut reported = HashSet::new();
    for (index, step) in flow.steps.iter().enumerate() {
        let Some(call) = calls.get(&step.call) else { continue };
        let is_add_local = ADD_LOCAL_METHODS.contains(&step.method.as_str());
        let builds = BUILD_STEPS.contains(&step.method.as_str()) || (is_add_local && copy(call) == Copy::Yes);
        if step.previous.is_none() || !builds {
            continue;
        }
        // The `add_local_*` steps right before this one; an earlier build step has had its turn.
        for (before_index, before) in flow.chain(index).skip(1) {
            if before.previous.is_none() || !ADD_LOCAL_METHODS.contains(&before.method.as_str()) {
                break;
            }
            let Some(before_call) = calls.get(&before.call) else { break };
            match copy(before_call) {
                Copy::No if reported.insert(before_index) => report_add_local(context, before_call, call),
                Copy::No => {}
                Copy::Yes | Copy::Unknown => break,
            }
        }
    }
}

/// The `add_local_*` call `add_local`, without `copy=True`, is followed by `build_step`.
fn report_add_local(context: &Context, add_local: &ExprCall, build_step: &ExprCall) {
    let (Expr::Attribute(add), Expr::Attribute(build)) = (&*add_local.func, &*build_step.func) else { return };
    let line = context.lines.position(build.attr.range().start().to_usize()).line;
    let message = format!(
        "`{}` without `copy=True` is followed by the build step `{}` (line {line}); building the image fails with \
         InvalidError. Pass `copy=True`, or move the `add_local_*` calls after every build step",
        add.attr, build.attr
    );
    context.report(&RULE, add.attr.range(), message, copy_fix(add_local, context.source));
}

/// `copy=False` becomes `copy=True`; otherwise `copy=True` goes after the last argument.
fn copy_fix(call: &ExprCall, source: &str) -> Option<Fix> {
    let arguments = &call.arguments;
    let edit = if let Some(value) = keyword(call, "copy") {
        replace(value.range(), "True")
    } else {
        let last = arguments.args.iter().map(Ranged::end).chain(arguments.keywords.iter().map(Ranged::end)).max();
        match last {
            Some(end) => insert(end, ", copy=True"),
            None => {
                let open = arguments.range().start();
                // Code that did not parse cleanly may lack the bracket.
                if source.get(open.to_usize()..open.to_usize() + 1) != Some("(") {
                    return None;
                }
                insert(open + ruff_text_size::TextSize::from(1), "copy=True")
            }
        }
    };
    Some(RULE.fix_with("Pass copy=True", vec![edit]))
}
