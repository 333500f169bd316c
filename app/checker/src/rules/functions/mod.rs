//! Rules about what a decorated function or method may look like: web, batched, scheduled,
//! snapshotted and retried functions, and how a class calls its own methods.

use super::Rule;

pub const RULES: &[&Rule] = &[];
