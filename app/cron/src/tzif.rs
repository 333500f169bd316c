//! A time zone read from TZif data (RFC 8536): its recorded transitions, then the POSIX TZ rule
//! in the file's footer for every year after them. Offsets are whole seconds east of UTC.

use std::fmt;

use crate::time::{Date, DateTime, Instant};

/// Offsets never exceed a day, so transitions two days either side of a local time are all that
/// can make it skipped or repeated.
const NEAR: i64 = 2 * 86_400;

#[derive(Debug, Clone, PartialEq, Eq)]
struct LocalType {
    offset: i32,
    abbreviation: Box<str>,
}

/// An IANA time zone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Zone {
    name: Box<str>,
    /// Transition instants in seconds, ascending, and the local type each begins.
    transitions: Vec<(i64, u8)>,
    /// Type 0 also holds before the first transition.
    types: Vec<LocalType>,
    /// After the last transition.
    rule: Option<Rule>,
}

/// How a local date and time maps to instants in a zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LocalTime {
    /// One instant, at this offset.
    Unique { offset: i32 },
    /// The clock jumps over it at `jump`, from offset `before`.
    Skipped { jump: Instant, before: i32 },
    /// It happens twice: first at offset `first`, then at `second`.
    Repeated { first: i32, second: i32 },
}

impl Zone {
    pub fn utc() -> Zone {
        Zone {
            name: "UTC".into(),
            transitions: Vec::new(),
            types: vec![LocalType { offset: 0, abbreviation: "UTC".into() }],
            rule: None,
        }
    }

    /// The zone `name` described by TZif `data`.
    pub fn from_tzif(name: &str, data: &[u8]) -> Result<Zone, TzifError> {
        let mut zone = read_tzif(data)?;
        zone.name = name.into();
        Ok(zone)
    }

    /// The IANA name, as `America/New_York`.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The offset from UTC at `instant`, in seconds, and the zone's abbreviation then (`EDT`).
    pub fn offset_at(&self, instant: Instant) -> (i32, &str) {
        let local = self.type_at(instant.seconds());
        (local.offset, &local.abbreviation)
    }

    /// The local date and time at `instant`.
    pub fn local(&self, instant: Instant) -> DateTime {
        instant.local(self.offset_at(instant).0)
    }

    fn type_at(&self, second: i64) -> &LocalType {
        let after = self.transitions.partition_point(|&(at, _)| at <= second);
        match (&self.rule, self.transitions.last()) {
            (Some(rule), last) if last.is_none_or(|&(at, _)| second >= at) => rule.type_at(second),
            _ => &self.types[after.checked_sub(1).map_or(0, |i| usize::from(self.transitions[i].1))],
        }
    }

    /// The first instant after `instant` at which the zone's offset or abbreviation changes.
    pub fn next_transition(&self, instant: Instant) -> Option<Instant> {
        Instant::from_millis(self.transition_after(instant.seconds())?.checked_mul(1000)?)
    }

    /// Whether `local` happens once, never (a clock jumps over it) or twice (a clock goes back).
    pub fn local_time(&self, local: DateTime) -> LocalTime {
        let second = local.local_millis().div_euclid(1000);
        let mut at = second - NEAR;
        while let Some(jump) = self.transition_after(at).filter(|&jump| jump <= second + NEAR) {
            let before = self.type_at(jump - 1).offset;
            let after = self.type_at(jump).offset;
            let (from, to) = (jump + i64::from(before.min(after)), jump + i64::from(before.max(after)));
            if (from..to).contains(&second) {
                return if after > before {
                    match Instant::from_millis(jump * 1000) {
                        Some(jump) => LocalTime::Skipped { jump, before },
                        None => LocalTime::Unique { offset: before },
                    }
                } else {
                    LocalTime::Repeated { first: before, second: after }
                };
            }
            at = jump;
        }
        // Not in a gap or an overlap: one offset fits.
        let guess = self.type_at(second).offset;
        let offset = self.type_at(second - i64::from(guess)).offset;
        LocalTime::Unique { offset }
    }

    /// The first transition after `second` (seconds), recorded or from the rule.
    fn transition_after(&self, second: i64) -> Option<i64> {
        let after = self.transitions.partition_point(|&(at, _)| at <= second);
        match self.transitions.get(after) {
            Some(&(at, _)) => Some(at),
            None => {
                let recorded_end = self.transitions.last().map_or(i64::MIN, |&(at, _)| at);
                self.rule.as_ref()?.next_transition(second.max(recorded_end))
            }
        }
    }

    /// The instant a local time names, reading a skipped time with the offset before the jump
    /// and a repeated time the first time (as RFC 5545 and Temporal's "compatible" do).
    pub fn instant_compatible(&self, local: DateTime) -> Option<Instant> {
        let offset = match self.local_time(local) {
            LocalTime::Unique { offset } => offset,
            LocalTime::Skipped { before, .. } => before,
            LocalTime::Repeated { first, .. } => first,
        };
        Instant::from_millis(local.local_millis() - i64::from(offset) * 1000)
    }
}

/// Why TZif data could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TzifError(&'static str);

impl fmt::Display for TzifError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "TZif data: {}", self.0)
    }
}

fn read_tzif(data: &[u8]) -> Result<Zone, TzifError> {
    let mut input = Bytes(data);
    let header = Header::read(&mut input)?;
    // Version 1 data has 32-bit times; versions 2 and later repeat the data with 64-bit times
    // and add the footer, which is what this reads.
    let header = if header.version >= b'2' {
        input.take(header.block_len(4)).ok_or(TzifError("the version 1 block is cut short"))?;
        Header::read(&mut input)?
    } else {
        header
    };
    let time_size = if header.version >= b'2' { 8 } else { 4 };
    // Counts are the file's word: multiplied saturating, so a damaged count finds the data short.
    let times =
        input.take(header.transitions.saturating_mul(time_size)).ok_or(TzifError("transition times are cut short"))?;
    let kinds = input.take(header.transitions).ok_or(TzifError("transition types are cut short"))?;
    let type_records = input.take(header.types.saturating_mul(6)).ok_or(TzifError("local time types are cut short"))?;
    let abbreviations = input.take(header.abbreviation_bytes).ok_or(TzifError("abbreviations are cut short"))?;
    let skipped = header.leap_seconds.saturating_mul(time_size + 4).saturating_add(header.std_flags + header.ut_flags);
    input.take(skipped).ok_or(TzifError("leap seconds or indicators are cut short"))?;

    let types = type_records
        .chunks_exact(6)
        .map(|record| {
            let offset = i32::from_be_bytes([record[0], record[1], record[2], record[3]]);
            let abbreviation = abbreviations
                .get(usize::from(record[5])..)
                .and_then(|rest| rest.split(|&byte| byte == 0).next())
                .and_then(|name| std::str::from_utf8(name).ok())
                .ok_or(TzifError("an abbreviation is out of place"))?;
            Ok(LocalType { offset, abbreviation: abbreviation.into() })
        })
        .collect::<Result<Vec<_>, _>>()?;
    if types.is_empty() {
        return Err(TzifError("no local time types"));
    }
    let transitions = times
        .chunks_exact(time_size)
        .zip(kinds)
        .map(|(time, &kind)| {
            let at = match *time {
                [a, b, c, d] => i64::from(i32::from_be_bytes([a, b, c, d])),
                _ => i64::from_be_bytes(time.try_into().unwrap_or_default()),
            };
            if usize::from(kind) < types.len() { Ok((at, kind)) } else { Err(TzifError("a transition names no type")) }
        })
        .collect::<Result<Vec<_>, _>>()?;
    if transitions.windows(2).any(|pair| pair[0].0 >= pair[1].0) {
        return Err(TzifError("transitions are out of order"));
    }
    let rule = if header.version >= b'2' {
        let footer = input.0.strip_prefix(b"\n").ok_or(TzifError("the footer is missing"))?;
        let end = footer.iter().position(|&byte| byte == b'\n').ok_or(TzifError("the footer is not ended"))?;
        let text = std::str::from_utf8(&footer[..end]).map_err(|_| TzifError("the footer is not text"))?;
        if text.is_empty() {
            None
        } else {
            Some(Rule::parse(text).ok_or(TzifError("the footer's rule is unreadable"))?)
        }
    } else {
        None
    };
    Ok(Zone { name: "".into(), transitions, types, rule })
}

struct Header {
    version: u8,
    ut_flags: usize,
    std_flags: usize,
    leap_seconds: usize,
    transitions: usize,
    types: usize,
    abbreviation_bytes: usize,
}

impl Header {
    fn read(input: &mut Bytes) -> Result<Header, TzifError> {
        let header = input.take(44).ok_or(TzifError("the header is cut short"))?;
        if &header[..4] != b"TZif" {
            return Err(TzifError("it does not start with TZif"));
        }
        let count =
            |at: usize| u32::from_be_bytes([header[at], header[at + 1], header[at + 2], header[at + 3]]) as usize;
        Ok(Header {
            version: header[4],
            ut_flags: count(20),
            std_flags: count(24),
            leap_seconds: count(28),
            transitions: count(32),
            types: count(36),
            abbreviation_bytes: count(40),
        })
    }

    /// The length of the data block after this header, with times of `time_size` bytes.
    fn block_len(&self, time_size: usize) -> usize {
        [
            self.transitions.saturating_mul(time_size + 1),
            self.types.saturating_mul(6),
            self.abbreviation_bytes,
            self.leap_seconds.saturating_mul(time_size + 4),
            self.std_flags,
            self.ut_flags,
        ]
        .into_iter()
        .fold(0, usize::saturating_add)
    }
}

struct Bytes<'a>(&'a [u8]);

impl<'a> Bytes<'a> {
    fn take(&mut self, count: usize) -> Option<&'a [u8]> {
        let (taken, rest) = self.0.split_at_checked(count)?;
        self.0 = rest;
        Some(taken)
    }
}

/// A POSIX TZ rule, as `EST5EDT,M3.2.0,M11.1.0`: standard time, and daylight saving time with
/// the days and local times it starts and ends each year.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Rule {
    standard: LocalType,
    daylight: Option<(LocalType, Change, Change)>,
}

/// A day of the year and a local time (seconds, which may be negative or pass 24 hours).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Change {
    day: RuleDay,
    time: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RuleDay {
    /// `Jn`: day 1 to 365, never counting 29 February.
    NoLeapDay(u16),
    /// `n`: day 0 to 365, counting 29 February.
    FromZero(u16),
    /// `Mm.w.d`: weekday `d` (0 is Sunday) of week `w` (5 is the last) of month `m`.
    Weekday { month: u8, week: u8, weekday: u8 },
}

impl Rule {
    fn parse(text: &str) -> Option<Rule> {
        let mut input = text.as_bytes();
        let standard_name = abbreviation(&mut input)?;
        let standard = LocalType { offset: -clock_time(&mut input)? as i32, abbreviation: standard_name };
        if input.is_empty() {
            return Some(Rule { standard, daylight: None });
        }
        let daylight_name = abbreviation(&mut input)?;
        let daylight_offset = if input.first().is_some_and(|&byte| byte != b',') {
            -clock_time(&mut input)? as i32
        } else {
            standard.offset + 3600
        };
        let daylight = LocalType { offset: daylight_offset, abbreviation: daylight_name };
        let start = change(&mut input)?;
        let end = change(&mut input)?;
        input.is_empty().then_some(Rule { standard, daylight: Some((daylight, start, end)) })
    }

    /// The changes of `year` as (instant in seconds, the type they begin), in order.
    fn changes_in(&self, year: i32) -> Option<[(i64, &LocalType); 2]> {
        let (daylight, start, end) = self.daylight.as_ref()?;
        // The start is written in standard time, the end in daylight saving time.
        let begins = start.local_seconds(year) - i64::from(self.standard.offset);
        let ends = end.local_seconds(year) - i64::from(daylight.offset);
        // On a tie (daylight saving time all year) the start comes last, so it holds.
        Some(if ends <= begins {
            [(ends, &self.standard), (begins, daylight)]
        } else {
            [(begins, daylight), (ends, &self.standard)]
        })
    }

    fn type_at(&self, second: i64) -> &LocalType {
        let year = year_of(second + i64::from(self.standard.offset));
        let mut current = &self.standard;
        for year in year - 1..=year + 1 {
            for (at, kind) in self.changes_in(year).into_iter().flatten() {
                if at <= second {
                    current = kind;
                }
            }
        }
        current
    }

    fn next_transition(&self, second: i64) -> Option<i64> {
        let year = year_of(second + i64::from(self.standard.offset));
        (year - 1..=year + 2)
            .flat_map(|year| self.changes_in(year).into_iter().flatten())
            .map(|(at, _)| at)
            .filter(|&at| at > second)
            .min()
    }
}

impl Change {
    fn local_seconds(self, year: i32) -> i64 {
        let first_of_year = Date::new(year, 1, 1).map_or(0, Date::days_since_1970);
        let leap = Date::new(year, 2, 29).is_some();
        let day = match self.day {
            RuleDay::NoLeapDay(n) => first_of_year + i64::from(n) - 1 + i64::from(leap && n > 59),
            RuleDay::FromZero(n) => first_of_year + i64::from(n),
            RuleDay::Weekday { month, week, weekday } => {
                let first = Date::new(year, u32::from(month), 1).map_or(first_of_year, Date::days_since_1970);
                let first_weekday = (first + 4).rem_euclid(7);
                let mut day = first + (i64::from(weekday) - first_weekday).rem_euclid(7) + 7 * (i64::from(week) - 1);
                let days_in_month = Date::new(year, u32::from(month), 1).map_or(31, Date::days_in_month);
                while day >= first + i64::from(days_in_month) {
                    day -= 7;
                }
                day
            }
        };
        day * 86_400 + self.time
    }
}

/// The calendar year of a local time in seconds since 1970 (clamped to the years handled).
fn year_of(local_second: i64) -> i32 {
    Date::from_days_since_1970_clamped(local_second.div_euclid(86_400)).year()
}

/// `EST`, or `<+0530>` for names that are not letters alone.
fn abbreviation(input: &mut &[u8]) -> Option<Box<str>> {
    let (name, rest) = if let Some(quoted) = input.strip_prefix(b"<") {
        let end = quoted.iter().position(|&byte| byte == b'>')?;
        (&quoted[..end], &quoted[end + 1..])
    } else {
        let end = input.iter().position(|byte| !byte.is_ascii_alphabetic()).unwrap_or(input.len());
        (&input[..end], &input[end..])
    };
    if name.len() < 3 {
        return None;
    }
    *input = rest;
    std::str::from_utf8(name).ok().map(Into::into)
}

/// `[+-]hh[:mm[:ss]]`, in seconds; hours may reach 167, as TZif's extension allows.
fn clock_time(input: &mut &[u8]) -> Option<i64> {
    let sign = match input.first() {
        Some(b'-') => -1,
        _ => 1,
    };
    if matches!(input.first(), Some(b'+' | b'-')) {
        *input = &input[1..];
    }
    let mut seconds = 0;
    for (part, scale) in [3600, 60, 1].into_iter().enumerate() {
        if part > 0 {
            match input.strip_prefix(b":") {
                Some(rest) => *input = rest,
                None => break,
            }
        }
        let digits = input.iter().take_while(|byte| byte.is_ascii_digit()).count();
        if digits == 0 || digits > 3 {
            return None;
        }
        let value: i64 = std::str::from_utf8(&input[..digits]).ok()?.parse().ok()?;
        *input = &input[digits..];
        seconds += value * scale;
    }
    (seconds <= 167 * 3600).then_some(sign * seconds)
}

/// `,Mm.w.d[/time]`, `,Jn[/time]` or `,n[/time]`; the time is 02:00 when left out.
fn change(input: &mut &[u8]) -> Option<Change> {
    *input = input.strip_prefix(b",")?;
    let number = |input: &mut &[u8]| -> Option<u16> {
        let digits = input.iter().take_while(|byte| byte.is_ascii_digit()).count();
        let value = std::str::from_utf8(&input[..digits]).ok()?.parse().ok();
        *input = &input[digits..];
        value
    };
    let day = match input.first()? {
        b'M' => {
            *input = &input[1..];
            let month = number(input)?;
            *input = input.strip_prefix(b".")?;
            let week = number(input)?;
            *input = input.strip_prefix(b".")?;
            let weekday = number(input)?;
            let valid = (1..=12).contains(&month) && (1..=5).contains(&week) && weekday <= 6;
            valid.then_some(RuleDay::Weekday { month: month as u8, week: week as u8, weekday: weekday as u8 })?
        }
        b'J' => {
            *input = &input[1..];
            let day = number(input)?;
            (1..=365).contains(&day).then_some(RuleDay::NoLeapDay(day))?
        }
        _ => {
            let day = number(input)?;
            (day <= 365).then_some(RuleDay::FromZero(day))?
        }
    };
    let time = match input.strip_prefix(b"/") {
        Some(rest) => {
            *input = rest;
            clock_time(input)?
        }
        None => 7200,
    };
    Some(Change { day, time })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_are_read_as_posix_writes_them() {
        let rule = Rule::parse("EST5EDT,M3.2.0,M11.1.0").unwrap();
        assert_eq!(rule.standard, LocalType { offset: -5 * 3600, abbreviation: "EST".into() });
        let (daylight, start, end) = rule.daylight.clone().unwrap();
        assert_eq!((daylight.offset, &*daylight.abbreviation), (-4 * 3600, "EDT"));
        assert_eq!(start, Change { day: RuleDay::Weekday { month: 3, week: 2, weekday: 0 }, time: 7200 });
        assert_eq!(end.day, RuleDay::Weekday { month: 11, week: 1, weekday: 0 });
        // 2026: 8 March 02:00 EST and 1 November 02:00 EDT.
        let [(begins, _), (ends, _)] = rule.changes_in(2026).unwrap();
        assert_eq!(begins, "2026-03-08T07:00:00Z".parse::<Instant>().unwrap().seconds());
        assert_eq!(ends, "2026-11-01T06:00:00Z".parse::<Instant>().unwrap().seconds());

        let quoted = Rule::parse("<+1245>-12:45<+1345>,M9.5.0/2:45,M4.1.0/3:45").unwrap();
        assert_eq!((quoted.standard.offset, &*quoted.standard.abbreviation), (12 * 3600 + 45 * 60, "+1245"));
        let greenland = Rule::parse("<-02>2<-01>,M3.5.0/-1,M10.5.0/0").unwrap();
        assert_eq!(greenland.daylight.unwrap().1.time, -3600);
        assert!(Rule::parse("<+05>-5").unwrap().daylight.is_none());
        for wrong in ["", "E5", "EST", "EST5EDT,M13.1.0,M11.1.0", "EST5EDT,M3.2.0", "EST5EDT,M3.2.0,M11.1.0,"] {
            assert_eq!(Rule::parse(wrong), None, "{wrong:?}");
        }
    }

    #[test]
    fn damaged_data_is_refused_with_a_reason() {
        assert_eq!(read_tzif(b"").unwrap_err().to_string(), "TZif data: the header is cut short");
        assert_eq!(read_tzif(&[b'X'; 60]).unwrap_err(), TzifError("it does not start with TZif"));
        let (_, data) = crate::zones::tzif("Europe/Paris").unwrap();
        for cut in [50, data.len() / 2, data.len() - 3] {
            assert!(read_tzif(&data[..cut]).is_err(), "cut at {cut}");
        }
        // A transition count of four billion, in both headers.
        let mut huge = data.to_vec();
        let second_header = 44 + Header::read(&mut Bytes(data)).unwrap().block_len(4);
        for at in [32, second_header + 32] {
            huge[at..at + 4].copy_from_slice(&u32::MAX.to_be_bytes());
        }
        assert!(read_tzif(&huge).is_err());
    }
}
