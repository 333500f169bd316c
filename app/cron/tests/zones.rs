//! The TZif reader against jiff, a general and well-tested time library, on the same bytes: every
//! zone of the database, from 1850 to 2150, for offsets, abbreviations, transitions and how each
//! local time around a transition maps to instants.

use atlas_cron::{Date, Instant, LocalTime, Zone, zones};
use jiff::tz::{AmbiguousOffset, TimeZone};

const FROM: &str = "1850-01-01T00:00:00Z";
const UNTIL: &str = "2150-01-01T00:00:00Z";

fn theirs(instant: Instant) -> jiff::Timestamp {
    jiff::Timestamp::from_millisecond(instant.millis()).unwrap()
}

/// What differs for one zone, in words.
fn differences(name: &str) -> Vec<String> {
    let (canonical, data) = zones::tzif(name).unwrap();
    let ours = Zone::from_tzif(canonical, data).unwrap();
    let jiff = TimeZone::tzif(canonical, data).unwrap();
    let (from, until): (Instant, Instant) = (FROM.parse().unwrap(), UNTIL.parse().unwrap());
    let mut found = Vec::new();

    // Transitions, one by one.
    let mut expected = jiff.following(theirs(from)).map(|t| t.timestamp()).take_while(|t| *t < theirs(until));
    let mut at = from;
    while let Some(next) = ours.next_transition(at).filter(|next| *next < until) {
        if expected.next() != Some(theirs(next)) {
            found.push(format!("transition {next} is not jiff's"));
            return found;
        }
        at = next;
    }
    if let Some(extra) = expected.next() {
        found.push(format!("jiff has a transition at {extra} that we lack"));
    }

    // Offsets and abbreviations every 5 days and 7 hours, and around every transition.
    let mut instants: Vec<Instant> =
        (0..).map(|step| from.millis() + step * 457_200_000).take_while(|&ms| ms < until.millis()).map(ms).collect();
    let mut at = from;
    while let Some(next) = ours.next_transition(at).filter(|next| *next < until) {
        instants.extend([next.millis() - 1000, next.millis(), next.millis() + 1000].map(ms));
        // Local times from three hours before to three hours after, every quarter hour.
        for quarter in -12..=12 {
            let local = ours.local(next);
            let Some(time) = Instant::from_millis(local.local_millis() + quarter * 900_000) else { continue };
            let local = time.local(0);
            let civil = jiff::civil::DateTime::new(
                local.date().year() as i16,
                local.date().month() as i8,
                local.date().day() as i8,
                local.hour() as i8,
                local.minute() as i8,
                local.second() as i8,
                0,
            )
            .unwrap();
            let expected = match jiff.to_ambiguous_zoned_datetime(civil).offset() {
                AmbiguousOffset::Unambiguous { offset } => LocalTime::Unique { offset: offset.seconds() },
                AmbiguousOffset::Gap { before, after } => {
                    let early = civil.to_zoned_datetime(TimeZone::fixed(after)).unwrap().timestamp();
                    let jump = jiff.following(early).next().unwrap().timestamp();
                    LocalTime::Skipped { jump: ms(jump.as_millisecond()), before: before.seconds() }
                }
                AmbiguousOffset::Fold { before, after } => {
                    LocalTime::Repeated { first: before.seconds(), second: after.seconds() }
                }
            };
            if !consistent(&jiff, local, expected) {
                // jiff reads this local time by the footer's rule in a year the recorded
                // transitions still cover, and its own offsets then disagree with its answer.
                if !JIFF_CONTRADICTS_ITSELF.contains(&(canonical, local.to_string().as_str())) {
                    found.push(format!("jiff contradicts its own offsets at local time {local}: {expected:?}"));
                }
                continue;
            }
            if ours.local_time(local) != expected {
                found.push(format!("local time {local}: {:?}, jiff {expected:?}", ours.local_time(local)));
            }
        }
        at = next;
    }
    for instant in instants {
        let (offset, abbreviation) = ours.offset_at(instant);
        let info = jiff.to_offset_info(theirs(instant));
        if (offset, abbreviation) != (info.offset().seconds(), info.abbreviation()) {
            found.push(format!(
                "at {instant}: {offset} {abbreviation}, jiff {} {}",
                info.offset().seconds(),
                info.abbreviation()
            ));
        }
    }
    found
}

/// Where jiff's reading of a local time disagrees with the offsets jiff itself gives: Greenland
/// kept -02 through October 2023 (no clock change), while its footer rule, from 2024 on, would
/// have ended daylight saving time then.
const JIFF_CONTRADICTS_ITSELF: &[(&str, &str)] = &[
    ("America/Godthab", "2023-10-28T23:00:00"),
    ("America/Godthab", "2023-10-28T23:15:00"),
    ("America/Godthab", "2023-10-28T23:30:00"),
    ("America/Godthab", "2023-10-28T23:45:00"),
    ("America/Nuuk", "2023-10-28T23:00:00"),
    ("America/Nuuk", "2023-10-28T23:15:00"),
    ("America/Nuuk", "2023-10-28T23:30:00"),
    ("America/Nuuk", "2023-10-28T23:45:00"),
];

/// Whether an answer for `local` agrees with the offsets `jiff` gives at the instants it names.
fn consistent(jiff: &TimeZone, local: atlas_cron::DateTime, answer: LocalTime) -> bool {
    let offset_at = |offset: i32| {
        let instant = theirs(ms(local.local_millis() - i64::from(offset) * 1000));
        jiff.to_offset_info(instant).offset().seconds()
    };
    match answer {
        LocalTime::Unique { offset } => offset_at(offset) == offset,
        LocalTime::Repeated { first, second } => offset_at(first) == first && offset_at(second) == second,
        LocalTime::Skipped { before, .. } => offset_at(before) != before,
    }
}

fn ms(millis: i64) -> Instant {
    Instant::from_millis(millis).unwrap()
}

#[test]
fn every_zone_agrees_with_jiff_from_1850_to_2150() {
    let mut failures = Vec::new();
    let mut zones_checked = 0;
    for name in zones::names() {
        zones_checked += 1;
        let found = differences(name);
        if !found.is_empty() {
            failures.push(format!("{name}: {} (of {})", found[0], found.len()));
        }
    }
    assert!(zones_checked > 400);
    assert!(failures.is_empty(), "{} zones differ:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn utc_is_one_offset_with_no_transitions() {
    let utc = Zone::utc();
    let instant: Instant = "2026-03-08T02:30:00Z".parse().unwrap();
    assert_eq!(utc.offset_at(instant), (0, "UTC"));
    assert_eq!(utc.next_transition(instant), None);
    let local = Date::new(2026, 3, 8).unwrap().at(2, 30);
    assert_eq!(utc.local_time(local), LocalTime::Unique { offset: 0 });
    assert_eq!(utc.instant_compatible(local), Some(instant));
}
