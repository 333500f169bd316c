//! The layer under the textarea, as HTML, one string a line: the text cut where colours and
//! underlines begin and end, each piece in one flat `<span>`. The page puts each line in its own
//! block and replaces only the lines whose HTML changed, so a keystroke costs the browser one
//! line of parsing and layout, not the whole file's.

use std::ops::Range;

use atlas_checker::{Severity, Span, TokenClass};

use crate::{Marks, Problem, common_ends};

/// What changed between the lines on screen and new ones: lines `at..at + removed` on screen
/// become lines `at..at + inserted` of the new ones; the others are the same. Typing changes one
/// line; a line break inserts one.
#[derive(Debug, PartialEq, Eq)]
pub struct LineChange {
    pub at: usize,
    pub removed: usize,
    pub inserted: usize,
}

impl LineChange {
    pub fn between(shown: &[String], lines: &[String]) -> LineChange {
        let (at, same_end) = common_ends(shown, lines);
        LineChange { at, removed: shown.len() - at - same_end, inserted: lines.len() - at - same_end }
    }
}

/// The classes of a token class: those the build's syntect highlighting gives the same kind of
/// token in the docs' Python examples, so `style/highlight.css` colours both alike.
fn token_classes(class: TokenClass) -> &'static str {
    match class {
        TokenClass::Keyword => "hl-keyword",
        TokenClass::Constant => "hl-constant hl-language",
        TokenClass::Number => "hl-constant hl-numeric",
        TokenClass::String => "hl-string",
        TokenClass::Comment => "hl-comment",
        TokenClass::Decorator => "hl-variable hl-annotation hl-function",
        TokenClass::FunctionName => "hl-entity hl-name hl-function",
        TokenClass::ClassName => "hl-entity hl-name hl-class",
        TokenClass::Parameter => "hl-variable hl-parameter",
        TokenClass::Builtin => "hl-support hl-function",
        TokenClass::BuiltinType => "hl-support hl-type",
    }
}

fn problem_class(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "problem problem-error",
        Severity::Warning => "problem problem-warning",
    }
}

/// `text` as the HTML of the highlight layer, a string a line (as many as the textarea shows,
/// counting the empty line after a final line break): coloured by `marks.spans`, problems
/// underlined (an error's underline wins over a warning's where they overlap).
pub fn layer_lines(text: &str, marks: &Marks) -> Vec<String> {
    layer_lines_in(text, marks, 0..usize::MAX)
}

/// The HTML of `lines` (0-based line numbers) of the layer, fewer where the text ends first: a
/// window on a long text costs its own lines, not the whole text's, besides finding where they
/// are. `marks.spans` are in text order, as the checker gives them.
pub fn layer_lines_in(text: &str, marks: &Marks, lines: Range<usize>) -> Vec<String> {
    let Some(Range { start, end }) = line_range(text, lines) else { return Vec::new() };
    let window = &text[start..end];
    let clip = |from: usize, to: usize| {
        let (from, to) = (from.max(start), to.min(end));
        (from < to).then(|| (from - start, to - start))
    };
    let underlines: Vec<(usize, usize, Severity)> = marks
        .problems
        .iter()
        .filter_map(|problem| visible_range(text, problem))
        .filter_map(|(from, to, severity)| clip(from, to).map(|(from, to)| (from, to, severity)))
        .collect();
    let first = marks.spans.partition_point(|span| span.end <= start);
    let spans: Vec<Span> = marks.spans[first..]
        .iter()
        .take_while(|span| span.start < end)
        .filter_map(|span| clip(span.start, span.end).map(|(from, to)| Span { start: from, end: to, ..*span }))
        .collect();
    render(window, &spans, &underlines)
}

/// The bytes of `lines` (0-based line numbers) in `text`, without the last one's line break; `None`
/// when the range is empty or the text has no such lines.
pub fn line_range(text: &str, lines: Range<usize>) -> Option<Range<usize>> {
    let start = line_start(text, lines.start).filter(|_| !lines.is_empty())?;
    // The line break that ends the last line, or the end of the text.
    let breaks = lines.end - 1 - lines.start;
    let end = text[start..]
        .bytes()
        .enumerate()
        .filter(|(_, byte)| *byte == b'\n')
        .nth(breaks)
        .map_or(text.len(), |(at, _)| start + at);
    Some(start..end)
}

/// Where line `line` (0-based) of `text` starts, if `text` has it.
fn line_start(text: &str, line: usize) -> Option<usize> {
    if line == 0 {
        return Some(0);
    }
    text.bytes().enumerate().filter(|(_, byte)| *byte == b'\n').nth(line - 1).map(|(at, _)| at + 1)
}

/// The layer's lines for `text`, coloured by `spans` (in text order) and underlined by `underlines`.
fn render(text: &str, spans: &[Span], underlines: &[(usize, usize, Severity)]) -> Vec<String> {
    let mut cuts = vec![0, text.len()];
    cuts.extend(spans.iter().flat_map(|span| [span.start, span.end]));
    cuts.extend(underlines.iter().flat_map(|&(start, end, _)| [start, end]));
    cuts.retain(|&at| text.is_char_boundary(at));
    cuts.sort_unstable();
    cuts.dedup();

    // Underline starts and ends as (offset, severity slot), each sorted, for one sweep; sorting
    // plain tuples keeps the wasm to one sort instance.
    let slot = |severity| if severity == Severity::Error { 0 } else { 1 };
    let mut starts: Vec<(usize, usize)> =
        underlines.iter().map(|&(start, _, severity)| (start, slot(severity))).collect();
    let mut ends: Vec<(usize, usize)> = underlines.iter().map(|&(_, end, severity)| (end, slot(severity))).collect();
    starts.sort_unstable();
    ends.sort_unstable();
    let (mut started, mut ended, mut span_at) = (0, 0, 0);
    // Underlines covering the current piece, by severity slot: [errors, warnings].
    let mut active = [0usize; 2];

    let mut lines = vec![String::new()];
    // The piece being written: consecutive cuts that look the same become one `<span>`.
    let mut piece: Option<(usize, usize, Look)> = None;
    for pair in cuts.windows(2) {
        let (start, end) = (pair[0], pair[1]);
        while let Some(&(_, slot)) = starts.get(started).filter(|(at, _)| *at <= start) {
            active[slot] += 1;
            started += 1;
        }
        while let Some(&(_, slot)) = ends.get(ended).filter(|(at, _)| *at <= start) {
            active[slot] -= 1;
            ended += 1;
        }
        while spans.get(span_at).is_some_and(|span| span.end <= start) {
            span_at += 1;
        }
        let look = Look {
            token: spans.get(span_at).filter(|span| span.start <= start && end <= span.end).map(|span| span.class),
            problem: match active {
                [0, 0] => None,
                [0, _] => Some(Severity::Warning),
                _ => Some(Severity::Error),
            },
        };
        piece = match piece {
            Some((from, _, same)) if same == look => Some((from, end, look)),
            written => {
                if let Some((from, to, look)) = written {
                    write_piece(&mut lines, &text[from..to], look);
                }
                Some((start, end, look))
            }
        };
    }
    if let Some((from, to, look)) = piece {
        write_piece(&mut lines, &text[from..to], look);
    }
    lines
}

/// How a piece of text looks.
#[derive(Clone, Copy, PartialEq)]
struct Look {
    token: Option<TokenClass>,
    problem: Option<Severity>,
}

/// Writes `text` at the end of `lines`, starting a new line at each line break; a piece that
/// crosses lines is closed at the end of each and opened again on the next.
fn write_piece(lines: &mut Vec<String>, text: &str, look: Look) {
    let classes: Vec<&str> = look.token.map(token_classes).into_iter().chain(look.problem.map(problem_class)).collect();
    for (at, part) in text.split('\n').enumerate() {
        if at > 0 {
            lines.push(String::new());
        }
        if part.is_empty() {
            continue;
        }
        let html = lines.last_mut().expect("there is always a line");
        if classes.is_empty() {
            escape_into(html, part);
            continue;
        }
        html.push_str("<span class=\"");
        html.push_str(&classes.join(" "));
        html.push_str("\">");
        escape_into(html, part);
        html.push_str("</span>");
    }
}

/// Where a problem's underline goes: its range, or for an empty range (a missing `)` at the
/// end of a line) the character after it, else the one before, so that it can be seen.
fn visible_range(text: &str, problem: &Problem) -> Option<(usize, usize, Severity)> {
    let (start, end) = (problem.start.min(text.len()), problem.end.min(text.len()));
    if !text.is_char_boundary(start) || !text.is_char_boundary(end) {
        return None;
    }
    if start < end {
        return Some((start, end, problem.severity));
    }
    let next = text[start..].chars().next().filter(|ch| *ch != '\n');
    match next {
        Some(ch) => Some((start, start + ch.len_utf8(), problem.severity)),
        None => {
            let previous = text[..start].chars().next_back().filter(|ch| *ch != '\n')?;
            Some((start - previous.len_utf8(), start, problem.severity))
        }
    }
}

fn escape_into(html: &mut String, text: &str) {
    for ch in text.chars() {
        match ch {
            '&' => html.push_str("&amp;"),
            '<' => html.push_str("&lt;"),
            '>' => html.push_str("&gt;"),
            _ => html.push(ch),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use atlas_checker::{Span, check_and_highlight};

    fn problem(start: usize, end: usize, severity: Severity) -> Problem {
        Problem { start, end, severity, label: String::new() }
    }

    #[test]
    fn tokens_are_coloured_with_the_docs_classes_and_text_is_escaped() {
        let text = "x = 1 < 2  # a&b\n";
        let (diagnostics, spans) = check_and_highlight(text);
        assert_eq!(
            layer_lines(text, &Marks::new(spans, &diagnostics)),
            [
                "x = <span class=\"hl-constant hl-numeric\">1</span> &lt; <span class=\"hl-constant hl-numeric\">2</span>  \
                 <span class=\"hl-comment\"># a&amp;b</span>",
                "",
            ]
        );
    }

    #[test]
    fn an_underline_crossing_tokens_cuts_them_and_errors_win_over_warnings() {
        let text = "def run(): pass";
        let marks = Marks {
            spans: vec![
                Span { start: 0, end: 3, class: TokenClass::Keyword },
                Span { start: 4, end: 7, class: TokenClass::FunctionName },
            ],
            problems: vec![problem(2, 9, Severity::Warning), problem(4, 5, Severity::Error)],
        };
        assert_eq!(
            layer_lines(text, &marks),
            ["<span class=\"hl-keyword\">de</span><span class=\"hl-keyword problem problem-warning\">f</span>\
             <span class=\"problem problem-warning\"> </span>\
             <span class=\"hl-entity hl-name hl-function problem problem-error\">r</span>\
             <span class=\"hl-entity hl-name hl-function problem problem-warning\">un</span>\
             <span class=\"problem problem-warning\">()</span>: pass"]
        );
    }

    #[test]
    fn a_string_across_lines_is_coloured_on_each_and_blank_lines_stay() {
        let text = "s = \"\"\"a\n\nb\"\"\"\n";
        let (diagnostics, spans) = check_and_highlight(text);
        assert_eq!(
            layer_lines(text, &Marks::new(spans, &diagnostics)),
            ["s = <span class=\"hl-string\">\"\"\"a</span>", "", "<span class=\"hl-string\">b\"\"\"</span>", ""]
        );
    }

    #[test]
    fn an_empty_problem_underlines_a_character_beside_it() {
        let underlined = |text: &str, at: usize| {
            let marks = Marks { spans: Vec::new(), problems: vec![problem(at, at, Severity::Error)] };
            layer_lines(text, &marks)
        };
        assert_eq!(underlined("f(x\n", 3), ["f(<span class=\"problem problem-error\">x</span>", ""]);
        assert_eq!(underlined("f(x y", 3), ["f(x<span class=\"problem problem-error\"> </span>y"]);
        assert_eq!(underlined("\n", 0), ["", ""]);
    }

    #[test]
    fn only_the_lines_that_differ_change() {
        let lines = |text: &str| text.split(' ').map(String::from).collect::<Vec<_>>();
        let change = |before: &str, after: &str| LineChange::between(&lines(before), &lines(after));
        assert_eq!(change("a b c", "a B c"), LineChange { at: 1, removed: 1, inserted: 1 });
        assert_eq!(change("a b c", "a b x c"), LineChange { at: 2, removed: 0, inserted: 1 });
        assert_eq!(change("a b b c", "a b c"), LineChange { at: 2, removed: 1, inserted: 0 });
        assert_eq!(change("a b", "a b"), LineChange { at: 2, removed: 0, inserted: 0 });
    }

    #[test]
    fn a_window_shows_its_own_lines_as_the_whole_layer_does() {
        let text = "import modal\ns = \"\"\"a\n\nb\"\"\"\n@app.function(keep_warm=1)\ndef f(:\n";
        let (diagnostics, spans) = check_and_highlight(text);
        let marks = Marks::new(spans, &diagnostics);
        let whole = layer_lines(text, &marks);
        assert_eq!(whole.len(), 7);
        for first in 0..whole.len() {
            for count in 0..=whole.len() - first {
                let window = layer_lines_in(text, &marks, first..first + count);
                assert_eq!(window, whole[first..first + count], "lines {first}..{}", first + count);
            }
        }
        assert!(layer_lines_in(text, &marks, 7..20).is_empty());
        assert_eq!(layer_lines_in(text, &marks, 5..20), whole[5..]);
    }

    #[test]
    fn marks_inside_a_character_are_left_out() {
        let marks = Marks {
            spans: vec![Span { start: 1, end: 2, class: TokenClass::String }],
            problems: vec![problem(1, 2, Severity::Error)],
        };
        assert_eq!(layer_lines("é", &marks), ["é"]);
    }
}
