//! Bounds checked before parsing, so no input can exhaust the stack or the time of a keystroke.
//! A recursive-descent parser nests a call per bracket: about 2,000 overflow a browser's stack.

/// More than any real module; a pasted log or binary is refused with a message instead.
pub const MAX_SOURCE_BYTES: usize = 256 * 1024;
/// Brackets open at once; real code rarely passes 10.
pub const MAX_NESTING: usize = 100;

pub(crate) struct LimitProblem {
    pub message: String,
    pub start: usize,
    pub end: usize,
}

pub(crate) fn check(source: &str) -> Result<(), LimitProblem> {
    if source.len() > MAX_SOURCE_BYTES {
        return Err(LimitProblem {
            message: format!(
                "the code is {} KB; the checker reads at most {} KB at once",
                source.len() / 1024,
                MAX_SOURCE_BYTES / 1024
            ),
            start: 0,
            end: 0,
        });
    }
    let mut depth = 0usize;
    for (at, byte) in source.bytes().enumerate() {
        match byte {
            b'(' | b'[' | b'{' => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Err(LimitProblem {
                        message: format!(
                            "brackets nest more than {MAX_NESTING} deep here; the checker stops at {MAX_NESTING}"
                        ),
                        start: at,
                        end: at + 1,
                    });
                }
            }
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}
