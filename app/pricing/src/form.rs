//! The calculator's form as a whole: the text of every input, by URL name, to a [`Scenario`],
//! with each field's own message when it is wrong. The calculator page and the MCP server's
//! `estimate_cost` both read their input through this.

use atlas_input::quote;

use crate::estimate::{Scenario, Workload};
use crate::facts::ModalData;
use crate::fit::{ModelSize, Precision};
use crate::inputs::{Mode, RegionChoice, field, parse_field};

/// The inputs that are not numbers, by URL name.
pub const GPU: &str = "gpu";
pub const FALLBACKS: &str = "fallbacks";
pub const REGION: &str = "region";
pub const PLAN: &str = "plan";
pub const MODE: &str = "mode";
pub const PRECISION: &str = "precision";

/// The numeric fields every mode uses, and each mode's own.
pub const RESOURCE_FIELDS: &[&str] = &["count", "cpu", "memory"];
pub const ALWAYS_FIELDS: &[&str] = &["containers", "hours", "days"];
pub const REQUEST_FIELDS: &[&str] = &["requests", "seconds", "concurrency", "cold", "scaledown", "bursts"];
pub const BATCH_FIELDS: &[&str] = &["items", "seconds", "parallel"];

pub fn fields_of(mode: Mode) -> &'static [&'static str] {
    match mode {
        Mode::Always => ALWAYS_FIELDS,
        Mode::Requests => REQUEST_FIELDS,
        Mode::Batch => BATCH_FIELDS,
    }
}

/// The fallback GPU ids in `text` (comma-separated), in order, or the field's message.
pub fn fallbacks(data: &ModalData, text: &str) -> Result<Vec<String>, String> {
    let ids: Vec<String> = text.split(',').map(str::trim).filter(|id| !id.is_empty()).map(str::to_string).collect();
    match ids.iter().find(|id| !data.gpus.iter().any(|gpu| gpu.id == **id)) {
        Some(unknown) => {
            let known: Vec<&str> = data.gpus.iter().map(|gpu| gpu.id.as_str()).collect();
            Err(format!("Fallback GPUs: unknown {}; expected ids such as {}", quote(unknown), known.join(", ")))
        }
        None => Ok(ids),
    }
}

/// The GPU count field's message: its own bounds, then the chosen GPU type's own maximum.
pub fn count_error(data: &ModalData, gpu: &str, text: &str) -> Option<String> {
    let spec = field("count").expect("the count is a field of the form");
    let count = match parse_field(spec, text) {
        Ok(count) => count,
        Err(message) => return Some(message),
    };
    let max = data.gpus.iter().find(|known| known.id == gpu)?.max_count;
    (count > f64::from(max)).then(|| format!("{}: {gpu} allows at most {max} per container", spec.label))
}

/// The number fields of the form's model, by URL name.
pub const MODEL_FIELDS: &[&str] = &["params", "context", "batch", "layers", "kv_heads", "head_dim"];

/// The model the form's "Will the model fit?" fields describe, or the first wrong field's
/// message; `text(name)` is an input's text as typed.
pub fn model(text: impl Fn(&str) -> String) -> Result<ModelSize, String> {
    let mut numbers = [0.0; 6];
    for (number, name) in numbers.iter_mut().zip(MODEL_FIELDS) {
        *number = parse_field(field(name).expect("a field of the form"), &text(name))?;
    }
    let [params_billions, context, batch, layers, kv_heads, head_dim] = numbers;
    let precision_text = text(PRECISION);
    let precision = Precision::from_url(&precision_text)
        .ok_or_else(|| format!("Precision: {}; expected fp32, bf16, fp8 or int4", quote(&precision_text)))?;
    Ok(ModelSize {
        params_billions,
        precision,
        context: context as u32,
        batch: batch as u32,
        layers: layers as u32,
        kv_heads: kv_heads as u32,
        head_dim: head_dim as u32,
    })
}

/// The scenario the inputs describe; `text(name)` is an input's text as typed. An empty `gpu`
/// runs on CPU only. Err holds the message of every input that is wrong (unknown GPUs and plans
/// are `estimate`'s to report).
pub fn scenario(data: &ModalData, text: impl Fn(&str) -> String) -> Result<Scenario, Vec<String>> {
    let mut messages = Vec::new();
    let mode_text = text(MODE);
    let mode = Mode::from_url(&mode_text).unwrap_or_else(|| {
        messages.push(format!("Mode: {}; expected always, requests or batch", quote(&mode_text)));
        Mode::Requests
    });
    let region_text = text(REGION);
    let region = RegionChoice::from_url(&region_text).unwrap_or_else(|| {
        messages.push(format!("Region: {}; expected broad, narrow or nothing", quote(&region_text)));
        RegionChoice::None
    });
    let gpu = text(GPU);
    let fallbacks = fallbacks(data, &text(FALLBACKS)).unwrap_or_else(|message| {
        messages.push(message);
        Vec::new()
    });
    let mut number = |name: &str| {
        let spec = field(name).expect("a field of the form");
        parse_field(spec, &text(name)).unwrap_or_else(|message| {
            messages.push(message);
            0.0
        })
    };
    let (count, cpu, memory_gib) = (number("count"), number("cpu"), number("memory"));
    let workload = match mode {
        Mode::Always => Workload::Always {
            containers: number("containers") as u32,
            hours_per_day: number("hours"),
            days: number("days"),
        },
        Mode::Batch => {
            Workload::Batch { items: number("items"), seconds: number("seconds"), parallel: number("parallel") as u32 }
        }
        Mode::Requests => Workload::Requests {
            requests: number("requests"),
            seconds: number("seconds"),
            concurrency: number("concurrency") as u32,
            cold_start: number("cold"),
            scaledown: number("scaledown"),
            bursts_per_day: number("bursts"),
        },
    };
    if !messages.is_empty() {
        return Err(messages);
    }
    Ok(Scenario {
        fallbacks: if gpu.is_empty() { Vec::new() } else { fallbacks },
        gpu: (!gpu.is_empty()).then_some(gpu),
        count: count as u32,
        cpu,
        memory_gib,
        region,
        plan: text(PLAN),
        workload,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_data::modal;

    #[test]
    fn the_model_fields_make_a_model_or_name_the_first_wrong_one() {
        let model = model(inputs(&[("params", "70"), ("precision", "fp8")])).unwrap();
        assert_eq!((model.params_billions, model.precision, model.context), (70.0, Precision::Fp8, 8192));
        assert_eq!(super::model(inputs(&[("layers", "x"), ("batch", "0")])), Err("Batch size: at least 1".into()));
        assert!(super::model(inputs(&[("precision", "fp4")])).unwrap_err().starts_with("Precision: `fp4`"));
    }

    #[test]
    fn the_gpu_count_is_held_to_the_chosen_types_own_maximum() {
        let data = modal();
        assert_eq!(count_error(&data, "H100", "8"), None);
        assert_eq!(count_error(&data, "", "8"), None, "CPU only: the field's bounds alone");
        let max = data.gpus.iter().find(|gpu| gpu.id == "A10").unwrap().max_count;
        assert_eq!(
            count_error(&data, "A10", &(max + 1).to_string()),
            Some(format!("GPU count: A10 allows at most {max} per container"))
        );
        assert_eq!(count_error(&data, "H100", "9"), Some("GPU count: at most 8".into()));
        assert_eq!(count_error(&data, "H100", "two"), Some("GPU count: `two` is not a number".into()));
    }

    fn inputs<'a>(given: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> String + 'a {
        move |name| {
            let default = field(name).map_or(
                match name {
                    MODE => "requests",
                    PLAN => "starter",
                    PRECISION => "bf16",
                    _ => "",
                },
                |spec| spec.default,
            );
            given.iter().find(|(key, _)| *key == name).map_or(default, |(_, value)| value).to_string()
        }
    }

    #[test]
    fn the_form_gives_the_scenario_of_its_mode() {
        let scenario = scenario(&modal(), inputs(&[(GPU, "H100"), (MODE, "batch"), ("items", "500")])).unwrap();
        assert_eq!(scenario.gpu.as_deref(), Some("H100"));
        assert_eq!(scenario.workload, Workload::Batch { items: 500.0, seconds: 2.0, parallel: 10 });
        assert_eq!(scenario.plan, "starter");
    }

    #[test]
    fn every_wrong_input_gives_its_own_message() {
        let errors =
            scenario(&modal(), inputs(&[(MODE, "sometimes"), ("count", "9"), (FALLBACKS, "H100, X1")])).unwrap_err();
        assert_eq!(
            errors,
            [
                "Mode: `sometimes`; expected always, requests or batch",
                "Fallback GPUs: unknown `X1`; expected ids such as T4, L4, A10, L40S, A100-40GB, A100-80GB, RTX-PRO-6000, H100, H200, B200",
                "GPU count: at most 8",
            ]
        );
    }
}
