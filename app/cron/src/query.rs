//! The cron tool's state in its URL (`/cron/?expr=0+8+*+*+*&tz=Europe/Paris`), by the convention
//! of [`atlas_input::ToolQuery`]: the schedule's text as typed (its fields check it), a kind
//! that is neither `cron` nor `period` reported and replaced, defaults left out.

use atlas_input::{Params, Problem, Read, ToolQuery, quote};

use crate::report::{self, InputError, PERIOD_FIELDS, Request, Schedule};

pub const DEFAULT_EXPR: &str = "0 6 * * 1";
pub const DEFAULT_TZ: &str = "UTC";
pub const DEFAULT_COUNT: &str = "10";

/// Which constructor the schedule uses.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Kind {
    #[default]
    Cron,
    Period,
}

/// Every input of the cron tool, as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CronQuery {
    pub kind: Kind,
    pub expr: String,
    /// `modal.Period`'s keyword arguments, in [`PERIOD_FIELDS`] order.
    pub period: [String; 7],
    pub tz: String,
    pub from: String,
    pub count: String,
}

impl Default for CronQuery {
    fn default() -> CronQuery {
        CronQuery {
            kind: Kind::Cron,
            expr: DEFAULT_EXPR.into(),
            period: default_period(),
            tz: DEFAULT_TZ.into(),
            from: String::new(),
            count: DEFAULT_COUNT.into(),
        }
    }
}

/// One hour, the Period a first visit shows.
fn default_period() -> [String; 7] {
    PERIOD_FIELDS.map(|name| if name == "hours" { "1".to_string() } else { String::new() })
}

impl CronQuery {
    /// The engine's request for these inputs, or the first of them it cannot take (the count,
    /// a Period field); the rest (the expression, the zone, the start) the engine checks itself.
    pub fn request(&self, id: u32, now_ms: f64, viewer_tz: String) -> Result<Request, InputError> {
        let count = report::count_from(&self.count)?;
        let schedule = match self.kind {
            Kind::Cron => Schedule::Cron(self.expr.clone()),
            Kind::Period => Schedule::Period(report::period_from(&self.period)?),
        };
        Ok(Request { id, schedule, tz: self.tz.clone(), from: self.from.clone(), now_ms, count, viewer_tz })
    }
}

impl ToolQuery for CronQuery {
    type Context = ();

    fn read(params: &Params, _: &()) -> Read<CronQuery> {
        let mut query = CronQuery::default();
        let mut problems = Vec::new();
        match params.get("mode") {
            None | Some("cron") => {}
            Some("period") => query.kind = Kind::Period,
            Some(other) => problems.push(Problem {
                name: "mode",
                message: format!(
                    "the link's schedule kind {} is not one this tool has: expected cron or period",
                    quote(other)
                ),
            }),
        }
        let text = |name: &str, default: &str| params.get(name).unwrap_or(default).to_string();
        match query.kind {
            Kind::Cron => query.expr = text("expr", DEFAULT_EXPR),
            Kind::Period => {
                let defaults = default_period();
                query.period = std::array::from_fn(|at| text(PERIOD_FIELDS[at], &defaults[at]));
            }
        }
        query.tz = text("tz", DEFAULT_TZ);
        query.from = text("from", "");
        query.count = text("count", DEFAULT_COUNT);
        Read { query, problems }
    }

    fn params(&self, _: &()) -> Params {
        let default = CronQuery::default();
        let mut params = Params::new();
        match self.kind {
            Kind::Cron => {
                if self.expr != default.expr {
                    params.push("expr", self.expr.as_str());
                }
            }
            Kind::Period => {
                params.push("mode", "period");
                for ((name, value), default) in PERIOD_FIELDS.iter().zip(&self.period).zip(&default.period) {
                    if value != default {
                        params.push(*name, value.as_str());
                    }
                }
            }
        }
        for (name, value, default) in
            [("tz", &self.tz, &default.tz), ("from", &self.from, &default.from), ("count", &self.count, &default.count)]
        {
            if value != default {
                params.push(name, value.as_str());
            }
        }
        params
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(query: &str) -> Read<CronQuery> {
        CronQuery::read(&Params::parse(query), &())
    }

    #[test]
    fn a_first_visit_is_the_default_and_writes_nothing() {
        let first = read("");
        assert_eq!(first, Read { query: CronQuery::default(), problems: Vec::new() });
        assert!(first.query.params(&()).is_empty());
    }

    #[test]
    fn reads_a_cron_link_and_writes_it_back_without_its_defaults() {
        let link = read("expr=0+8+*+*+*&tz=Europe%2FParis&count=10");
        assert_eq!(link.query.expr, "0 8 * * *");
        assert_eq!(link.query.tz, "Europe/Paris");
        assert_eq!(link.query.params(&()).encode(), "expr=0+8+*+*+*&tz=Europe%2FParis");
    }

    #[test]
    fn a_period_link_keeps_only_the_period_fields() {
        let link = read("mode=period&hours=&minutes=30&expr=ignored");
        assert_eq!(link.query.kind, Kind::Period);
        assert_eq!(link.query.expr, DEFAULT_EXPR);
        assert_eq!(link.query.period[4], "");
        assert_eq!(link.query.period[5], "30");
        assert_eq!(link.query.params(&()).encode(), "mode=period&hours=&minutes=30");
    }

    #[test]
    fn an_unknown_kind_is_reported_on_its_field_and_the_rest_still_read() {
        let link = read("mode=weekly&expr=0+9+*+*+*");
        assert_eq!(link.query.kind, Kind::Cron);
        assert_eq!(link.query.expr, "0 9 * * *");
        assert_eq!(link.problems.len(), 1);
        assert_eq!(link.problems[0].name, "mode");
        assert!(link.problems[0].message.contains("`weekly`"), "{}", link.problems[0].message);
    }

    #[test]
    fn an_emptied_field_stays_empty_across_a_reload() {
        let mut query = CronQuery::default();
        query.expr.clear();
        query.tz.clear();
        assert_eq!(read(&query.params(&()).encode()).query, query);
    }

    #[test]
    fn a_query_becomes_the_engines_request_or_says_which_input_is_wrong() {
        let link = read("mode=period&minutes=30&count=3&tz=Asia%2FTokyo").query;
        let request = link.request(9, 0.0, "UTC".into()).unwrap();
        assert_eq!((request.id, request.count, request.tz.as_str()), (9, 3, "Asia/Tokyo"));
        assert!(matches!(request.schedule, Schedule::Period(period) if period.minutes == 30 && period.hours == 1));
        assert_eq!(read("count=0").query.request(1, 0.0, String::new()).unwrap_err().input, "count");
        assert_eq!(read("mode=period&hours=1.5").query.request(1, 0.0, String::new()).unwrap_err().input, "hours");
    }

    #[test]
    fn a_million_hostile_queries_read_without_a_panic_and_read_back_the_same() {
        let names = ["mode", "expr", "tz", "from", "count"].into_iter().chain(PERIOD_FIELDS).collect::<Vec<_>>();
        atlas_input::fuzz::check_reader::<CronQuery>(&(), &names, 1_000_000, 20).unwrap();
    }
}
