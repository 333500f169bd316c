//! What a workload costs on Modal in a month, with every multiplication written out.
//!
//! The model:
//!
//! - Modal bills each container per second for what it requests. The rates per
//!   container-second are: GPU = the GPU's price per second × the GPU count; CPU =
//!   max(cores, the 0.125-core minimum) × the price per core-second; memory = GiB × the price per
//!   GiB-second. A function that sets a region pays the region's multiplier on all three (1.5 for
//!   a broad region, 1.75 for a narrow one); without a region the multiplier is 1.
//! - **Always** (warm containers, `min_containers`): active seconds = containers × hours per day ×
//!   3,600 × days; no idle seconds (warm time counts as active, since it is billed the same);
//!   peak containers = containers.
//! - **Requests**: traffic comes in bursts, each modelled as one container that starts cold,
//!   serves its share of the month's requests, then waits out the scaledown window before it
//!   stops. Active seconds = requests × seconds per request ÷ inputs per container + bursts per
//!   day × 30 days × cold-start seconds; idle seconds = bursts per day × 30 days × scaledown
//!   seconds. Peak containers = the containers busy on average over the month (at least 1): the
//!   model does not guess how bursts overlap, so the real peak is higher and a limit warning from
//!   this figure is certain, not just likely.
//! - **Batch**: active seconds = items × seconds per item, spread over the parallel containers
//!   (parallelism changes how long the batch takes, not what it costs); no idle seconds; peak
//!   containers = containers in parallel.
//! - Peak GPUs = peak containers × GPU count (0 without a GPU). A peak above the plan's
//!   `max_containers` or `max_gpus` gives a warning: Modal would queue the excess.
//! - The month's compute (GPU + CPU + memory, region multiplier included) is paid first from the
//!   plan's monthly credits; the bill is compute − credits + the plan's monthly fee.

use atlas_input::quote;

use crate::facts::{Gpu, ModalData};
use crate::fit::gpus_needed;
use crate::format::{money, number};
use crate::inputs::{
    BURSTS, COLD, CONCURRENCY, CONTAINERS, COUNT, CPU, DAYS, HOURS, ITEMS, MEMORY, PARALLEL, REQUESTS, RegionChoice,
    SCALEDOWN, SECONDS, check,
};

/// Requests and bursts are given per month and per day; a month is this many days.
pub const DAYS_PER_MONTH: f64 = 30.0;
const SECONDS_PER_HOUR: f64 = 3600.0;

/// One function's configuration and traffic, as the calculator's form describes it.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    /// A `gpus[].id`; `None` runs on CPU only.
    pub gpu: Option<String>,
    /// GPU types to fall back to, in order, when `gpu` is not available (`gpu=[...]`). The
    /// estimate prices `gpu`; [`at_each_choice`] prices every one.
    pub fallbacks: Vec<String>,
    /// GPUs per container (ignored without a GPU).
    pub count: u32,
    pub cpu: f64,
    pub memory_gib: f64,
    pub region: RegionChoice,
    /// A `plans[].id`.
    pub plan: String,
    pub workload: Workload,
}

/// How the function runs over a month; one variant per [`Mode`](crate::Mode).
#[derive(Debug, Clone, PartialEq)]
pub enum Workload {
    Always { containers: u32, hours_per_day: f64, days: f64 },
    Requests { requests: f64, seconds: f64, concurrency: u32, cold_start: f64, scaledown: f64, bursts_per_day: f64 },
    Batch { items: f64, seconds: f64, parallel: u32 },
}

/// One charge, with the multiplication that gives it.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub label: String,
    pub dollars: f64,
    /// The multiplication with its numbers, e.g. `1 × $0.001097/s × 2,592,000 s = $2,843.42`.
    pub arithmetic: String,
}

/// A month's cost. `gpu + cpu + memory` and `active + idle` both add up to `compute`.
#[derive(Debug, Clone, PartialEq)]
pub struct Estimate {
    /// Container-seconds doing work, cold starts included.
    pub active_seconds: f64,
    /// Container-seconds waiting in the scaledown tail.
    pub idle_seconds: f64,
    pub gpu: Line,
    pub cpu: Line,
    pub memory: Line,
    pub active: Line,
    pub idle: Line,
    /// GPU + CPU + memory, after the region multiplier.
    pub compute: f64,
    /// The part of `compute` the plan's monthly credits pay.
    pub credits: f64,
    pub plan_fee: f64,
    /// What the month costs: compute − credits + plan fee.
    pub total: f64,
    /// `("per request", compute ÷ requests)` or `("per item", compute ÷ items)`; `None` in Always
    /// mode or when the count is 0.
    pub per_unit: Option<(String, f64)>,
    pub peak_containers: f64,
    pub peak_gpus: f64,
    /// Where the peak exceeds the plan's limits, e.g. "Starter allows 10 GPUs at once; this needs 16."
    pub warnings: Vec<String>,
}

/// Container-seconds and peak of a workload, before any price.
struct Usage {
    active_seconds: f64,
    idle_seconds: f64,
    peak_containers: f64,
    /// What the month's compute is divided by for the per-unit price, and its name.
    unit: Option<(&'static str, f64)>,
}

/// The month's cost of a scenario. Err names what is wrong and what was expected: an unknown GPU
/// or plan, a GPU count above that GPU's limit, or a number outside its field's bounds.
pub fn estimate(data: &ModalData, scenario: &Scenario) -> Result<Estimate, String> {
    let gpu = scenario.gpu.as_deref().map(|id| find_gpu(data, id)).transpose()?;
    if let Some(gpu) = gpu {
        if scenario.count > gpu.max_count {
            return Err(format!("{} allows at most {} per container", gpu.id, gpu.max_count));
        }
        check(&COUNT, scenario.count.into())?;
    }
    let plan = data.plans.iter().find(|plan| plan.id == scenario.plan).ok_or_else(|| {
        let known: Vec<&str> = data.plans.iter().map(|plan| plan.id.as_str()).collect();
        format!("Unknown plan {}: expected one of {}", quote(&scenario.plan), known.join(", "))
    })?;
    let multiplier = scenario
        .region
        .multiplier(&data.regions)
        .ok_or_else(|| format!("The data has no `{}` region multiplier", scenario.region.url_value()))?;
    let cpu = check(&CPU, scenario.cpu)?;
    let memory_gib = check(&MEMORY, scenario.memory_gib)?;
    let usage = usage(&scenario.workload)?;

    let region = match scenario.region {
        RegionChoice::None => String::new(),
        RegionChoice::Broad | RegionChoice::Narrow => {
            format!(" × {} ({} region)", number(multiplier), scenario.region.url_value())
        }
    };
    let charge = |label: String, factors: String, rate: f64, seconds: f64| {
        let dollars = rate * seconds * multiplier;
        Line { label, dollars, arithmetic: format!("{factors} × {} s{region} = {}", number(seconds), money(dollars)) }
    };

    let prices = &data.prices;
    let seconds = usage.active_seconds + usage.idle_seconds;
    let (gpu_rate, gpu_line) = match gpu {
        Some(gpu) => {
            let rate = gpu.price_per_second * f64::from(scenario.count);
            let factors = format!("{} × ${}/s", scenario.count, number(gpu.price_per_second));
            (rate, charge(format!("GPU ({} × {})", scenario.count, gpu.id), factors, rate, seconds))
        }
        None => (0.0, Line { label: "GPU (none)".to_string(), dollars: 0.0, arithmetic: "no GPU = $0.00".to_string() }),
    };
    let billed_cores = cpu.max(prices.cpu_min_cores);
    let cores = format!("{} {}", number(billed_cores), if billed_cores == 1.0 { "core" } else { "cores" });
    let cores = if cpu < prices.cpu_min_cores { format!("{cores} (the billed minimum)") } else { cores };
    let cpu_rate = billed_cores * prices.cpu_per_core_second;
    let cpu_line =
        charge("CPU".to_string(), format!("{cores} × ${}/s", number(prices.cpu_per_core_second)), cpu_rate, seconds);
    let memory_rate = memory_gib * prices.memory_per_gib_second;
    let memory_factors = format!("{} GiB × ${}/s", number(memory_gib), number(prices.memory_per_gib_second));
    let memory_line = charge("Memory".to_string(), memory_factors, memory_rate, seconds);

    let container_rate = gpu_rate + cpu_rate + memory_rate;
    let per_container = format!("${}/s", number(container_rate));
    let active = charge(
        "Active (work and cold starts)".to_string(),
        per_container.clone(),
        container_rate,
        usage.active_seconds,
    );
    let idle = charge("Idle (scaledown tail)".to_string(), per_container, container_rate, usage.idle_seconds);

    let compute = gpu_line.dollars + cpu_line.dollars + memory_line.dollars;
    let credits = compute.min(f64::from(plan.monthly_credits));
    let plan_fee = f64::from(plan.monthly_fee);
    let peak_gpus = if gpu.is_some() { usage.peak_containers * f64::from(scenario.count) } else { 0.0 };

    let mut warnings = Vec::new();
    if peak_gpus > f64::from(plan.max_gpus) {
        warnings.push(format!(
            "{} allows {} GPUs at once; this needs {}.",
            plan.name,
            number(plan.max_gpus.into()),
            number(peak_gpus)
        ));
    }
    if usage.peak_containers > f64::from(plan.max_containers) {
        warnings.push(format!(
            "{} allows {} containers at once; this needs {}.",
            plan.name,
            number(plan.max_containers.into()),
            number(usage.peak_containers)
        ));
    }

    Ok(Estimate {
        active_seconds: usage.active_seconds,
        idle_seconds: usage.idle_seconds,
        gpu: gpu_line,
        cpu: cpu_line,
        memory: memory_line,
        active,
        idle,
        compute,
        credits,
        plan_fee,
        total: compute - credits + plan_fee,
        per_unit: usage.unit.filter(|&(_, count)| count > 0.0).map(|(name, count)| (name.to_string(), compute / count)),
        peak_containers: usage.peak_containers,
        peak_gpus,
        warnings,
    })
}

fn find_gpu<'a>(data: &'a ModalData, id: &str) -> Result<&'a Gpu, String> {
    data.gpus.iter().find(|gpu| gpu.id == id).ok_or_else(|| {
        let known: Vec<&str> = data.gpus.iter().map(|gpu| gpu.id.as_str()).collect();
        format!("Unknown GPU {}: expected one of {}", quote(id), known.join(", "))
    })
}

fn usage(workload: &Workload) -> Result<Usage, String> {
    match *workload {
        Workload::Always { containers, hours_per_day, days } => {
            let containers = check(&CONTAINERS, containers.into())?;
            let hours_per_day = check(&HOURS, hours_per_day)?;
            let days = check(&DAYS, days)?;
            Ok(Usage {
                active_seconds: containers * hours_per_day * SECONDS_PER_HOUR * days,
                idle_seconds: 0.0,
                peak_containers: containers,
                unit: None,
            })
        }
        Workload::Requests { requests, seconds, concurrency, cold_start, scaledown, bursts_per_day } => {
            let requests = check(&REQUESTS, requests)?;
            let seconds = check(&SECONDS, seconds)?;
            let concurrency = check(&CONCURRENCY, concurrency.into())?;
            let cold_start = check(&COLD, cold_start)?;
            let scaledown = check(&SCALEDOWN, scaledown)?;
            let bursts = check(&BURSTS, bursts_per_day)? * DAYS_PER_MONTH;
            let active_seconds = requests * seconds / concurrency + bursts * cold_start;
            Ok(Usage {
                active_seconds,
                idle_seconds: bursts * scaledown,
                // At least as many containers as are busy on average over the month; bursts make
                // the real peak higher, so a warning from this figure is certain, not likely.
                peak_containers: (active_seconds / (DAYS_PER_MONTH * 86_400.0)).ceil().max(1.0),
                unit: Some(("per request", requests)),
            })
        }
        Workload::Batch { items, seconds, parallel } => {
            let items = check(&ITEMS, items)?;
            let seconds = check(&SECONDS, seconds)?;
            let parallel = check(&PARALLEL, parallel.into())?;
            Ok(Usage {
                active_seconds: items * seconds,
                idle_seconds: 0.0,
                peak_containers: parallel,
                unit: Some(("per item", items)),
            })
        }
    }
}

/// The scenario on every GPU type that holds `min_gpu_memory_gb`, cheapest compute first (ties:
/// fewer GPUs, then the data's order). Each type gets the smallest count whose memory reaches the
/// minimum within its `max_count`; with a minimum of 0 (or less), the scenario's count, capped at
/// the type's `max_count`. Types the scenario cannot run on (say, an unknown plan) are left out.
pub fn compare(data: &ModalData, scenario: &Scenario, min_gpu_memory_gb: f64) -> Vec<(String, u32, Estimate)> {
    let mut rows: Vec<(String, u32, Estimate)> = data
        .gpus
        .iter()
        .filter_map(|gpu| {
            let count = if min_gpu_memory_gb > 0.0 {
                gpus_needed(gpu, min_gpu_memory_gb)?
            } else {
                scenario.count.min(gpu.max_count).max(1)
            };
            let on_this_gpu = Scenario { gpu: Some(gpu.id.clone()), fallbacks: Vec::new(), count, ..scenario.clone() };
            let estimate = estimate(data, &on_this_gpu).ok()?;
            Some((gpu.id.clone(), count, estimate))
        })
        .collect();
    rows.sort_by(|a, b| a.2.compute.total_cmp(&b.2.compute).then(a.1.cmp(&b.1)));
    rows
}

/// The scenario priced on its GPU and on each fallback in turn, since Modal bills whichever one
/// the container got.
pub fn at_each_choice(data: &ModalData, scenario: &Scenario) -> Vec<(String, Result<Estimate, String>)> {
    let Some(first) = &scenario.gpu else { return Vec::new() };
    std::iter::once(first)
        .chain(&scenario.fallbacks)
        .map(|id| {
            let on_this_gpu = Scenario { gpu: Some(id.clone()), fallbacks: Vec::new(), ..scenario.clone() };
            (id.clone(), estimate(data, &on_this_gpu))
        })
        .collect()
}

/// The Modal decorators that request what the scenario prices, e.g.
/// `@app.function(gpu="H100:2", cpu=2.0, memory=4096, scaledown_window=60)`, then
/// `@modal.concurrent(max_inputs=8)` when one container serves several inputs at once.
///
/// Memory is in MiB, Modal's unit (GiB × 1024, rounded). The CPU request is raised to the billed
/// minimum, so the snippet asks for what the estimate charges.
pub fn decorator(data: &ModalData, scenario: &Scenario) -> String {
    let mut arguments = Vec::new();
    if let Some(gpu) = &scenario.gpu {
        let name =
            |id: &str| if scenario.count > 1 { format!("\"{id}:{}\"", scenario.count) } else { format!("\"{id}\"") };
        arguments.push(if scenario.fallbacks.is_empty() {
            format!("gpu={}", name(gpu))
        } else {
            let choices: Vec<String> = std::iter::once(gpu).chain(&scenario.fallbacks).map(|id| name(id)).collect();
            format!("gpu=[{}]", choices.join(", "))
        });
    }
    arguments.push(format!("cpu={}", python_float(scenario.cpu.max(data.prices.cpu_min_cores))));
    arguments.push(format!("memory={}", (scenario.memory_gib * 1024.0).round()));
    let mut concurrent = String::new();
    match scenario.workload {
        Workload::Always { containers, .. } => arguments.push(format!("min_containers={containers}")),
        Workload::Requests { scaledown, concurrency, .. } => {
            arguments.push(format!("scaledown_window={scaledown}"));
            if concurrency > 1 {
                concurrent = format!("@modal.concurrent(max_inputs={concurrency})\n");
            }
        }
        Workload::Batch { .. } => {}
    }
    format!("@app.function({})\n{concurrent}def handler():\n    ...", arguments.join(", "))
}

/// A float the way Python writes it: `2.0`, `0.125`.
fn python_float(value: f64) -> String {
    if value.fract() == 0.0 { format!("{value:.1}") } else { value.to_string() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_data;

    fn requests_scenario(gpu: Option<&str>, count: u32) -> Scenario {
        Scenario {
            gpu: gpu.map(str::to_string),
            fallbacks: Vec::new(),
            count,
            cpu: 0.125,
            memory_gib: 0.5,
            region: RegionChoice::None,
            plan: "starter".to_string(),
            workload: Workload::Requests {
                requests: 100_000.0,
                seconds: 2.0,
                concurrency: 1,
                cold_start: 10.0,
                scaledown: 60.0,
                bursts_per_day: 24.0,
            },
        }
    }

    fn always_scenario(gpu: Option<&str>, count: u32) -> Scenario {
        Scenario {
            workload: Workload::Always { containers: 1, hours_per_day: 1.0, days: 1.0 },
            ..requests_scenario(gpu, count)
        }
    }

    #[test]
    fn unknown_gpu_is_an_error_listing_the_known_ones() {
        let error = estimate(&test_data::modal(), &requests_scenario(Some("V100"), 1)).unwrap_err();
        assert_eq!(
            error,
            "Unknown GPU `V100`: expected one of T4, L4, A10, L40S, A100-40GB, A100-80GB, RTX-PRO-6000, H100, H200, B200"
        );
    }

    #[test]
    fn gpu_count_is_checked_against_the_gpu_type() {
        let data = test_data::modal();
        assert_eq!(
            estimate(&data, &requests_scenario(Some("H100"), 9)).unwrap_err(),
            "H100 allows at most 8 per container"
        );
        assert_eq!(
            estimate(&data, &requests_scenario(Some("A10"), 5)).unwrap_err(),
            "A10 allows at most 4 per container"
        );
        assert!(estimate(&data, &requests_scenario(Some("A10"), 4)).is_ok());
        assert_eq!(estimate(&data, &requests_scenario(Some("A10"), 0)).unwrap_err(), "GPU count: at least 1");
        // Without a GPU the count means nothing and is not checked.
        assert!(estimate(&data, &requests_scenario(None, 0)).is_ok());
    }

    #[test]
    fn unknown_plan_is_an_error_listing_the_known_ones() {
        let scenario = Scenario { plan: "enterprise".to_string(), ..requests_scenario(Some("T4"), 1) };
        assert_eq!(
            estimate(&test_data::modal(), &scenario).unwrap_err(),
            "Unknown plan `enterprise`: expected one of starter, team"
        );
    }

    #[test]
    fn a_region_missing_from_the_data_is_an_error() {
        let mut data = test_data::modal();
        data.regions.multipliers.retain(|region| region.id != "broad");
        let scenario = Scenario { region: RegionChoice::Broad, ..requests_scenario(Some("T4"), 1) };
        assert_eq!(estimate(&data, &scenario).unwrap_err(), "The data has no `broad` region multiplier");
    }

    #[test]
    fn numbers_outside_their_fields_are_errors_with_the_fields_messages() {
        let data = test_data::modal();
        let with = |workload| Scenario { workload, ..requests_scenario(Some("T4"), 1) };
        let cases = [
            (Scenario { cpu: 0.0, ..requests_scenario(None, 1) }, "CPU cores: at least 0.125"),
            (Scenario { memory_gib: f64::NAN, ..requests_scenario(None, 1) }, "Memory (GiB): `NaN` is not a number"),
            (with(Workload::Always { containers: 0, hours_per_day: 1.0, days: 1.0 }), "Containers: at least 1"),
            (with(Workload::Always { containers: 1, hours_per_day: 25.0, days: 1.0 }), "Hours per day: at most 24"),
            (with(Workload::Always { containers: 1, hours_per_day: 1.0, days: -1.0 }), "Days per month: at least 0"),
            (
                with(Workload::Requests {
                    requests: 1.0,
                    seconds: 1.0,
                    concurrency: 1,
                    cold_start: 0.0,
                    scaledown: 1.0,
                    bursts_per_day: 1.0,
                }),
                "Scaledown window (seconds): at least 2",
            ),
            (
                with(Workload::Requests {
                    requests: 1.0,
                    seconds: 1.0,
                    concurrency: 0,
                    cold_start: 0.0,
                    scaledown: 60.0,
                    bursts_per_day: 1.0,
                }),
                "Inputs per container: at least 1",
            ),
            (
                with(Workload::Batch { items: 1.0, seconds: f64::INFINITY, parallel: 1 }),
                "Seconds per request or item: at most 86400",
            ),
            (with(Workload::Batch { items: 1.0, seconds: 1.0, parallel: 0 }), "Containers in parallel: at least 1"),
        ];
        for (scenario, message) in cases {
            assert_eq!(estimate(&data, &scenario).unwrap_err(), message);
        }
    }

    #[test]
    fn lines_write_out_their_multiplication() {
        let data = test_data::modal();
        let scenario = Scenario {
            region: RegionChoice::Broad,
            workload: Workload::Always { containers: 1, hours_per_day: 24.0, days: 30.0 },
            ..requests_scenario(Some("H100"), 1)
        };
        let estimate = estimate(&data, &scenario).expect("a valid scenario");
        // 0.001097 × 2,592,000 = 2,843.424; × 1.5 = 4,265.136
        assert_eq!(estimate.gpu.label, "GPU (1 × H100)");
        assert_eq!(estimate.gpu.arithmetic, "1 × $0.001097/s × 2,592,000 s × 1.5 (broad region) = $4,265.14");
        // 0.125 × 0.0000131 × 2,592,000 = 4.2444; × 1.5 = 6.3666
        assert_eq!(estimate.cpu.arithmetic, "0.125 cores × $0.0000131/s × 2,592,000 s × 1.5 (broad region) = $6.37");
        // 0.5 × 0.00000222 × 2,592,000 = 2.87712; × 1.5 = 4.31568
        assert_eq!(estimate.memory.arithmetic, "0.5 GiB × $0.00000222/s × 2,592,000 s × 1.5 (broad region) = $4.32");
        // (0.001097 + 0.0000016375 + 0.00000111) = 0.0010997475 $/s, six significant digits shown
        assert_eq!(estimate.active.arithmetic, "$0.00109975/s × 2,592,000 s × 1.5 (broad region) = $4,275.82");
        assert_eq!(estimate.idle.arithmetic, "$0.00109975/s × 0 s × 1.5 (broad region) = $0.00");

        let cpu_only = estimate_of(&data, &always_scenario(None, 1));
        assert_eq!(
            cpu_only.gpu,
            Line { label: "GPU (none)".to_string(), dollars: 0.0, arithmetic: "no GPU = $0.00".to_string() }
        );
        // 0.125 × 0.0000131 × 3,600 = 0.005895
        assert_eq!(cpu_only.cpu.arithmetic, "0.125 cores × $0.0000131/s × 3,600 s = $0.005895");
    }

    #[test]
    fn cpu_below_the_billed_minimum_is_billed_at_the_minimum() {
        let mut data = test_data::modal();
        data.prices.cpu_min_cores = 0.25; // above the field's lowest value, as new prices might be
        let estimate = estimate_of(&data, &always_scenario(None, 1));
        // 0.25 × 0.0000131 × 3,600 = 0.01179
        assert!((estimate.cpu.dollars - 0.01179).abs() < 1e-12);
        assert_eq!(estimate.cpu.arithmetic, "0.25 cores (the billed minimum) × $0.0000131/s × 3,600 s = $0.01");
        assert_eq!(
            decorator(&data, &always_scenario(None, 1)),
            "@app.function(cpu=0.25, memory=512, min_containers=1)\ndef handler():\n    ..."
        );
    }

    fn estimate_of(data: &ModalData, scenario: &Scenario) -> Estimate {
        estimate(data, scenario).expect("a valid scenario")
    }

    fn order(rows: &[(String, u32, Estimate)]) -> Vec<(&str, u32)> {
        rows.iter().map(|(id, count, _)| (id.as_str(), *count)).collect()
    }

    #[test]
    fn compare_without_a_memory_minimum_keeps_the_count_within_each_limit() {
        let data = test_data::modal();
        let rows = compare(&data, &always_scenario(Some("H100"), 8), 0.0);
        // Same CPU and memory everywhere, so GPU $/s decides: A10 stops at 4 (4 × 0.000306 =
        // 0.001224), below 8 T4s (8 × 0.000164 = 0.001312); the rest are 8 × their price.
        assert_eq!(
            order(&rows),
            [
                ("A10", 4),
                ("T4", 8),
                ("L4", 8),
                ("L40S", 8),
                ("A100-40GB", 8),
                ("A100-80GB", 8),
                ("RTX-PRO-6000", 8),
                ("H100", 8),
                ("H200", 8),
                ("B200", 8)
            ]
        );
        assert!(rows.windows(2).all(|pair| pair[0].2.compute <= pair[1].2.compute));
        // 8 × 0.001097 $/s × 3,600 s = 31.5936, plus CPU 0.005895 and memory 0.003996
        assert!((rows[7].2.compute - 31.603491).abs() < 1e-9);
    }

    #[test]
    fn compare_with_a_memory_minimum_uses_the_fewest_gpus_that_hold_it() {
        let data = test_data::modal();
        // 80 GB: A100-80GB 1 × 0.000694 $/s; T4 5 × 0.000164 = 0.00082; RTX 1 × 0.000842;
        // L4 4 × 0.000222 = 0.000888; L40S 2 × 0.000542 = 0.001084; H100 0.001097;
        // A100-40GB 2 × 0.000583 = 0.001166; A10 4 × 0.000306 = 0.001224; H200; B200.
        let rows = compare(&data, &always_scenario(None, 1), 80.0);
        assert_eq!(
            order(&rows),
            [
                ("A100-80GB", 1),
                ("T4", 5),
                ("RTX-PRO-6000", 1),
                ("L4", 4),
                ("L40S", 2),
                ("H100", 1),
                ("A100-40GB", 2),
                ("A10", 4),
                ("H200", 1),
                ("B200", 1)
            ]
        );
        // 200 GB: T4 would need 13, L4 9 and A10 9, over their limits. A100-80GB 3 × 0.000694 =
        // 0.002082; H200 2 × 0.001261 = 0.002522; RTX 3 × 0.000842 = 0.002526; L40S 5 × 0.000542 =
        // 0.00271; A100-40GB 5 × 0.000583 = 0.002915; H100 3 × 0.001097 = 0.003291; B200 2 × 0.001736.
        let rows = compare(&data, &always_scenario(None, 1), 200.0);
        assert_eq!(
            order(&rows),
            [
                ("A100-80GB", 3),
                ("H200", 2),
                ("RTX-PRO-6000", 3),
                ("L40S", 5),
                ("A100-40GB", 5),
                ("H100", 3),
                ("B200", 2)
            ]
        );
        assert!(compare(&data, &always_scenario(None, 1), 2000.0).is_empty());
    }

    #[test]
    fn compare_breaks_price_ties_with_fewer_gpus() {
        let mut data = test_data::modal();
        // Two T4s at half an L4's price cost what one L4 does.
        data.gpus[0].price_per_second = 0.000111;
        let rows = compare(&data, &always_scenario(None, 1), 20.0);
        assert_eq!(order(&rows)[..2], [("L4", 1), ("T4", 2)]);
    }

    #[test]
    fn compare_leaves_out_what_cannot_be_estimated() {
        let scenario = Scenario { plan: "free".to_string(), ..always_scenario(None, 1) };
        assert!(compare(&test_data::modal(), &scenario, 0.0).is_empty());
    }

    #[test]
    fn decorators_request_what_is_priced() {
        let data = test_data::modal();
        let multi_gpu = Scenario {
            cpu: 2.0,
            memory_gib: 4.0,
            workload: Workload::Requests {
                requests: 1.0,
                seconds: 1.0,
                concurrency: 8,
                cold_start: 0.0,
                scaledown: 60.0,
                bursts_per_day: 1.0,
            },
            ..requests_scenario(Some("H100"), 2)
        };
        assert_eq!(
            decorator(&data, &multi_gpu),
            "@app.function(gpu=\"H100:2\", cpu=2.0, memory=4096, scaledown_window=60)\n@modal.concurrent(max_inputs=8)\ndef handler():\n    ..."
        );
        let with_fallbacks = Scenario { fallbacks: vec!["A100-80GB".into()], ..requests_scenario(Some("H100"), 2) };
        assert_eq!(
            decorator(&data, &with_fallbacks),
            "@app.function(gpu=[\"H100:2\", \"A100-80GB:2\"], cpu=0.125, memory=512, scaledown_window=60)\ndef handler():\n    ..."
        );
        let prices: Vec<(String, f64)> =
            at_each_choice(&data, &with_fallbacks).into_iter().map(|(id, e)| (id, e.unwrap().gpu.dollars)).collect();
        // The GPU line at each choice: 2 GPUs × price × the same container-seconds.
        assert_eq!(prices[0].0, "H100");
        assert_eq!(prices[1].0, "A100-80GB");
        assert!((prices[0].1 / prices[1].1 - 0.001097 / 0.000694).abs() < 1e-9);
        assert_eq!(
            decorator(&data, &requests_scenario(Some("L4"), 1)),
            "@app.function(gpu=\"L4\", cpu=0.125, memory=512, scaledown_window=60)\ndef handler():\n    ..."
        );
        let warm = Scenario {
            memory_gib: 0.3, // 307.2 MiB, rounded
            workload: Workload::Always { containers: 3, hours_per_day: 24.0, days: 30.0 },
            ..requests_scenario(None, 1)
        };
        assert_eq!(
            decorator(&data, &warm),
            "@app.function(cpu=0.125, memory=307, min_containers=3)\ndef handler():\n    ..."
        );
        let batch = Scenario {
            cpu: 16.0,
            memory_gib: 64.0,
            workload: Workload::Batch { items: 1.0, seconds: 1.0, parallel: 10 },
            ..requests_scenario(Some("B200"), 8)
        };
        assert_eq!(
            decorator(&data, &batch),
            "@app.function(gpu=\"B200:8\", cpu=16.0, memory=65536)\ndef handler():\n    ..."
        );
    }
}
