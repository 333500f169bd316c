//! `modal.Period`: a fixed interval, counted from when the app is deployed.

use std::fmt;

use crate::Instant;

/// The keyword arguments of `modal.Period(...)`. Only `seconds` may be fractional, as in the
/// client (`Period(hours=1.5)` raises a `TypeError`).
#[derive(Debug, Clone, Copy, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Period {
    pub years: i64,
    pub months: i64,
    pub weeks: i64,
    pub days: i64,
    pub hours: i64,
    pub minutes: i64,
    pub seconds: f64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodError {
    pub message: String,
}

impl fmt::Display for PeriodError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for PeriodError {}

/// No Period runs more often than once a second, and none is longer than a century.
const MAX_YEARS: i64 = 100;

impl Period {
    /// Checks the values: whole numbers where the client wants them, not negative, not all zero.
    pub fn validate(&self) -> Result<(), PeriodError> {
        let fail = |message: String| Err(PeriodError { message });
        let named = [
            ("years", self.years),
            ("months", self.months),
            ("weeks", self.weeks),
            ("days", self.days),
            ("hours", self.hours),
            ("minutes", self.minutes),
        ];
        if let Some((name, _)) = named.iter().find(|(_, value)| *value < 0) {
            return fail(format!("{name}: expected 0 or more"));
        }
        if !self.seconds.is_finite() || self.seconds < 0.0 {
            return fail("seconds: expected a number, 0 or more".into());
        }
        if named.iter().all(|(_, value)| *value == 0) && self.millis() == 0 {
            return fail(if self.seconds == 0.0 {
                "a Period needs at least one non-zero value; Period() would run without pause".into()
            } else {
                format!("seconds: expected at least 0.001 (a millisecond), found {}", self.seconds_text())
            });
        }
        // Saturating: a value typed as 9223372036854775807 must be refused, not overflow.
        let total_years =
            [self.years, self.months / 12, self.weeks / 52, self.days / 365, self.hours / 8760, self.minutes / 525_600]
                .into_iter()
                .fold(0i64, i64::saturating_add);
        if total_years > MAX_YEARS || self.seconds > (MAX_YEARS * 31_622_400) as f64 {
            return fail(format!("expected a period of at most {MAX_YEARS} years"));
        }
        Ok(())
    }

    /// The first `count` runs after a deploy at `deployed`: the first one period later.
    /// Months and years keep the day of the month where the calendar allows (UTC); runs past
    /// the year 9999 are left out.
    pub fn runs_after_deploy(&self, deployed: Instant, count: usize) -> Result<Vec<Instant>, PeriodError> {
        self.validate()?;
        let months = self.years * 12 + self.months;
        let days = self.weeks * 7 + self.days;
        let exact_millis = (self.hours * 60 + self.minutes) * 60_000 + self.millis();
        let start = deployed.local(0).date();
        let run = |n: i64| {
            // Multiply from the start, rather than add repeatedly, so Jan 31 + 1 month steps
            // to Feb 28 and then Mar 31, not Mar 28.
            let date = start.plus_months(months.checked_mul(n)?)?.plus_days(days.checked_mul(n)?)?;
            let calendar_millis = (date.days_since_1970() - start.days_since_1970()) * 86_400_000;
            Instant::from_millis(
                deployed.millis().checked_add(calendar_millis)?.checked_add(exact_millis.checked_mul(n)?)?,
            )
        };
        Ok((1..=count as i64).map_while(run).collect())
    }

    /// The seconds to the millisecond, the step this crate counts in.
    fn millis(&self) -> i64 {
        (self.seconds * 1000.0).round() as i64
    }

    /// The seconds as a person writes them: `30`, `1.5`, `0.25` (to the millisecond). Written
    /// here, not with `{}` of a float, which would bring the float printer into the browser app.
    pub fn seconds_text(&self) -> String {
        let (whole, fraction) = (self.millis() / 1000, self.millis() % 1000);
        if fraction == 0 {
            whole.to_string()
        } else {
            format!("{whole}.{}", format!("{fraction:03}").trim_end_matches('0'))
        }
    }

    /// Reads seconds as typed: digits with an optional decimal point and sign (`1.5`, `.25`,
    /// `-2`). `None` for anything else. By hand, so the browser app links no float parser.
    pub fn parse_seconds(text: &str) -> Option<f64> {
        let (negative, digits) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text.strip_prefix('+').unwrap_or(text)),
        };
        let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
        let all_digits = |part: &str| part.bytes().all(|byte| byte.is_ascii_digit());
        if whole.len() + fraction.len() == 0 || !all_digits(whole) || !all_digits(fraction) {
            return None;
        }
        let value =
            whole.bytes().chain(fraction.bytes()).fold(0.0, |value, digit| value * 10.0 + f64::from(digit - b'0'))
                / 10f64.powi(fraction.len().min(400) as i32);
        Some(if negative { -value } else { value })
    }

    /// The constructor call as it would be written in Python.
    pub fn to_python(&self) -> String {
        let mut args: Vec<String> = [
            ("years", self.years),
            ("months", self.months),
            ("weeks", self.weeks),
            ("days", self.days),
            ("hours", self.hours),
            ("minutes", self.minutes),
        ]
        .iter()
        .filter(|(_, value)| *value != 0)
        .map(|(name, value)| format!("{name}={value}"))
        .collect();
        if self.seconds != 0.0 {
            args.push(format!("seconds={}", self.seconds_text()));
        }
        format!("modal.Period({})", args.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Instant {
        text.parse().unwrap()
    }

    #[test]
    fn runs_count_from_the_deploy() {
        let period = Period { hours: 5, ..Period::default() };
        let runs: Vec<String> =
            period.runs_after_deploy(at("2026-01-01T10:00:00Z"), 3).unwrap().iter().map(Instant::to_string).collect();
        assert_eq!(runs, ["2026-01-01T15:00:00Z", "2026-01-01T20:00:00Z", "2026-01-02T01:00:00Z"]);
        assert_eq!(period.to_python(), "modal.Period(hours=5)");
    }

    #[test]
    fn months_keep_the_day_where_the_calendar_allows() {
        let period = Period { months: 1, ..Period::default() };
        let runs: Vec<String> = period
            .runs_after_deploy(at("2026-01-31T00:00:00Z"), 3)
            .unwrap()
            .iter()
            .map(|run| run.local(0).date().to_string())
            .collect();
        assert_eq!(runs, ["2026-02-28", "2026-03-31", "2026-04-30"]);
    }

    #[test]
    fn fractional_seconds_and_bad_values() {
        let period = Period { seconds: 1.5, ..Period::default() };
        let runs = period.runs_after_deploy(at("2026-01-01T00:00:00Z"), 2).unwrap();
        assert_eq!(runs[1].to_string(), "2026-01-01T00:00:03Z");
        assert_eq!(
            Period::default().validate().unwrap_err().to_string(),
            "a Period needs at least one non-zero value; Period() would run without pause"
        );
        assert_eq!(
            Period { days: -1, ..Period::default() }.validate().unwrap_err().to_string(),
            "days: expected 0 or more"
        );
        assert_eq!(
            Period { seconds: f64::NAN, ..Period::default() }.validate().unwrap_err().to_string(),
            "seconds: expected a number, 0 or more"
        );
        assert!(Period { years: 1_000_000, ..Period::default() }.validate().is_err());
        assert!(Period { years: i64::MAX, months: i64::MAX, ..Period::default() }.validate().is_err());
        assert!(Period { seconds: 1e308, ..Period::default() }.validate().is_err());
        assert_eq!(
            Period { seconds: 0.0004, ..Period::default() }.validate().unwrap_err().to_string(),
            "seconds: expected at least 0.001 (a millisecond), found 0"
        );
    }

    #[test]
    fn seconds_are_read_and_written_as_typed() {
        for (typed, value, written) in [
            ("30", 30.0, "30"),
            ("1.5", 1.5, "1.5"),
            (".25", 0.25, "0.25"),
            ("+2.", 2.0, "2"),
            ("0.001", 0.001, "0.001"),
            ("86400.120", 86400.12, "86400.12"),
        ] {
            let seconds = Period::parse_seconds(typed).unwrap();
            assert!((seconds - value).abs() < 1e-9, "{typed}");
            assert_eq!(Period { seconds, ..Period::default() }.seconds_text(), written, "{typed}");
        }
        assert_eq!(Period::parse_seconds("-2"), Some(-2.0));
        for wrong in ["", ".", "1e3", "1.2.3", "inf", "NaN", "1,5", "- 2"] {
            assert_eq!(Period::parse_seconds(wrong), None, "{wrong:?}");
        }
    }
}
