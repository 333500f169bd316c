//! Rules about resources and objects: `max_inputs`, CPU and memory, Volume mounts, `Period`,
//! Sandboxes, `spawn_map`, `NetworkFileSystem` and the removed `lookup`, Volumes seen from local
//! code, and Modal methods called directly.

use super::Rule;

mod mdl030_deprecated_api;
mod mdl031_container_limits;
mod mdl032_volume_mount_path;
mod mdl033_period_arguments;
mod mdl034_sandbox_stream_unread;
mod mdl035_spawn_map_result;
mod mdl036_removed_lookup;
mod mdl037_volume_path_in_local_code;
mod mdl038_method_called_directly;
mod syntax;

pub const RULES: &[&Rule] = &[
    &mdl030_deprecated_api::RULE,
    &mdl031_container_limits::RULE,
    &mdl032_volume_mount_path::RULE,
    &mdl033_period_arguments::RULE,
    &mdl034_sandbox_stream_unread::RULE,
    &mdl035_spawn_map_result::RULE,
    &mdl036_removed_lookup::RULE,
    &mdl037_volume_path_in_local_code::RULE,
    &mdl038_method_called_directly::RULE,
];

#[cfg(test)]
mod tests;
