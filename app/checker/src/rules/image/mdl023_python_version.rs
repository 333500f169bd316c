//! MDL023: a `python_version=` or `add_python=` the image builder cannot use.

use ruff_python_ast::{Expr, ExprCall};
use ruff_text_size::Ranged;

use super::chain::factory;
use crate::api::image::{ADD_PYTHON_FACTORIES, BUILDERS, PYTHON_VERSION_FACTORIES};
use crate::diagnostic::{Fix, Severity};
use crate::rules::toolkit::{argument, excerpt, keyword, literal_type, replace, string};
use crate::rules::{Context, Rule, RuleFix};

pub const RULE: Rule = Rule {
    id: "MDL023",
    name: "python-version",
    severity: Severity::Error,
    summary: "Checks literal `python_version=` of `Image.debian_slim()` and `Image.micromamba()`, and `add_python=` \
              of `Image.from_registry()` and the other registry and Dockerfile factories.",
    why: "The version must be a string such as `\"3.12\"`. `debian_slim` raises `TypeError` for a float at once (a float \
          cannot tell 3.1 from 3.10 anyway); the other factories fail when the image is built. The builder also \
          rejects a string it cannot read as a version, a Python series that no image builder offers (the newest \
          builder, 2026.10, offers 3.11 to 3.15; older ones 3.10 too), free-threaded versions such as `\"3.14t\"` in \
          `debian_slim` and `micromamba`, and a patch version such as `\"3.12.4\"` in `add_python`, which takes \
          `major.minor` only. These failures come at build time, so `modal deploy` stops before anything runs.",
    bad: "image = modal.Image.debian_slim(python_version=3.11)\n\
          ubuntu = modal.Image.from_registry(\"ubuntu:24.04\", add_python=\"3.9\")",
    good: "image = modal.Image.debian_slim(python_version=\"3.11\")\n\
           ubuntu = modal.Image.from_registry(\"ubuntu:24.04\", add_python=\"3.12\")",
    fix: Some(RuleFix::safe(
        "Quote a float version as written (`3.11` becomes `\"3.11\"`), or cut `add_python` to `major.minor`.",
    )),
    check,
};

/// Which argument of which factory, and what it allows.
struct Parameter {
    factory: &'static str,
    name: &'static str,
    /// `python_version` raises `TypeError` for a float at once (in `debian_slim`).
    float_raises_at_once: bool,
    free_threading: bool,
    micro: bool,
}

fn parameter<'c>(call: &'c ExprCall, path: &str) -> Option<(Parameter, &'c Expr)> {
    let name = factory(path)?;
    if let Some(factory) = PYTHON_VERSION_FACTORIES.iter().find(|factory| **factory == name) {
        let parameter = Parameter {
            factory,
            name: "python_version",
            float_raises_at_once: *factory == "debian_slim",
            free_threading: false,
            micro: true,
        };
        return Some((parameter, argument(call, 0, "python_version")?));
    }
    let factory = ADD_PYTHON_FACTORIES.iter().find(|factory| **factory == name)?;
    let parameter =
        Parameter { factory, name: "add_python", float_raises_at_once: false, free_threading: true, micro: false };
    let value = keyword(call, "add_python")?;
    // `add_python=""` means none.
    (string(value) != Some("")).then_some((parameter, value))
}

fn check(context: &Context) {
    let model = context.model;
    for modal_call in &model.calls {
        let Some((parameter, value)) = parameter(modal_call.call, &modal_call.path) else { continue };
        if let Some((message, fix)) = problem(&parameter, value, context.text(value.range())) {
            context.report(&RULE, value.range(), message, fix);
        }
    }
}

fn problem(parameter: &Parameter, value: &Expr, written: &str) -> Option<(String, Option<Fix>)> {
    let name = parameter.name;
    let at_build = "the image build fails with InvalidError";
    let Some(version) = string(value) else {
        let kind = literal_type(value)?;
        if kind == "str" || kind == "NoneType" {
            // An f-string, or `None` (the local Python version, or no added Python).
            return None;
        }
        let consequence =
            if kind == "float" && parameter.float_raises_at_once { "the client raises TypeError" } else { at_build };
        let mut message =
            format!("`{name}` must be a string such as \"3.12\", got the {kind} {}; {consequence}", excerpt(written));
        let quoted = format!("\"{written}\"");
        let fix = (kind == "float" && is_major_minor(written) && usable(parameter, written).is_ok()).then(|| {
            RULE.fix_with(format!("Write the version as the string {quoted}"), vec![replace(value.range(), quoted)])
        });
        if kind == "float" && fix.is_none() {
            message.push_str(" (a float cannot tell 3.1 from 3.10: write the version you mean as a string)");
        }
        return Some((message, fix));
    };
    let problem = usable(parameter, version).err()?;
    let factory = parameter.factory;
    Some(match problem {
        Unusable::Unreadable => (
            format!(
                "`{name}` \"{}\" is not a Python version the builder can read (it takes \"3.12\" or \"3.12.4\"); \
                 {at_build}",
                excerpt(version)
            ),
            None,
        ),
        Unusable::FreeThreaded => (
            format!(
                "`{factory}` does not offer free-threaded Python (\"{version}\"); {at_build}. `add_python=` of \
                 `Image.from_registry` does"
            ),
            None,
        ),
        Unusable::PatchVersion(series) => {
            let fix = usable(parameter, &series).is_ok().then(|| {
                RULE.fix_with(format!("Use \"{series}\""), vec![replace(value.range(), format!("\"{series}\""))])
            });
            (
                format!(
                    "`add_python` takes a \"major.minor\" version such as \"{series}\", got \"{version}\"; {at_build}"
                ),
                fix,
            )
        }
        Unusable::Unoffered(series) => {
            let newest = BUILDERS.first().map_or_else(String::new, |builder| {
                let offered: Vec<&str> = builder
                    .python
                    .iter()
                    .copied()
                    .filter(|series| parameter.free_threading || !series.ends_with('t'))
                    .collect();
                format!(" (the newest, {}, offers {})", builder.version, offered.join(", "))
            });
            (format!("no image builder offers Python {series}{newest}; {at_build}"), None)
        }
    })
}

enum Unusable {
    Unreadable,
    FreeThreaded,
    /// `add_python` with a patch version; the series it belongs to.
    PatchVersion(String),
    /// A series no builder offers.
    Unoffered(String),
}

/// The checks of `_validate_python_version`, in its order, against every builder's series.
fn usable(parameter: &Parameter, version: &str) -> Result<(), Unusable> {
    if !readable(version) {
        return Err(Unusable::Unreadable);
    }
    if !parameter.free_threading && version.ends_with('t') {
        return Err(Unusable::FreeThreaded);
    }
    let components: Vec<&str> = version.split('.').collect();
    let (Some(major), Some(minor)) = (components.first(), components.get(1)) else {
        return Err(Unusable::Unreadable);
    };
    let suffix = if components.len() == 3 && version.ends_with('t') { "t" } else { "" };
    let series = format!("{major}.{minor}{suffix}");
    if components.len() == 3 && !parameter.micro {
        return Err(Unusable::PatchVersion(series));
    }
    if BUILDERS.iter().any(|builder| builder.python.contains(&series.as_str())) {
        Ok(())
    } else {
        Err(Unusable::Unoffered(series))
    }
}

/// `^3(?:\.\d{1,2}){1,2}(rc\d*)?t?$`, the pattern the builder accepts.
fn readable(version: &str) -> bool {
    let Some(mut rest) = version.strip_prefix('3') else { return false };
    let mut groups = 0;
    while groups < 2 {
        let Some(after) = rest.strip_prefix('.') else { break };
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        if !(1..=2).contains(&digits) {
            return false;
        }
        rest = &after[digits..];
        groups += 1;
    }
    if groups == 0 {
        return false;
    }
    if let Some(after) = rest.strip_prefix("rc") {
        rest = after.trim_start_matches(|c: char| c.is_ascii_digit());
    }
    rest.strip_prefix('t').unwrap_or(rest).is_empty()
}

/// A float written as `3.11`: what quoting it gives is what the writer meant.
fn is_major_minor(text: &str) -> bool {
    text.strip_prefix("3.")
        .is_some_and(|minor| (1..=2).contains(&minor.len()) && minor.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::readable;

    #[test]
    fn versions_are_read_as_the_builder_reads_them() {
        for good in ["3.12", "3.12.4", "3.14t", "3.14.1t", "3.13rc1", "3.13.0rc2", "3.1"] {
            assert!(readable(good), "{good}");
        }
        for bad in ["3", "3.", "3.123", "2.7", "3.12.4.1", "3.12-slim", "v3.12", "", "3.12tt", "3..12"] {
            assert!(!readable(bad), "{bad}");
        }
    }
}
