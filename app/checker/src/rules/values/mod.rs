//! Rules about the values given to Modal: ranges, GPU names, removed APIs, wrong keywords.

use super::Rule;

mod gpu;
mod mdl010_parameter_range;
mod mdl011_gpu_value;
mod mdl012_removed_api;
mod mdl013_gpu_name;
mod mdl014_dict_put_ttl;
mod mdl040_unknown_api;

pub const RULES: &[&Rule] = &[
    &mdl010_parameter_range::RULE,
    &mdl011_gpu_value::RULE,
    &mdl012_removed_api::RULE,
    &mdl013_gpu_name::RULE,
    &mdl014_dict_put_ttl::RULE,
    &mdl040_unknown_api::RULE,
];

#[cfg(test)]
mod tests;
