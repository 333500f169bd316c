//! Modal's published facts as data, and what a workload costs.
//!
//! - [`facts`]: the types of `content/data/modal.toml` (GPUs, prices, plans, region multipliers,
//!   each with its source and date). The docs' tables, the calculator and the checker read them.
//! - [`inputs`]: the calculator form's fields (URL names, labels, units, bounds, defaults) and the
//!   parser that turns a field's text into a number or the message shown on that field.
//! - [`estimate`]: a month's cost of a workload (always on, requests in bursts, or a batch), split
//!   by resource and by active and idle time, with credits, plan fee and plan-limit warnings; the
//!   same workload on every GPU type; the Modal decorator that requests it.
//! - [`form`]: the whole form's text to a scenario, with every wrong field's message; [`query`]:
//!   the calculator's state in its URL.
//! - [`fit`]: the GPU memory a model needs (weights, KV cache, overhead) and the cheapest GPUs that
//!   hold it.
//!
//! Every number shown to a reader comes with its arithmetic written out. Plain Rust for wasm: no
//! I/O, no threads, and no panics on any input.

pub mod estimate;
pub mod facts;
pub mod fit;
pub mod form;
mod format;
pub mod inputs;
pub mod query;

pub use estimate::{DAYS_PER_MONTH, Estimate, Line, Scenario, Workload, at_each_choice, compare, decorator, estimate};
pub use facts::{Client, Gpu, ModalData, Plan, Prices, RegionMultiplier, Regions};
pub use fit::{Fit, ModelSize, Precision, fit};
pub use format::money;
pub use inputs::{FIELDS, FieldSpec, Mode, RegionChoice, field, parse_field};

/// The real `content/data/modal.toml`, for unit tests.
#[cfg(test)]
mod test_data {
    pub(crate) fn modal() -> crate::ModalData {
        toml::from_str(include_str!("../../../content/data/modal.toml")).expect("modal.toml matches the facts types")
    }
}
