//! Markdown to HTML for one page: heading ids and table of contents, checked links, code (coloured
//! by the caller's highlighter), callouts and tables from the data file. Raw HTML in content is
//! refused.

use std::collections::HashSet;

use pulldown_cmark::{BlockQuoteKind, CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::page::route_of;
use crate::{ContentError, ModalData, Page, escape_html, slugify, tables};

#[derive(Debug, Clone)]
pub struct RenderedPage {
    pub slug: String,
    /// The article body, without the page title.
    pub html: String,
    /// `##` and `###` headings, in order.
    pub toc: Vec<TocEntry>,
    /// Every heading id on the page.
    pub ids: HashSet<String>,
    /// The page's text split at `##` and `###` headings, for the search index: first the text
    /// before any heading (empty anchor), then one entry per heading.
    pub sections: Vec<SectionText>,
    /// The fenced code blocks, in order, with the section each is under.
    pub examples: Vec<CodeExample>,
    pub(crate) links: Vec<InternalLink>,
}

/// A fenced code block of a page: its info string, its text, and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeExample {
    /// The fence's info: the language, then flags (`python outdated=MDL001`).
    pub info: String,
    pub code: String,
    /// The id of the `##` or `###` heading it is under, empty above the first.
    pub anchor: String,
    /// That heading's text (the page's title above the first).
    pub heading: String,
    /// The line of the opening fence in the page's source file.
    pub line: usize,
}

impl CodeExample {
    pub fn language(&self) -> &str {
        self.info.split_whitespace().next().unwrap_or("")
    }

    /// The rules an outdated example illustrates (`outdated=MDL001,MDL012`); empty for current code.
    pub fn outdated(&self) -> Vec<&str> {
        self.info
            .split_whitespace()
            .filter_map(|flag| flag.strip_prefix("outdated="))
            .flat_map(|ids| ids.split(','))
            .collect()
    }

    /// The code as a module, the way its page reads it: a fragment without an import of
    /// `modal` stands under `import modal` and `app = modal.App()`.
    pub fn as_module(&self) -> String {
        let imports = self.code.lines().any(|line| line.starts_with("import modal") || line.starts_with("from modal"));
        if imports { self.code.clone() } else { format!("import modal\n\napp = modal.App()\n\n\n{}", self.code) }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// Plain text under one heading (code included), without markup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionText {
    /// The heading's id, or empty for the top of the page.
    pub anchor: String,
    pub heading: String,
    pub text: String,
}

impl SectionText {
    /// Appends `text` as a block of its own, apart from the words around it.
    fn add(&mut self, text: &str) {
        self.text.push(' ');
        self.text.push_str(text.trim());
        self.text.push(' ');
    }
}

fn is_inline(tag: &Tag) -> bool {
    matches!(tag, Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. } | Tag::Image { .. })
}

fn is_inline_end(tag: &TagEnd) -> bool {
    matches!(tag, TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link | TagEnd::Image)
}

/// A link to a page of this site (`slug: None` is the same page), kept to be checked once every
/// page is rendered.
#[derive(Debug, Clone)]
pub(crate) struct InternalLink {
    pub slug: Option<String>,
    pub anchor: Option<String>,
    pub line: usize,
}

pub(crate) const OPTIONS: Options = Options::ENABLE_TABLES
    .union(Options::ENABLE_STRIKETHROUGH)
    .union(Options::ENABLE_HEADING_ATTRIBUTES)
    .union(Options::ENABLE_GFM);

/// Colours a code block: (fence language, code) to HTML whose classes `style/highlight.css`
/// colours. The site's build gives one; this crate links no highlighter.
pub type Highlighter = fn(&str, &str) -> String;

/// How code blocks come out in a page's HTML.
#[derive(Debug, Clone, Copy)]
pub enum CodeHtml {
    /// Coloured by the highlighter and linked to the playground, as the site shows them.
    Coloured(Highlighter),
    /// Escaped only: for readers of the text alone, to whom colouring is most of the time
    /// rendering takes.
    Plain,
}

pub fn render(
    page: &Page,
    data: &ModalData,
    base: &str,
    code_html: CodeHtml,
) -> Result<RenderedPage, Vec<ContentError>> {
    let line_of = |offset: usize| page.body_line + page.body[..offset].matches('\n').count();
    let mut errors = Vec::new();
    let mut error =
        |offset: usize, message: String| errors.push(ContentError::new(&page.path, Some(line_of(offset)), message));

    let mut out: Vec<Event> = Vec::new();
    let mut toc = Vec::new();
    let mut ids = HashSet::new();
    let mut links = Vec::new();
    let mut heading: Option<OpenHeading> = None;
    let mut code: Option<OpenCode> = None;
    let mut tables_seen = 0;
    let mut sections =
        vec![SectionText { anchor: String::new(), heading: page.meta.title.clone(), text: String::new() }];
    let mut examples = Vec::new();

    for (event, range) in Parser::new_ext(&page.body, OPTIONS).into_offset_iter() {
        if let Some(open) = code.as_mut() {
            match event {
                Event::Text(text) => open.text.push_str(&text),
                Event::End(TagEnd::CodeBlock) => {
                    let open = code.take().expect("inside a code block");
                    let section = sections.last().expect("there is always a section");
                    examples.push(CodeExample {
                        info: open.info.clone(),
                        code: open.text.clone(),
                        anchor: section.anchor.clone(),
                        heading: section.heading.clone(),
                        line: line_of(open.offset),
                    });
                    match code_block(&open.info, &open.text, data, base, code_html) {
                        Ok(html) => {
                            let section = sections.last_mut().expect("there is always a section");
                            if open.info.starts_with(tables::FENCE) {
                                section.add(&tables::text_of(&html));
                            } else {
                                section.add(&open.text);
                            }
                            out.push(Event::Html(html.into()));
                        }
                        Err(message) => error(open.offset, message),
                    }
                }
                _ => {}
            }
            continue;
        }
        match event {
            Event::Html(_) | Event::InlineHtml(_) => {
                error(range.start, "raw HTML is not allowed in content; use Markdown".into());
            }
            Event::Start(Tag::Image { .. }) => error(range.start, "images are not supported in content yet".into()),
            Event::Start(Tag::CodeBlock(kind)) => {
                let info = match kind {
                    CodeBlockKind::Fenced(info) => info.to_string(),
                    CodeBlockKind::Indented => "text".to_string(),
                };
                code = Some(OpenCode { info, text: String::new(), offset: range.start });
            }
            Event::Start(Tag::Heading { level, id, .. }) => {
                if level == HeadingLevel::H1 {
                    error(range.start, "a page has one h1, its title: start headings at `##`".into());
                }
                heading = Some(OpenHeading {
                    level,
                    id: id.map(|id| id.to_string()),
                    text: String::new(),
                    inner: Vec::new(),
                });
            }
            Event::End(TagEnd::Heading(_)) => {
                let open = heading.take().expect("inside a heading");
                let id = open.id.unwrap_or_else(|| slugify(&open.text));
                if id.is_empty() {
                    error(range.start, "heading has no text to make an id from; add `{#id}`".into());
                }
                let id = unique_id(&mut ids, id);
                let level_no = open.level as u8;
                if level_no <= 3 {
                    toc.push(TocEntry { level: level_no, id: id.clone(), text: open.text.trim().to_string() });
                    sections.push(SectionText {
                        anchor: id.clone(),
                        heading: open.text.trim().to_string(),
                        text: String::new(),
                    });
                }
                out.push(Event::Html(format!("<h{level_no} id=\"{id}\">").into()));
                out.extend(open.inner);
                out.push(Event::Html(
                    format!(
                        "<a class=\"anchor\" href=\"#{id}\" aria-label=\"Link to this section\"></a></h{level_no}>"
                    )
                    .into(),
                ));
            }
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                let dest = match resolve_link(&dest_url, base) {
                    Ok((href, internal)) => {
                        if let Some((slug, anchor)) = internal {
                            links.push(InternalLink { slug, anchor, line: line_of(range.start) });
                        }
                        href
                    }
                    Err(message) => {
                        error(range.start, message);
                        dest_url.to_string()
                    }
                };
                push(&mut out, &mut heading, Event::Start(Tag::Link { link_type, dest_url: dest.into(), title, id }));
            }
            Event::Start(Tag::BlockQuote(Some(kind))) => {
                let (class, label) = callout(kind);
                out.push(Event::Html(
                    format!(
                        "<div class=\"callout callout-{class}\" role=\"note\"><p class=\"callout-title\">{label}</p>"
                    )
                    .into(),
                ));
            }
            Event::End(TagEnd::BlockQuote(Some(_))) => out.push(Event::Html("</div>".into())),
            Event::Start(Tag::Table(alignment)) => {
                tables_seen += 1;
                out.push(Event::Html(tables::scroll_box_open(&format!("Table {tables_seen}")).into()));
                out.push(Event::Start(Tag::Table(alignment)));
            }
            Event::End(TagEnd::Table) => {
                out.push(Event::End(TagEnd::Table));
                out.push(Event::Html("</div>".into()));
            }
            other => {
                match (heading.as_mut(), &other) {
                    (Some(open), Event::Text(text) | Event::Code(text)) => open.text.push_str(text),
                    (None, Event::Text(text) | Event::Code(text)) => {
                        sections.last_mut().expect("there is always a section").text.push_str(text)
                    }
                    // Block boundaries separate words; inline markup (emphasis, links) does not.
                    (None, Event::SoftBreak | Event::HardBreak) => {
                        sections.last_mut().expect("there is always a section").add("")
                    }
                    (None, Event::Start(tag)) if !is_inline(tag) => {
                        sections.last_mut().expect("there is always a section").add("")
                    }
                    (None, Event::End(tag)) if !is_inline_end(tag) => {
                        sections.last_mut().expect("there is always a section").add("")
                    }
                    _ => {}
                }
                push(&mut out, &mut heading, other);
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut html = String::with_capacity(page.body.len() * 2);
    pulldown_cmark::html::push_html(&mut html, out.into_iter());
    for section in &mut sections {
        section.text = section.text.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    Ok(RenderedPage { slug: page.slug.clone(), html, toc, ids, links, sections, examples })
}

/// `id`, or `id-2`, `id-3`… when the page already has it; recorded in `ids`.
pub(crate) fn unique_id(ids: &mut HashSet<String>, id: String) -> String {
    let mut unique = id.clone();
    let mut n = 1;
    while !ids.insert(unique.clone()) {
        n += 1;
        unique = format!("{id}-{n}");
    }
    unique
}

struct OpenHeading {
    level: HeadingLevel,
    id: Option<String>,
    text: String,
    inner: Vec<Event<'static>>,
}

struct OpenCode {
    info: String,
    text: String,
    offset: usize,
}

/// Sends an event into the heading being collected, or straight to the output.
fn push<'a>(out: &mut Vec<Event<'a>>, heading: &mut Option<OpenHeading>, event: Event<'a>) {
    match heading {
        Some(open) => open.inner.push(event.into_static()),
        None => out.push(event),
    }
}

pub(crate) fn callout(kind: BlockQuoteKind) -> (&'static str, &'static str) {
    match kind {
        BlockQuoteKind::Note => ("note", "Note"),
        BlockQuoteKind::Tip => ("tip", "Tip"),
        BlockQuoteKind::Important => ("important", "Important"),
        BlockQuoteKind::Warning => ("warning", "Warning"),
        BlockQuoteKind::Caution => ("caution", "Caution"),
    }
}

/// Where an internal link points: a page (`None` is the same page) and a heading on it.
pub(crate) type InternalTarget = (Option<String>, Option<String>);

/// What a link destination from content points at: `Ok(None)` for `https://`, `http://` and
/// `mailto:` URLs, else the page and anchor of `page.md`, `page.md#id` or `#id`.
pub(crate) fn link_target(dest: &str) -> Result<Option<InternalTarget>, String> {
    if dest.starts_with("https://") || dest.starts_with("http://") || dest.starts_with("mailto:") {
        return Ok(None);
    }
    if let Some(anchor) = dest.strip_prefix('#') {
        return Ok(Some((None, Some(anchor.to_string()))));
    }
    let (file, anchor) = match dest.split_once('#') {
        Some((file, anchor)) => (file, Some(anchor.to_string())),
        None => (dest, None),
    };
    let Some(slug) = file.strip_suffix(".md").filter(|slug| !slug.contains('/')) else {
        return Err(format!("link `{dest}`: expected `page.md`, `page.md#id`, `#id` or an https:// URL"));
    };
    Ok(Some((Some(slug.to_string()), anchor)))
}

/// Turns a link destination from content into an href, and says whether it is internal.
fn resolve_link(dest: &CowStr, base: &str) -> Result<(String, Option<InternalTarget>), String> {
    let target = link_target(dest)?;
    let href = match &target {
        Some((Some(slug), Some(anchor))) => format!("{base}{}#{anchor}", route_of(slug)),
        Some((Some(slug), None)) => format!("{base}{}", route_of(slug)),
        _ => dest.to_string(),
    };
    Ok((href, target))
}

/// The route of the checker's rules page (written by the CLI from the rules themselves).
pub const RULES_PAGE: &str = "rules";

/// The heading id of a rule's section on the rules page: `MDL001` is at `#mdl001`.
pub fn rule_anchor(id: &str) -> String {
    id.to_ascii_lowercase()
}

/// What an outdated example is labelled with, before the rules it illustrates.
pub(crate) fn outdated_label(data: &ModalData) -> String {
    format!("Outdated: does not work on {} {}", data.client.package, data.client.version)
}

/// `MDL` and three digits.
fn is_rule_id(id: &str) -> bool {
    id.len() == 6 && id.starts_with("MDL") && id[3..].bytes().all(|byte| byte.is_ascii_digit())
}

/// The language names a fence may use; the highlighter colours each.
pub const FENCE_LANGUAGES: &[&str] = &["python", "bash", "yaml", "toml", "dockerfile", "json", "text"];

/// The fence flag of a declaration that is not an example (no link to the playground).
pub const SIGNATURE_FLAG: &str = "signature";

/// A code fence's info string, checked: its language and the rules an outdated example
/// illustrates (`outdated=MDL001,MDL004`: old code on purpose).
pub(crate) struct Fence<'a> {
    pub lang: &'a str,
    pub outdated: Option<Vec<&'a str>>,
    /// `signature`: a declaration from the client's stubs (the API reference), not code to run.
    pub signature: bool,
}

pub(crate) fn fence(info: &str) -> Result<Fence<'_>, String> {
    let mut words = info.split_whitespace();
    let lang = words.next().unwrap_or("text");
    if lang == tables::FENCE {
        return Ok(Fence { lang, outdated: None, signature: false });
    }
    if !FENCE_LANGUAGES.contains(&lang) {
        return Err(format!(
            "code fence language `{lang}`: expected one of {}, or data-table",
            FENCE_LANGUAGES.join(", ")
        ));
    }
    let mut outdated: Option<Vec<&str>> = None;
    let mut signature = false;
    for flag in words {
        match flag.split_once('=') {
            Some(("outdated", ids)) if ids.split(',').all(is_rule_id) => outdated = Some(ids.split(',').collect()),
            None if flag == SIGNATURE_FLAG => signature = true,
            _ => {
                return Err(format!(
                    "code fence flag `{flag}`: expected `outdated=` with the checker rules the code illustrates \
                     (such as `outdated=MDL001` or `outdated=MDL001,MDL004`), or `{SIGNATURE_FLAG}`"
                ));
            }
        }
    }
    Ok(Fence { lang, outdated, signature })
}

fn code_block(info: &str, text: &str, data: &ModalData, base: &str, code_html: CodeHtml) -> Result<String, String> {
    let Fence { lang, outdated, signature } = fence(info)?;
    if lang == tables::FENCE {
        return tables::render(text.trim(), data);
    }
    let label = match &outdated {
        Some(ids) => {
            let links: Vec<String> =
                ids.iter().map(|id| format!("<a href=\"{base}{RULES_PAGE}/#{}\">{id}</a>", rule_anchor(id))).collect();
            format!("<p class=\"code-label\">{} ({})</p>", escape_html(&outdated_label(data)), links.join(", "))
        }
        None => String::new(),
    };
    let outdated = outdated.is_some();
    let class = if outdated { "code code-outdated" } else { "code" };
    // Python examples open in the playground, which shows what the checker says about them.
    let playground = if lang == "python" && !signature && matches!(code_html, CodeHtml::Coloured(_)) {
        format!(
            "<a class=\"code-playground\" href=\"{}\">Open in the playground</a>",
            escape_html(&atlas_share::playground_link(base, text))
        )
    } else {
        String::new()
    };
    Ok(format!(
        "<div class=\"{class}\" data-lang=\"{lang}\">{label}<pre tabindex=\"0\"><code>{}</code></pre>\
         {playground}<button type=\"button\" class=\"copy\">Copy</button></div>\n",
        match code_html {
            CodeHtml::Coloured(highlight) => highlight(lang, text),
            CodeHtml::Plain => escape_html(text),
        }
    ))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::path::Path;

    pub(crate) fn data() -> ModalData {
        toml::from_str(include_str!("../../../content/data/modal.toml")).unwrap()
    }

    fn page(body: &str) -> Page {
        let source = format!("+++\ntitle = \"T\"\ndescription = \"D\"\nsection = \"s\"\norder = 1\n+++\n{body}");
        Page::parse(Path::new("content/pages/t.md"), &source).unwrap()
    }

    fn render_body(body: &str) -> Result<RenderedPage, Vec<ContentError>> {
        render(&page(body), &data(), "/atlas/", CodeHtml::Coloured(mark))
    }

    /// A highlighter that marks the code it is given, to show where its HTML goes.
    fn mark(lang: &str, code: &str) -> String {
        format!("<span class=\"hl-{lang}\">{}</span>", escape_html(code))
    }

    fn first_error(body: &str) -> String {
        render_body(body).unwrap_err()[0].to_string()
    }

    #[test]
    fn headings_get_ids_anchors_and_toc_entries() {
        let out = render_body("## GPU fallbacks\n\n### `H100!`\n\n## GPU fallbacks\n").unwrap();
        assert!(out.html.contains("<h2 id=\"gpu-fallbacks\">GPU fallbacks<a class=\"anchor\" href=\"#gpu-fallbacks\""));
        assert!(out.html.contains("<h3 id=\"h100\"><code>H100!</code>"));
        let ids: Vec<&str> = out.toc.iter().map(|entry| entry.id.as_str()).collect();
        assert_eq!(ids, ["gpu-fallbacks", "h100", "gpu-fallbacks-2"]);
    }

    #[test]
    fn text_is_split_into_sections_at_headings() {
        let out = render_body("Intro *words*.\n\n## `Cron` syntax\n\nFive fields.\n\n```python\nmodal.Cron(\"0 8 * * *\")\n```\nAfter.\n\n| a | b |\n|---|---|\n| c | d |\n\n### Zones\n\nUTC by default.\n").unwrap();
        let sections: Vec<(&str, &str, &str)> =
            out.sections.iter().map(|s| (s.anchor.as_str(), s.heading.as_str(), s.text.as_str())).collect();
        assert_eq!(
            sections,
            [
                ("", "T", "Intro words."),
                ("cron-syntax", "Cron syntax", "Five fields. modal.Cron(\"0 8 * * *\") After. a b c d"),
                ("zones", "Zones", "UTC by default."),
            ]
        );
    }

    #[test]
    fn explicit_heading_id_wins() {
        let out = render_body("## Choosing a GPU {#choose}\n").unwrap();
        assert!(out.html.contains("<h2 id=\"choose\">Choosing a GPU"));
    }

    #[test]
    fn h1_in_the_body_is_refused_with_its_line() {
        assert_eq!(
            first_error("\n# Title\n"),
            "content/pages/t.md:8: a page has one h1, its title: start headings at `##`"
        );
    }

    #[test]
    fn raw_html_is_refused() {
        assert!(first_error("Hello <b>there</b>\n").contains("raw HTML is not allowed"));
        assert!(first_error("<div>\nblock\n</div>\n").contains("raw HTML is not allowed"));
    }

    #[test]
    fn internal_links_are_rewritten_under_the_base_path() {
        let out =
            render_body("[a](gpus.md) [b](gpus.md#gpu-fallbacks) [c](#here) [d](index.md) [e](https://modal.com)\n")
                .unwrap();
        assert!(out.html.contains("href=\"/atlas/gpus/\""));
        assert!(out.html.contains("href=\"/atlas/gpus/#gpu-fallbacks\""));
        assert!(out.html.contains("href=\"#here\""));
        assert!(out.html.contains("href=\"/atlas/\""));
        assert!(out.html.contains("href=\"https://modal.com\""));
        assert_eq!(out.links.len(), 4);
    }

    #[test]
    fn links_of_an_unknown_form_are_refused() {
        assert!(first_error("[a](../gpus/)\n").contains("expected `page.md`"));
        assert!(first_error("[a](dir/gpus.md)\n").contains("expected `page.md`"));
    }

    #[test]
    fn code_is_coloured_by_the_highlighter_and_gets_a_copy_button() {
        let out = render_body("```python\nimport <modal>\n```\n").unwrap();
        assert!(out.html.contains("data-lang=\"python\""));
        assert!(
            out.html.contains("<code><span class=\"hl-python\">import &lt;modal&gt;\n</span></code>"),
            "{}",
            out.html
        );
        assert!(out.html.contains("<button type=\"button\" class=\"copy\">Copy</button>"));
        let plain = render(&page("```python\nimport <modal>\n```\n"), &data(), "/atlas/", CodeHtml::Plain).unwrap();
        assert!(plain.html.contains("<code>import &lt;modal&gt;\n</code>"), "{}", plain.html);
        assert!(!plain.html.contains("Open in the playground"), "{}", plain.html);
    }

    #[test]
    fn python_examples_link_to_the_playground_with_their_code() {
        let out = render_body("```python\nimport modal\n```\n\n```bash\nmodal deploy app.py\n```\n").unwrap();
        let link = format!("href=\"/atlas/playground/#code={}\"", atlas_share::encode("import modal\n"));
        assert!(out.html.contains(&link), "{}", out.html);
        assert_eq!(out.html.matches("Open in the playground").count(), 1, "only Python blocks get the link");
        let signature = render_body("```python signature\ndef remote(*args, **kwargs): ...\n```\n").unwrap();
        assert!(!signature.html.contains("Open in the playground"), "a signature is not an example");
    }

    #[test]
    fn outdated_code_is_labelled_with_the_client_version() {
        let out = render_body("```python outdated=MDL001\n@app.function(keep_warm=1)\ndef f(): ...\n```\n").unwrap();
        assert!(out.html.contains("class=\"code code-outdated\""));
        assert!(
            out.html.contains("Outdated: does not work on modal 1.6.4 (<a href=\"/atlas/rules/#mdl001\">MDL001</a>)")
        );
    }

    #[test]
    fn unknown_fence_language_or_flag_is_refused() {
        assert!(first_error("```rust\nfn main() {}\n```\n").contains("code fence language `rust`"));
        assert!(first_error("```python old\nx\n```\n").contains("expected `outdated=`"));
        assert!(first_error("```python outdated\nx\n```\n").contains("such as `outdated=MDL001`"));
        assert!(first_error("```python outdated=E501\nx\n```\n").contains("such as `outdated=MDL001`"));
    }

    #[test]
    fn code_text_is_escaped() {
        let out = render_body("```text\n<script>alert(1)</script>\n```\n").unwrap();
        assert!(out.html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(!out.html.contains("<script>"));
    }

    #[test]
    fn callouts_render_with_their_label() {
        let out = render_body("> [!IMPORTANT]\n> **Changed:** renamed.\n").unwrap();
        assert!(out.html.contains(
            "<div class=\"callout callout-important\" role=\"note\"><p class=\"callout-title\">Important</p>"
        ));
        assert!(out.html.contains("<strong>Changed:</strong> renamed."));
    }

    #[test]
    fn tables_scroll_in_a_focusable_region() {
        let out = render_body("| a | b |\n|---|---|\n| 1 | 2 |\n\n| c |\n|---|\n| 3 |\n").unwrap();
        assert!(out.html.contains("aria-label=\"Table 2\""), "each scroll box has its own name");
        assert!(
            out.html
                .contains("<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Table 1\"><table>")
        );
        assert!(out.html.contains("</table>\n</div>"));
    }
}
