//! The calculator's state in its URL (`/calculator/?gpu=H100&count=2&mode=batch`), by the
//! convention of [`atlas_input::ToolQuery`]: numbers and the fallback list as typed (their fields
//! check them); a GPU, plan, region, kind of workload or precision the calculator does not offer
//! is reported on its field and replaced by the default, so every other choice keeps working.

use atlas_input::{Params, Problem, Read, ToolQuery, quote};

use crate::facts::ModalData;
use crate::fit::Precision;
use crate::form::{FALLBACKS, GPU, MODE, PLAN, PRECISION, REGION};
use crate::inputs::{FIELDS, Mode, RegionChoice};

/// The GPU a first visit prices, when the data has it.
const DEFAULT_GPU: &str = "L4";
const DEFAULT_PLAN: &str = "starter";
/// Every choice of precision, in the order the form lists them.
pub const PRECISIONS: [Precision; 4] = [Precision::Fp32, Precision::Bf16, Precision::Fp8, Precision::Int4];

/// Every input of the calculator.
#[derive(Debug, Clone, PartialEq)]
pub struct CalculatorQuery {
    /// The text of each field of [`FIELDS`], in its order.
    pub numbers: Vec<String>,
    /// A GPU id of the data, or empty for CPU only.
    pub gpu: String,
    /// Fallback GPU ids, comma-separated, as typed.
    pub fallbacks: String,
    pub region: RegionChoice,
    /// A plan id of the data.
    pub plan: String,
    pub mode: Mode,
    pub precision: Precision,
}

impl CalculatorQuery {
    /// What a first visit shows.
    pub fn new(data: &ModalData) -> CalculatorQuery {
        let gpu = data.gpus.iter().find(|gpu| gpu.id == DEFAULT_GPU).or(data.gpus.first());
        let plan = data.plans.iter().find(|plan| plan.id == DEFAULT_PLAN).or(data.plans.first());
        CalculatorQuery {
            numbers: FIELDS.iter().map(|spec| spec.default.to_string()).collect(),
            gpu: gpu.map(|gpu| gpu.id.clone()).unwrap_or_default(),
            fallbacks: String::new(),
            region: RegionChoice::None,
            plan: plan.map(|plan| plan.id.clone()).unwrap_or_default(),
            mode: Mode::Requests,
            precision: Precision::Bf16,
        }
    }

    /// Every input's text by URL name, the numbers first: what the form's fields show.
    pub fn texts(&self) -> Vec<(&'static str, String)> {
        let numbers = FIELDS.iter().zip(&self.numbers).map(|(spec, text)| (spec.name, text.clone()));
        numbers
            .chain([
                (GPU, self.gpu.clone()),
                (FALLBACKS, self.fallbacks.clone()),
                (REGION, self.region.url_value().to_string()),
                (PLAN, self.plan.clone()),
                (MODE, self.mode.url_value().to_string()),
                (PRECISION, self.precision.url_value().to_string()),
            ])
            .collect()
    }
}

impl ToolQuery for CalculatorQuery {
    type Context = ModalData;

    fn read(params: &Params, data: &ModalData) -> Read<CalculatorQuery> {
        let mut query = CalculatorQuery::new(data);
        let mut problems = Vec::new();
        for (spec, text) in FIELDS.iter().zip(&mut query.numbers) {
            if let Some(given) = params.get(spec.name) {
                *text = given.to_string();
            }
        }
        if let Some(fallbacks) = params.get(FALLBACKS) {
            query.fallbacks = fallbacks.to_string();
        }
        let mut choose = |name: &'static str, what: &str, known: &[&str], showing: &str| -> Option<String> {
            let given = params.get(name)?;
            if known.contains(&given) {
                return Some(given.to_string());
            }
            let choices: Vec<String> = known
                .iter()
                .map(|choice| if choice.is_empty() { "nothing".into() } else { format!("`{choice}`") })
                .collect();
            problems.push(Problem {
                name,
                message: format!(
                    "The link's {what} {} is not one this calculator offers (expected {}); showing {showing}.",
                    quote(given),
                    choices.join(", ")
                ),
            });
            None
        };
        let gpus: Vec<&str> = std::iter::once("").chain(data.gpus.iter().map(|gpu| gpu.id.as_str())).collect();
        let showing_gpu = if query.gpu.is_empty() { "CPU only".to_string() } else { query.gpu.clone() };
        if let Some(gpu) = choose(GPU, "GPU", &gpus, &showing_gpu) {
            query.gpu = gpu;
        }
        let plans: Vec<&str> = data.plans.iter().map(|plan| plan.id.as_str()).collect();
        let showing_plan = query.plan.clone();
        if let Some(plan) = choose(PLAN, "plan", &plans, &showing_plan) {
            query.plan = plan;
        }
        let regions = [RegionChoice::None, RegionChoice::Broad, RegionChoice::Narrow].map(RegionChoice::url_value);
        if let Some(region) = choose(REGION, "region", &regions, "no region").and_then(|r| RegionChoice::from_url(&r)) {
            query.region = region;
        }
        let modes = [Mode::Always, Mode::Requests, Mode::Batch].map(Mode::url_value);
        if let Some(mode) = choose(MODE, "kind of workload", &modes, "requests").and_then(|m| Mode::from_url(&m)) {
            query.mode = mode;
        }
        let precisions = PRECISIONS.map(Precision::url_value);
        if let Some(precision) =
            choose(PRECISION, "precision", &precisions, "bf16").and_then(|p| Precision::from_url(&p))
        {
            query.precision = precision;
        }
        Read { query, problems }
    }

    fn params(&self, data: &ModalData) -> Params {
        let first = CalculatorQuery::new(data).texts();
        self.texts()
            .into_iter()
            .zip(first)
            .filter(|((_, text), (_, default))| text != default)
            .map(|(pair, _)| pair)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_data::modal;

    fn read(query: &str) -> Read<CalculatorQuery> {
        CalculatorQuery::read(&Params::parse(query), &modal())
    }

    #[test]
    fn a_first_visit_prices_an_l4_on_the_starter_plan_and_writes_nothing() {
        let first = read("");
        assert!(first.problems.is_empty());
        assert_eq!((first.query.gpu.as_str(), first.query.plan.as_str()), ("L4", "starter"));
        assert!(first.query.params(&modal()).is_empty());
    }

    #[test]
    fn a_link_reads_back_as_written_without_its_defaults() {
        let link = read("gpu=H100&count=2&mode=batch&items=500&precision=fp8&region=narrow&cpu=0.125");
        assert!(link.problems.is_empty());
        assert_eq!(link.query.mode, Mode::Batch);
        assert_eq!(link.query.precision, Precision::Fp8);
        assert_eq!(
            link.query.params(&modal()).encode(),
            "count=2&items=500&gpu=H100&region=narrow&mode=batch&precision=fp8"
        );
    }

    #[test]
    fn unknown_choices_are_each_reported_on_their_field_and_the_others_kept() {
        let link = read("mode=sometimes&region=moon&precision=fp4&gpu=B300&plan=free&count=4");
        let names: Vec<&str> = link.problems.iter().map(|problem| problem.name).collect();
        assert_eq!(names, [GPU, PLAN, REGION, MODE, PRECISION]);
        assert_eq!(
            link.problems[4].message,
            "The link's precision `fp4` is not one this calculator offers (expected `fp32`, `bf16`, `fp8`, `int4`); showing bf16."
        );
        assert!(
            link.problems[2].message.contains("(expected nothing, `broad`, `narrow`)"),
            "{}",
            link.problems[2].message
        );
        assert_eq!(link.query.numbers[0], "4", "the count is still read");
        assert_eq!((link.query.mode, link.query.precision), (Mode::Requests, Precision::Bf16));
        assert!(link.query.params(&modal()).pairs().all(|(name, _)| name == "count"));
    }

    #[test]
    fn a_pasted_megabyte_is_quoted_briefly() {
        let link = read(&format!("gpu={}", "A".repeat(1_000_000)));
        assert!(link.problems[0].message.len() < 400, "{}", link.problems[0].message);
    }

    #[test]
    fn a_million_hostile_queries_read_without_a_panic_and_read_back_the_same() {
        let names: Vec<&str> =
            FIELDS.iter().map(|spec| spec.name).chain([GPU, FALLBACKS, REGION, PLAN, MODE, PRECISION]).collect();
        atlas_input::fuzz::check_reader::<CalculatorQuery>(&modal(), &names, 1_000_000, 21).unwrap();
    }
}
