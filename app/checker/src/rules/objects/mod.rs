//! Rules about resources and objects: `max_inputs`, CPU and memory, Volume mounts, `Period`,
//! Sandboxes, `spawn_map` and `NetworkFileSystem`.

use super::Rule;

pub const RULES: &[&Rule] = &[];
