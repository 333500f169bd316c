//! What people type, paste or put in a URL, read so that no input can break a tool:
//!
//! - [`quote`]: how a message shows a value it refuses, whole when short, else an excerpt and its
//!   length, so a 100 KB paste is never echoed back whole; [`cap_quoted`] does the same to the
//!   values in messages other crates wrote;
//! - [`Params`]: a URL's query as ordered name/value pairs, read and written as browsers do
//!   (`application/x-www-form-urlencoded`), natively, so the readers are tested natively;
//! - [`ToolQuery`]: the one convention every tool's state in the URL follows: a typed query read
//!   from the parameters (a value it cannot take falls back to the default and is reported as a
//!   [`Problem`] on its field), written back with defaults left out, and kept to what a URL can
//!   carry ([`Params::fit`]);
//! - [`fuzz`]: seeded hostile inputs, for the property tests each tool's reader must pass.

pub mod fuzz;
mod params;
mod query;
mod quote;

pub use params::{MAX_QUERY_BYTES, Params};
pub use query::{Problem, Read, ToolQuery};
pub use quote::{cap_quoted, excerpt, quote, quote_between};
