//! Modal's API surface, from `content/data/modal-api.toml` and the GPU table of
//! `content/data/modal.toml` (see `build.rs`).

/// A parameter that raises `DeprecationError`, and what replaces it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Renamed {
    pub old: &'static str,
    pub new: &'static str,
    pub since: &'static str,
}

/// A GPU type: the name `gpu=` takes, the other names Modal lists for it (`A100`, `H100!`), and
/// how many one container may have (`"H100:8"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GpuName {
    pub id: &'static str,
    pub aliases: &'static [&'static str],
    pub max_count: u32,
}

/// An image builder version and the Python series it accepts (`"3.12"`, free-threaded `"3.14t"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImageBuilder {
    pub version: &'static str,
    pub python: &'static [&'static str],
}

include!(concat!(env!("OUT_DIR"), "/api.rs"));
