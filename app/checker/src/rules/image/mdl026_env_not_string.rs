//! MDL026: an environment variable given a value that is not a string.

use ruff_python_ast::{DictItem, Expr, ExprCall};
use ruff_text_size::Ranged;

use super::chain::{factory, layer_method};
use crate::api::image::SECRET_ENV_METHODS;
use crate::diagnostic::{Fix, Severity};
use crate::rules::structure::decorators::{APP_CLS, APP_FUNCTION};
use crate::rules::toolkit::{argument, excerpt, keyword, literal_type, replace, string};
use crate::rules::{Context, Rule, RuleFix};

pub const RULE: Rule = Rule {
    id: "MDL026",
    name: "env-not-string",
    severity: Severity::Error,
    summary: "Finds literal values other than strings in `Image.env({...})`, in `env={...}` of `@app.function()`, \
              `@app.cls()`, `with_options()` and image build steps, and in `modal.Secret.from_dict({...})`.",
    why: "Environment variables are strings, and the client checks: `Image.env` raises `InvalidError` (\"Image ENV \
          variables must be strings\") for any other value, `None` included, as soon as the line runs. An `env=` dict \
          becomes `modal.Secret.from_dict(env)`, which raises `InvalidError` for a value that is neither a string nor \
          `None` (a `None` entry is left out), and for a key that is not a string. Write numbers and flags as strings: \
          `\"4\"`, `\"1\"`.",
    bad: "image = modal.Image.debian_slim().env({\"WORKERS\": 4, \"DEBUG\": True})",
    good: "image = modal.Image.debian_slim().env({\"WORKERS\": \"4\", \"DEBUG\": \"1\"})",
    fix: Some(RuleFix::safe("Quote a number or `True`/`False` as written (`4` becomes `\"4\"`).")),
    check,
};

/// Where an environment dict is given, and what it accepts.
struct EnvDict<'c> {
    /// How the message names it: "`Image.env`", "`env=`".
    what: &'static str,
    dict: &'c Expr,
    /// `Secret.from_dict` drops `None` values and checks keys; `Image.env` takes strings only.
    secret: bool,
}

fn env_dict<'c>(call: &'c ExprCall, path: &str) -> Option<EnvDict<'c>> {
    if layer_method(path, &["env"]).is_some() {
        return Some(EnvDict { what: "`Image.env`", dict: argument(call, 0, "vars")?, secret: false });
    }
    if path == "modal.Secret.from_dict" {
        return Some(EnvDict { what: "`Secret.from_dict`", dict: argument(call, 0, "env_dict")?, secret: true });
    }
    // `env=` of App.function, App.cls and Cls.with_options, and of the image methods taking one.
    let takes_env = path == APP_FUNCTION
        || path == APP_CLS
        || (path.starts_with("modal.") && path.ends_with(".with_options"))
        || layer_method(path, SECRET_ENV_METHODS).is_some()
        || factory(path).is_some_and(|method| SECRET_ENV_METHODS.contains(&method));
    takes_env.then(|| Some(EnvDict { what: "`env=`", dict: keyword(call, "env")?, secret: true })).flatten()
}

fn check(context: &Context) {
    let model = context.model;
    for modal_call in &model.calls {
        let Some(env) = env_dict(modal_call.call, &modal_call.path) else { continue };
        let Expr::Dict(dict) = env.dict else { continue };
        // `**other` may bring any value, or replace these.
        if dict.items.iter().any(|item| item.key.is_none()) {
            continue;
        }
        for (at, item) in dict.items.iter().enumerate() {
            if overridden(item, &dict.items[at + 1..]) {
                continue;
            }
            let Some(key) = &item.key else { continue };
            let name =
                string(key).map_or_else(|| excerpt(context.text(key.range())), |name| format!("\"{}\"", excerpt(name)));
            if env.secret
                && let Some(kind) = literal_type(key).filter(|kind| *kind != "str")
            {
                context.report(
                    &RULE,
                    key.range(),
                    format!(
                        "environment variable names in {} must be strings, got {}; the client raises InvalidError",
                        env.what,
                        described(kind, context.text(key.range()))
                    ),
                    None,
                );
            }
            let value = &item.value;
            let Some(kind) = literal_type(value) else { continue };
            if kind == "str" || (kind == "NoneType" && env.secret) {
                continue;
            }
            let written = context.text(value.range());
            let allowed = if env.secret { "strings (or None)" } else { "strings" };
            context.report(
                &RULE,
                value.range(),
                format!(
                    "values in {} must be {allowed}, got {} for {name}; the client raises InvalidError",
                    env.what,
                    described(kind, written)
                ),
                quote_fix(value, written),
            );
        }
    }
}

/// `the int 4`, `None`.
fn described(kind: &str, written: &str) -> String {
    if kind == "NoneType" { "None".into() } else { format!("the {kind} {}", excerpt(written)) }
}

/// A later entry may replace this one: the same key, or a key that is not a literal.
fn overridden(item: &DictItem, later: &[DictItem]) -> bool {
    let Some(key) = item.key.as_ref().and_then(string) else { return false };
    later.iter().any(|other| other.key.as_ref().is_none_or(|other| string(other).is_none_or(|other| other == key)))
}

/// `4` → `"4"`, `-1.5` → `"-1.5"`, `True` → `"True"`: the value as written, as a string. Only
/// plain decimals, so the string reads as the number did (`0x10` or `1e3` would not).
fn quote_fix(value: &Expr, written: &str) -> Option<Fix> {
    let unsigned = written.strip_prefix('-').unwrap_or(written);
    let plain_number = matches!(literal_type(value), Some("int" | "float"))
        && unsigned.bytes().any(|b| b.is_ascii_digit())
        && unsigned.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && unsigned.bytes().filter(|b| *b == b'.').count() <= 1;
    let boolean = matches!(value, Expr::BooleanLiteral(_));
    (plain_number || boolean).then(|| {
        RULE.fix_with(
            format!("Write the value as the string \"{written}\""),
            vec![replace(value.range(), format!("\"{written}\""))],
        )
    })
}
