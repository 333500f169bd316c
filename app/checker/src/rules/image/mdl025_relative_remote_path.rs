//! MDL025: a relative `remote_path` in `Image.add_local_file()` or `Image.add_local_dir()`.

use ruff_text_size::Ranged;

use super::chain::layer_method;
use crate::api::image::REMOTE_PATH_METHODS;
use crate::diagnostic::Severity;
use crate::rules::toolkit::{argument, excerpt, string};
use crate::rules::{Context, Rule};

pub const RULE: Rule = Rule {
    id: "MDL025",
    name: "relative-remote-path",
    severity: Severity::Error,
    summary: "Finds a `remote_path` that does not start with `/` in `Image.add_local_file()` and \
              `Image.add_local_dir()`.",
    why: "The path inside the container must be absolute: for a relative one the client raises `InvalidError` \
          (\"currently only supports absolute remote_path values\") as soon as the line runs, so the module fails to \
          import. Write where the files should appear, such as `/root/data`; Modal does not resolve a relative path \
          against a working directory.",
    bad: "image = modal.Image.debian_slim().add_local_dir(\"data\", remote_path=\"data\")",
    good: "image = modal.Image.debian_slim().add_local_dir(\"data\", remote_path=\"/root/data\")",
    fix: None,
    check,
};

fn check(context: &Context) {
    let model = context.model;
    for modal_call in &model.calls {
        let Some(method) = layer_method(&modal_call.path, REMOTE_PATH_METHODS) else { continue };
        let Some(value) = argument(modal_call.call, 1, "remote_path") else { continue };
        let Some(path) = string(value).filter(|path| !path.starts_with('/')) else { continue };
        context.report(&RULE, value.range(), format!(
                "`{method}` needs an absolute `remote_path`, a path in the container such as \"/root/data\", got \"{}\"; \
                 the client raises InvalidError",
                excerpt(path)
            ), None);
    }
}
