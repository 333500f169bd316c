//! Modal schedules, explained.
//!
//! `modal.Cron("0 6 * * 1", timezone="America/New_York")` is sent to Modal's servers untouched;
//! Modal documents Unix crontab syntax and IANA time zones. This crate parses that syntax with
//! errors that point at the field, describes a schedule in English, and lists when it runs.
//!
//! - [`Cron::parse`] accepts the five fields, names, ranges, steps, lists, `7` for Sunday and the
//!   `@daily`-style macros. Syntax Modal does not document (a seconds field, `L`, `W`, `#`, `?`,
//!   `@reboot`) is recognised and refused with a [`CronError`] that says so.
//! - [`Cron::describe`] says it in English, including the either/or rule for the two day fields.
//! - [`Cron::runs_after`] lists runs in a time zone. Clock changes follow [`CLOCK_CHANGE_RULE`].
//! - [`Period`] is `modal.Period`: fixed intervals counted from a deploy.
//! - [`report`] turns a request from the cron tool into everything it shows, as plain data;
//!   [`query`] is the tool's state in its URL.
//! - [`zones`] gives time-zone data a zone at a time, so the browser loads only the zones it uses;
//!   [`Zone`] reads it (TZif), [`Instant`], [`Date`] and [`DateTime`] are the calendar, and
//!   [`times`] writes and reads the tool's time formats.

mod describe;
mod expr;
mod period;
pub mod query;
pub mod report;
mod runs;
mod time;
pub mod times;
mod tzif;
pub mod zones;

pub use expr::{Cron, CronError, Field, FieldSpan};
pub use period::{Period, PeriodError};
pub use runs::{CLOCK_CHANGE_RULE, ClockChange, ClockChangeKind, Frequency};
pub use time::{Date, DateTime, Instant};
pub use tzif::{LocalTime, TzifError, Zone};
