//! Schedules in plain English: "At 06:00 on Monday".

use crate::Cron;
use crate::expr::{Field, Item};
use crate::runs::list_words;

pub(crate) const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
pub(crate) const WEEKDAYS: [&str; 7] = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

impl Cron {
    /// The schedule in one English sentence, without the time zone.
    pub fn describe(&self) -> String {
        let (mut sentence, at_clock_times) = self.time_part();
        let day = self.day_part();
        let month = self.month_part();
        if day.is_empty() && month.is_empty() && at_clock_times {
            sentence.push_str(" every day");
        }
        for part in [day, month] {
            if !part.is_empty() {
                sentence.push(' ');
                sentence.push_str(&part);
            }
        }
        sentence
    }

    /// What each of the five fields says, in the order written.
    pub fn field_meanings(&self) -> Vec<String> {
        Field::ALL
            .iter()
            .map(|&field| {
                let items = self.items(field);
                if is_every(items) {
                    return match field {
                        Field::Minute => "every minute",
                        Field::Hour => "every hour",
                        Field::DayOfMonth => "every day of the month",
                        Field::Month => "every month",
                        Field::DayOfWeek => "every day of the week",
                    }
                    .to_string();
                }
                match field {
                    Field::Minute => match items {
                        [Item { star: true, step, .. }] => format!("every {} minute", ordinal(*step)),
                        _ => format!("minute {}", describe_items(items, &|v| v.to_string(), "minute")),
                    },
                    Field::Hour => match items {
                        [Item { star: true, step, .. }] => format!("every {} hour", ordinal(*step)),
                        _ => format!("hour {}", describe_items(items, &|v| v.to_string(), "hour")),
                    },
                    Field::DayOfMonth => self.days_text(),
                    Field::Month => self.month_part(),
                    Field::DayOfWeek => self.weekdays_text(),
                }
            })
            .collect()
    }

    /// Says how the two day fields combine, when it matters: both restricted means either.
    pub fn day_rule_note(&self) -> Option<String> {
        self.uses_either_day_rule().then(|| {
            format!(
                "Both day fields are set, so a day matches if it is {} or {}: cron's either/or rule, not both.",
                self.days_text(),
                self.weekdays_text()
            )
        })
    }

    fn items(&self, field: Field) -> &[Item] {
        &self.items[Field::ALL.iter().position(|f| *f == field).expect("a field")]
    }

    /// The time of day in words, and whether it was given as clock times ("At 09:00").
    fn time_part(&self) -> (String, bool) {
        let minutes = self.items(Field::Minute);
        let hours = self.items(Field::Hour);
        let single_minute = self.minutes.count_ones() == 1;
        let hour_values: Vec<u32> = (0..24).filter(|h| self.hours & (1 << h) != 0).collect();
        let minute_value = self.minutes.trailing_zeros();
        let plain_hours = hours.iter().all(|item| item.step == 1 && !item.star);
        if single_minute && plain_hours && hour_values.len() <= 6 {
            let times: Vec<String> = hour_values.iter().map(|h| format!("{h:02}:{minute_value:02}")).collect();
            let times: Vec<&str> = times.iter().map(String::as_str).collect();
            return (format!("At {}", list_words(&times)), true);
        }
        let minute_text = match minutes {
            _ if is_every(minutes) => "Every minute".to_string(),
            [Item { star: true, step, .. }] => format!("Every {step} minutes"),
            _ if single_minute => format!("At minute {minute_value}"),
            _ => format!("At minutes {}", describe_items(minutes, &|v| v.to_string(), "minute")),
        };
        let every_minute_kind = is_every(minutes) || matches!(minutes, [Item { star: true, .. }]);
        let hour_text = match hours {
            _ if is_every(hours) => {
                if every_minute_kind {
                    String::new()
                } else {
                    " past every hour".to_string()
                }
            }
            [Item { star: true, step, .. }] => format!(" past every {} hour", ordinal(*step)),
            _ => {
                let clock = |v: u32| format!("{v:02}:00");
                let parts: Vec<String> = hours
                    .iter()
                    .map(|item| match (item.start == item.end, item.step) {
                        (true, _) => format!("the hour {}", clock(item.start)),
                        (false, 1) => format!("every hour from {} through {}", clock(item.start), clock(item.end)),
                        (false, step) => format!(
                            "every {} hour from {} through {}",
                            ordinal(step),
                            clock(item.start),
                            clock(item.end)
                        ),
                    })
                    .collect();
                let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
                let joiner = if every_minute_kind { ", during " } else { " past " };
                format!("{joiner}{}", list_words(&parts))
            }
        };
        (format!("{minute_text}{hour_text}"), false)
    }

    fn day_part(&self) -> String {
        match (self.day_restricted, self.weekday_restricted) {
            (false, false) => {
                let mut parts = Vec::new();
                if !is_every(self.items(Field::DayOfMonth)) {
                    parts.push(self.days_text());
                }
                if !is_every(self.items(Field::DayOfWeek)) {
                    parts.push(self.weekdays_text());
                }
                parts.join(", ")
            }
            (true, false) => {
                let weekdays = self.items(Field::DayOfWeek);
                if is_every(weekdays) {
                    self.days_text()
                } else {
                    format!("{}, {}", self.days_text(), self.weekdays_text())
                }
            }
            (false, true) => {
                let days = self.items(Field::DayOfMonth);
                if is_every(days) {
                    self.weekdays_text()
                } else {
                    format!("{}, {}", self.days_text(), self.weekdays_text())
                }
            }
            (true, true) => format!("{} or {} (either matches)", self.days_text(), self.weekdays_text()),
        }
    }

    fn days_text(&self) -> String {
        let items = self.items(Field::DayOfMonth);
        if let [Item { star: true, step, .. }] = items {
            return format!("on every {} day of the month", ordinal(*step));
        }
        let count: u32 = self.days.count_ones();
        let word = if count == 1 { "day" } else { "days" };
        format!("on {word} {} of the month", describe_items(items, &|v| v.to_string(), "day"))
    }

    fn weekdays_text(&self) -> String {
        let items: Vec<Item> = self
            .items(Field::DayOfWeek)
            .iter()
            .map(|item| Item {
                start: item.start % 7,
                end: if item.end == 7 && item.start != 7 { 7 } else { item.end % 7 },
                ..*item
            })
            .collect();
        if let [Item { star: true, step, .. }] = items.as_slice() {
            return format!("on every {} day of the week", ordinal(*step));
        }
        let name = |v: u32| WEEKDAYS[(v % 7) as usize].to_string();
        if let [Item { start, end, step: 1, star: false }] = items.as_slice()
            && start != end
        {
            return format!("on {} through {}", name(*start), name(*end));
        }
        format!("on {}", describe_items(&items, &name, "weekday"))
    }

    fn month_part(&self) -> String {
        let items = self.items(Field::Month);
        if is_every(items) {
            return String::new();
        }
        if let [Item { star: true, step, .. }] = items {
            return format!("in every {} month", ordinal(*step));
        }
        let name = |v: u32| MONTHS[(v - 1) as usize].to_string();
        if let [Item { start, end, step: 1, star: false }] = items
            && start != end
        {
            return format!("in {} through {}", name(*start), name(*end));
        }
        format!("in {}", describe_items(items, &name, "month"))
    }
}

/// `*` alone.
fn is_every(items: &[Item]) -> bool {
    matches!(items, [Item { star: true, step: 1, .. }])
}

/// A list of items in words: "1, 15 and 20 through 25", "every 2nd hour from 09:00 through 17:00".
fn describe_items(items: &[Item], name: &dyn Fn(u32) -> String, unit: &str) -> String {
    let words: Vec<String> = items
        .iter()
        .map(|item| match (item.start == item.end, item.step) {
            (true, _) => name(item.start),
            (false, 1) => format!("{} through {}", name(item.start), name(item.end)),
            (false, step) => {
                format!("every {} {unit} from {} through {}", ordinal(step), name(item.start), name(item.end))
            }
        })
        .collect();
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    list_words(&words)
}

fn ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (1, 11) | (2, 12) | (3, 13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn describes_common_schedules() {
        let cases = [
            ("* * * * *", "Every minute"),
            ("*/15 * * * *", "Every 15 minutes"),
            ("0 * * * *", "At minute 0 past every hour"),
            ("0 8 * * *", "At 08:00 every day"),
            ("0 6 * * 1", "At 06:00 on Monday"),
            ("0 9 * * 1-5", "At 09:00 on Monday through Friday"),
            ("0 9,12,18 * * *", "At 09:00, 12:00 and 18:00 every day"),
            ("0 0 1 * *", "At 00:00 on day 1 of the month"),
            ("0 0 1 1 *", "At 00:00 on day 1 of the month in January"),
            ("0 0 1 * 1", "At 00:00 on day 1 of the month or on Monday (either matches)"),
            ("@weekly", "At 00:00 on Sunday"),
        ];
        for (expr, text) in cases {
            assert_eq!(Cron::parse(expr).unwrap().describe(), text, "{expr}");
        }
    }

    #[test]
    fn the_either_day_rule_is_explained_when_it_applies() {
        let note = Cron::parse("0 0 13 * 5").unwrap().day_rule_note().unwrap();
        assert_eq!(
            note,
            "Both day fields are set, so a day matches if it is on day 13 of the month or on Friday: cron's either/or rule, not both."
        );
        assert_eq!(Cron::parse("0 0 13 * *").unwrap().day_rule_note(), None);
    }
}
