//! Modal's published facts as data, and what a workload costs.
//!
//! - [`facts`]: the types of `content/data/modal.toml` (GPUs, prices, plans, region multipliers,
//!   each with its source and date). The docs' tables, the calculator and the checker read them.

pub mod facts;

pub use facts::{Client, Gpu, ModalData, Plan, Prices, RegionMultiplier, Regions};
