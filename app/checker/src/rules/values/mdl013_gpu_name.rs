//! MDL013: a GPU type or count that the client passes on unchecked and the server rejects.

use ruff_text_size::Ranged;

use super::gpu::{Count, count, gpu_arguments, gpu_strings, split};
use crate::api::{GPUS, GpuName};
use crate::diagnostic::Severity;
use crate::rules::toolkit::excerpt;
use crate::rules::{Context, Rule};

pub const RULE: Rule = Rule {
    id: "MDL013",
    name: "gpu-name",
    severity: Severity::Warning,
    summary: "Checks GPU strings in `gpu=` against Modal's list of GPU types and their per-container maximum counts.",
    why: "The client only uppercases the GPU string and splits off the count, so a misspelt type (`\"A100-80G\"`), \
          `\"any\"` (no longer in Modal's list) or more GPUs than fit one container (`\"A10:8\"`) pass locally and \
          fail when the server sees them, at deploy time.",
    bad: "@app.function(gpu=\"A100-80G\")\ndef train():\n    ...\n\n\n@app.function(gpu=\"A10:8\")\ndef tune():\n    ...",
    good: "@app.function(gpu=\"A100-80GB\")\ndef train():\n    ...\n\n\n@app.function(gpu=\"A10:4\")\ndef tune():\n    ...",
    fix: None,
    check,
};

fn check(context: &Context) {
    let model = context.model;
    for argument in gpu_arguments(model) {
        for literal in gpu_strings(&argument) {
            let spec = literal.value.to_str();
            let (name, count_text) = split(spec);
            // An empty string means no GPU; a bad count is MDL011's.
            if name.is_empty() {
                continue;
            }
            if name.eq_ignore_ascii_case("any") {
                context.report(&RULE, literal.range(), "`any` is not in Modal's list of GPU types (the 0.x client took it; whether the server still does is \
                     unverified): name a type such as \"L4\", or list fallbacks such as [\"L40S\", \"A100-40GB\"]"
                        .into(), None);
                continue;
            }
            let Some(gpu) = find(name) else {
                let hint = match suggestion(name) {
                    Some(known) => format!("did you mean \"{known}\"?"),
                    None => format!("expected one of {}", GPUS.iter().map(|gpu| gpu.id).collect::<Vec<_>>().join(", ")),
                };
                context.report(
                    &RULE,
                    literal.range(),
                    format!(
                        "unknown GPU type `{}`: {hint} (the client sends it unchecked; the server rejects it)",
                        excerpt(name)
                    ),
                    None,
                );
                continue;
            };
            if let Some(count_text) = count_text
                && let Count::Value(requested) = count(count_text)
                && !(1..=i64::from(gpu.max_count)).contains(&requested)
            {
                let max = gpu.max_count;
                context.report(
                    &RULE,
                    literal.range(),
                    format!(
                        "a container can have 1 to {max} {} GPUs, got {requested}: the server rejects \"{spec}\"",
                        gpu.id
                    ),
                    None,
                );
            }
        }
    }
}

/// The GPU type `name` stands for, as the client uppercases it.
fn find(name: &str) -> Option<&'static GpuName> {
    GPUS.iter().find(|gpu| {
        gpu.id.eq_ignore_ascii_case(name) || gpu.aliases.iter().any(|alias| alias.eq_ignore_ascii_case(name))
    })
}

/// The GPU name an unknown name most likely meant: the one with the same letters and digits
/// (`"A100 80GB"`, `"rtx_pro_6000"`), else the one they start (`"A100-80G"`), if all such
/// names are of one GPU type.
fn suggestion(name: &str) -> Option<&'static str> {
    let key = |text: &str| {
        text.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_uppercase()).collect::<String>()
    };
    let wanted = key(name);
    if wanted.is_empty() {
        return None;
    }
    let names = || {
        GPUS.iter().flat_map(|gpu| {
            std::iter::once(gpu.id).chain(gpu.aliases.iter().copied()).map(move |known| (gpu.id, known))
        })
    };
    let unique = |matches: Vec<(&'static str, &'static str)>| {
        let (id, known) = *matches.first()?;
        matches.iter().all(|(other, _)| *other == id).then_some(known)
    };
    unique(names().filter(|(_, known)| key(known) == wanted).collect())
        .or_else(|| unique(names().filter(|(_, known)| key(known).starts_with(&wanted)).collect()))
}
