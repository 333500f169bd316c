//! MDL027: a lambda given to `Image.run_function()`.

use ruff_python_ast::Expr;
use ruff_text_size::{Ranged, TextRange, TextSize};

use super::chain::layer_method;
use crate::diagnostic::Severity;
use crate::rules::toolkit::argument;
use crate::rules::{Context, Rule};

pub const RULE: Rule = Rule {
    id: "MDL027",
    name: "run-function-lambda",
    severity: Severity::Error,
    summary: "Finds a `lambda` passed to `Image.run_function()`.",
    why: "`run_function` runs one of your functions in a container as an image build step, and it rejects lambdas: \
          the client raises `InvalidError` (\"does not support lambda functions\") as soon as the line runs, so the \
          module fails to import. Define the step with `def` at module level and pass it by name; give it arguments \
          with `args=` and `kwargs=`.",
    bad: "image = modal.Image.debian_slim().pip_install(\"huggingface_hub\").run_function(\n    \
          lambda: __import__(\"huggingface_hub\").snapshot_download(\"gpt2\")\n)",
    good: "def download_weights():\n    from huggingface_hub import snapshot_download\n\n    snapshot_download(\"gpt2\")\n\n\n\
           image = modal.Image.debian_slim().pip_install(\"huggingface_hub\").run_function(download_weights)",
    fix: None,
    check,
};

fn check(context: &Context) {
    let model = context.model;
    for modal_call in &model.calls {
        if layer_method(&modal_call.path, &["run_function"]).is_none() {
            continue;
        }
        let Some(Expr::Lambda(lambda)) = argument(modal_call.call, 0, "raw_f") else { continue };
        // The `lambda` keyword, not the whole expression.
        let Some(range) = TextRange::at(lambda.range().start(), TextSize::from(6)).intersect(lambda.range()) else {
            continue;
        };
        context.report(
            &RULE,
            range,
            "`run_function` does not take a lambda; the client raises InvalidError. Define the build step with `def` at \
             module level and pass its name"
                .into(),
            None,
        );
    }
}
