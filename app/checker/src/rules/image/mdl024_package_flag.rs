//! MDL024: a command-line option among the packages of `pip_install` or `uv_pip_install`.

use ruff_python_ast::Expr;
use ruff_text_size::Ranged;

use super::chain::layer_method;
use crate::api::image::{OPTION_KEYWORDS, PACKAGE_METHODS};
use crate::diagnostic::Severity;
use crate::rules::toolkit::{excerpt, string};
use crate::rules::{Context, Rule};

pub const RULE: Rule = Rule {
    id: "MDL024",
    name: "package-flag",
    severity: Severity::Error,
    summary: "Finds options such as `\"--upgrade\"` or `\"--index-url\"` passed as packages to `Image.pip_install()` or \
              `Image.uv_pip_install()`.",
    why: "These methods take package names only: an argument that starts with `-` makes them raise `InvalidError` as \
          soon as the line runs, so the module fails to import. Options have keywords of their own: `index_url=`, \
          `extra_index_url=`, `find_links=` and `pre=True`, and `extra_options=\"...\"` for anything else, which is \
          added to the install command as written.",
    bad: "image = modal.Image.debian_slim().pip_install(\n    \
          \"torch\", \"--index-url\", \"https://download.pytorch.org/whl/cpu\"\n)",
    good: "image = modal.Image.debian_slim().pip_install(\n    \
           \"torch\", index_url=\"https://download.pytorch.org/whl/cpu\"\n)",
    fix: None,
    check,
};

fn check(context: &Context) {
    let model = context.model;
    for modal_call in &model.calls {
        let Some(method) = layer_method(&modal_call.path, PACKAGE_METHODS) else { continue };
        let packages = modal_call.call.arguments.args.iter().flat_map(|arg| match arg {
            Expr::List(list) => &list.elts[..],
            other => std::slice::from_ref(other),
        });
        for package in packages {
            let Some(option) = string(package).filter(|text| text.starts_with('-')) else { continue };
            context.report(&RULE, package.range(), message(method, option), None);
        }
    }
}

fn message(method: &str, option: &str) -> String {
    let name = option.trim_start_matches('-').split('=').next().unwrap_or("").replace('-', "_");
    let instead = match OPTION_KEYWORDS.iter().find(|keyword| **keyword == name) {
        // The file would have to be in the image already: these read it from your machine.
        None if name == "r" || name == "requirement" => {
            "install a requirements file with `pip_install_from_requirements(\"requirements.txt\")` or \
             `uv_pip_install(requirements=[\"requirements.txt\"])` instead"
                .to_string()
        }
        Some(&"pre") => "pass `pre=True` instead".to_string(),
        Some(keyword) => format!("pass it with the `{keyword}=` keyword instead"),
        None => format!("pass options with `extra_options=\"{}\"` instead", excerpt(option)),
    };
    format!(
        "`{method}` takes package names only, got the option \"{}\"; the client raises InvalidError: {instead}",
        excerpt(option)
    )
}
