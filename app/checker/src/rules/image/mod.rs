//! Rules about building images: `modal.Image` builder methods and their arguments.

use super::Rule;

pub const RULES: &[&Rule] = &[];
