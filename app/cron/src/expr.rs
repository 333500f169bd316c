//! Parsing the five cron fields, with errors that name the field and say what was expected.

use atlas_input::quote;
use std::fmt;
use std::ops::Range;

/// One of the five fields, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Minute,
    Hour,
    DayOfMonth,
    Month,
    DayOfWeek,
}

impl Field {
    pub const ALL: [Field; 5] = [Field::Minute, Field::Hour, Field::DayOfMonth, Field::Month, Field::DayOfWeek];

    pub fn name(self) -> &'static str {
        match self {
            Field::Minute => "minute",
            Field::Hour => "hour",
            Field::DayOfMonth => "day of month",
            Field::Month => "month",
            Field::DayOfWeek => "day of week",
        }
    }

    /// The values the field takes (day of week accepts 7 as Sunday on input).
    fn bounds(self) -> (u32, u32) {
        match self {
            Field::Minute => (0, 59),
            Field::Hour => (0, 23),
            Field::DayOfMonth => (1, 31),
            Field::Month => (1, 12),
            Field::DayOfWeek => (0, 7),
        }
    }

    fn expected(self) -> &'static str {
        match self {
            Field::Minute => "0-59",
            Field::Hour => "0-23",
            Field::DayOfMonth => "1-31",
            Field::Month => "1-12 or JAN-DEC",
            Field::DayOfWeek => "0-7 (0 and 7 are Sunday) or SUN-SAT",
        }
    }
}

/// Where a field stands in the source, for highlighting it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldSpan {
    pub field: Field,
    pub span: Range<usize>,
    pub text: String,
}

/// Why an expression was refused, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CronError {
    /// The field at fault, when the problem is inside one.
    pub field: Option<Field>,
    /// Byte range in the expression.
    pub span: Range<usize>,
    pub message: String,
    /// True when the syntax is real cron syntax elsewhere but not documented by Modal.
    pub undocumented: bool,
}

impl fmt::Display for CronError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.field {
            Some(field) => write!(f, "{}: {}", field.name(), self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for CronError {}

pub(crate) const UNDOCUMENTED: &str = "not documented by Modal: may be rejected at deploy";

/// A part of a field: `start`, `start-end`, `*`, each with an optional `/step`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Item {
    pub start: u32,
    pub end: u32,
    pub step: u32,
    /// Written as `*` (or `*/step`).
    pub star: bool,
}

/// A parsed schedule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cron {
    pub(crate) source: String,
    /// The macro this came from, such as `@daily`.
    pub(crate) macro_name: Option<&'static str>,
    pub(crate) spans: Vec<FieldSpan>,
    pub(crate) items: [Vec<Item>; 5],
    pub(crate) minutes: u64,
    pub(crate) hours: u32,
    /// Bit d for day d, 1-31.
    pub(crate) days: u32,
    /// Bit m for month m, 1-12.
    pub(crate) months: u16,
    /// Bit d for weekday d, 0 (Sunday) to 6.
    pub(crate) weekdays: u8,
    /// A day field counts as restricted unless it starts with `*` (Vixie cron's rule); when both
    /// are restricted, a day matches if either matches.
    pub(crate) day_restricted: bool,
    pub(crate) weekday_restricted: bool,
}

const MACROS: &[(&str, &str)] = &[
    ("@yearly", "0 0 1 1 *"),
    ("@annually", "0 0 1 1 *"),
    ("@monthly", "0 0 1 * *"),
    ("@weekly", "0 0 * * 0"),
    ("@daily", "0 0 * * *"),
    ("@midnight", "0 0 * * *"),
    ("@hourly", "0 * * * *"),
];

const MONTH_NAMES: [&str; 12] = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const WEEKDAY_NAMES: [&str; 7] = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

/// Longer input is refused before any work: no cron expression is this long.
const MAX_LEN: usize = 256;

impl Cron {
    pub fn parse(source: &str) -> Result<Cron, CronError> {
        let whole = 0..source.len();
        let error =
            |message: String, undocumented| CronError { field: None, span: whole.clone(), message, undocumented };
        if source.len() > MAX_LEN {
            return Err(error(
                format!("expected a cron expression of at most {MAX_LEN} characters, found {}", source.len()),
                false,
            ));
        }
        let trimmed = source.trim();
        if trimmed.is_empty() {
            return Err(error(
                "expected 5 fields (minute hour day-of-month month day-of-week), found none".into(),
                false,
            ));
        }
        if let Some(name) = trimmed.strip_prefix('@') {
            let lower = format!("@{}", name.to_ascii_lowercase());
            if let Some(&(macro_name, expansion)) = MACROS.iter().find(|(macro_name, _)| *macro_name == lower) {
                let mut cron = Cron::parse_fields(expansion, expansion)?;
                cron.source = source.to_string();
                cron.macro_name = Some(macro_name);
                cron.spans.clear();
                return Ok(cron);
            }
            if lower == "@reboot" || lower.starts_with("@every") {
                return Err(error(
                    format!("{} is {UNDOCUMENTED}; Modal schedules are cron times or modal.Period", quote(trimmed)),
                    true,
                ));
            }
            let known: Vec<&str> = MACROS.iter().map(|(name, _)| *name).collect();
            return Err(error(
                format!("unknown macro {}: expected one of {}", quote(trimmed), known.join(", ")),
                false,
            ));
        }
        Cron::parse_fields(source, source)
    }

    fn parse_fields(source: &str, text: &str) -> Result<Cron, CronError> {
        let mut parts: Vec<(Range<usize>, &str)> = Vec::new();
        let mut at = 0;
        for piece in text.split_whitespace() {
            let start = text[at..].find(piece).map_or(at, |offset| at + offset);
            parts.push((start..start + piece.len(), piece));
            at = start + piece.len();
        }
        if parts.len() != 5 {
            let note = match parts.len() {
                6 => " (a seconds field is not documented by Modal)",
                7 => " (seconds and year fields are not documented by Modal)",
                _ => " (minute hour day-of-month month day-of-week)",
            };
            return Err(CronError {
                field: None,
                span: 0..text.len(),
                message: format!("expected 5 fields, found {}{note}", parts.len()),
                undocumented: matches!(parts.len(), 6 | 7),
            });
        }
        let mut items: [Vec<Item>; 5] = Default::default();
        let mut spans = Vec::with_capacity(5);
        for (slot, (field, (span, piece))) in Field::ALL.into_iter().zip(parts).enumerate() {
            items[slot] = parse_field(field, piece, span.clone())?;
            spans.push(FieldSpan { field, span, text: piece.to_string() });
        }
        let bits = |slot: usize| -> u64 {
            items[slot].iter().fold(0u64, |acc, item| {
                (item.start..=item.end).step_by(item.step as usize).fold(acc, |acc, value| acc | 1 << value)
            })
        };
        let weekday_bits = bits(4);
        // 7 is Sunday too.
        let weekdays = ((weekday_bits | (weekday_bits >> 7)) & 0x7f) as u8;
        Ok(Cron {
            source: source.to_string(),
            macro_name: None,
            day_restricted: !spans[2].text.starts_with('*'),
            weekday_restricted: !spans[4].text.starts_with('*'),
            spans,
            minutes: bits(0),
            hours: bits(1) as u32,
            days: bits(2) as u32,
            months: bits(3) as u16,
            weekdays,
            items,
        })
    }

    /// The expression as written.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The five fields with their place in the source (empty for a macro).
    pub fn fields(&self) -> &[FieldSpan] {
        &self.spans
    }

    /// The macro the expression was written as, if any.
    pub fn macro_name(&self) -> Option<&'static str> {
        self.macro_name
    }

    /// True when both day fields are restricted, so a day matches if either matches.
    pub fn uses_either_day_rule(&self) -> bool {
        self.day_restricted && self.weekday_restricted
    }

    pub(crate) fn matches_day(&self, day: u32, month: u32, weekday: u32) -> bool {
        if self.months & (1 << month) == 0 {
            return false;
        }
        let by_day = self.days & (1 << day) != 0;
        let by_weekday = self.weekdays & (1 << weekday) != 0;
        if self.uses_either_day_rule() { by_day || by_weekday } else { by_day && by_weekday }
    }
}

fn parse_field(field: Field, text: &str, span: Range<usize>) -> Result<Vec<Item>, CronError> {
    let fail = |message: String, undocumented: bool| CronError {
        field: Some(field),
        span: span.clone(),
        message,
        undocumented,
    };
    for (mark, meaning) in
        [("L", "`L` (last)"), ("W", "`W` (nearest weekday)"), ("#", "`#` (nth weekday)"), ("?", "`?`")]
    {
        let upper = text.to_ascii_uppercase();
        let names_contain = |mark: &str| {
            // `L` and `W` also appear inside names such as JUL and WED.
            upper.split([',', '-', '/']).any(|part| {
                part == mark || (part.ends_with(mark) && part[..part.len() - 1].chars().all(|c| c.is_ascii_digit()))
            })
        };
        if (mark == "#" || mark == "?") && text.contains(mark) || (mark == "L" || mark == "W") && names_contain(mark) {
            return Err(fail(format!("{meaning} is {UNDOCUMENTED}"), true));
        }
    }
    let (low, high) = field.bounds();
    let mut items = Vec::new();
    for part in text.split(',') {
        if part.is_empty() {
            return Err(fail(
                format!("empty list item in {} (expected values separated by single commas)", quote(text)),
                false,
            ));
        }
        let (range, step) = match part.split_once('/') {
            Some((range, step)) => {
                let step: u32 = step
                    .parse()
                    .map_err(|_| fail(format!("step {} is not a whole number (as in */15)", quote(step)), false))?;
                if step == 0 {
                    return Err(fail("a step of 0 never advances (expected 1 or more)".into(), false));
                }
                (range, Some(step))
            }
            None => (part, None),
        };
        let item = if range == "*" {
            Item {
                start: low,
                end: if field == Field::DayOfWeek { 6 } else { high },
                step: step.unwrap_or(1),
                star: true,
            }
        } else if let Some((from, to)) = range.split_once('-') {
            let (start, end) = (value(field, from, &fail)?, value(field, to, &fail)?);
            if start > end {
                return Err(fail(
                    format!("range {from}-{to} runs backwards (expected the smaller value first)"),
                    false,
                ));
            }
            Item { start, end, step: step.unwrap_or(1), star: false }
        } else {
            let start = value(field, range, &fail)?;
            // `5/15` means from 5 to the end of the field, every 15.
            let end = if step.is_some() { if field == Field::DayOfWeek { 6 } else { high } } else { start };
            Item { start, end: end.max(start), step: step.unwrap_or(1), star: false }
        };
        items.push(item);
    }
    Ok(items)
}

fn value(field: Field, text: &str, fail: &dyn Fn(String, bool) -> CronError) -> Result<u32, CronError> {
    let names: &[&str] = match field {
        Field::Month => &MONTH_NAMES,
        Field::DayOfWeek => &WEEKDAY_NAMES,
        _ => &[],
    };
    let upper = text.to_ascii_uppercase();
    if let Some(at) = names.iter().position(|name| *name == upper) {
        return Ok(at as u32 + if field == Field::Month { 1 } else { 0 });
    }
    let (low, high) = field.bounds();
    match text.parse::<u32>() {
        Ok(number) if (low..=high).contains(&number) => Ok(number),
        Ok(number) => Err(fail(format!("{number} is outside {}", field.expected()), false)),
        Err(_) if text.is_empty() => {
            Err(fail(format!("a range is missing a value (expected {})", field.expected()), false))
        }
        Err(_) => Err(fail(
            format!(
                "{} is not a value (expected {}, `*`, a range like 1-5, a step like */15, or a list like 1,15)",
                quote(text),
                field.expected()
            ),
            false,
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(expr: &str) -> String {
        Cron::parse(expr).unwrap_err().to_string()
    }

    #[test]
    fn parses_fields_into_sets() {
        let cron = Cron::parse("*/15 9-17 1,15 JAN-MAR mon-fri").unwrap();
        assert_eq!(cron.minutes, 1 | 1 << 15 | 1 << 30 | 1 << 45);
        assert_eq!(cron.hours, (9..=17).fold(0, |acc, h| acc | 1 << h));
        assert_eq!(cron.days, 1 << 1 | 1 << 15);
        assert_eq!(cron.months, 1 << 1 | 1 << 2 | 1 << 3);
        assert_eq!(cron.weekdays, 0b0111110);
        assert!(cron.uses_either_day_rule());
    }

    #[test]
    fn seven_is_sunday_and_star_steps_do_not_restrict() {
        assert_eq!(Cron::parse("0 0 * * 7").unwrap().weekdays, 1);
        assert_eq!(Cron::parse("0 0 * * 5-7").unwrap().weekdays, 1 | 1 << 5 | 1 << 6);
        assert!(!Cron::parse("0 0 */2 * 1").unwrap().uses_either_day_rule());
    }

    #[test]
    fn macros_expand() {
        let cron = Cron::parse("@Daily").unwrap();
        assert_eq!(cron.macro_name(), Some("@daily"));
        assert_eq!((cron.minutes, cron.hours), (1, 1));
        assert_eq!(Cron::parse("@weekly").unwrap().weekdays, 1);
    }

    #[test]
    fn errors_name_the_field_and_what_was_expected() {
        assert_eq!(error("61 * * * *"), "minute: 61 is outside 0-59");
        assert_eq!(error("0 24 * * *"), "hour: 24 is outside 0-23");
        assert_eq!(error("0 0 0 * *"), "day of month: 0 is outside 1-31");
        assert_eq!(error("0 0 * 13 *"), "month: 13 is outside 1-12 or JAN-DEC");
        assert_eq!(error("0 0 * * 8"), "day of week: 8 is outside 0-7 (0 and 7 are Sunday) or SUN-SAT");
        assert_eq!(
            error("0 0 * * FUN"),
            "day of week: `FUN` is not a value (expected 0-7 (0 and 7 are Sunday) or SUN-SAT, `*`, a range like 1-5, a step like */15, or a list like 1,15)"
        );
        assert_eq!(error("*/0 * * * *"), "minute: a step of 0 never advances (expected 1 or more)");
        assert_eq!(error("0 5-2 * * *"), "hour: range 5-2 runs backwards (expected the smaller value first)");
        assert_eq!(
            error("0 1,,2 * * *"),
            "hour: empty list item in `1,,2` (expected values separated by single commas)"
        );
        assert_eq!(error(""), "expected 5 fields (minute hour day-of-month month day-of-week), found none");
        assert_eq!(error("* * * *"), "expected 5 fields, found 4 (minute hour day-of-month month day-of-week)");
        assert_eq!(
            error("@sometimes"),
            "unknown macro `@sometimes`: expected one of @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly"
        );
    }

    #[test]
    fn undocumented_syntax_is_recognised_and_labelled() {
        let seconds = Cron::parse("0 0 6 * * 1").unwrap_err();
        assert_eq!(seconds.to_string(), "expected 5 fields, found 6 (a seconds field is not documented by Modal)");
        assert!(seconds.undocumented);
        for (expr, text) in [
            ("0 0 L * *", "day of month: `L` (last) is not documented by Modal: may be rejected at deploy"),
            (
                "0 0 15W * *",
                "day of month: `W` (nearest weekday) is not documented by Modal: may be rejected at deploy",
            ),
            ("0 0 * * 1#2", "day of week: `#` (nth weekday) is not documented by Modal: may be rejected at deploy"),
            ("0 0 ? * 1", "day of month: `?` is not documented by Modal: may be rejected at deploy"),
            (
                "@reboot",
                "`@reboot` is not documented by Modal: may be rejected at deploy; Modal schedules are cron times or modal.Period",
            ),
        ] {
            let err = Cron::parse(expr).unwrap_err();
            assert_eq!(err.to_string(), text);
            assert!(err.undocumented, "{expr}");
        }
        // Names that contain L or W are ordinary.
        assert!(Cron::parse("0 0 * JUL WED").is_ok());
    }

    #[test]
    fn errors_point_at_the_field() {
        let err = Cron::parse("0  99 * * *").unwrap_err();
        assert_eq!(err.field, Some(Field::Hour));
        assert_eq!(err.span, 3..5);
        let spans: Vec<(Field, Range<usize>)> =
            Cron::parse("*/5 1 2 3 4").unwrap().fields().iter().map(|f| (f.field, f.span.clone())).collect();
        assert_eq!(spans[0], (Field::Minute, 0..3));
        assert_eq!(spans[4], (Field::DayOfWeek, 10..11));
    }

    #[test]
    fn any_input_is_an_answer_not_a_panic() {
        for text in [
            "\u{0}",
            "🦀 * * * *",
            "-",
            "*/",
            "/5 * * * *",
            "1-",
            "-1 * * * *",
            "99999999999999999999 * * * *",
            "* * * * * * * *",
            "@",
            "é",
        ] {
            let _ = Cron::parse(text);
        }
        assert!(
            Cron::parse(&"* ".repeat(1000))
                .unwrap_err()
                .to_string()
                .starts_with("expected a cron expression of at most 256")
        );
    }
}
