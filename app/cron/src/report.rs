//! Everything the cron tool shows for one input, computed in one place (the tool's worker calls
//! this; the page only displays it). Times are formatted here, where the time-zone database is.

use atlas_input::quote;
use serde::{Deserialize, Serialize};

use crate::times::{self, Typed};
use crate::{CLOCK_CHANGE_RULE, ClockChangeKind, Cron, Frequency, Instant, Period, Zone};

/// At most this many runs are listed.
pub const MAX_RUNS: u32 = 100;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Schedule {
    Cron(String),
    Period(Period),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Request {
    /// Echoed in the report, so a page can drop answers to requests it has replaced.
    pub id: u32,
    pub schedule: Schedule,
    /// IANA name; empty means UTC.
    pub tz: String,
    /// ISO 8601: an instant (`2026-03-08T00:00:00Z`) or a local time in `tz`
    /// (`2026-03-08T00:00`). Empty means `now_ms`.
    pub from: String,
    /// The page's clock, in milliseconds since 1970.
    pub now_ms: f64,
    pub count: u32,
    /// The reader's own zone, for a third column of times.
    pub viewer_tz: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub id: u32,
    pub result: Result<Answer, InputError>,
}

/// A problem with one input, for showing next to it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InputError {
    /// `expr`, `tz`, `from`, `count`, or a Period field such as `hours`.
    pub input: String,
    pub message: String,
    /// Byte range in the expression, for `expr`.
    pub span: Option<(usize, usize)>,
    pub undocumented: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Answer {
    /// "At 06:00 on Monday, America/New_York time".
    pub description: String,
    /// Things to know: the either/or day rule, never or rarely, Period resets.
    pub notes: Vec<String>,
    /// Empty for a macro or a Period.
    pub fields: Vec<FieldPart>,
    pub runs: Vec<RunTimes>,
    pub clock_changes: Vec<ClockNote>,
    pub clock_rule: String,
    pub month: Option<MonthView>,
    /// The decorator that sets this schedule.
    pub decorator: String,
    /// The schedule's zone, as used.
    pub tz: String,
    pub viewer_tz: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldPart {
    pub name: String,
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub meaning: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunTimes {
    /// RFC 3339 with the schedule zone's offset, for `<time datetime>`.
    pub iso: String,
    pub schedule_time: String,
    pub utc: String,
    pub viewer: String,
    pub epoch_ms: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClockNote {
    pub local: String,
    pub runs_at: String,
    pub skipped: bool,
}

/// A month as a calendar: Monday-first weeks, with the number of runs on each day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MonthView {
    pub title: String,
    /// Empty cells before day 1 (0 when the month starts on a Monday).
    pub leading_blanks: u8,
    pub runs_per_day: Vec<u32>,
}

/// The answer to `request`, with zones from the bundled database.
pub fn answer(request: &Request) -> Report {
    answer_with(request, crate::zones::bundled)
}

/// The answer to `request`, with each zone it names taken from `zone` (None: no such zone).
pub fn answer_with(request: &Request, zone: impl Fn(&str) -> Option<Zone>) -> Report {
    Report { id: request.id, result: compute(request, zone) }
}

fn input_error(input: &str, message: String) -> InputError {
    InputError { input: input.into(), message, span: None, undocumented: false }
}

/// The number of runs to list, as typed.
pub fn count_from(text: &str) -> Result<u32, InputError> {
    let text = text.trim();
    let count = text.parse::<u64>().map_err(|_| {
        input_error("count", format!("expected a whole number of runs from 1 to {MAX_RUNS}, found {}", quote(text)))
    })?;
    check_count(count)
}

/// The number of runs to list, checked: 1 to [`MAX_RUNS`].
pub fn check_count(count: u64) -> Result<u32, InputError> {
    match u32::try_from(count) {
        Ok(count) if (1..=MAX_RUNS).contains(&count) => Ok(count),
        _ => Err(input_error("count", format!("expected a whole number of runs from 1 to {MAX_RUNS}, found {count}"))),
    }
}

/// A `modal.Period` from its fields as typed (in [`PERIOD_FIELDS`] order; empty is 0), checked
/// for what the client accepts: whole numbers but for seconds.
pub fn period_from(values: &[String; 7]) -> Result<Period, InputError> {
    let mut whole = [0i64; 6];
    for (at, name) in PERIOD_FIELDS[..6].iter().enumerate() {
        let text = values[at].trim();
        if text.is_empty() {
            continue;
        }
        whole[at] = text.parse().map_err(|_| {
            let message = if text.contains('.') && Period::parse_seconds(text).is_some() {
                format!("{name}: only seconds may be fractional (modal.Period({name}={text}) raises a TypeError)")
            } else if Period::parse_seconds(text).is_some() {
                format!("{name}: {} is too large", quote(text))
            } else {
                format!("{name}: {} is not a whole number", quote(text))
            };
            input_error(name, message)
        })?;
    }
    let seconds_text = values[6].trim();
    let seconds = if seconds_text.is_empty() {
        0.0
    } else {
        Period::parse_seconds(seconds_text)
            .ok_or_else(|| input_error("seconds", format!("seconds: {} is not a number", quote(seconds_text))))?
    };
    let [years, months, weeks, days, hours, minutes] = whole;
    Ok(Period { years, months, weeks, days, hours, minutes, seconds })
}

fn compute(request: &Request, zone: impl Fn(&str) -> Option<Zone>) -> Result<Answer, InputError> {
    let tz_name = if request.tz.trim().is_empty() { "UTC" } else { request.tz.trim() };
    let tz = zone(tz_name).ok_or_else(|| {
        input_error(
            "tz",
            format!(
                "unknown time zone {}: expected an IANA name such as Europe/Paris or America/New_York",
                quote(tz_name)
            ),
        )
    })?;
    let viewer_tz = zone(&request.viewer_tz).unwrap_or_else(Zone::utc);
    let viewer_name = viewer_tz.name().to_string();
    check_count(u64::from(request.count))?;
    let from = parse_from(&request.from, request.now_ms, &tz)?;
    let count = request.count as usize;

    let (description, mut notes, fields, runs, clock_changes, decorator) = match &request.schedule {
        Schedule::Cron(expr) => {
            let cron = Cron::parse(expr).map_err(|err| InputError {
                input: "expr".into(),
                message: err.to_string(),
                span: Some((err.span.start, err.span.end)),
                undocumented: err.undocumented,
            })?;
            let mut notes: Vec<String> = cron.day_rule_note().into_iter().collect();
            match cron.frequency(from) {
                Frequency::Never(reason) => notes.push(format!("This schedule never runs: {reason}.")),
                Frequency::Rarely { runs_in_eight_years } => notes
                    .push(format!("This schedule runs rarely: {runs_in_eight_years} times in the next eight years.")),
                Frequency::Regular => {}
            }
            let fields = cron
                .fields()
                .iter()
                .zip(cron.field_meanings())
                .map(|(field, meaning)| FieldPart {
                    name: field.field.name().to_string(),
                    text: field.text.clone(),
                    start: field.span.start,
                    end: field.span.end,
                    meaning,
                })
                .collect();
            let runs = cron.runs_after(from, &tz, count);
            let changes = cron
                .clock_changes_within_a_year(from, &tz)
                .into_iter()
                .map(|change| ClockNote {
                    local: times::local(change.local),
                    runs_at: times::zoned(&tz, change.runs_at),
                    skipped: change.kind == ClockChangeKind::Skipped,
                })
                .collect();
            let timezone =
                if tz_name == "UTC" { String::new() } else { format!(", timezone=\"{}\"", python_escape(tz_name)) };
            let decorator = format!(
                "@app.function(schedule=modal.Cron(\"{}\"{timezone}))\ndef scheduled_job():\n    ...",
                python_escape(expr.trim())
            );
            (format!("{}, {tz_name} time", cron.describe()), notes, fields, runs, changes, decorator)
        }
        Schedule::Period(period) => {
            let runs = period.runs_after_deploy(from, count).map_err(|err| {
                let input = err.message.split(':').next().filter(|name| is_period_field(name)).unwrap_or("period");
                input_error(input, err.message.clone())
            })?;
            let notes = vec![
                "A Period counts from each deploy: redeploying restarts it. Use modal.Cron for fixed times."
                    .to_string(),
            ];
            let decorator = format!("@app.function(schedule={})\ndef scheduled_job():\n    ...", period.to_python());
            (
                format!("Every {} after each deploy", period_words(period)),
                notes,
                Vec::new(),
                runs,
                Vec::new(),
                decorator,
            )
        }
    };
    notes.push(
        "Schedules run only for deployed apps (modal deploy), and a scheduled function takes no arguments.".into(),
    );
    let month = month_view(&tz, &runs);
    let utc = Zone::utc();
    let runs = runs
        .iter()
        .map(|&run| RunTimes {
            iso: times::iso(&tz, run),
            schedule_time: times::zoned(&tz, run),
            utc: times::zoned(&utc, run),
            viewer: times::zoned(&viewer_tz, run),
            epoch_ms: run.millis() as f64,
        })
        .collect();
    Ok(Answer {
        description,
        notes,
        fields,
        runs,
        clock_changes,
        clock_rule: CLOCK_CHANGE_RULE.to_string(),
        month,
        decorator,
        tz: tz_name.to_string(),
        viewer_tz: viewer_name,
    })
}

fn parse_from(text: &str, now_ms: f64, tz: &Zone) -> Result<Instant, InputError> {
    let text = text.trim();
    if text.is_empty() {
        return Instant::from_millis(now_ms as i64)
            .ok_or_else(|| input_error("from", "the page's clock gave an impossible time".into()));
    }
    match times::parse(text) {
        Some(Typed::Instant(instant)) => Ok(instant),
        Some(Typed::Local(local)) => tz.instant_compatible(local).ok_or_else(|| {
            input_error("from", format!("{} is outside the range of times this tool handles", quote(text)))
        }),
        None => Err(input_error(
            "from",
            format!(
                "{} is not a time: expected ISO 8601 such as 2026-03-08T00:00:00Z, or 2026-03-08T00:00 in the schedule's zone",
                quote(text)
            ),
        )),
    }
}

/// The month of the first run, with the runs on each of its days (in the schedule's zone).
fn month_view(tz: &Zone, runs: &[Instant]) -> Option<MonthView> {
    let first = tz.local(*runs.first()?).date();
    let mut runs_per_day = vec![0; first.days_in_month() as usize];
    for day in runs.iter().map(|&run| tz.local(run).date()) {
        if (day.year(), day.month()) == (first.year(), first.month()) {
            runs_per_day[day.day() as usize - 1] += 1;
        }
    }
    let first_of_month = first.first_of_month();
    Some(MonthView {
        title: times::month(first_of_month),
        // Monday first: Sunday (0) is the seventh column.
        leading_blanks: ((first_of_month.weekday() + 6) % 7) as u8,
        runs_per_day,
    })
}

/// `modal.Period`'s keyword arguments, largest first.
pub const PERIOD_FIELDS: [&str; 7] = ["years", "months", "weeks", "days", "hours", "minutes", "seconds"];

fn is_period_field(name: &str) -> bool {
    PERIOD_FIELDS.contains(&name)
}

fn period_words(period: &Period) -> String {
    let parts: Vec<String> = [
        (period.years, "year"),
        (period.months, "month"),
        (period.weeks, "week"),
        (period.days, "day"),
        (period.hours, "hour"),
        (period.minutes, "minute"),
    ]
    .iter()
    .filter(|(value, _)| *value != 0)
    .map(|(value, unit)| format!("{value} {unit}{}", if *value == 1 { "" } else { "s" }))
    .chain((period.seconds != 0.0).then(|| {
        let text = period.seconds_text();
        let plural = if text == "1" { "" } else { "s" };
        format!("{text} second{plural}")
    }))
    .collect();
    let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
    crate::runs::list_words(&parts)
}

/// Escapes text for a double-quoted Python string.
fn python_escape(text: &str) -> String {
    text.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(schedule: Schedule, tz: &str, from: &str) -> Request {
        Request {
            id: 7,
            schedule,
            tz: tz.into(),
            from: from.into(),
            now_ms: 1_767_225_600_000.0,
            count: 3,
            viewer_tz: "Asia/Tokyo".into(),
        }
    }

    fn period(values: [&str; 7]) -> Result<Period, InputError> {
        period_from(&values.map(String::from))
    }

    #[test]
    fn period_fields_are_read_as_the_client_takes_them() {
        let every_90_minutes = period(["", "", "", "", "1", "30", ""]).unwrap();
        assert_eq!((every_90_minutes.hours, every_90_minutes.minutes), (1, 30));
        assert_eq!(period(["", "", "", "", "", "", "0.5"]).unwrap().seconds_text(), "0.5");
        let fraction = period(["", "", "", "", "1.5", "", ""]).unwrap_err();
        assert_eq!(fraction.input, "hours");
        assert!(fraction.message.contains("only seconds may be fractional"), "{}", fraction.message);
        let huge = period(["99999999999999999999", "", "", "", "", "", ""]).unwrap_err();
        assert_eq!(huge.message, "years: `99999999999999999999` is too large");
        let pasted = "x".repeat(100_000);
        let words = period(["", "", "", &pasted, "", "", ""]).unwrap_err();
        assert_eq!(words.input, "days");
        assert!(words.message.len() < 120, "a paste is quoted briefly: {}", words.message);
    }

    #[test]
    fn the_run_count_is_a_whole_number_from_1_to_the_most_listed() {
        assert_eq!(count_from(" 25 ").unwrap(), 25);
        for wrong in ["0", "101", "-1", "2.5", "ten", "99999999999999999999999"] {
            let error = count_from(wrong).unwrap_err();
            assert_eq!(error.input, "count");
            assert!(error.message.starts_with("expected a whole number of runs from 1 to 100"), "{}", error.message);
        }
        let mut zero = request(Schedule::Cron("0 6 * * 1".into()), "UTC", "");
        zero.count = 0;
        assert_eq!(answer(&zero).result.unwrap_err(), count_from("0").unwrap_err());
    }

    #[test]
    fn a_cron_answer_has_every_part_the_tool_shows() {
        let report = answer(&request(Schedule::Cron("0 6 * * 1".into()), "America/New_York", "2026-03-01T00:00:00Z"));
        assert_eq!(report.id, 7);
        let answer = report.result.unwrap();
        assert_eq!(answer.description, "At 06:00 on Monday, America/New_York time");
        assert_eq!(answer.runs[0].iso, "2026-03-02T06:00:00-05:00");
        assert_eq!(answer.runs[0].schedule_time, "Mon 2 Mar 2026 06:00 EST");
        assert_eq!(answer.runs[0].utc, "Mon 2 Mar 2026 11:00 UTC");
        assert_eq!(answer.runs[0].viewer, "Mon 2 Mar 2026 20:00 JST");
        assert_eq!(answer.runs[1].iso, "2026-03-09T06:00:00-04:00", "daylight saving began on the 8th");
        assert_eq!(answer.fields[4].meaning, "on Monday");
        assert_eq!(
            answer.decorator,
            "@app.function(schedule=modal.Cron(\"0 6 * * 1\", timezone=\"America/New_York\"))\ndef scheduled_job():\n    ..."
        );
        let month = answer.month.unwrap();
        assert_eq!(
            (month.title.as_str(), month.leading_blanks, month.runs_per_day[1], month.runs_per_day.len()),
            ("March 2026", 6, 1, 31)
        );
    }

    #[test]
    fn clock_changes_and_the_rule_are_reported() {
        let answer = answer(&request(Schedule::Cron("30 2 * * *".into()), "America/New_York", "2026-01-01T00:00:00Z"))
            .result
            .unwrap();
        assert_eq!(
            answer.clock_changes[0],
            ClockNote {
                local: "Sun 8 Mar 2026 02:30".into(),
                runs_at: "Sun 8 Mar 2026 03:00 EDT".into(),
                skipped: true
            }
        );
        assert!(answer.clock_rule.contains("happens at the moment the clock jumps"));
    }

    #[test]
    fn inputs_are_checked_one_by_one() {
        let err = answer(&request(Schedule::Cron("0 0 * * *".into()), "Mars/Olympus", "")).result.unwrap_err();
        assert_eq!(
            (err.input.as_str(), err.message.as_str()),
            ("tz", "unknown time zone `Mars/Olympus`: expected an IANA name such as Europe/Paris or America/New_York")
        );
        let err = answer(&request(Schedule::Cron("0 0 * * *".into()), "UTC", "yesterday")).result.unwrap_err();
        assert_eq!(err.input, "from");
        let err = answer(&request(Schedule::Cron("0 99 * * *".into()), "UTC", "")).result.unwrap_err();
        assert_eq!((err.input.as_str(), err.span), ("expr", Some((2, 4))));
        let mut many = request(Schedule::Cron("* * * * *".into()), "UTC", "");
        many.count = 101;
        assert_eq!(
            answer(&many).result.unwrap_err().message,
            "expected a whole number of runs from 1 to 100, found 101"
        );
        let err = answer(&request(Schedule::Period(Period { hours: -2, ..Period::default() }), "UTC", ""))
            .result
            .unwrap_err();
        assert_eq!((err.input.as_str(), err.message.as_str()), ("hours", "hours: expected 0 or more"));
    }

    #[test]
    fn never_runs_is_said_plainly() {
        let answer = answer(&request(Schedule::Cron("0 0 31 2 *".into()), "UTC", "")).result.unwrap();
        assert!(answer.runs.is_empty());
        assert!(answer.notes.contains(&"This schedule never runs: February has no day 31.".to_string()));
        assert_eq!(answer.month, None);
    }

    #[test]
    fn a_period_counts_from_the_deploy() {
        let answer =
            answer(&request(Schedule::Period(Period { hours: 5, ..Period::default() }), "UTC", "2026-01-01T10:00:00Z"))
                .result
                .unwrap();
        assert_eq!(answer.description, "Every 5 hours after each deploy");
        assert_eq!(answer.runs[0].utc, "Thu 1 Jan 2026 15:00 UTC");
        assert_eq!(answer.decorator, "@app.function(schedule=modal.Period(hours=5))\ndef scheduled_job():\n    ...");
        assert!(answer.notes[0].contains("redeploying restarts it"));
    }

    #[test]
    fn local_start_times_are_read_in_the_schedule_zone() {
        let answer =
            answer(&request(Schedule::Cron("0 * * * *".into()), "Asia/Kolkata", "2026-05-01T09:30")).result.unwrap();
        assert_eq!(answer.runs[0].iso, "2026-05-01T10:00:00+05:30");
    }

    #[test]
    fn the_decorator_escapes_what_it_quotes() {
        assert_eq!(python_escape(r#"a"b\c"#), r#"a\"b\\c"#);
    }
}
