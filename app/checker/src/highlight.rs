//! Colour classes for Python source, from the parser's own tokens: what is coloured as a keyword
//! is what Python reads as one (`match` as a name stays a name), strings are whole even when they
//! span lines, and the browser needs no second grammar or regex engine to colour the playground.

use ruff_python_ast::token::{Token, TokenKind};
use ruff_text_size::Ranged;
use serde::{Deserialize, Serialize};

/// What a span of code is, as far as colouring goes. Operators and plain names have no class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TokenClass {
    Keyword,
    /// `True`, `False`, `None`.
    Constant,
    Number,
    /// Whole string literals, and the literal parts of f-strings (not their `{…}` expressions).
    String,
    Comment,
    /// The `@` of a decorator and the last name of what follows (`function` in `@app.function`).
    Decorator,
    /// The name a `def` defines.
    FunctionName,
    /// The name a `class` defines.
    ClassName,
    /// A keyword argument's name (`gpu` in `gpu="L4"`), or a parameter's with a default.
    Parameter,
    /// A built-in function such as `print`, unless it is an attribute (`x.print`).
    Builtin,
    /// A built-in type such as `str`, unless it is an attribute.
    BuiltinType,
}

impl TokenClass {
    /// Every class, in declaration order: a class's index here is its byte in [`pack_spans`].
    const ALL: [TokenClass; 11] = [
        TokenClass::Keyword,
        TokenClass::Constant,
        TokenClass::Number,
        TokenClass::String,
        TokenClass::Comment,
        TokenClass::Decorator,
        TokenClass::FunctionName,
        TokenClass::ClassName,
        TokenClass::Parameter,
        TokenClass::Builtin,
        TokenClass::BuiltinType,
    ];
}

/// A coloured range of the source, in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub class: TokenClass,
}

/// Bytes a span takes packed: its start and end as little-endian u32, and its class.
const PACKED_SPAN: usize = 9;

/// `spans` as bytes, for a worker's answer: a long file has hundreds of thousands of spans, which
/// as one object each would cost the page tens of milliseconds to receive.
pub fn pack_spans(spans: &[Span]) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(spans.len() * PACKED_SPAN);
    for span in spans {
        bytes.extend((span.start as u32).to_le_bytes());
        bytes.extend((span.end as u32).to_le_bytes());
        bytes.push(span.class as u8);
    }
    bytes
}

/// The spans [`pack_spans`] wrote; bytes that do not form whole spans, or name no class, are
/// left out.
pub fn unpack_spans(bytes: &[u8]) -> Vec<Span> {
    bytes
        .chunks_exact(PACKED_SPAN)
        .filter_map(|packed| {
            let number = |at: usize| u32::from_le_bytes([packed[at], packed[at + 1], packed[at + 2], packed[at + 3]]);
            let class = *TokenClass::ALL.get(usize::from(packed[8]))?;
            Some(Span { start: number(0) as usize, end: number(4) as usize, class })
        })
        .collect()
}

const BUILTIN_FUNCTIONS: &[&str] = &[
    "abs",
    "all",
    "any",
    "ascii",
    "bin",
    "breakpoint",
    "callable",
    "chr",
    "compile",
    "delattr",
    "dir",
    "divmod",
    "enumerate",
    "eval",
    "exec",
    "filter",
    "format",
    "getattr",
    "globals",
    "hasattr",
    "hash",
    "help",
    "hex",
    "id",
    "input",
    "isinstance",
    "issubclass",
    "iter",
    "len",
    "locals",
    "map",
    "max",
    "min",
    "next",
    "oct",
    "open",
    "ord",
    "pow",
    "print",
    "range",
    "repr",
    "reversed",
    "round",
    "setattr",
    "sorted",
    "sum",
    "super",
    "vars",
    "zip",
];

const BUILTIN_TYPES: &[&str] = &[
    "bool",
    "bytearray",
    "bytes",
    "complex",
    "dict",
    "float",
    "frozenset",
    "int",
    "list",
    "memoryview",
    "object",
    "set",
    "slice",
    "str",
    "tuple",
    "type",
];

/// The coloured spans of `source`, in order and never overlapping, from its parsed `tokens`.
pub(crate) fn spans(tokens: &[Token], source: &str) -> Vec<Span> {
    // Comments and non-logical newlines sit between any two tokens; context skips them.
    let significant: Vec<usize> = (0..tokens.len()).filter(|&at| !tokens[at].kind().is_trivia()).collect();
    let kind_at = |position: Option<usize>| position.map(|p| tokens[significant[p]].kind());
    let mut classes: Vec<Option<TokenClass>> = tokens.iter().map(|token| simple_class(token.kind())).collect();
    // Whether each open bracket is a parenthesis, innermost last: keyword arguments live in calls.
    let mut brackets: Vec<bool> = Vec::new();

    for (position, &at) in significant.iter().enumerate() {
        let kind = tokens[at].kind();
        let before = kind_at(position.checked_sub(1));
        let after = kind_at(Some(position + 1).filter(|p| *p < significant.len()));
        match kind {
            TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace => brackets.push(kind == TokenKind::Lpar),
            TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace => {
                brackets.pop();
            }
            TokenKind::At if starts_statement(before) => {
                classes[at] = Some(TokenClass::Decorator);
                if let Some(last) = last_name_of_dotted(&significant[position + 1..], tokens) {
                    classes[last] = Some(TokenClass::Decorator);
                }
            }
            TokenKind::Name => {
                if classes[at].is_some() {
                    continue; // already the end of a decorator
                }
                let text = &source[tokens[at].range()];
                classes[at] = match before {
                    Some(TokenKind::Def) => Some(TokenClass::FunctionName),
                    Some(TokenKind::Class) => Some(TokenClass::ClassName),
                    Some(TokenKind::Dot) => None,
                    _ if after == Some(TokenKind::Equal) && brackets.last() == Some(&true) => {
                        Some(TokenClass::Parameter)
                    }
                    _ if BUILTIN_FUNCTIONS.contains(&text) => Some(TokenClass::Builtin),
                    _ if BUILTIN_TYPES.contains(&text) => Some(TokenClass::BuiltinType),
                    _ => None,
                };
            }
            _ => {}
        }
    }

    tokens
        .iter()
        .zip(classes)
        .filter_map(|(token, class)| {
            let class = class?;
            Some(Span { start: token.start().to_usize(), end: token.end().to_usize(), class })
        })
        .collect()
}

/// The class a token has whatever surrounds it.
fn simple_class(kind: TokenKind) -> Option<TokenClass> {
    match kind {
        TokenKind::Comment => Some(TokenClass::Comment),
        TokenKind::String
        | TokenKind::FStringStart
        | TokenKind::FStringMiddle
        | TokenKind::FStringEnd
        | TokenKind::TStringStart
        | TokenKind::TStringMiddle
        | TokenKind::TStringEnd => Some(TokenClass::String),
        TokenKind::Int | TokenKind::Float | TokenKind::Complex => Some(TokenClass::Number),
        kind if kind.is_singleton() => Some(TokenClass::Constant),
        kind if kind.is_keyword() => Some(TokenClass::Keyword),
        _ => None,
    }
}

/// Whether a token after `before` begins a statement, as a decorator's `@` does (a matrix
/// multiplication's `@` follows an operand instead).
fn starts_statement(before: Option<TokenKind>) -> bool {
    matches!(before, None | Some(TokenKind::Newline | TokenKind::Indent | TokenKind::Dedent))
}

/// In `following` (indexes of significant tokens after a decorator's `@`), the last name of the
/// `name.name.name` that starts it.
fn last_name_of_dotted(following: &[usize], tokens: &[Token]) -> Option<usize> {
    let mut last = None;
    for pair in following.chunks(2) {
        if tokens[pair[0]].kind() != TokenKind::Name {
            break;
        }
        last = Some(pair[0]);
        if pair.get(1).is_none_or(|&dot| tokens[dot].kind() != TokenKind::Dot) {
            break;
        }
    }
    last
}

#[cfg(test)]
mod tests {
    #[test]
    fn spans_survive_packing() {
        let (_, spans) = super::super::check_and_highlight(
            "import modal\n@app.function(gpu=\"L4\")\ndef f(x: int = 1) -> str:\n    return print(str(True))  # c\n",
        );
        let mut classes: Vec<u8> = spans.iter().map(|span| span.class as u8).collect();
        classes.sort_unstable();
        classes.dedup();
        assert!(classes.len() >= 8, "{classes:?}");
        assert_eq!(super::unpack_spans(&super::pack_spans(&spans)), spans);
        assert_eq!(super::unpack_spans(&[1, 2, 3]), []);
        assert!(super::TokenClass::ALL.iter().enumerate().all(|(at, class)| *class as usize == at));
    }

    use super::*;
    use crate::check_and_highlight;

    /// Each coloured span as its text and class.
    fn coloured(source: &str) -> Vec<(&str, TokenClass)> {
        check_and_highlight(source).1.iter().map(|span| (&source[span.start..span.end], span.class)).collect()
    }

    #[test]
    fn a_modal_function_is_coloured_by_what_each_token_is() {
        let source = "import modal\n\n# the app\napp = modal.App(\"demo\")\n\n\n@app.function(gpu=\"L4\", timeout=600)\ndef embed(text: str) -> list[float]:\n    return print(None)\n";
        use TokenClass::*;
        assert_eq!(
            coloured(source),
            vec![
                ("import", Keyword),
                ("# the app", Comment),
                ("\"demo\"", String),
                ("@", Decorator),
                ("function", Decorator),
                ("gpu", Parameter),
                ("\"L4\"", String),
                ("timeout", Parameter),
                ("600", Number),
                ("def", Keyword),
                ("embed", FunctionName),
                ("str", BuiltinType),
                ("list", BuiltinType),
                ("float", BuiltinType),
                ("return", Keyword),
                ("print", Builtin),
                ("None", Constant),
            ]
        );
    }

    #[test]
    fn soft_keywords_used_as_names_are_names() {
        let found = coloured("match = 1\ntype = 2\nmatch match:\n    case 1:\n        pass\n");
        assert_eq!(found.iter().filter(|(text, class)| *text == "match" && *class == TokenClass::Keyword).count(), 1);
        assert!(found.contains(&("case", TokenClass::Keyword)));
        assert!(!found.contains(&("type", TokenClass::Keyword)));
    }

    #[test]
    fn strings_span_lines_and_f_string_expressions_are_not_strings() {
        let found = coloured("x = \"\"\"one\ntwo\"\"\"\ny = f\"a{x}b\"\n");
        assert!(found.contains(&("\"\"\"one\ntwo\"\"\"", TokenClass::String)));
        assert!(found.contains(&("f\"", TokenClass::String)));
        assert!(found.contains(&("a", TokenClass::String)));
        assert!(!found.iter().any(|(text, _)| *text == "x" || text.contains('{')));
    }

    #[test]
    fn matrix_multiplication_is_not_a_decorator_and_attributes_are_not_builtins() {
        let found = coloured("c = a @ b\nd = obj.print(obj.str)\nclass Model:\n    pass\n");
        assert!(!found.iter().any(|(_, class)| *class == TokenClass::Decorator));
        assert!(!found.iter().any(|(text, _)| *text == "print" || *text == "str"));
        assert!(found.contains(&("Model", TokenClass::ClassName)));
    }

    #[test]
    fn decorators_after_comments_and_in_classes_are_found() {
        let found = coloured("class A:\n    # note\n    @modal.method()\n    def run(self, x=1):\n        pass\n");
        assert!(found.contains(&("method", TokenClass::Decorator)));
        assert!(found.contains(&("x", TokenClass::Parameter)));
        assert!(!found.iter().any(|(text, _)| *text == "modal"));
    }

    #[test]
    fn broken_code_is_still_coloured_and_spans_never_overlap() {
        let source = "def f(:\n  @@@\nx = 'open\nimport";
        let (diagnostics, spans) = check_and_highlight(source);
        assert!(!diagnostics.is_empty());
        assert!(spans.iter().any(|span| span.class == TokenClass::Keyword));
        assert!(spans.windows(2).all(|pair| pair[0].end <= pair[1].start));
        assert!(spans.iter().all(|span| source.is_char_boundary(span.start) && source.is_char_boundary(span.end)));
    }

    #[test]
    fn input_over_the_limits_is_not_coloured() {
        let (diagnostics, spans) = check_and_highlight(&"(".repeat(5000));
        assert_eq!(diagnostics.len(), 1);
        assert!(spans.is_empty());
    }
}
