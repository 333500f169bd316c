//! MDL039: a name or keyword of the client newer than the release the code targets.

use std::collections::HashSet;

use ruff_text_size::{Ranged, TextRange};

use super::{Context, Rule, innermost};
use crate::api::{Version, resolve};
use crate::diagnostic::Severity;

pub const RULE: Rule = Rule {
    id: "MDL039",
    name: "newer-than-target",
    severity: Severity::Error,
    summary: "With a target version (`--target-version 1.2`, the playground's selector, or a `# target-version: 1.2` \
              comment at the top of the file), finds names and keywords of the client that arrived in a later release.",
    why: "Code written against the newest client may have to run on an older one, pinned in a team's lock file or \
          image. There a newer method raises `AttributeError` and a newer keyword `TypeError`. The release each \
          arrived in comes from comparing the client's published wheels.",
    bad: "# target-version: 1.0\nimage = modal.Image.debian_slim().uv_pip_install(\"torch\")\n\n\
          @app.function(single_use_containers=True)\ndef once():\n    ...",
    good: "# target-version: 1.0\nimage = modal.Image.debian_slim().pip_install(\"torch\")\n\n\
           @app.function()\ndef once():\n    ...",
    fix: None,
    check,
};

/// The comment line that states a file's own target.
const PRAGMA: &str = "# target-version:";

fn check(context: &Context) {
    let target = match (&context.options.target_version, pragma(context.source)) {
        (Some(target), _) => target.clone(),
        (None, Some((_, Ok(target)))) => target,
        (None, Some((range, Err(err)))) => {
            context.report(&RULE, range, format!("{err}; the comment `{PRAGMA} X` sets the file's target"), None);
            return;
        }
        (None, None) => return,
    };
    let model = context.model;
    let mut found: Vec<(TextRange, String)> = Vec::new();
    let mut seen = HashSet::new();
    for (expr, path) in model.named() {
        let Some(name) = resolve(path) else { continue };
        if !name.since.available_in(&target) && seen.insert(expr.range()) {
            found.push((expr.range(), format!("`{}` arrived in modal {}; {}", name.name, name.since, lacks(&target))));
        }
    }
    for call in &model.calls {
        let Some(callee) = resolve(&call.path) else { continue };
        for keyword in call.call.arguments.keywords.iter() {
            let Some(arg) = &keyword.arg else { continue };
            let Some(since) = callee.keyword(arg.as_str()).and_then(|keyword| keyword.since.as_ref()) else {
                continue;
            };
            if !since.available_in(&target) {
                let message =
                    format!("`{}=` of `{}` arrived in modal {since}; {}", arg.as_str(), callee.name, lacks(&target));
                found.push((arg.range(), message));
            }
        }
    }
    innermost(&mut found);
    for (range, message) in found {
        context.report(&RULE, range, message, None);
    }
}

/// The version a `# target-version: 1.2` comment line names (the first such line, anywhere in
/// the file, as Ruff's file-level comments), with the range of its value.
fn pragma(source: &str) -> Option<(TextRange, Result<Version, String>)> {
    let mut offset = 0;
    for line in source.split_inclusive('\n') {
        let text = line.trim_end();
        if let Some(value) = text.strip_prefix(PRAGMA) {
            // Measured from the line's start: the comment begins it.
            let start = offset + PRAGMA.len() + (value.len() - value.trim_start().len());
            let range = TextRange::new((start as u32).into(), ((offset + text.len()) as u32).into());
            return Some((range, value.trim().parse().map_err(|err: crate::api::VersionError| err.to_string())));
        }
        offset += line.len();
    }
    None
}

fn lacks(target: &Version) -> String {
    format!("the target version {target} does not have it")
}

#[cfg(test)]
mod tests {
    use crate::{Options, check, check_with};

    const NEW_METHOD: &str = "import modal\nimage = modal.Image.debian_slim().uv_pip_install(\"torch\")\n";

    fn messages(diagnostics: Vec<crate::Diagnostic>) -> Vec<String> {
        diagnostics.into_iter().filter(|d| d.rule == "MDL039").map(|d| d.message).collect()
    }

    #[test]
    fn without_a_target_nothing_is_too_new() {
        assert!(messages(check(NEW_METHOD)).is_empty());
    }

    #[test]
    fn the_option_names_the_release_and_wins_over_the_comment() {
        let options = Options { target_version: Some("1.0".parse().unwrap()), ..Options::default() };
        let found = messages(check_with(&format!("# target-version: 1.6\n{NEW_METHOD}"), &options));
        assert_eq!(found, ["`Image.uv_pip_install` arrived in modal 1.1.0; the target version 1.0 does not have it"]);
        let options = Options { target_version: Some("1.1".parse().unwrap()), ..Options::default() };
        assert!(messages(check_with(NEW_METHOD, &options)).is_empty());
    }

    #[test]
    fn a_comment_that_is_no_version_says_what_it_expected() {
        let found = messages(check(&format!("# target-version: one\n{NEW_METHOD}")));
        assert_eq!(found.len(), 1);
        assert!(found[0].starts_with("`one` is not a version: expected major.minor"), "{}", found[0]);
    }
}
