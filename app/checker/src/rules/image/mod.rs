//! Rules about building images: `modal.Image` builder methods and their arguments.

use super::Rule;

mod chain;
mod flow;
mod mdl023_python_version;
mod mdl024_package_flag;
mod mdl025_relative_remote_path;
mod mdl026_env_not_string;
mod mdl027_run_function_lambda;
mod mdl028_build_step_after_add_local;
mod mdl029_fastapi_missing;

pub const RULES: &[&Rule] = &[
    &mdl023_python_version::RULE,
    &mdl024_package_flag::RULE,
    &mdl025_relative_remote_path::RULE,
    &mdl026_env_not_string::RULE,
    &mdl027_run_function_lambda::RULE,
    &mdl028_build_step_after_add_local::RULE,
    &mdl029_fastapi_missing::RULE,
];

#[cfg(test)]
mod tests;
