//! Times as the cron tool writes and reads them: a few formats, by hand (a test holds them
//! equal to jiff's `strftime`).

use crate::describe::{MONTHS, WEEKDAYS};
use crate::{Date, DateTime, Instant, Zone};

/// `Mon 9 Mar 2026 06:00`.
pub fn local(time: DateTime) -> String {
    format!(
        "{} {} {} {:04} {:02}:{:02}",
        &WEEKDAYS[time.date().weekday() as usize][..3],
        time.date().day(),
        &MONTHS[time.date().month() as usize - 1][..3],
        time.date().year(),
        time.hour(),
        time.minute()
    )
}

/// `Mon 9 Mar 2026 06:00 EDT`: local time in `tz` and the zone's abbreviation then.
pub fn zoned(tz: &Zone, instant: Instant) -> String {
    let (offset, abbreviation) = tz.offset_at(instant);
    format!("{} {abbreviation}", local(instant.local(offset)))
}

/// `2026-03-09T06:00:00-04:00`, for `<time datetime>`.
pub fn iso(tz: &Zone, instant: Instant) -> String {
    let offset = tz.offset_at(instant).0;
    let time = instant.local(offset);
    let sign = if offset < 0 { '-' } else { '+' };
    let minutes = offset.unsigned_abs() / 60;
    format!(
        "{}T{:02}:{:02}:{:02}{sign}{:02}:{:02}",
        time.date(),
        time.hour(),
        time.minute(),
        time.second(),
        minutes / 60,
        minutes % 60
    )
}

/// `March 2026`.
pub fn month(date: Date) -> String {
    format!("{} {:04}", MONTHS[date.month() as usize - 1], date.year())
}

/// A time the reader typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Typed {
    /// With an offset (`Z`, `+05:30`): one instant.
    Instant(Instant),
    /// Without one: a local time, to be read in the schedule's zone.
    Local(DateTime),
}

/// Reads ISO 8601 as people type it: `2026-03-08`, `2026-03-08T09:30` (also with a space or a
/// lowercase `t`), seconds and a fraction optional, then optionally `Z` or an offset (`+05:30`,
/// `+0530`, `+05`). `None` for anything else, or a date or time that does not exist.
/// How far `epoch_ms` is from `now_ms`, in the largest unit that fits: "in 3 hours", "2 days ago".
pub fn relative(epoch_ms: f64, now_ms: f64) -> String {
    let seconds = ((epoch_ms - now_ms) / 1000.0).round();
    let (value, unit) = match seconds.abs() {
        s if s < 60.0 => (s, "second"),
        s if s < 3600.0 => (s / 60.0, "minute"),
        s if s < 86_400.0 => (s / 3600.0, "hour"),
        s if s < 86_400.0 * 60.0 => (s / 86_400.0, "day"),
        s if s < 86_400.0 * 730.0 => (s / (86_400.0 * 30.44), "month"),
        s => (s / (86_400.0 * 365.25), "year"),
    };
    let value = value.round() as i64;
    let plural = if value == 1 { "" } else { "s" };
    if seconds >= 0.0 { format!("in {value} {unit}{plural}") } else { format!("{value} {unit}{plural} ago") }
}

pub fn parse(text: &str) -> Option<Typed> {
    let mut rest = Cursor(text.trim().as_bytes());
    let year = rest.digits(4)?;
    rest.expect(b'-')?;
    let month = rest.digits(2)?;
    rest.expect(b'-')?;
    let day = rest.digits(2)?;
    let (mut hour, mut minute, mut second, mut nanos) = (0, 0, 0, 0);
    if rest.take(|byte| matches!(byte, b'T' | b't' | b' ')).is_some() {
        hour = rest.digits(2)?;
        rest.expect(b':')?;
        minute = rest.digits(2)?;
        if rest.take(|byte| byte == b':').is_some() {
            second = rest.digits(2)?;
            if rest.take(|byte| matches!(byte, b'.' | b',')).is_some() {
                nanos = rest.fraction()?;
            }
        }
    }
    let date = Date::new(year, month as u32, day as u32)?;
    let time = DateTime::new(date, hour as u32, minute as u32, second as u32, (nanos / 1_000_000) as u32)?;
    let offset = match rest.take(|byte| matches!(byte, b'Z' | b'z' | b'+' | b'-')) {
        None => return rest.0.is_empty().then_some(Typed::Local(time)),
        Some(b'Z' | b'z') => 0,
        Some(sign) => {
            let hours = rest.digits(2).filter(|hours| *hours <= 25)?;
            rest.take(|byte| byte == b':');
            let minutes = if rest.0.is_empty() { 0 } else { rest.digits(2).filter(|minutes| *minutes < 60)? };
            let seconds = (hours * 60 + minutes) * 60;
            if sign == b'-' { -seconds } else { seconds }
        }
    };
    if !rest.0.is_empty() {
        return None;
    }
    Instant::from_millis(time.local_millis() - i64::from(offset) * 1000).map(Typed::Instant)
}

struct Cursor<'a>(&'a [u8]);

impl Cursor<'_> {
    fn take(&mut self, wanted: impl Fn(u8) -> bool) -> Option<u8> {
        let (&first, rest) = self.0.split_first()?;
        wanted(first).then(|| {
            self.0 = rest;
            first
        })
    }

    fn expect(&mut self, wanted: u8) -> Option<()> {
        self.take(|byte| byte == wanted).map(|_| ())
    }

    /// Exactly `count` ASCII digits.
    fn digits(&mut self, count: usize) -> Option<i32> {
        let digits = self.0.get(..count).filter(|digits| digits.iter().all(u8::is_ascii_digit))?;
        self.0 = &self.0[count..];
        Some(digits.iter().fold(0, |value, digit| value * 10 + i32::from(digit - b'0')))
    }

    /// One to nine digits of a fraction of a second, as nanoseconds.
    fn fraction(&mut self) -> Option<i32> {
        let count = self.0.iter().take_while(|byte| byte.is_ascii_digit()).count();
        if !(1..=9).contains(&count) {
            return None;
        }
        let value = self.digits(count)?;
        Some(value * 10i32.pow(9 - count as u32))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::tz::TimeZone;

    fn at(text: &str) -> Instant {
        text.parse().unwrap()
    }

    #[test]
    fn relative_times_take_the_largest_unit_that_fits() {
        let hour = 3_600_000.0;
        assert_eq!(relative(0.0, 0.0), "in 0 seconds");
        assert_eq!(relative(3.0 * hour, 0.0), "in 3 hours");
        assert_eq!(relative(0.0, 2.0 * 24.0 * hour), "2 days ago");
        assert_eq!(relative(61_000.0, 0.0), "in 1 minute");
        assert_eq!(relative(400.0 * 24.0 * hour, 0.0), "in 13 months");
        assert_eq!(relative(1e15, 0.0), "in 31688 years");
    }

    /// What these functions write equals jiff's `strftime` for the same formats, across zones
    /// and offsets of every sign (a check against a library that does it generally).
    #[test]
    fn formats_agree_with_strftime() {
        for name in ["UTC", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe", "America/St_Johns"] {
            let (canonical, data) = crate::zones::tzif(name).unwrap();
            let (tz, theirs) = (Zone::from_tzif(canonical, data).unwrap(), TimeZone::tzif(canonical, data).unwrap());
            for instant in
                ["2026-01-04T23:59:00Z", "2026-07-15T06:30:45Z", "2026-11-01T05:30:00Z", "1890-06-01T12:00:00Z"]
            {
                let time = instant.parse::<jiff::Timestamp>().unwrap().to_zoned_datetime(theirs.clone());
                let instant = at(instant);
                assert_eq!(zoned(&tz, instant), time.strftime("%a %-d %b %Y %H:%M %Z").to_string());
                // RFC 3339 offsets are whole minutes; local mean time of 1890 was not.
                if tz.offset_at(instant).0 % 60 == 0 {
                    assert_eq!(iso(&tz, instant), time.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string());
                }
                assert_eq!(local(tz.local(instant)), time.strftime("%a %-d %b %Y %H:%M").to_string());
                assert_eq!(month(tz.local(instant).date()), time.strftime("%B %Y").to_string());
            }
        }
    }

    #[test]
    fn typed_times_are_read_as_instants_or_local_times() {
        assert_eq!(parse("2026-03-08T00:00:00Z"), Some(Typed::Instant(at("2026-03-08T00:00:00Z"))));
        assert_eq!(parse(" 2026-03-08 09:30+05:30 "), Some(Typed::Instant(at("2026-03-08T04:00:00Z"))));
        assert_eq!(parse("2026-03-08t09:30:00.5-0100"), Some(Typed::Instant(at("2026-03-08T10:30:00.5Z"))));
        assert_eq!(parse("2026-03-08T09:30-01"), Some(Typed::Instant(at("2026-03-08T10:30:00Z"))));
        let may_first = Date::new(2026, 5, 1).unwrap();
        assert_eq!(parse("2026-05-01T09:30"), Some(Typed::Local(may_first.at(9, 30))));
        assert_eq!(parse("2026-05-01"), Some(Typed::Local(may_first.at(0, 0))));
        for wrong in [
            "",
            "tomorrow",
            "2026-02-30",
            "2026-13-01",
            "2026-3-8",
            "2026-03-08T9:30",
            "2026-03-08T24:00",
            "2026-03-08T09:30Zx",
            "2026-03-08T09:30+",
            "2026-03-08T09:30:00.",
            "2026-03-08T09:30:00.1234567890",
            "2026-03-08T09:30+99:00",
            "2026-03-08T09:30+05:60",
        ] {
            assert_eq!(parse(wrong), None, "{wrong:?}");
        }
    }
}
