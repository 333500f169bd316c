//! `content/data/modal.toml`: facts about Modal, each table with its source and date. The build
//! reads the file (TOML); the calculator page receives the same values as JSON.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModalData {
    pub client: Client,
    pub prices: Prices,
    pub gpus: Vec<Gpu>,
    pub plans: Vec<Plan>,
    pub regions: Regions,
}

/// The Modal client release the pages and rules were checked against.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Client {
    pub package: String,
    pub version: String,
    pub released: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Prices {
    pub currency: String,
    pub as_of: String,
    pub source: String,
    pub cpu_per_core_second: f64,
    pub cpu_min_cores: f64,
    pub memory_per_gib_second: f64,
    pub volume_per_gib_month: f64,
    pub volume_free_gib: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Gpu {
    /// The string passed as `gpu=`.
    pub id: String,
    pub name: String,
    pub memory_gb: u32,
    /// The largest `N` in `gpu="ID:N"`.
    pub max_count: u32,
    pub price_per_second: f64,
    pub aliases: Vec<String>,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    pub id: String,
    pub name: String,
    pub monthly_fee: u32,
    pub monthly_credits: u32,
    pub seats: String,
    pub max_containers: u32,
    pub max_gpus: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Regions {
    pub as_of: String,
    pub source: String,
    pub note: String,
    pub multipliers: Vec<RegionMultiplier>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegionMultiplier {
    pub id: String,
    pub name: String,
    pub multiplier: f64,
}
