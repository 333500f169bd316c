//! Build-time syntax highlighting into CSS classes (`hl-…`); `style/highlight.css` colours them
//! for both themes, so the browser gets no highlighter and no inline colours.
//!
//! Syntect's grammars nest a scope in a scope many levels deep, and its HTML writer gives each
//! scope a `<span>`: a signature of one line became thirty elements. Only the scopes the
//! stylesheet colours matter, and of those the innermost (as in the nested spans, where the inner
//! element's colour wins). So each run of text gets one span, with the classes of its innermost
//! coloured scope, and text under no coloured scope none.

use std::sync::LazyLock;

use syntect::parsing::{ParseState, Scope, ScopeStack, SyntaxSet};
use syntect::util::LinesWithEndings;

use atlas_content::escape_html;

/// bat's syntax collection: syntect's own set lacks TOML and Dockerfile.
static SYNTAXES: LazyLock<SyntaxSet> = LazyLock::new(two_face::syntax::extra_newlines);

/// The scopes `style/highlight.css` colours, each as the atoms its selector names
/// (`.hl-entity.hl-name.hl-function` is `["entity", "name", "function"]`). A test holds this to
/// the stylesheet.
const COLOURED: &[&[&str]] = &[
    &["comment"],
    &["string"],
    &["constant", "numeric"],
    &["constant", "language"],
    &["keyword"],
    &["storage"],
    &["entity", "name", "function"],
    &["support", "function"],
    &["entity", "name", "class"],
    &["support", "type"],
    &["support", "class"],
    &["entity", "name", "type"],
    &["punctuation", "definition", "annotation"],
    &["variable", "annotation", "function"],
    &["variable", "parameter"],
    &["entity", "name", "tag"],
    &["meta", "mapping", "key"],
    &["entity", "name", "key"],
    &["variable", "other", "readwrite"],
    &["variable", "other", "assignment"],
];

/// Highlights `code` written in `lang` (a fence language name); unknown languages and `text`
/// come back escaped and uncoloured.
pub fn to_html(lang: &str, code: &str) -> String {
    let Some(syntax) = SYNTAXES.find_syntax_by_token(lang).filter(|_| lang != "text") else {
        return escape_html(code);
    };
    let mut state = ParseState::new(syntax);
    let mut stack = ScopeStack::new();
    let mut runs: Vec<(Option<String>, String)> = Vec::new();
    for line in LinesWithEndings::from(code) {
        let Ok(ops) = state.parse_line(line, &SYNTAXES) else {
            // A grammar that fails on a line must not lose the code: show it plain.
            return escape_html(code);
        };
        let mut at = 0;
        for (position, op) in ops {
            push_run(&mut runs, class_of(&stack), &line[at..position]);
            if stack.apply(&op).is_err() {
                return escape_html(code);
            }
            at = position;
        }
        push_run(&mut runs, class_of(&stack), &line[at..]);
    }
    let mut html = String::with_capacity(code.len() * 2);
    for (class, text) in runs {
        match class {
            Some(class) => html.push_str(&format!("<span class=\"{class}\">{}</span>", escape_html(&text))),
            None => html.push_str(&escape_html(&text)),
        }
    }
    html
}

/// Adds `text` to the last run when it has the same class.
fn push_run(runs: &mut Vec<(Option<String>, String)>, class: Option<String>, text: &str) {
    if text.is_empty() {
        return;
    }
    match runs.last_mut() {
        Some((last, run)) if *last == class => run.push_str(text),
        _ => runs.push((class, text.to_string())),
    }
}

/// The classes of the innermost scope the stylesheet colours, as syntect names them
/// (`hl-entity hl-name hl-function hl-python`).
fn class_of(stack: &ScopeStack) -> Option<String> {
    stack.as_slice().iter().rev().find_map(|scope: &Scope| {
        let name = scope.build_string();
        let atoms: Vec<&str> = name.split('.').collect();
        COLOURED
            .iter()
            .any(|selector| selector.iter().all(|atom| atoms.contains(atom)))
            .then(|| atoms.iter().map(|atom| format!("hl-{atom}")).collect::<Vec<_>>().join(" "))
    })
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use atlas_content::{Book, CodeHtml, FENCE_LANGUAGES};

    use super::*;

    #[test]
    fn the_coloured_scopes_are_the_stylesheets() {
        let css = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../style/highlight.css")).unwrap();
        let mut in_css: Vec<Vec<String>> = Vec::new();
        for rule in css.split('}') {
            let Some((selectors, _)) = rule.split_once('{') else { continue };
            let selectors = selectors.rsplit("*/").next().unwrap_or(selectors);
            for selector in selectors.split(',').map(str::trim).filter(|s| s.starts_with(".hl-")) {
                in_css.push(
                    selector
                        .split('.')
                        .filter(|a| !a.is_empty())
                        .map(|a| a.trim_start_matches("hl-").to_string())
                        .collect(),
                );
            }
        }
        let here: Vec<Vec<String>> = COLOURED.iter().map(|s| s.iter().map(|a| a.to_string()).collect()).collect();
        in_css.sort();
        let mut sorted = here.clone();
        sorted.sort();
        assert_eq!(sorted, in_css);
    }

    #[test]
    fn one_span_a_coloured_run_and_none_for_plain_text() {
        let html = to_html("python", "def spawn(x: int = 1) -> None: ...\n");
        // `def` is `keyword.declaration` inside `storage.type`: the inner scope's classes.
        assert!(
            html.starts_with("<span class=\"hl-keyword hl-declaration hl-function hl-python\">def</span> "),
            "{html}"
        );
        assert!(html.contains("<span class=\"hl-entity hl-name hl-function hl-python\">spawn</span>"), "{html}");
        assert!(!html.contains("<span class=\"hl-source"), "scopes nothing colours get no span: {html}");
        assert!(!html.contains("</span></span>"), "no nesting: {html}");
        assert_eq!(html.matches('<').count() / 2, html.matches("<span").count(), "every tag is a flat span");
    }

    #[test]
    fn every_fence_language_is_coloured() {
        for lang in FENCE_LANGUAGES.iter().filter(|lang| **lang != "text") {
            // Each colours a string, or Dockerfile its instruction.
            let (code, class) = match *lang {
                "json" => ("{\"x\": \"y\"}", "hl-string"),
                "dockerfile" => ("FROM python:3.12", "hl-keyword"),
                _ => ("x = \"y\"", "hl-string"),
            };
            let html = to_html(lang, &format!("{code}\n"));
            assert!(html.contains(&format!("<span class=\"{class}")), "{lang} was not coloured: {html}");
        }
    }

    /// Colouring changes the code's HTML alone: a book rendered for its text (as the MCP server
    /// reads it) has the same sections, examples and ids.
    #[test]
    fn a_coloured_book_has_the_text_of_a_plain_one() {
        let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content");
        let coloured = Book::read(&content, "/", CodeHtml::Coloured(to_html)).unwrap_or_else(|err| panic!("{err}"));
        let plain = Book::read(&content, "/", CodeHtml::Plain).unwrap_or_else(|err| panic!("{err}"));
        assert_eq!(coloured.rendered.len(), plain.rendered.len());
        for (coloured, plain) in coloured.rendered.iter().zip(&plain.rendered) {
            let slug = &coloured.slug;
            assert_eq!(coloured.sections, plain.sections, "{slug}");
            assert_eq!(coloured.examples, plain.examples, "{slug}");
            assert_eq!((&coloured.toc, &coloured.ids), (&plain.toc, &plain.ids), "{slug}");
        }
        assert!(plain.rendered.iter().all(|page| !page.html.contains("<span class=\"hl-")), "code is not coloured");
        assert!(coloured.rendered.iter().any(|page| page.html.contains("<span class=\"hl-")), "code is coloured");
    }
}
