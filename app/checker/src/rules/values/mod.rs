//! Rules about the values given to Modal: ranges, GPU names, removed APIs, wrong keywords.

use super::Rule;

pub const RULES: &[&Rule] = &[];
