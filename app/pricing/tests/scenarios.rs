//! Worked scenarios on the real `content/data/modal.toml`, each worked out by hand in its comment.
//!
//! Prices used (per second): H100 0.001097, H200 0.001261, B200 0.001736, A100-80GB 0.000694,
//! A10 0.000306, L4 0.000222, T4 0.000164; CPU 0.0000131 per core (minimum 0.125 core, so
//! 0.0000016375 at the minimum); memory 0.00000222 per GiB (0.00000111 for 0.5 GiB). Regions:
//! broad × 1.5, narrow × 1.75. Starter: $0 fee, $30 credits, 100 containers, 10 GPUs. Team: $250
//! fee, $100 credits, 1,000 containers, 50 GPUs.

use atlas_pricing::{Estimate, ModalData, RegionChoice, Scenario, Workload, estimate};

/// Every dollar amount is checked to within half a cent.
const CENT_TOLERANCE: f64 = 0.005;

fn data() -> ModalData {
    toml::from_str(include_str!("../../../content/data/modal.toml")).expect("modal.toml matches the facts types")
}

fn scenario(
    gpu: Option<&str>,
    count: u32,
    (cpu, memory_gib): (f64, f64),
    region: RegionChoice,
    plan: &str,
    workload: Workload,
) -> Scenario {
    Scenario {
        gpu: gpu.map(str::to_string),
        fallbacks: Vec::new(),
        count,
        cpu,
        memory_gib,
        region,
        plan: plan.to_string(),
        workload,
    }
}

fn always(containers: u32, hours_per_day: f64, days: f64) -> Workload {
    Workload::Always { containers, hours_per_day, days }
}

fn requests(requests: f64, seconds: f64, concurrency: u32, cold_start: f64, scaledown: f64, bursts: f64) -> Workload {
    Workload::Requests { requests, seconds, concurrency, cold_start, scaledown, bursts_per_day: bursts }
}

fn batch(items: f64, seconds: f64, parallel: u32) -> Workload {
    Workload::Batch { items, seconds, parallel }
}

fn run(scenario: &Scenario) -> Estimate {
    estimate(&data(), scenario).expect("a valid scenario")
}

fn assert_dollars(actual: f64, expected: f64, what: &str) {
    assert!((actual - expected).abs() <= CENT_TOLERANCE, "{what}: got {actual}, expected {expected}");
}

/// The bill's parts, in dollars.
struct Bill {
    gpu: f64,
    cpu: f64,
    memory: f64,
    compute: f64,
    credits: f64,
    plan_fee: f64,
    total: f64,
}

fn assert_bill(estimate: &Estimate, bill: Bill) {
    assert_dollars(estimate.gpu.dollars, bill.gpu, "GPU");
    assert_dollars(estimate.cpu.dollars, bill.cpu, "CPU");
    assert_dollars(estimate.memory.dollars, bill.memory, "memory");
    assert_dollars(estimate.compute, bill.compute, "compute");
    assert_dollars(estimate.credits, bill.credits, "credits");
    assert_dollars(estimate.plan_fee, bill.plan_fee, "plan fee");
    assert_dollars(estimate.total, bill.total, "total");
    // The split by active and idle time is the same money.
    assert_dollars(estimate.active.dollars + estimate.idle.dollars, bill.compute, "active + idle");
}

/// Container-seconds, to within a millisecond (decimal inputs such as 0.05 s are not exact in binary).
fn assert_seconds(estimate: &Estimate, active: f64, idle: f64) {
    assert!(
        (estimate.active_seconds - active).abs() < 1e-3,
        "active: got {}, expected {active}",
        estimate.active_seconds
    );
    assert!((estimate.idle_seconds - idle).abs() < 1e-3, "idle: got {}, expected {idle}", estimate.idle_seconds);
}

fn assert_per_unit(estimate: &Estimate, name: &str, dollars: f64) {
    let (actual_name, actual) = estimate.per_unit.clone().expect("a per-unit price");
    assert_eq!(actual_name, name);
    // Per-unit prices are fractions of a cent: compare to a millionth of their size.
    assert!((actual - dollars).abs() <= dollars * 1e-6, "{name}: got {actual}, expected {dollars}");
}

#[test]
fn one_h100_always_on_for_a_month_on_starter() {
    let estimate = run(&scenario(Some("H100"), 1, (0.125, 0.5), RegionChoice::None, "starter", always(1, 24.0, 30.0)));
    // Seconds: 1 container × 24 h × 3600 s × 30 days = 2,592,000
    // GPU: 0.001097 $/s × 1 × 2,592,000 s = 2843.424
    // CPU: 0.125 cores × 0.0000131 $/s × 2,592,000 s = 4.2444
    // Memory: 0.5 GiB × 0.00000222 $/s × 2,592,000 s = 2.87712
    // Compute: 2843.424 + 4.2444 + 2.87712 = 2850.54552; Starter credits 30; total 2820.54552
    assert_seconds(&estimate, 2_592_000.0, 0.0);
    assert_bill(
        &estimate,
        Bill {
            gpu: 2843.424,
            cpu: 4.2444,
            memory: 2.87712,
            compute: 2850.54552,
            credits: 30.0,
            plan_fee: 0.0,
            total: 2820.54552,
        },
    );
    assert_dollars(estimate.idle.dollars, 0.0, "idle");
    assert_eq!(estimate.gpu.arithmetic, "1 × $0.001097/s × 2,592,000 s = $2,843.42");
    assert_eq!(estimate.per_unit, None);
    assert_eq!((estimate.peak_containers, estimate.peak_gpus), (1.0, 1.0));
    assert!(estimate.warnings.is_empty());
}

#[test]
fn two_h100s_eight_hours_a_day_on_team() {
    let estimate = run(&scenario(Some("H100"), 2, (2.0, 4.0), RegionChoice::None, "team", always(1, 8.0, 30.0)));
    // Seconds: 1 × 8 h × 3600 s × 30 days = 864,000
    // GPU: 0.001097 $/s × 2 GPUs × 864,000 s = 1895.616
    // CPU: 2 cores × 0.0000131 $/s × 864,000 s = 22.6368
    // Memory: 4 GiB × 0.00000222 $/s × 864,000 s = 7.67232
    // Compute: 1925.92512; Team credits 100, fee 250; total 1925.92512 − 100 + 250 = 2075.92512
    assert_seconds(&estimate, 864_000.0, 0.0);
    assert_bill(
        &estimate,
        Bill {
            gpu: 1895.616,
            cpu: 22.6368,
            memory: 7.67232,
            compute: 1925.92512,
            credits: 100.0,
            plan_fee: 250.0,
            total: 2075.92512,
        },
    );
    assert_eq!(estimate.gpu.label, "GPU (2 × H100)");
    assert_eq!(estimate.gpu.arithmetic, "2 × $0.001097/s × 864,000 s = $1,895.62");
    assert_eq!(estimate.peak_gpus, 2.0);
}

#[test]
fn an_l4_in_a_broad_region_pays_one_and_a_half_times_everything() {
    let estimate = run(&scenario(Some("L4"), 1, (1.0, 2.0), RegionChoice::Broad, "starter", always(1, 24.0, 30.0)));
    // GPU: 0.000222 $/s × 2,592,000 s = 575.424; × 1.5 = 863.136
    // CPU: 1 core × 0.0000131 $/s × 2,592,000 s = 33.9552; × 1.5 = 50.9328
    // Memory: 2 GiB × 0.00000222 $/s × 2,592,000 s = 11.50848; × 1.5 = 17.26272
    // Compute: 931.33152; Starter credits 30; total 901.33152
    assert_bill(
        &estimate,
        Bill {
            gpu: 863.136,
            cpu: 50.9328,
            memory: 17.26272,
            compute: 931.33152,
            credits: 30.0,
            plan_fee: 0.0,
            total: 901.33152,
        },
    );
    assert_eq!(estimate.cpu.arithmetic, "1 core × $0.0000131/s × 2,592,000 s × 1.5 (broad region) = $50.93");
}

#[test]
fn three_cpu_only_containers_half_days_for_31_days_in_a_broad_region() {
    let estimate = run(&scenario(None, 1, (4.0, 8.0), RegionChoice::Broad, "starter", always(3, 12.0, 31.0)));
    // Seconds: 3 containers × 12 h × 3600 s × 31 days = 4,017,600
    // GPU: none = 0
    // CPU: 4 cores × 0.0000131 $/s × 4,017,600 s = 210.52224; × 1.5 = 315.78336
    // Memory: 8 GiB × 0.00000222 $/s × 4,017,600 s = 71.352576; × 1.5 = 107.028864
    // Compute: 422.812224; Starter credits 30; total 392.812224
    assert_seconds(&estimate, 4_017_600.0, 0.0);
    assert_bill(
        &estimate,
        Bill {
            gpu: 0.0,
            cpu: 315.78336,
            memory: 107.028864,
            compute: 422.812224,
            credits: 30.0,
            plan_fee: 0.0,
            total: 392.812224,
        },
    );
    assert_eq!((estimate.peak_containers, estimate.peak_gpus), (3.0, 0.0));
    assert!(estimate.warnings.is_empty());
}

#[test]
fn eight_b200s_in_a_narrow_region_on_team() {
    let estimate = run(&scenario(Some("B200"), 8, (16.0, 256.0), RegionChoice::Narrow, "team", always(1, 24.0, 30.0)));
    // GPU: 0.001736 $/s × 8 GPUs × 2,592,000 s = 35,997.696; × 1.75 = 62,995.968
    // CPU: 16 cores × 0.0000131 $/s × 2,592,000 s = 543.2832; × 1.75 = 950.7456
    // Memory: 256 GiB × 0.00000222 $/s × 2,592,000 s = 1,473.08544; × 1.75 = 2,577.89952
    // Compute: 66,524.61312; Team credits 100, fee 250; total 66,674.61312
    assert_bill(
        &estimate,
        Bill {
            gpu: 62995.968,
            cpu: 950.7456,
            memory: 2577.89952,
            compute: 66524.61312,
            credits: 100.0,
            plan_fee: 250.0,
            total: 66674.61312,
        },
    );
    assert_eq!(estimate.peak_gpus, 8.0);
    assert!(estimate.warnings.is_empty());
}

#[test]
fn two_containers_of_eight_h100s_exceed_starters_gpu_limit() {
    let starter = scenario(Some("H100"), 8, (8.0, 64.0), RegionChoice::None, "starter", always(2, 1.0, 1.0));
    let estimate = run(&starter);
    // Seconds: 2 containers × 1 h × 3600 s × 1 day = 7,200
    // GPU: 0.001097 $/s × 8 GPUs × 7,200 s = 63.1872
    // CPU: 8 cores × 0.0000131 $/s × 7,200 s = 0.75456
    // Memory: 64 GiB × 0.00000222 $/s × 7,200 s = 1.022976
    // Compute: 64.964736; Starter credits 30; total 34.964736
    assert_bill(
        &estimate,
        Bill {
            gpu: 63.1872,
            cpu: 0.75456,
            memory: 1.022976,
            compute: 64.964736,
            credits: 30.0,
            plan_fee: 0.0,
            total: 34.964736,
        },
    );
    // Peak: 2 containers × 8 GPUs = 16 > Starter's 10
    assert_eq!((estimate.peak_containers, estimate.peak_gpus), (2.0, 16.0));
    assert_eq!(estimate.warnings, ["Starter allows 10 GPUs at once; this needs 16."]);

    // On Team (50 GPUs) no warning, and the $100 credits cover all 64.964736 of compute: total = 250.
    let team = run(&Scenario { plan: "team".to_string(), ..starter });
    assert!(team.warnings.is_empty());
    assert_dollars(team.credits, 64.964736, "Team credits");
    assert_dollars(team.total, 250.0, "Team total");
}

#[test]
fn one_hundred_fifty_warm_containers_exceed_starters_container_limit() {
    let estimate = run(&scenario(None, 1, (0.125, 0.5), RegionChoice::None, "starter", always(150, 1.0, 1.0)));
    // Seconds: 150 containers × 1 h × 3600 s × 1 day = 540,000
    // CPU: 0.125 cores × 0.0000131 $/s × 540,000 s = 0.88425
    // Memory: 0.5 GiB × 0.00000222 $/s × 540,000 s = 0.5994
    // Compute: 1.48365, all paid by the $30 credits: total 0
    assert_bill(
        &estimate,
        Bill { gpu: 0.0, cpu: 0.88425, memory: 0.5994, compute: 1.48365, credits: 1.48365, plan_fee: 0.0, total: 0.0 },
    );
    assert_eq!(estimate.warnings, ["Starter allows 100 containers at once; this needs 150."]);
}

#[test]
fn team_pays_its_fee_even_when_nothing_runs() {
    let estimate = run(&scenario(Some("H100"), 1, (0.125, 0.5), RegionChoice::None, "team", always(1, 0.0, 30.0)));
    // Seconds: 1 × 0 h × 3600 s × 30 days = 0; compute 0; credits min(0, 100) = 0; total 0 − 0 + 250 = 250
    assert_seconds(&estimate, 0.0, 0.0);
    assert_bill(
        &estimate,
        Bill { gpu: 0.0, cpu: 0.0, memory: 0.0, compute: 0.0, credits: 0.0, plan_fee: 250.0, total: 250.0 },
    );
    assert_eq!(estimate.per_unit, None);
}

#[test]
fn requests_on_an_l4_pay_for_cold_starts_and_the_idle_tail() {
    // The form's defaults: 100,000 requests × 2 s, 1 input per container, 10 s cold start,
    // 60 s scaledown window, 24 bursts a day.
    let estimate = run(&scenario(
        Some("L4"),
        1,
        (0.125, 0.5),
        RegionChoice::None,
        "starter",
        requests(100_000.0, 2.0, 1, 10.0, 60.0, 24.0),
    ));
    // Active: 100,000 × 2 s ÷ 1 = 200,000 s + 24 bursts × 30 days × 10 s = 7,200 s → 207,200 s
    // Idle: 24 bursts × 30 days × 60 s = 43,200 s; together 250,400 s
    // GPU: 0.000222 $/s × 250,400 s = 55.5888
    // CPU: 0.125 × 0.0000131 $/s × 250,400 s = 0.41003
    // Memory: 0.5 × 0.00000222 $/s × 250,400 s = 0.277944
    // Compute: 56.276774; Starter credits 30; total 26.276774
    assert_seconds(&estimate, 207_200.0, 43_200.0);
    assert_bill(
        &estimate,
        Bill {
            gpu: 55.5888,
            cpu: 0.41003,
            memory: 0.277944,
            compute: 56.276774,
            credits: 30.0,
            plan_fee: 0.0,
            total: 26.276774,
        },
    );
    // Per container-second: 0.000222 + 0.0000016375 + 0.00000111 = 0.0002247475 $/s
    // Active: 0.0002247475 × 207,200 s = 46.567682; idle: 0.0002247475 × 43,200 s = 9.709092
    assert_dollars(estimate.active.dollars, 46.567682, "active");
    assert_dollars(estimate.idle.dollars, 9.709092, "idle");
    // Per request: 56.276774 ÷ 100,000 = 0.00056276774
    assert_per_unit(&estimate, "per request", 0.00056276774);
    assert_eq!((estimate.peak_containers, estimate.peak_gpus), (1.0, 1.0));
}

#[test]
fn concurrent_requests_on_an_h100_on_team() {
    let estimate = run(&scenario(
        Some("H100"),
        1,
        (2.0, 8.0),
        RegionChoice::None,
        "team",
        requests(10_000_000.0, 0.5, 8, 30.0, 300.0, 10.0),
    ));
    // Active: 10,000,000 × 0.5 s ÷ 8 inputs = 625,000 s + 10 bursts × 30 days × 30 s = 9,000 s → 634,000 s
    // Idle: 10 × 30 × 300 s = 90,000 s; together 724,000 s
    // GPU: 0.001097 $/s × 724,000 s = 794.228
    // CPU: 2 cores × 0.0000131 $/s × 724,000 s = 18.9688
    // Memory: 8 GiB × 0.00000222 $/s × 724,000 s = 12.85824
    // Compute: 826.05504; Team credits 100, fee 250; total 976.05504
    assert_seconds(&estimate, 634_000.0, 90_000.0);
    assert_bill(
        &estimate,
        Bill {
            gpu: 794.228,
            cpu: 18.9688,
            memory: 12.85824,
            compute: 826.05504,
            credits: 100.0,
            plan_fee: 250.0,
            total: 976.05504,
        },
    );
    // Per container-second: 0.001097 + 0.0000262 + 0.00001776 = 0.00114096 $/s
    // Active: 0.00114096 × 634,000 s = 723.36864; idle: 0.00114096 × 90,000 s = 102.6864
    assert_dollars(estimate.active.dollars, 723.36864, "active");
    assert_dollars(estimate.idle.dollars, 102.6864, "idle");
    assert_eq!(estimate.idle.arithmetic, "$0.00114096/s × 90,000 s = $102.69");
    // Per request: 826.05504 ÷ 10,000,000 = 0.000082605504
    assert_per_unit(&estimate, "per request", 0.000082605504);
    assert!(estimate.warnings.is_empty());
}

#[test]
fn cpu_only_requests_are_covered_by_credits() {
    let estimate = run(&scenario(
        None,
        1,
        (0.125, 0.5),
        RegionChoice::None,
        "starter",
        requests(1_000_000.0, 0.05, 10, 2.0, 60.0, 24.0),
    ));
    // Active: 1,000,000 × 0.05 s ÷ 10 = 5,000 s + 24 × 30 × 2 s = 1,440 s → 6,440 s
    // Idle: 24 × 30 × 60 s = 43,200 s; together 49,640 s
    // CPU: 0.125 × 0.0000131 $/s × 49,640 s = 0.0812855
    // Memory: 0.5 × 0.00000222 $/s × 49,640 s = 0.0551004
    // Compute: 0.1363859, less than the $30 credits: credits 0.1363859, total 0
    assert_seconds(&estimate, 6_440.0, 43_200.0);
    assert_bill(
        &estimate,
        Bill {
            gpu: 0.0,
            cpu: 0.0812855,
            memory: 0.0551004,
            compute: 0.1363859,
            credits: 0.1363859,
            plan_fee: 0.0,
            total: 0.0,
        },
    );
    // Per request: 0.1363859 ÷ 1,000,000 = 0.0000001363859
    assert_per_unit(&estimate, "per request", 0.0000001363859);
    assert_eq!(estimate.peak_gpus, 0.0);
}

#[test]
fn bursts_without_requests_cost_only_cold_starts_and_tails() {
    let estimate = run(&scenario(
        Some("H200"),
        1,
        (0.125, 0.5),
        RegionChoice::None,
        "team",
        requests(0.0, 2.0, 1, 20.0, 120.0, 5.0),
    ));
    // Active: 0 × 2 s + 5 bursts × 30 days × 20 s = 3,000 s; idle: 5 × 30 × 120 s = 18,000 s; 21,000 s
    // GPU: 0.001261 $/s × 21,000 s = 26.481
    // CPU: 0.125 × 0.0000131 $/s × 21,000 s = 0.0343875
    // Memory: 0.5 × 0.00000222 $/s × 21,000 s = 0.02331
    // Compute: 26.5386975, all paid by Team's $100 credits; total = 250 (the fee)
    assert_seconds(&estimate, 3_000.0, 18_000.0);
    assert_bill(
        &estimate,
        Bill {
            gpu: 26.481,
            cpu: 0.0343875,
            memory: 0.02331,
            compute: 26.5386975,
            credits: 26.5386975,
            plan_fee: 250.0,
            total: 250.0,
        },
    );
    // Per container-second 0.001261 + 0.0000016375 + 0.00000111 = 0.0012637475 $/s
    // Idle: 0.0012637475 × 18,000 s = 22.747455; active: 0.0012637475 × 3,000 s = 3.7912425
    assert_dollars(estimate.idle.dollars, 22.747455, "idle");
    assert_dollars(estimate.active.dollars, 3.7912425, "active");
    // No requests: no price per request.
    assert_eq!(estimate.per_unit, None);
}

#[test]
fn four_a10s_serving_requests_in_a_narrow_region() {
    let estimate = run(&scenario(
        Some("A10"),
        4,
        (0.25, 1.0),
        RegionChoice::Narrow,
        "starter",
        requests(1000.0, 1.5, 1, 0.0, 2.0, 0.0),
    ));
    // Active: 1,000 × 1.5 s ÷ 1 = 1,500 s; no bursts, so no cold starts and no idle tail
    // GPU: 0.000306 $/s × 4 GPUs × 1,500 s = 1.836; × 1.75 = 3.213
    // CPU: 0.25 cores × 0.0000131 $/s × 1,500 s = 0.0049125; × 1.75 = 0.008596875
    // Memory: 1 GiB × 0.00000222 $/s × 1,500 s = 0.00333; × 1.75 = 0.0058275
    // Compute: 3.227424375, under the $30 credits: total 0
    assert_seconds(&estimate, 1_500.0, 0.0);
    assert_bill(
        &estimate,
        Bill {
            gpu: 3.213,
            cpu: 0.008596875,
            memory: 0.0058275,
            compute: 3.227424375,
            credits: 3.227424375,
            plan_fee: 0.0,
            total: 0.0,
        },
    );
    // Per request: 3.227424375 ÷ 1,000 = 0.003227424375
    assert_per_unit(&estimate, "per request", 0.003227424375);
    assert_eq!(estimate.peak_gpus, 4.0);
}

#[test]
fn a_batch_on_an_a100_80gb_in_a_narrow_region() {
    let estimate =
        run(&scenario(Some("A100-80GB"), 1, (4.0, 16.0), RegionChoice::Narrow, "starter", batch(10_000.0, 2.0, 10)));
    // Active: 10,000 items × 2 s = 20,000 s (10 in parallel: same cost, shorter wall time)
    // GPU: 0.000694 $/s × 20,000 s = 13.88; × 1.75 = 24.29
    // CPU: 4 cores × 0.0000131 $/s × 20,000 s = 1.048; × 1.75 = 1.834
    // Memory: 16 GiB × 0.00000222 $/s × 20,000 s = 0.7104; × 1.75 = 1.2432
    // Compute: 27.3672, under the $30 credits: total 0
    assert_seconds(&estimate, 20_000.0, 0.0);
    assert_bill(
        &estimate,
        Bill { gpu: 24.29, cpu: 1.834, memory: 1.2432, compute: 27.3672, credits: 27.3672, plan_fee: 0.0, total: 0.0 },
    );
    // Per item: 27.3672 ÷ 10,000 = 0.00273672
    assert_per_unit(&estimate, "per item", 0.00273672);
    // 10 containers × 1 GPU = 10: exactly Starter's limit, so no warning.
    assert_eq!((estimate.peak_containers, estimate.peak_gpus), (10.0, 10.0));
    assert!(estimate.warnings.is_empty());
}

#[test]
fn a_small_t4_batch_is_covered_by_credits() {
    let estimate = run(&scenario(Some("T4"), 1, (0.125, 0.5), RegionChoice::None, "starter", batch(1000.0, 5.0, 5)));
    // Active: 1,000 items × 5 s = 5,000 s
    // GPU: 0.000164 $/s × 5,000 s = 0.82
    // CPU: 0.125 × 0.0000131 $/s × 5,000 s = 0.0081875
    // Memory: 0.5 × 0.00000222 $/s × 5,000 s = 0.00555
    // Compute: 0.8337375; credits min(0.8337375, 30) = 0.8337375; total 0
    assert_bill(
        &estimate,
        Bill {
            gpu: 0.82,
            cpu: 0.0081875,
            memory: 0.00555,
            compute: 0.8337375,
            credits: 0.8337375,
            plan_fee: 0.0,
            total: 0.0,
        },
    );
    // Per item: 0.8337375 ÷ 1,000 = 0.0008337375
    assert_per_unit(&estimate, "per item", 0.0008337375);
}

#[test]
fn sixty_parallel_a10s_exceed_teams_gpu_limit() {
    let estimate = run(&scenario(Some("A10"), 1, (0.5, 4.0), RegionChoice::None, "team", batch(3600.0, 10.0, 60)));
    // Active: 3,600 items × 10 s = 36,000 s
    // GPU: 0.000306 $/s × 36,000 s = 11.016
    // CPU: 0.5 cores × 0.0000131 $/s × 36,000 s = 0.2358
    // Memory: 4 GiB × 0.00000222 $/s × 36,000 s = 0.31968
    // Compute: 11.57148, paid by Team's credits; total = the 250 fee
    assert_bill(
        &estimate,
        Bill {
            gpu: 11.016,
            cpu: 0.2358,
            memory: 0.31968,
            compute: 11.57148,
            credits: 11.57148,
            plan_fee: 250.0,
            total: 250.0,
        },
    );
    // Per item: 11.57148 ÷ 3,600 = 0.0032143
    assert_per_unit(&estimate, "per item", 0.0032143);
    // 60 containers × 1 GPU = 60 > 50; 60 containers is within Team's 1,000.
    assert_eq!(estimate.warnings, ["Team allows 50 GPUs at once; this needs 60."]);
}

#[test]
fn two_hundred_parallel_cpu_containers_exceed_starters_container_limit() {
    let starter = scenario(None, 1, (1.0, 1.0), RegionChoice::None, "starter", batch(1_000_000.0, 0.1, 200));
    let estimate = run(&starter);
    // Active: 1,000,000 items × 0.1 s = 100,000 s
    // CPU: 1 core × 0.0000131 $/s × 100,000 s = 1.31
    // Memory: 1 GiB × 0.00000222 $/s × 100,000 s = 0.222
    // Compute: 1.532, under the credits: total 0
    assert_bill(
        &estimate,
        Bill { gpu: 0.0, cpu: 1.31, memory: 0.222, compute: 1.532, credits: 1.532, plan_fee: 0.0, total: 0.0 },
    );
    assert_eq!(estimate.warnings, ["Starter allows 100 containers at once; this needs 200."]);
    // Team allows 1,000 containers.
    assert!(run(&Scenario { plan: "team".to_string(), ..starter }).warnings.is_empty());
}

#[test]
fn a_large_h200_batch_on_team_exceeds_credits_and_the_gpu_limit() {
    let estimate = run(&scenario(Some("H200"), 2, (8.0, 64.0), RegionChoice::None, "team", batch(500_000.0, 30.0, 40)));
    // Active: 500,000 items × 30 s = 15,000,000 s
    // GPU: 0.001261 $/s × 2 GPUs × 15,000,000 s = 37,830
    // CPU: 8 cores × 0.0000131 $/s × 15,000,000 s = 1,572
    // Memory: 64 GiB × 0.00000222 $/s × 15,000,000 s = 2,131.2
    // Compute: 41,533.2; Team credits 100, fee 250; total 41,683.2
    assert_bill(
        &estimate,
        Bill {
            gpu: 37_830.0,
            cpu: 1572.0,
            memory: 2131.2,
            compute: 41_533.2,
            credits: 100.0,
            plan_fee: 250.0,
            total: 41_683.2,
        },
    );
    // Per item: 41,533.2 ÷ 500,000 = 0.0830664
    assert_per_unit(&estimate, "per item", 0.0830664);
    // 40 containers × 2 GPUs = 80 > 50
    assert_eq!((estimate.peak_containers, estimate.peak_gpus), (40.0, 80.0));
    assert_eq!(estimate.warnings, ["Team allows 50 GPUs at once; this needs 80."]);
}

#[test]
fn a_batch_of_zero_items_costs_nothing_and_has_no_per_item_price() {
    let estimate = run(&scenario(Some("T4"), 1, (0.125, 0.5), RegionChoice::None, "starter", batch(0.0, 2.0, 10)));
    // Active: 0 items × 2 s = 0 s; compute 0; total 0
    assert_bill(
        &estimate,
        Bill { gpu: 0.0, cpu: 0.0, memory: 0.0, compute: 0.0, credits: 0.0, plan_fee: 0.0, total: 0.0 },
    );
    assert_eq!(estimate.per_unit, None);
}

/// Busy request traffic: 100 million requests of 2 s each keep about 77 containers busy on
/// average (200,000,000 s ÷ 2,592,000 s in 30 days = 77.16, rounded up to 78), over Starter's 10
/// GPUs when each has one.
#[test]
fn busy_request_traffic_is_held_to_the_plan_limits() {
    let data = data();
    let scenario = Scenario {
        gpu: Some("T4".into()),
        fallbacks: Vec::new(),
        count: 1,
        cpu: 0.125,
        memory_gib: 0.5,
        region: RegionChoice::None,
        plan: "starter".into(),
        workload: Workload::Requests {
            requests: 1e8,
            seconds: 2.0,
            concurrency: 1,
            cold_start: 0.0,
            scaledown: 2.0,
            bursts_per_day: 0.0,
        },
    };
    let estimate = estimate(&data, &scenario).unwrap();
    assert_eq!(estimate.peak_containers, 78.0);
    assert_eq!(estimate.peak_gpus, 78.0);
    assert_eq!(estimate.warnings.len(), 1, "{:?}", estimate.warnings);
    assert!(estimate.warnings[0].contains("10 GPUs"), "{:?}", estimate.warnings);
}
