//! The real `content/` folder, checked as the build checks it, plus what the build must refuse.

use std::fs;
use std::path::{Path, PathBuf};

use atlas_content::{CodeHtml, PageLinks, RenderedPage, Site, to_markdown};
use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag};

fn content_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content")
}

/// The pages of `content/` alone: links into the API reference, which the build writes from them,
/// are checked where it is written (`modal-atlas`'s `api_reference` tests).
fn load_and_render() -> (Site, Vec<RenderedPage>) {
    let site = Site::load(&content_dir()).unwrap_or_else(|errors| panic!("{}", lines(&errors)));
    let rendered =
        site.render_before_reference("/", CodeHtml::Plain).unwrap_or_else(|errors| panic!("{}", lines(&errors)));
    (site, rendered)
}

fn lines(errors: &[atlas_content::ContentError]) -> String {
    errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n")
}

#[test]
fn every_page_parses_renders_and_links_only_to_what_exists() {
    let (site, rendered) = load_and_render();
    assert_eq!(site.pages.len(), rendered.len());
    assert_eq!(site.pages[0].slug, "index", "the home page comes first in reading order");
}

/// The seed's topics, each with the page that teaches it.
const REQUIRED_PAGES: &[&str] = &[
    "index",
    "overview",
    "whats-changed",
    "apps-and-functions",
    "images",
    "gpus",
    "classes-and-lifecycle",
    "volumes",
    "secrets",
    "dict-and-queue",
    "web-endpoints",
    "scheduling",
    "parallel-processing",
    "concurrency",
    "sandboxes",
    "cli",
    "deployment",
    "pricing",
    "best-practices",
    "patterns",
    "troubleshooting",
];

#[test]
fn every_topic_of_the_reference_has_its_page() {
    let (site, _) = load_and_render();
    let missing: Vec<&&str> = REQUIRED_PAGES.iter().filter(|slug| site.page(slug).is_none()).collect();
    assert!(missing.is_empty(), "missing pages: {missing:?}");
}

#[test]
fn every_data_file_entry_is_rendered_on_some_page() {
    let (site, rendered) = load_and_render();
    let all_html: String = rendered.iter().map(|page| page.html.as_str()).collect();
    let mut expected: Vec<String> = Vec::new();
    for gpu in &site.data.gpus {
        expected.push(format!("<td><code>{}</code></td>", gpu.id));
        expected.push(format!("${:.6}", gpu.price_per_second));
        expected.extend(gpu.aliases.iter().map(|alias| format!("<code>{alias}</code>")));
    }
    expected.extend(site.data.plans.iter().map(|plan| format!("<td>{}</td>", plan.name)));
    expected.extend(site.data.regions.multipliers.iter().map(|region| format!("{}×", region.multiplier)));
    expected.push(format!("${:.7} per second", site.data.prices.cpu_per_core_second));
    expected.push(format!("${:.8} per second", site.data.prices.memory_per_gib_second));
    expected.push(format!("${:.2} per month", site.data.prices.volume_per_gib_month));
    let missing: Vec<&String> = expected.iter().filter(|needle| !all_html.contains(needle.as_str())).collect();
    assert!(missing.is_empty(), "data not rendered on any page: {missing:?}");
}

#[test]
fn every_page_has_a_table_of_contents_worth_showing() {
    let (site, rendered) = load_and_render();
    for (page, out) in site.pages.iter().zip(&rendered) {
        assert!(out.toc.len() >= 2, "{} has fewer than two sections", page.slug);
    }
}

/// Each page's Markdown copy is plain CommonMark with GFM tables (no callout markers, heading
/// attributes, fence flags or data-table blocks left, links only to copies, anchors or URLs),
/// has the HTML page's sections, and holds every word of each of them.
#[test]
fn every_page_has_a_plain_markdown_copy_with_the_same_sections_and_words() {
    let (site, rendered) = load_and_render();
    for (page, out) in site.pages.iter().zip(&rendered) {
        let copy =
            to_markdown(page, &site.data, PageLinks::Relative).unwrap_or_else(|errors| panic!("{}", lines(&errors)));
        let slug = &page.slug;
        for leftover in ["[!NOTE]", "[!TIP]", "[!IMPORTANT]", "[!WARNING]", "[!CAUTION]", "outdated=", "```data-table"]
        {
            assert!(!copy.body.contains(leftover), "{slug}: `{leftover}` left in the Markdown");
        }
        let anchors: Vec<&str> = copy.sections.iter().map(|section| section.anchor.as_str()).collect();
        let toc: Vec<&str> = out.toc.iter().map(|entry| entry.id.as_str()).collect();
        assert_eq!(anchors, toc, "{slug}: the copy's sections are the page's");
        for event in Parser::new_ext(&copy.body, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH) {
            match event {
                Event::Html(html) | Event::InlineHtml(html) => panic!("{slug}: HTML in the Markdown: {html}"),
                Event::Start(Tag::Link { dest_url, .. }) => assert!(
                    dest_url.starts_with("https://")
                        || dest_url.starts_with('#')
                        || dest_url.split('#').next().is_some_and(|path| path.ends_with("index.md")),
                    "{slug}: link to `{dest_url}`"
                ),
                Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                    assert!(!info.contains(' '), "{slug}: fence info `{info}` is more than a language")
                }
                _ => {}
            }
        }
        for (section, text) in out.sections.iter().zip(sections_text(&copy)) {
            let missing: Vec<&str> = section.text.split_whitespace().filter(|word| !text.contains(word)).collect();
            assert!(missing.is_empty(), "{slug}#{}: the copy lacks {missing:?}", section.anchor);
        }
    }
}

/// The plain text of each part of a copy (the top, then each section), without white space.
fn sections_text(copy: &atlas_content::MarkdownPage) -> Vec<String> {
    let mut starts: Vec<usize> = std::iter::once(0).chain(copy.sections.iter().map(|section| section.start)).collect();
    starts.push(copy.body.len());
    starts
        .windows(2)
        .map(|bounds| {
            let mut text = String::new();
            for event in Parser::new_ext(&copy.body[bounds[0]..bounds[1]], Options::ENABLE_TABLES) {
                // Inline markup splits a word into events ("**Modal**:"), so spaces are left out.
                if let Event::Text(part) | Event::Code(part) = event {
                    text.extend(part.chars().filter(|ch| !ch.is_whitespace()));
                }
            }
            text
        })
        .collect()
}

/// A small site in a temporary folder (the real settings and data, a home page and `target.md`)
/// with `page` added, loaded and rendered; the errors, with the folder written as `content`.
fn build_with_page(name: &str, page: &str) -> Vec<String> {
    build_with_page_rendered(name, page, |site, base| site.render(base, CodeHtml::Plain))
}

type Render = fn(&Site, &str) -> Result<Vec<RenderedPage>, Vec<atlas_content::ContentError>>;

fn build_with_page_rendered(name: &str, page: &str, render: Render) -> Vec<String> {
    let dir = std::env::temp_dir().join(format!("atlas-content-test-{}-{name}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(dir.join("pages")).unwrap();
    fs::create_dir_all(dir.join("data")).unwrap();
    for file in ["site.toml", "data/modal.toml"] {
        fs::copy(content_dir().join(file), dir.join(file)).unwrap();
    }
    let front = |section: &str, order: u32| {
        format!("+++\ntitle = \"T\"\ndescription = \"D\"\nsection = \"{section}\"\norder = {order}\n+++\n")
    };
    fs::write(dir.join("pages/index.md"), front("start", 0) + "## Home\n").unwrap();
    fs::write(dir.join("pages/target.md"), front("build", 1) + "## Real heading\n").unwrap();
    fs::write(dir.join("pages").join(name), page).unwrap();
    let errors = match Site::load(&dir) {
        Ok(site) => render(&site, "/").err().unwrap_or_default(),
        Err(errors) => errors,
    };
    let _ = fs::remove_dir_all(&dir);
    errors.iter().map(|error| error.to_string().replace(&dir.display().to_string(), "content")).collect()
}

const FRONT: &str = "+++\ntitle = \"T\"\ndescription = \"D\"\nsection = \"guides\"\norder = 99\n+++\n";

#[test]
fn broken_links_are_refused_with_file_and_line() {
    let errors = build_with_page(
        "broken.md",
        &format!(
            "{FRONT}\n## One\n\nSee [x](nope.md), [y](target.md#no-such-heading) and [z](target.md#real-heading).\n"
        ),
    );
    assert_eq!(
        errors,
        [
            "content/pages/broken.md:10: link to nope.md: there is no such page",
            "content/pages/broken.md:10: link to target.md#no-such-heading: that page has no heading with id `no-such-heading`",
        ]
    );
}

#[test]
fn links_into_the_api_reference_wait_for_the_reference_and_are_then_checked() {
    let page = format!("{FRONT}\n## One\n\nSee [the entry](api-storage.md#volume) and [z](apiary.md).\n");
    // Before the reference exists only its pages are let through; `apiary` is not one of them.
    assert_eq!(
        build_with_page_rendered("linking.md", &page, |site, base| site.render_before_reference(base, CodeHtml::Plain)),
        ["content/pages/linking.md:10: link to apiary.md: there is no such page"]
    );
    assert_eq!(
        build_with_page("linking.md", &page),
        [
            "content/pages/linking.md:10: link to api-storage.md: there is no such page",
            "content/pages/linking.md:10: link to apiary.md: there is no such page",
        ]
    );
}

#[test]
fn unknown_section_and_taken_order_are_refused() {
    let errors =
        build_with_page("stray.md", "+++\ntitle = \"T\"\ndescription = \"D\"\nsection = \"misc\"\norder = 1\n+++\n");
    assert!(
        errors[0].starts_with("content/pages/stray.md:2: section `misc` is not in site.toml (expected one of: start,"),
        "{errors:?}"
    );
    let errors =
        build_with_page("again.md", "+++\ntitle = \"T\"\ndescription = \"D\"\nsection = \"start\"\norder = 0\n+++\n");
    // Files load in name order, so the home page (index.md) is the one seen first.
    assert_eq!(errors, ["content/pages/index.md:2: order 0 in section `start` is already taken by again.md"]);
}
