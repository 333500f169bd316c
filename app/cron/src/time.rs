//! Instants and the civil calendar (proleptic Gregorian, years 0 to 9999), the little of them
//! the cron tool needs. Written here rather than taken from a date library: the tool's browser
//! app carries this engine, and a general library was the larger half of it.

use std::fmt;
use std::str::FromStr;

const MS_PER_DAY: i64 = 86_400_000;

/// The first and last day this crate handles, as days since 1970-01-01.
const FIRST_DAY: i64 = -719_528; // 0000-01-01
const LAST_DAY: i64 = 2_932_896; // 9999-12-31

/// A moment in time: milliseconds since 1970-01-01T00:00:00Z.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Instant(i64);

impl Instant {
    /// The last instant handled: the end of 9999.
    pub const MAX: Instant = Instant((LAST_DAY + 1) * MS_PER_DAY - 1);

    /// The instant `millis` milliseconds after 1970 began, if it lies in years 0 to 9999.
    pub fn from_millis(millis: i64) -> Option<Instant> {
        (FIRST_DAY * MS_PER_DAY..(LAST_DAY + 1) * MS_PER_DAY).contains(&millis).then_some(Instant(millis))
    }

    pub fn millis(self) -> i64 {
        self.0
    }

    /// Whole seconds since 1970, rounded down.
    pub fn seconds(self) -> i64 {
        self.0.div_euclid(1000)
    }

    /// The local date and time at this instant, `offset` seconds ahead of UTC.
    pub fn local(self, offset: i32) -> DateTime {
        DateTime::from_local_millis(self.0 + i64::from(offset) * 1000)
    }
}

/// RFC 3339 in UTC, as `2026-03-08T07:00:00Z` (with a fraction only when there is one).
impl fmt::Display for Instant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}Z", self.local(0))
    }
}

/// Reads an instant with its offset, as `times::parse` reads what a person types.
impl FromStr for Instant {
    type Err = String;

    fn from_str(text: &str) -> Result<Instant, String> {
        match crate::times::parse(text) {
            Some(crate::times::Typed::Instant(instant)) => Ok(instant),
            _ => Err(format!(
                "{} is not an instant: expected RFC 3339 such as 2026-03-08T00:00:00Z",
                atlas_input::quote(text)
            )),
        }
    }
}

/// A day of the calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i16,
    month: u8,
    day: u8,
}

impl Date {
    /// The date, if it exists (and its year is 0 to 9999).
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        let valid = (0..=9999).contains(&year) && (1..=12).contains(&month) && day >= 1;
        let date = Date { year: year as i16, month: month as u8, day: day as u8 };
        (valid && day <= date.days_in_month()).then_some(date)
    }

    pub fn year(self) -> i32 {
        i32::from(self.year)
    }

    pub fn month(self) -> u32 {
        u32::from(self.month)
    }

    pub fn day(self) -> u32 {
        u32::from(self.day)
    }

    pub fn days_in_month(self) -> u32 {
        match self.month {
            2 if is_leap(self.year()) => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        }
    }

    pub fn first_of_month(self) -> Date {
        Date { day: 1, ..self }
    }

    /// 0 for Sunday to 6 for Saturday.
    pub fn weekday(self) -> u32 {
        // 1970-01-01 was a Thursday.
        (self.days_since_1970() + 4).rem_euclid(7) as u32
    }

    /// The next day, unless this is the last day handled.
    pub fn tomorrow(self) -> Option<Date> {
        self.plus_days(1)
    }

    pub fn plus_days(self, days: i64) -> Option<Date> {
        let day = self.days_since_1970().checked_add(days)?;
        (FIRST_DAY..=LAST_DAY).contains(&day).then(|| Date::from_days_since_1970(day))
    }

    /// The same day `months` months later, or the month's last day where it has no such day
    /// (31 January plus one month is 28 or 29 February).
    pub fn plus_months(self, months: i64) -> Option<Date> {
        let index =
            i64::from(self.year).checked_mul(12)?.checked_add(i64::from(self.month) - 1)?.checked_add(months)?;
        let (year, month) = (index.div_euclid(12), index.rem_euclid(12) + 1);
        let first = Date::new(i32::try_from(year).ok()?, month as u32, 1)?;
        Some(Date { day: self.day.min(first.days_in_month() as u8), ..first })
    }

    /// This date at a time of day (hour 0-23, minute 0-59).
    pub fn at(self, hour: u32, minute: u32) -> DateTime {
        DateTime { date: self, hour: hour as u8, minute: minute as u8, second: 0, milli: 0 }
    }

    pub fn days_since_1970(self) -> i64 {
        // Years counted from March, so the leap day ends a year; eras of 400 years repeat exactly.
        let year = i64::from(self.year) - i64::from(self.month <= 2);
        let era = year.div_euclid(400);
        let year_of_era = year - era * 400;
        let month_from_march = (i64::from(self.month) + 9) % 12;
        let day_of_year = (153 * month_from_march + 2) / 5 + i64::from(self.day) - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        era * 146_097 + day_of_era - 719_468
    }

    /// The date `days` after 1970-01-01, or the first or last day handled when beyond them.
    pub(crate) fn from_days_since_1970_clamped(days: i64) -> Date {
        Date::from_days_since_1970(days.clamp(FIRST_DAY, LAST_DAY))
    }

    fn from_days_since_1970(days: i64) -> Date {
        let days = days + 719_468;
        let era = days.div_euclid(146_097);
        let day_of_era = days - era * 146_097;
        let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let month_from_march = (5 * day_of_year + 2) / 153;
        let day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
        let month = if month_from_march < 10 { month_from_march + 3 } else { month_from_march - 9 };
        let year = year_of_era + era * 400 + i64::from(month <= 2);
        Date { year: year as i16, month: month as u8, day: day as u8 }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn is_leap(year: i32) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

/// A date and a time of day on a wall clock, in no particular zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DateTime {
    date: Date,
    hour: u8,
    minute: u8,
    second: u8,
    milli: u16,
}

impl DateTime {
    /// The date and time, if both exist (hour 0-23, minute and second 0-59, milli 0-999).
    pub fn new(date: Date, hour: u32, minute: u32, second: u32, milli: u32) -> Option<DateTime> {
        (hour < 24 && minute < 60 && second < 60 && milli < 1000).then_some(DateTime {
            date,
            hour: hour as u8,
            minute: minute as u8,
            second: second as u8,
            milli: milli as u16,
        })
    }

    pub fn date(self) -> Date {
        self.date
    }

    pub fn hour(self) -> u32 {
        u32::from(self.hour)
    }

    pub fn minute(self) -> u32 {
        u32::from(self.minute)
    }

    pub fn second(self) -> u32 {
        u32::from(self.second)
    }

    /// Milliseconds since 1970-01-01T00:00 on the same wall clock: the instant this would be
    /// in UTC, which zone arithmetic shifts by an offset.
    pub fn local_millis(self) -> i64 {
        let time = ((i64::from(self.hour) * 60 + i64::from(self.minute)) * 60 + i64::from(self.second)) * 1000;
        self.date.days_since_1970() * MS_PER_DAY + time + i64::from(self.milli)
    }

    fn from_local_millis(millis: i64) -> DateTime {
        let (days, in_day) = (millis.div_euclid(MS_PER_DAY), millis.rem_euclid(MS_PER_DAY));
        let seconds = in_day / 1000;
        DateTime {
            date: Date::from_days_since_1970(days),
            hour: (seconds / 3600) as u8,
            minute: (seconds / 60 % 60) as u8,
            second: (seconds % 60) as u8,
            milli: (in_day % 1000) as u16,
        }
    }
}

/// ISO 8601, as `2026-03-08T02:30:00` (with a fraction only when there is one).
impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}T{:02}:{:02}:{:02}", self.date, self.hour, self.minute, self.second)?;
        if self.milli != 0 {
            let fraction = format!("{:03}", self.milli);
            write!(f, ".{}", fraction.trim_end_matches('0'))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_count_from_1970_across_the_whole_range() {
        assert_eq!(Date::new(1970, 1, 1).unwrap().days_since_1970(), 0);
        assert_eq!(Date::new(0, 1, 1).unwrap().days_since_1970(), FIRST_DAY);
        assert_eq!(Date::new(9999, 12, 31).unwrap().days_since_1970(), LAST_DAY);
        // Every day from year 0 to 9999 round-trips, and consecutive days differ by one.
        let mut previous = Date::new(0, 1, 1).unwrap();
        for days in FIRST_DAY + 1..=LAST_DAY {
            let date = Date::from_days_since_1970(days);
            assert_eq!(date.days_since_1970(), days);
            assert_eq!(previous.tomorrow(), Some(date));
            assert!(date > previous);
            previous = date;
        }
        assert_eq!(previous.tomorrow(), None);
    }

    #[test]
    fn calendar_facts() {
        assert_eq!(Date::new(2026, 3, 8).unwrap().weekday(), 0, "a Sunday");
        assert_eq!(Date::new(2000, 2, 29).map(Date::days_in_month), Some(29));
        assert_eq!(Date::new(1900, 2, 29), None, "1900 was not a leap year");
        assert_eq!(Date::new(2026, 4, 31), None);
        let jan31 = Date::new(2024, 1, 31).unwrap();
        assert_eq!(jan31.plus_months(1).unwrap().to_string(), "2024-02-29");
        assert_eq!(jan31.plus_months(13).unwrap().to_string(), "2025-02-28");
        assert_eq!(jan31.plus_months(-2).unwrap().to_string(), "2023-11-30");
        assert_eq!(Date::new(9999, 12, 1).unwrap().plus_months(1), None);
    }

    #[test]
    fn instants_show_as_rfc_3339() {
        assert_eq!(Instant::from_millis(0).unwrap().to_string(), "1970-01-01T00:00:00Z");
        assert_eq!(Instant::from_millis(-1).unwrap().to_string(), "1969-12-31T23:59:59.999Z");
        assert_eq!(Instant::from_millis(1_500).unwrap().to_string(), "1970-01-01T00:00:01.5Z");
        assert_eq!(Instant::from_millis(i64::MAX), None);
        let instant: Instant = "2026-03-08T02:30:00+05:30".parse().unwrap();
        assert_eq!(instant.to_string(), "2026-03-07T21:00:00Z");
        assert_eq!(instant.local(-3600).to_string(), "2026-03-07T20:00:00");
    }
}
