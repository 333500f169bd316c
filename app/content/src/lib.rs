//! The content model of Modal Atlas.
//!
//! Reads `content/` (site settings, the facts data file, Markdown pages, the playground's
//! gallery), writes the pages made from code and data (the checker's rules, the API reference),
//! checks it all, and renders each page to HTML, and to plain Markdown for assistants: the
//! [`Book`] every output reads. Code is coloured by a highlighter the caller gives (the site's
//! build has one), so the MCP server links none. Nothing here knows about the browser or the
//! HTML shell around an article: `atlas-build` puts rendered pages into files, the wasm app
//! never links this crate.

mod api_reference;
mod book;
mod commonmark;
mod coverage;
mod error;
mod files;
mod gallery;
pub mod llms;
mod markdown;
mod page;
mod rule_docs;
pub mod search_index;
mod site;
mod tables;

pub use api_reference::reference_route;
pub use atlas_pricing::{Client, Gpu, ModalData, Plan, Prices, RegionMultiplier, Regions};
pub use book::{Book, report};
pub use commonmark::{MarkdownPage, MarkdownSection, PageLinks, markdown_path, to_markdown};
pub use coverage::Coverage;
pub use error::ContentError;
pub use files::{CONTENT_EXTENSIONS, ContentFiles};
pub use gallery::Example;
pub use markdown::{
    CodeExample, CodeHtml, FENCE_LANGUAGES, Highlighter, RULES_PAGE, RenderedPage, SIGNATURE_FLAG, SectionText,
    TocEntry, rule_anchor,
};
pub use page::{FrontMatter, Page};
pub use site::{Section, Site, SiteConfig, is_reference_page};

/// The id a heading's text becomes: lower-cased; letters, digits, `_` and `-` kept; runs of
/// white space become one `-`; everything else dropped.
pub fn slugify(text: &str) -> String {
    let mut id = String::with_capacity(text.len());
    for ch in text.trim().chars().flat_map(char::to_lowercase) {
        if ch.is_alphanumeric() || ch == '_' || ch == '-' {
            id.push(ch);
        } else if ch.is_whitespace() && !id.ends_with('-') {
            id.push('-');
        }
    }
    while id.contains("--") {
        id = id.replace("--", "-");
    }
    id.trim_matches('-').to_string()
}

/// Escapes text for HTML element content and double-quoted attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(ch),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugify_keeps_code_tokens_and_drops_punctuation() {
        assert_eq!(slugify("GPU fallbacks"), "gpu-fallbacks");
        assert_eq!(slugify("`scaledown_window`"), "scaledown_window");
        assert_eq!(slugify("Map, starmap & spawn"), "map-starmap-spawn");
        assert_eq!(slugify("  What's new?  "), "whats-new");
        assert_eq!(slugify("@modal.enter()"), "modalenter");
    }

    #[test]
    fn escape_html_escapes_markup_characters() {
        assert_eq!(escape_html(r#"<a href="x">'&'</a>"#), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    }
}
