//! MDL032: a Volume mount path the client refuses, or one Volume mounted at two paths.

use ruff_python_ast::{Expr, ExprCall};
use ruff_text_size::Ranged;

use crate::diagnostic::Severity;
use crate::rules::toolkit::{excerpt, keyword, string};
use crate::rules::{Context, Rule};

pub const RULE: Rule = Rule {
    id: "MDL032",
    name: "volume-mount-path",
    severity: Severity::Error,
    summary: "Checks the paths in `volumes={...}` of `@app.function()`, `@app.cls()` and `modal.Sandbox.create()`: \
              absolute and canonical, not `/`, `/root` or `/tmp`, and each Volume at one path only.",
    why: "The client validates the mount table when the decorator runs and raises `InvalidError` when a path is \
          relative (`\"data\"`) or not canonical (`\"/data/../x\"`), when it is the root directory, or when it is \
          exactly `/root` or `/tmp` (subdirectories such as `/root/models` are fine). A Volume can also be mounted at \
          only one path per function: the same object twice raises at once, and two handles to the same named Volume \
          raise when the app loads. Mount it once and use its subdirectories.",
    bad: "vol = modal.Volume.from_name(\"data\", create_if_missing=True)\n\n\n\
          @app.function(volumes={\"/tmp\": vol, \"/cache\": vol})\ndef work():\n    ...",
    good: "vol = modal.Volume.from_name(\"data\", create_if_missing=True)\n\n\n\
           @app.function(volumes={\"/data\": vol})\ndef work():\n    ...",
    fix: None,
    check,
};

fn check(context: &Context) {
    let model = context.model;
    // The same CloudBucketMount may be mounted at several paths; a name could be one.
    let has_bucket_mounts = model.calls.iter().any(|call| call.path.ends_with("CloudBucketMount"));
    for modal_call in &model.calls {
        if matches!(
            modal_call.path.as_str(),
            "<app>.function" | "<app>.cls" | "modal.Sandbox.create" | "modal.sandbox.Sandbox.create"
        ) {
            check_volumes(modal_call.call, context, has_bucket_mounts);
        }
    }
}

fn check_volumes(call: &ExprCall, context: &Context, has_bucket_mounts: bool) {
    let Some(Expr::Dict(dict)) = keyword(call, "volumes") else { return };
    let mut mounted: Vec<(String, &str)> = Vec::new();
    for item in &dict.items {
        let Some(key) = &item.key else { continue };
        let Some(path) = string(key) else { continue };
        if let Some(problem) = path_problem(path) {
            context.report(
                &RULE,
                key.range(),
                format!("Volume mount path \"{}\" {problem}; the client raises InvalidError", excerpt(path)),
                None,
            );
        }
        let Some(identity) = volume_identity(&item.value, context, has_bucket_mounts) else { continue };
        if let Some((_, first_path)) = mounted.iter().find(|(seen, _)| *seen == identity) {
            context.report(
                &RULE,
                item.value.range(),
                format!(
                    "`{}` is already mounted at \"{}\": a Volume can be mounted at only one path per function, \
                     expected one mount (use subdirectories of it); the client raises InvalidError",
                    excerpt(context.text(item.value.range())),
                    excerpt(first_path)
                ),
                None,
            );
        } else {
            mounted.push((identity, path));
        }
    }
}

/// What is wrong with a mount path, as the client judges it: it compares `PurePath(path)` with
/// `posixpath.abspath(path)`, then refuses `/`, `/root` and `/tmp`.
fn path_problem(path: &str) -> Option<String> {
    if !path.starts_with('/') {
        let relative = path.trim_start_matches("./");
        let suggestion = if relative.is_empty() || relative.split('/').any(|part| part == "..") {
            "/data".to_string()
        } else {
            format!("/{}", excerpt(relative))
        };
        return Some(format!("is relative: expected an absolute path such as \"{suggestion}\""));
    }
    let parts: Vec<&str> = path.split('/').filter(|part| !part.is_empty() && *part != ".").collect();
    if parts.contains(&"..") {
        // What `posixpath.abspath` makes of it.
        let mut resolved: Vec<&str> = Vec::new();
        for part in &parts {
            if *part == ".." {
                resolved.pop();
            } else {
                resolved.push(part);
            }
        }
        let expected = match resolved[..] {
            [] | ["root"] | ["tmp"] => "a plain absolute path such as \"/data\"".to_string(),
            _ => format!("the path it leads to, \"/{}\"", excerpt(&resolved.join("/"))),
        };
        return Some(format!("is not canonical (it contains `..`): expected {expected}"));
    }
    // POSIX keeps exactly two leading slashes, so `//tmp` is not `/tmp` to the client.
    if path.starts_with("//") && !path.starts_with("///") {
        return None;
    }
    match parts[..] {
        [] => Some("is the root directory: expected a directory such as \"/data\"".into()),
        ["root"] => {
            Some("is `/root` itself: expected another directory or a subdirectory such as \"/root/data\"".into())
        }
        ["tmp"] => Some("is `/tmp` itself: expected another directory such as \"/cache\"".into()),
        _ => None,
    }
}

/// Which Volume a mount value is, when that can be told from the code: a variable (`vol`, or
/// `vol.with_mount_options(...)`), or `modal.Volume.from_name("name")` with a literal name.
fn volume_identity(value: &Expr, context: &Context, has_bucket_mounts: bool) -> Option<String> {
    match value {
        Expr::Name(name) if !has_bucket_mounts => Some(format!("variable {}", name.id)),
        Expr::Call(call) => {
            if let Expr::Attribute(attribute) = &*call.func
                && attribute.attr.as_str() == "with_mount_options"
            {
                return volume_identity(&attribute.value, context, has_bucket_mounts);
            }
            let is_from_name = context.model.calls.iter().any(|modal_call| {
                std::ptr::eq(modal_call.call, call)
                    && matches!(modal_call.path.as_str(), "modal.Volume.from_name" | "modal.volume.Volume.from_name")
            });
            if !is_from_name {
                return None;
            }
            let name = string(call.arguments.args.first()?)?;
            let environment = match keyword(call, "environment_name") {
                None => "",
                Some(environment) => string(environment)?,
            };
            Some(format!("named {name} in {environment}"))
        }
        _ => None,
    }
}
