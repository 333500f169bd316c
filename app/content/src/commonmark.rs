//! A page as plain CommonMark with GFM tables, for readers that want Markdown rather than HTML:
//! the copies beside each page, `llms-full.txt`, and the MCP server. The content's own extensions
//! are resolved (callouts become a bold label, `data-table` blocks GFM tables, `outdated=` fences
//! a plain fence under an "Outdated" line, links between pages point at the other page's copy,
//! `{#id}` heading attributes are dropped); everything else is the author's text, unchanged,
//! since edits are spliced into the source rather than the page being written out again.

use std::collections::HashSet;
use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, Event, LinkType, Parser, Tag, TagEnd};

use crate::markdown::{self, Fence, InternalTarget, OPTIONS, RULES_PAGE, rule_anchor};
use crate::page::route_of;
use crate::{ContentError, ModalData, Page, slugify, tables};

/// Where links between pages point in the Markdown.
#[derive(Debug, Clone, Copy)]
pub enum PageLinks<'a> {
    /// Relative to the page's own copy (`gpus/index.md` links to `../volumes/index.md`), so the
    /// copies work under any host and base path.
    Relative,
    /// Below `root`, the site's origin and base path (`https://host/atlas/`), for text that is
    /// read away from the page's copy: `llms-full.txt`, an assistant's context.
    Under(&'a str),
}

/// A page's Markdown, with where each of its `##` and `###` headings starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkdownPage {
    pub body: String,
    pub sections: Vec<MarkdownSection>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkdownSection {
    /// The heading's id, as on the HTML page.
    pub anchor: String,
    pub heading: String,
    pub level: u8,
    /// Byte offset of the heading's line in `body`.
    pub start: usize,
}

impl MarkdownPage {
    /// Markdown made by a program (already plain), with its sections found by their headings.
    pub fn new(body: String) -> MarkdownPage {
        let headings = headings(&body);
        let starts: Vec<usize> = headings.iter().map(|heading| heading.range.start).collect();
        MarkdownPage { sections: sections(headings, starts.into_iter()), body }
    }

    /// The section with this anchor, from its heading up to the next heading of the same or a
    /// higher level.
    pub fn section(&self, anchor: &str) -> Option<&str> {
        let at = self.sections.iter().position(|section| section.anchor == anchor)?;
        let section = &self.sections[at];
        let end = self.sections[at + 1..]
            .iter()
            .find(|next| next.level <= section.level)
            .map_or(self.body.len(), |next| next.start);
        Some(self.body[section.start..end].trim_end())
    }
}

/// Where a page's Markdown copy is, below the base path: `gpus/index.md`, `index.md` for home.
pub fn markdown_path(slug: &str) -> String {
    format!("{}index.md", route_of(slug))
}

/// The Markdown of `page`, links written as `links` says. Fails on what the HTML renderer also
/// refuses, and on links to other pages that are not inline (`[text](page.md)`).
pub fn to_markdown(page: &Page, data: &ModalData, links: PageLinks) -> Result<MarkdownPage, Vec<ContentError>> {
    let source = page.body.as_str();
    let line_of = |offset: usize| page.body_line + source[..offset].matches('\n').count();
    let href = |target: &InternalTarget| {
        let (slug, anchor) = target;
        let anchor = anchor.as_ref().map(|anchor| format!("#{anchor}")).unwrap_or_default();
        match slug {
            None => anchor,
            Some(slug) => format!("{}{}{anchor}", page_prefix(&page.slug, links), markdown_path(slug)),
        }
    };
    let mut errors = Vec::new();
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    let headings = headings(source);
    for heading in &headings {
        if heading.has_attributes
            && let Some(at) = attribute_block(&source[heading.range.clone()])
        {
            let brace = heading.range.start + at;
            let start = heading.range.start + source[heading.range.start..brace].trim_end().len();
            edits.push((start..brace + attribute_len(&source[brace..]), String::new()));
        }
    }
    let mut in_code = false;

    for (event, range) in Parser::new_ext(source, OPTIONS).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                in_code = true;
                let CodeBlockKind::Fenced(info) = kind else { continue };
                match fence_edit(source, range.clone(), &info, data, &href) {
                    Ok(Some(edit)) => edits.push(edit),
                    Ok(None) => {}
                    Err(message) => errors.push(ContentError::new(&page.path, Some(line_of(range.start)), message)),
                }
            }
            Event::End(TagEnd::CodeBlock) => in_code = false,
            _ if in_code => {}
            Event::Start(Tag::BlockQuote(Some(kind))) => {
                let text = &source[range.clone()];
                if let Some(open) = text.find("[!")
                    && let Some(close) = text[open..].find(']')
                {
                    let (_, label) = markdown::callout(kind);
                    edits.push((range.start + open..range.start + open + close + 1, format!("**{label}:**")));
                }
            }
            Event::Start(Tag::Link { link_type, dest_url, .. }) => {
                let target = match markdown::link_target(&dest_url) {
                    Ok(Some(target)) => target,
                    Ok(None) => continue,
                    Err(message) => {
                        errors.push(ContentError::new(&page.path, Some(line_of(range.start)), message));
                        continue;
                    }
                };
                // Only an inline link has its destination inside its own text.
                let text = &source[range.clone()];
                let found = (link_type == LinkType::Inline)
                    .then(|| text.rfind("](").map(|at| at + 2))
                    .flatten()
                    .and_then(|after| text[after..].find(dest_url.as_ref()).map(|at| after + at));
                match found {
                    Some(at) => edits.push((range.start + at..range.start + at + dest_url.len(), href(&target))),
                    None => errors.push(ContentError::new(
                        &page.path,
                        Some(line_of(range.start)),
                        format!("link `{dest_url}`: links to pages must be written inline, `[text]({dest_url})`"),
                    )),
                }
            }
            _ => {}
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let (body, starts) = splice(source, edits, headings.iter().map(|heading| heading.range.start).collect());
    // The copy drops the blank lines a page starts with.
    let lead = body.len() - body.trim_start().len();
    let starts = starts.into_iter().map(|start| start - lead);
    Ok(MarkdownPage { sections: sections(headings, starts), body: body.trim().to_string() + "\n" })
}

/// A heading of a page's Markdown, where it is and the id it has on the HTML page.
struct Heading {
    level: u8,
    id: Option<String>,
    has_attributes: bool,
    text: String,
    range: Range<usize>,
}

fn headings(source: &str) -> Vec<Heading> {
    let mut headings = Vec::new();
    let mut open: Option<Heading> = None;
    for (event, range) in Parser::new_ext(source, OPTIONS).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, id, classes, attrs }) => {
                let has_attributes = id.is_some() || !classes.is_empty() || !attrs.is_empty();
                let id = id.map(|id| id.to_string());
                open = Some(Heading { level: level as u8, id, has_attributes, text: String::new(), range });
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some(heading) = open.as_mut() {
                    heading.text.push_str(&text);
                }
            }
            Event::End(TagEnd::Heading(_)) => headings.extend(open.take()),
            _ => {}
        }
    }
    headings
}

/// The `##` and `###` sections, with the ids the HTML renderer gives them (repeats numbered), at
/// `starts`, one for each heading.
fn sections(headings: Vec<Heading>, starts: impl Iterator<Item = usize>) -> Vec<MarkdownSection> {
    let mut ids = HashSet::new();
    let mut sections = Vec::new();
    for (heading, start) in headings.into_iter().zip(starts) {
        let anchor = markdown::unique_id(&mut ids, heading.id.unwrap_or_else(|| slugify(&heading.text)));
        if heading.level <= 3 {
            let text = heading.text.trim().to_string();
            sections.push(MarkdownSection { anchor, heading: text, level: heading.level, start });
        }
    }
    sections
}

/// What a link to another page's copy starts with, as `links` says.
fn page_prefix(slug: &str, links: PageLinks) -> String {
    match links {
        PageLinks::Under(root) => root.to_string(),
        // Every route but home's is one folder deep.
        PageLinks::Relative if slug == Page::HOME => String::new(),
        PageLinks::Relative => "../".to_string(),
    }
}

/// The edit a fenced block needs, if any: a data table in place of its fence, or an outdated
/// example's label above a plain fence.
fn fence_edit(
    source: &str,
    range: Range<usize>,
    info: &str,
    data: &ModalData,
    href: &impl Fn(&InternalTarget) -> String,
) -> Result<Option<(Range<usize>, String)>, String> {
    let Fence { lang, outdated, .. } = markdown::fence(info)?;
    // Whatever stands before the fence on its line (a list's indent, `> `) starts each new line.
    let line_start = source[..range.start].rfind('\n').map_or(0, |at| at + 1);
    let prefix = &source[line_start..range.start];
    let block = &source[range.clone()];
    let first_line_len = block.find('\n').unwrap_or(block.len());
    if lang == tables::FENCE {
        let name = block[first_line_len..]
            .lines()
            .map(|line| line.trim_start_matches(prefix).trim())
            .find(|line| !line.is_empty() && !line.starts_with("```") && !line.starts_with("~~~"));
        let table = tables::render_markdown(name.unwrap_or_default(), data)?;
        let lines: Vec<&str> = table.trim_end().lines().collect();
        let ends_line = block.ends_with('\n');
        let text = lines.join(&format!("\n{prefix}")) + if ends_line { "\n" } else { "" };
        return Ok(Some((range, text)));
    }
    let Some(rules) = outdated else { return Ok(None) };
    let marker_len = block.len() - block.trim_start_matches(['`', '~']).len();
    let marker = &block[..marker_len];
    let links: Vec<String> = rules
        .iter()
        .map(|id| format!("[{id}]({})", href(&(Some(RULES_PAGE.to_string()), Some(rule_anchor(id))))))
        .collect();
    let label = format!("**{}** ({}):", markdown::outdated_label(data), links.join(", "));
    Ok(Some((range.start..range.start + first_line_len, format!("{label}\n{prefix}\n{prefix}{marker}{lang}"))))
}

/// Where a heading's `{#id}` block starts in the heading's text.
fn attribute_block(heading: &str) -> Option<usize> {
    let line = heading.lines().next()?.trim_end();
    line.ends_with('}').then(|| line.rfind('{')).flatten()
}

fn attribute_len(from_brace: &str) -> usize {
    from_brace.find('}').map_or(0, |at| at + 1)
}

/// `source` with `edits` (non-overlapping ranges and their replacements) applied, and where each
/// of `positions` (offsets in `source`, in order) ends up.
fn splice(source: &str, mut edits: Vec<(Range<usize>, String)>, positions: Vec<usize>) -> (String, Vec<usize>) {
    edits.sort_by_key(|(range, _)| range.start);
    let mut out = String::with_capacity(source.len() + source.len() / 8);
    let mut at = 0;
    let mut moved = Vec::with_capacity(positions.len());
    let mut positions = positions.into_iter().peekable();
    for (range, replacement) in edits {
        while let Some(&position) = positions.peek().filter(|&&position| position <= range.start) {
            moved.push(out.len() + position - at);
            positions.next();
        }
        out.push_str(&source[at..range.start]);
        out.push_str(&replacement);
        at = range.end;
    }
    for position in positions {
        moved.push(out.len() + position - at);
    }
    out.push_str(&source[at..]);
    (out, moved)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::tests::data;
    use std::path::Path;

    fn page(slug: &str, body: &str) -> Page {
        let source = format!("+++\ntitle = \"T\"\ndescription = \"D\"\nsection = \"s\"\norder = 1\n+++\n{body}");
        Page::parse(Path::new(&format!("content/pages/{slug}.md")), &source).unwrap()
    }

    fn relative(body: &str) -> String {
        to_markdown(&page("gpus", body), &data(), PageLinks::Relative).unwrap().body
    }

    #[test]
    fn links_between_pages_point_at_their_copies() {
        let body = "[a](volumes.md) [b](volumes.md#mounts) [c](#here) [d](index.md) [e](https://modal.com)\n";
        assert_eq!(
            relative(body),
            "[a](../volumes/index.md) [b](../volumes/index.md#mounts) [c](#here) [d](../index.md) [e](https://modal.com)\n"
        );
        let home = to_markdown(&page("index", "[a](gpus.md)\n"), &data(), PageLinks::Relative).unwrap();
        assert_eq!(home.body, "[a](gpus/index.md)\n");
        let under = to_markdown(&page("gpus", body), &data(), PageLinks::Under("https://x.dev/atlas/")).unwrap();
        assert!(under.body.starts_with(
            "[a](https://x.dev/atlas/volumes/index.md) [b](https://x.dev/atlas/volumes/index.md#mounts) [c](#here)"
        ));
    }

    #[test]
    fn callouts_become_a_bold_label() {
        assert_eq!(
            relative("> [!IMPORTANT]\n> **Changed:** renamed.\n"),
            "> **Important:**\n> **Changed:** renamed.\n"
        );
    }

    #[test]
    fn outdated_examples_are_labelled_with_the_client_and_their_rules() {
        let out = relative("Before.\n\n```python outdated=MDL001,MDL004\n@app.function(keep_warm=1)\n```\n");
        assert_eq!(
            out,
            "Before.\n\n**Outdated: does not work on modal 1.6.4** ([MDL001](../rules/index.md#mdl001), \
             [MDL004](../rules/index.md#mdl004)):\n\n```python\n@app.function(keep_warm=1)\n```\n"
        );
        let nested = relative("- Item:\n\n  ```python outdated=MDL001\n  x = 1\n  ```\n");
        assert!(nested.contains("- Item:\n\n  **Outdated: does not work on modal 1.6.4** ([MDL001](../rules/index.md#mdl001)):\n  \n  ```python\n  x = 1\n  ```"), "{nested}");
        assert_eq!(relative("```python\nx = 1\n```\n"), "```python\nx = 1\n```\n", "current code is left alone");
    }

    #[test]
    fn data_tables_become_gfm_tables_with_their_caption() {
        let out = relative("```data-table\ngpu-prices\n```\n\nAfter.\n");
        assert!(out.starts_with("Prices in USD as of 2026-07-01. Source: "), "{out}");
        assert!(out.contains("\n\n| gpu= | GPU | Per second | Per hour |\n| --- | --- | --- | --- |\n"), "{out}");
        assert!(out.contains("| `H100` | Nvidia H100 | $0.001097 | $3.95 |\n"), "{out}");
        assert!(out.ends_with(" |\n\nAfter.\n"), "{out}");
    }

    #[test]
    fn heading_attributes_are_dropped_and_sections_keep_their_ids() {
        let markdown = to_markdown(
            &page(
                "gpus",
                "\nIntro.\n\n## Choosing {#choose}\n\nText.\n\n### Deeper\n\nMore.\n\n## Choosing\n\nLast.\n",
            ),
            &data(),
            PageLinks::Relative,
        )
        .unwrap();
        assert!(markdown.body.contains("## Choosing\n\nText."), "{}", markdown.body);
        let anchors: Vec<&str> = markdown.sections.iter().map(|section| section.anchor.as_str()).collect();
        assert_eq!(anchors, ["choose", "deeper", "choosing"]);
        assert_eq!(markdown.section("choose"), Some("## Choosing\n\nText.\n\n### Deeper\n\nMore."));
        assert_eq!(markdown.section("deeper"), Some("### Deeper\n\nMore."));
        assert_eq!(markdown.section("choosing"), Some("## Choosing\n\nLast."));
        assert_eq!(markdown.section("nowhere"), None);
        let generated = MarkdownPage::new("Top.\n\n## `modal.App`\n\nText.\n\n## `modal.App`\n".into());
        let anchors: Vec<&str> = generated.sections.iter().map(|section| section.anchor.as_str()).collect();
        assert_eq!(anchors, ["modalapp", "modalapp-2"]);
        assert_eq!(generated.section("modalapp"), Some("## `modal.App`\n\nText."));
    }

    #[test]
    fn what_the_html_renderer_refuses_is_refused_here_too() {
        let error =
            |body: &str| to_markdown(&page("gpus", body), &data(), PageLinks::Relative).unwrap_err()[0].to_string();
        assert!(error("```rust\nx\n```\n").contains("code fence language `rust`"));
        assert!(error("[a](../x/)\n").contains("expected `page.md`"));
        assert!(error("[a][v]\n\n[v]: volumes.md\n").contains("must be written inline"));
    }
}
