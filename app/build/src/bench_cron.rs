//! `atlas-build bench-cron`: how long the next 100 runs take to compute, natively.

use std::time::Instant;

use atlas_cron::{Cron, zones};

use crate::args::BenchCronArgs;

/// Dense, sparse and clock-change-heavy schedules.
const SCHEDULES: &[(&str, &str)] = &[
    ("* * * * *", "UTC"),
    ("*/15 9-17 * * 1-5", "America/New_York"),
    ("0 6 * * 1", "America/New_York"),
    ("30 2 * * *", "America/New_York"),
    ("0 0 1 * *", "Australia/Lord_Howe"),
    ("0 12 13 * 5", "Europe/London"),
    ("0 0 29 2 *", "Asia/Kolkata"),
];

pub fn run(args: BenchCronArgs) -> Result<(), String> {
    let BenchCronArgs { rounds } = args;
    let from: atlas_cron::Instant = "2026-01-01T00:00:00Z".parse()?;
    println!("{:<22} {:<20} {:>8} {:>10} {:>10}", "schedule", "zone", "runs", "p50 µs", "p95 µs");
    for (expr, zone) in SCHEDULES {
        let cron = Cron::parse(expr).map_err(|err| err.to_string())?;
        let tz = zones::bundled(zone).ok_or_else(|| format!("unknown time zone {zone}"))?;
        let mut times: Vec<f64> = (0..rounds)
            .map(|_| {
                let started = Instant::now();
                std::hint::black_box(cron.runs_after(from, &tz, 100));
                started.elapsed().as_secs_f64() * 1e6
            })
            .collect();
        times.sort_by(f64::total_cmp);
        let runs = cron.runs_after(from, &tz, 100).len();
        println!(
            "{expr:<22} {zone:<20} {runs:>8} {:>10.1} {:>10.1}",
            times[times.len() / 2],
            times[times.len() * 95 / 100]
        );
    }
    Ok(())
}
