//! Modal's API surface, from `content/data/modal-api.toml` (see `build.rs`).

/// A parameter that raises `DeprecationError`, and what replaces it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Renamed {
    pub old: &'static str,
    pub new: &'static str,
    pub since: &'static str,
}

include!(concat!(env!("OUT_DIR"), "/api.rs"));
