//! When a schedule runs, in a time zone, across clock changes.

use crate::{Cron, DateTime, Instant, LocalTime, Zone};

/// The rule this crate applies when clocks change. Modal does not document its own, and the
/// reference implementations disagree, so the tool states it wherever runs are shown.
pub const CLOCK_CHANGE_RULE: &str = "Runs follow the local clock. A run at a local time that the clock skips \
(spring forward) happens at the moment the clock jumps. A run at a local time that happens twice \
(fall back) happens once, the first time. Modal does not document what it does on these days.";

/// How far ahead a schedule is searched before it is called one that never runs: two leap cycles.
const HORIZON_YEARS: i64 = 8;

/// Clock changes are looked for this long either side of a transition, in milliseconds.
const AROUND_A_CHANGE: i64 = 4 * 3_600_000;

/// A run that falls on a clock change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClockChange {
    /// The local time the schedule names.
    pub local: DateTime,
    /// When it runs under [`CLOCK_CHANGE_RULE`].
    pub runs_at: Instant,
    pub kind: ClockChangeKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClockChangeKind {
    /// The local time does not exist that day.
    Skipped,
    /// The local time happens twice that day.
    Repeated,
}

/// How often a schedule runs, for saying so plainly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Frequency {
    /// No date within the search horizon matches; the reason in words.
    Never(String),
    /// Less than once a year on average over the next eight years.
    Rarely {
        runs_in_eight_years: usize,
    },
    Regular,
}

impl Cron {
    /// The next `count` runs strictly after `after`, in `tz`.
    pub fn runs_after(&self, after: Instant, tz: &Zone, count: usize) -> Vec<Instant> {
        let mut runs = Vec::with_capacity(count);
        self.walk(after, tz, |run, _| {
            runs.push(run);
            runs.len() < count
        });
        runs
    }

    /// Runs in the year after `after` that fall on a skipped or repeated local time.
    pub fn clock_changes_within_a_year(&self, after: Instant, tz: &Zone) -> Vec<ClockChange> {
        let until = years_later(tz, after, 1).unwrap_or(Instant::MAX);
        let mut changes = Vec::new();
        // Runs are few in gaps and folds; walking every run of a year is at most 525 600 steps,
        // so skip ahead from one transition to the next instead.
        let mut transition = tz.next_transition(after);
        while let Some(change) = transition.filter(|change| *change < until) {
            let before = Instant::from_millis(change.millis() - AROUND_A_CHANGE).unwrap_or(after).max(after);
            let end = Instant::from_millis(change.millis() + AROUND_A_CHANGE).unwrap_or(Instant::MAX);
            self.walk(before, tz, |run, local| {
                if run > end {
                    return false;
                }
                if let Some(kind) = local_kind(tz, local) {
                    changes.push(ClockChange { local, runs_at: run, kind });
                }
                true
            });
            transition = tz.next_transition(change);
        }
        changes
    }

    /// Never, rarely or regularly, judged over the next eight years.
    pub fn frequency(&self, after: Instant) -> Frequency {
        if let Some(reason) = self.impossible_dates() {
            return Frequency::Never(reason);
        }
        let mut count = 0;
        let utc = Zone::utc();
        let end = years_later(&utc, after, HORIZON_YEARS);
        self.walk(after, &utc, |run, _| {
            if end.is_some_and(|end| run >= end) {
                return false;
            }
            count += 1;
            count < HORIZON_YEARS as usize
        });
        match count {
            0 => Frequency::Never("no date in the next eight years matches".into()),
            n if n < HORIZON_YEARS as usize => Frequency::Rarely { runs_in_eight_years: n },
            _ => Frequency::Regular,
        }
    }

    /// Why no date can ever match, when the day-of-month and month fields exclude each other.
    fn impossible_dates(&self) -> Option<String> {
        if self.weekday_restricted && self.day_restricted {
            return None;
        }
        let longest = |month: u32| match month {
            2 => 29,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        };
        let months: Vec<u32> = (1..=12).filter(|m| self.months & (1 << m) != 0).collect();
        let possible = months.iter().any(|&m| (1..=longest(m)).any(|d| self.days & (1 << d) != 0));
        if possible {
            return None;
        }
        let first_day = (1..=31).find(|d| self.days & (1 << d) != 0).unwrap_or(31);
        let names: Vec<&str> = months.iter().map(|&m| crate::describe::MONTHS[m as usize - 1]).collect();
        Some(format!("{} {} no day {first_day}", list_words(&names), if names.len() == 1 { "has" } else { "have" }))
    }

    /// Calls `visit` with each run after `after` (and the local time it was named by) until it
    /// returns false or eight years pass without a run.
    fn walk(&self, after: Instant, tz: &Zone, mut visit: impl FnMut(Instant, DateTime) -> bool) {
        let start = tz.local(after).date();
        let Some(mut last_day) = start.plus_months(12 * HORIZON_YEARS) else { return };
        let mut previous: Option<Instant> = None;
        let mut day = start;
        while day <= last_day {
            if self.matches_day(day.day(), day.month(), day.weekday()) {
                for hour in (0..24).filter(|h| self.hours & (1 << h) != 0) {
                    for minute in (0..60).filter(|m| self.minutes & (1 << m) != 0) {
                        let local = day.at(hour, minute);
                        let Some(run) = resolve(tz, local) else { continue };
                        if run <= after || previous == Some(run) {
                            continue;
                        }
                        previous = Some(run);
                        if !visit(run, local) {
                            return;
                        }
                        last_day = day.plus_months(12 * HORIZON_YEARS).unwrap_or(last_day);
                    }
                }
            }
            match day.tomorrow() {
                Some(next) => day = next,
                None => return,
            }
        }
    }
}

/// The same local time `years` years after `instant` in `tz`.
fn years_later(tz: &Zone, instant: Instant, years: i64) -> Option<Instant> {
    let local = tz.local(instant);
    let date = local.date().plus_months(12 * years)?;
    let later = DateTime::new(date, local.hour(), local.minute(), local.second(), 0)?;
    tz.instant_compatible(later)
}

/// The instant a local time names under [`CLOCK_CHANGE_RULE`].
fn resolve(tz: &Zone, local: DateTime) -> Option<Instant> {
    let offset = match tz.local_time(local) {
        LocalTime::Unique { offset } | LocalTime::Repeated { first: offset, .. } => offset,
        LocalTime::Skipped { jump, .. } => return Some(jump),
    };
    Instant::from_millis(local.local_millis() - i64::from(offset) * 1000)
}

fn local_kind(tz: &Zone, local: DateTime) -> Option<ClockChangeKind> {
    match tz.local_time(local) {
        LocalTime::Unique { .. } => None,
        LocalTime::Skipped { .. } => Some(ClockChangeKind::Skipped),
        LocalTime::Repeated { .. } => Some(ClockChangeKind::Repeated),
    }
}

pub(crate) fn list_words(words: &[&str]) -> String {
    match words {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ny() -> Zone {
        crate::zones::bundled("America/New_York").unwrap()
    }

    fn runs(expr: &str, tz: &Zone, after: &str, count: usize) -> Vec<String> {
        let after: Instant = after.parse().unwrap();
        Cron::parse(expr).unwrap().runs_after(after, tz, count).iter().map(Instant::to_string).collect()
    }

    #[test]
    fn runs_are_strictly_after_the_start_in_the_zone() {
        assert_eq!(
            runs("0 6 * * 1", &ny(), "2026-01-31T23:59:00Z", 2),
            ["2026-02-02T11:00:00Z", "2026-02-09T11:00:00Z"]
        );
        assert_eq!(runs("0 8 * * *", &Zone::utc(), "2026-03-02T08:00:00Z", 1), ["2026-03-03T08:00:00Z"]);
    }

    #[test]
    fn the_same_local_time_moves_in_utc_across_daylight_saving() {
        // 06:00 New York is 11:00 UTC in winter and 10:00 UTC in summer.
        assert_eq!(
            runs("0 6 * * *", &ny(), "2026-03-07T12:00:00Z", 2),
            ["2026-03-08T10:00:00Z", "2026-03-09T10:00:00Z"]
        );
    }

    #[test]
    fn a_skipped_local_time_runs_when_the_clock_jumps() {
        // 2026-03-08 02:00 EST jumps to 03:00 EDT (07:00 UTC).
        assert_eq!(
            runs("30 2 * * *", &ny(), "2026-03-07T12:00:00Z", 2),
            ["2026-03-08T07:00:00Z", "2026-03-09T06:30:00Z"]
        );
        // Four skipped times collapse into one run at the jump.
        assert_eq!(
            runs("*/15 2 * * *", &ny(), "2026-03-08T00:00:00Z", 2),
            ["2026-03-08T07:00:00Z", "2026-03-09T06:00:00Z"]
        );
    }

    #[test]
    fn a_repeated_local_time_runs_once_the_first_time() {
        // 2026-11-01 01:30 happens at 05:30 UTC (EDT) and 06:30 UTC (EST).
        assert_eq!(
            runs("30 1 * * *", &ny(), "2026-10-31T12:00:00Z", 2),
            ["2026-11-01T05:30:00Z", "2026-11-02T06:30:00Z"]
        );
        // Starting inside the second pass, the next run is the next day.
        assert_eq!(runs("30 1 * * *", &ny(), "2026-11-01T06:00:00Z", 1), ["2026-11-02T06:30:00Z"]);
    }

    #[test]
    fn clock_changes_in_the_coming_year_are_listed() {
        let after: Instant = "2026-01-01T00:00:00Z".parse().unwrap();
        let changes = Cron::parse("30 1,2 * * *").unwrap().clock_changes_within_a_year(after, &ny());
        let listed: Vec<(String, ClockChangeKind)> = changes.iter().map(|c| (c.local.to_string(), c.kind)).collect();
        assert_eq!(
            listed,
            [
                ("2026-03-08T02:30:00".into(), ClockChangeKind::Skipped),
                ("2026-11-01T01:30:00".into(), ClockChangeKind::Repeated)
            ]
        );
        assert!(Cron::parse("0 12 * * *").unwrap().clock_changes_within_a_year(after, &ny()).is_empty());
        assert!(Cron::parse("30 2 * * *").unwrap().clock_changes_within_a_year(after, &Zone::utc()).is_empty());
    }

    #[test]
    fn never_and_rarely_are_told_apart() {
        let after: Instant = "2026-01-01T00:00:00Z".parse().unwrap();
        assert_eq!(
            Cron::parse("0 0 31 2 *").unwrap().frequency(after),
            Frequency::Never("February has no day 31".into())
        );
        assert_eq!(Cron::parse("0 0 30,31 2,4 *").unwrap().frequency(after), Frequency::Regular);
        assert_eq!(
            Cron::parse("0 0 31 4,6 *").unwrap().frequency(after),
            Frequency::Never("April and June have no day 31".into())
        );
        assert_eq!(Cron::parse("0 0 29 2 *").unwrap().frequency(after), Frequency::Rarely { runs_in_eight_years: 2 });
        assert_eq!(Cron::parse("0 0 31 2 1").unwrap().frequency(after), Frequency::Regular, "either day field matches");
        assert_eq!(Cron::parse("0 0 29 2 *").unwrap().runs_after(after, &Zone::utc(), 3).len(), 3);
    }
}
