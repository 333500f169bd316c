//! Bounds checked before parsing, so no input can exhaust the stack or the time of a keystroke.
//! The parser and the checker's walks recurse once per level of the syntax tree, and a browser
//! worker's stack holds a few thousand levels. Two shapes of code make deep trees: brackets
//! inside brackets, and long chains of operators (`a.b().c()…`, `1 + 1 + …`), each link of which
//! is one more level. Both are measured on tokens (Ruff's lexer works without recursion), so
//! brackets and operators inside strings and comments do not count.

use ruff_python_ast::token::TokenKind;
use ruff_python_parser::{Mode, lexer};

/// More than any module typed or pasted into the playground; a pasted log or binary is refused
/// with a message instead.
pub const MAX_SOURCE_BYTES: usize = 256 * 1024;
/// Lines of one snippet (the playground, an assistant's `check_code`): a browser's text box takes
/// about 2.7 ms a keystroke for each thousand lines on a slow machine, so typing in more would
/// lag past 50 ms. No real module of 256 KB has as many; pasted logs and generated lists do.
pub const MAX_SOURCE_LINES: usize = 20_000;
/// More than any module of a real project (generated ComfyUI apps pass 300 KB); the command line
/// reads files up to this size.
pub const MAX_PROJECT_FILE_BYTES: usize = 10 * 1024 * 1024;
/// Brackets open at once; real code rarely passes 10.
pub const MAX_NESTING: usize = 100;
/// Operators chained in one expression, counted through every bracket still open; real code
/// stays under 50 (a long builder chain, a long string concatenation).
pub const MAX_CHAIN: usize = 300;

pub(crate) struct LimitProblem {
    pub message: String,
    pub start: usize,
    pub end: usize,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Limit {
    Nesting,
    Chain,
}

/// Why code of `bytes` bytes is refused, with the exact figures (rounded, a figure just past the
/// limit would read as the limit itself).
pub fn too_large(bytes: u64, max_bytes: usize) -> String {
    let rounded = if max_bytes.is_multiple_of(1024 * 1024) {
        format!("{} MB", max_bytes / (1024 * 1024))
    } else {
        format!("{} KB", max_bytes / 1024)
    };
    format!("the code is {bytes} bytes; the checker reads at most {max_bytes} bytes ({rounded}) at once")
}

/// Why code of `lines` lines is refused.
pub fn too_many_lines(lines: usize, max_lines: usize) -> String {
    format!(
        "the code has {lines} lines; the checker reads at most {max_lines} here (`modal-atlas check` reads longer files)"
    )
}

/// Whether `source` is within the limits, with at most `max_bytes` bytes and `max_lines` lines.
pub(crate) fn check(source: &str, max_bytes: usize, max_lines: usize) -> Result<(), LimitProblem> {
    if source.len() > max_bytes {
        return Err(LimitProblem { message: too_large(source.len() as u64, max_bytes), start: 0, end: 0 });
    }
    let lines = line_count(source);
    if lines > max_lines {
        return Err(LimitProblem { message: too_many_lines(lines, max_lines), start: 0, end: 0 });
    }
    let Some(limit) = first_limit_passed(source) else { return Ok(()) };
    // The lexer does not say where its tokens are; the shortest prefix that passes the same
    // limit ends with the token that passed it.
    let boundaries: Vec<usize> = source.char_indices().map(|(at, _)| at).skip(1).chain([source.len()]).collect();
    let shortest = boundaries.partition_point(|&end| first_limit_passed(&source[..end]) != Some(limit));
    let end = boundaries.get(shortest).copied().unwrap_or(source.len());
    let start = source[..end].char_indices().next_back().map_or(0, |(at, _)| at);
    let message = match limit {
        Limit::Nesting => {
            format!("brackets nest more than {MAX_NESTING} deep here; the checker stops at {MAX_NESTING}")
        }
        Limit::Chain => format!(
            "more than {MAX_CHAIN} operators are chained in one expression here; the checker stops at {MAX_CHAIN} \
             (split the expression, or give its parts names)"
        ),
    };
    Err(LimitProblem { message, start, end })
}

/// Lines as an editor counts them: one more than the line breaks.
pub fn line_count(text: &str) -> usize {
    1 + text.bytes().filter(|byte| *byte == b'\n').count()
}

fn first_limit_passed(source: &str) -> Option<Limit> {
    // One count of chained operators per open bracket; a comma, colon or statement end starts a
    // new expression at its level.
    let mut chains = vec![0usize];
    let mut lexer = lexer::lex(source, Mode::Module);
    loop {
        let kind = lexer.next_token();
        match kind {
            TokenKind::EndOfFile => return None,
            TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace => {
                // A call or subscript is a link of the chain it follows, and starts its own.
                if let Some(level) = chains.last_mut() {
                    *level += 1;
                }
                chains.push(0);
                if chains.len() > MAX_NESTING + 1 {
                    return Some(Limit::Nesting);
                }
                if chains.iter().sum::<usize>() > MAX_CHAIN {
                    return Some(Limit::Chain);
                }
            }
            TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace if chains.len() > 1 => {
                chains.pop();
            }
            TokenKind::Comma | TokenKind::Colon | TokenKind::Semi | TokenKind::Newline => {
                if let Some(level) = chains.last_mut() {
                    *level = 0;
                }
            }
            _ if links_a_chain(kind) => {
                if let Some(level) = chains.last_mut() {
                    *level += 1;
                }
                if chains.iter().sum::<usize>() > MAX_CHAIN {
                    return Some(Limit::Chain);
                }
            }
            _ => {}
        }
    }
}

/// Operators that make an expression one level deeper each time: attribute access, arithmetic,
/// bitwise, comparison and boolean operators. (Calls and subscripts count as brackets open.)
fn links_a_chain(kind: TokenKind) -> bool {
    use TokenKind::*;
    matches!(
        kind,
        Dot | Plus
            | Minus
            | Star
            | Slash
            | DoubleSlash
            | Percent
            | DoubleStar
            | At
            | Vbar
            | Amper
            | CircumFlex
            | Tilde
            | LeftShift
            | RightShift
            | Less
            | Greater
            | LessEqual
            | GreaterEqual
            | EqEqual
            | NotEqual
            | And
            | Or
            | Not
            | In
            | Is
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(source: &str) -> Option<String> {
        check(source, MAX_SOURCE_BYTES, MAX_SOURCE_LINES).err().map(|problem| problem.message)
    }

    #[test]
    fn the_problem_points_at_the_token_that_passed_the_limit() {
        let source = format!("x = 1\ny = a{}\n", ".b".repeat(400));
        let problem = check(&source, MAX_SOURCE_BYTES, MAX_SOURCE_LINES).expect_err("refused");
        // `y = a` then 300 `.b`: the 301st dot.
        assert_eq!(problem.start, "x = 1\ny = a".len() + 300 * 2);
        assert_eq!(&source[problem.start..problem.end], ".");
    }

    #[test]
    fn deep_brackets_and_long_chains_are_refused_with_a_message() {
        assert!(refused(&format!("x = {}1{}\n", "(".repeat(101), ")".repeat(101))).unwrap().contains("nest more"));
        assert!(refused(&format!("x = a{}\n", ".b()".repeat(200))).unwrap().contains("chained"));
        assert!(refused(&format!("x = 1{}\n", " + 1".repeat(301))).unwrap().contains("chained"));
        // Inside brackets the outer chain still counts: the tree is as deep as both together.
        assert!(refused(&format!("x = 1{}(1{})\n", " + 1".repeat(150), " + 1".repeat(151))).is_some());
    }

    #[test]
    fn code_past_the_size_limit_is_refused_with_the_exact_figures() {
        let source = "x".repeat(MAX_SOURCE_BYTES + 1);
        assert_eq!(
            refused(&source).unwrap(),
            "the code is 262145 bytes; the checker reads at most 262144 bytes (256 KB) at once"
        );
        assert!(refused(&source[1..]).is_none());
        assert_eq!(
            too_large(10 * 1024 * 1024 + 1, MAX_PROJECT_FILE_BYTES),
            "the code is 10485761 bytes; the checker reads at most 10485760 bytes (10 MB) at once"
        );
    }

    #[test]
    fn a_snippet_of_too_many_lines_is_refused_and_a_project_file_is_not() {
        let lines = "x=1\n".repeat(MAX_SOURCE_LINES);
        assert_eq!(line_count(&lines), MAX_SOURCE_LINES + 1);
        assert_eq!(
            refused(&lines).unwrap(),
            "the code has 20001 lines; the checker reads at most 20000 here (`modal-atlas check` reads longer files)"
        );
        assert!(refused(&lines[..lines.len() - 1]).is_none());
        assert!(check(&lines, MAX_PROJECT_FILE_BYTES, usize::MAX).is_ok());
    }

    #[test]
    fn long_but_flat_code_passes() {
        assert!(refused(&format!("x = [{}]\n", "-1.5, ".repeat(5000))).is_none());
        assert!(refused(&format!("{}\n", "x = a.b + 1\n".repeat(5000))).is_none());
        assert!(refused(&format!("s = \"{}\"\n", "(+.".repeat(5000))).is_none());
        assert!(refused(&format!("# {}\nx = 1\n", "((((".repeat(500))).is_none());
        assert!(refused(&format!("x = 1{}\n", " + 1".repeat(299))).is_none());
    }
}
