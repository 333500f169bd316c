//! Build-time syntax highlighting into CSS classes (`hl-…`); `style/highlight.css` colours them
//! for both themes, so the browser gets no highlighter and no inline colours.

use std::sync::LazyLock;

use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

use crate::escape_html;

/// bat's syntax collection: syntect's own set lacks TOML and Dockerfile.
static SYNTAXES: LazyLock<SyntaxSet> = LazyLock::new(two_face::syntax::extra_newlines);

const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

/// Highlights `code` written in `lang` (a fence language name); unknown languages and `text`
/// come back escaped and uncoloured.
pub fn to_html(lang: &str, code: &str) -> String {
    let Some(syntax) = SYNTAXES.find_syntax_by_token(lang).filter(|_| lang != "text") else {
        return escape_html(code);
    };
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, &SYNTAXES, CLASS_STYLE);
    for line in LinesWithEndings::from(code) {
        if generator.parse_html_for_line_which_includes_newline(line).is_err() {
            // A grammar that fails on a line must not lose the code: show it plain.
            return escape_html(code);
        }
    }
    generator.finalize()
}
