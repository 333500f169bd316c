//! Rules about how Modal's decorators are put together: order, placement, combinations.

use super::Rule;

pub const RULES: &[&Rule] = &[];
