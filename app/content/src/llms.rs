//! The site for coding assistants: `llms.txt` (what there is, one line per page), `llms-full.txt`
//! (every page's Markdown in one file) and a Markdown copy of each page beside its HTML
//! (`gpus/index.md`, `index.md` for home), each naming the client it was checked against. The
//! site's build writes them; the MCP server answers with the same documents.
//!
//! Every page comes from the content model, the generated ones (the rules page, the API
//! reference) among them.

use crate::{MarkdownPage, PageLinks, Site, markdown_path, report, to_markdown};

pub const INDEX: &str = "llms.txt";
pub const FULL: &str = "llms-full.txt";

/// A page as assistants read it.
#[derive(Debug, Clone)]
pub struct Doc {
    /// The page's slug: its route is `<slug>/`, its copy `<slug>/index.md` (`index` is home).
    pub slug: String,
    pub title: String,
    pub description: String,
    /// The `site.toml` section it is listed under in `llms.txt`.
    pub section: String,
    pub markdown: MarkdownPage,
}

/// Every content page as a [`Doc`], in reading order, links written as `links` says.
pub fn content_docs(site: &Site, links: PageLinks) -> Result<Vec<Doc>, String> {
    let mut docs = Vec::new();
    for page in &site.pages {
        let markdown = to_markdown(page, &site.data, links).map_err(report)?;
        docs.push(Doc {
            slug: page.slug.clone(),
            title: page.meta.title.clone(),
            description: page.meta.description.clone(),
            section: page.meta.section.clone(),
            markdown,
        });
    }
    Ok(docs)
}

/// What every copy says under its title: where it is from and what it was checked against.
fn provenance(site: &Site) -> String {
    let client = &site.data.client;
    format!(
        "From {} (unofficial), checked against the `{}` Python client {} (released {}).",
        site.config.title, client.package, client.version, client.released
    )
}

/// The Markdown an assistant reads for `doc`: its title, description, provenance and body.
pub fn document(site: &Site, doc: &Doc) -> String {
    format!("# {}\n\n> {}\n\n{}\n\n{}", doc.title, doc.description, provenance(site), doc.markdown.body)
}

/// `llms.txt`: the site, then each section's pages as links to their copies under `root`.
pub fn index(site: &Site, docs: &[Doc], root: &str) -> String {
    let mut text = format!(
        "# {}\n\n> {}\n\n{} Every page below is Markdown; [{FULL}]({root}{FULL}) has them all in one file.\n",
        site.config.title,
        site.config.tagline,
        provenance(site)
    );
    for section in &site.config.sections {
        let listed: Vec<&Doc> = docs.iter().filter(|doc| doc.section == section.id).collect();
        if listed.is_empty() {
            continue;
        }
        text.push_str(&format!("\n## {}\n\n", section.title));
        for doc in listed {
            text.push_str(&format!("- [{}]({root}{}): {}\n", doc.title, markdown_path(&doc.slug), doc.description));
        }
    }
    text
}

/// `llms-full.txt`: every document, in order, apart by a rule.
pub fn full(site: &Site, docs: &[Doc]) -> String {
    docs.iter().map(|doc| document(site, doc)).collect::<Vec<_>>().join("\n---\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    use std::path::Path;

    fn site() -> Site {
        let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content");
        Site::load_with(&content, vec![crate::rule_docs::page()]).expect("content loads")
    }

    #[test]
    fn the_index_lists_every_page_under_its_section_with_its_copy() {
        let site = site();
        let docs = content_docs(&site, PageLinks::Under("https://x.dev/atlas/")).unwrap();
        let text = index(&site, &docs, "https://x.dev/atlas/");
        assert!(text.starts_with("# Modal Atlas\n\n> An unofficial, interactive reference for Modal\n\n"));
        assert!(text.contains("checked against the `modal` Python client 1.6.4"), "{text}");
        assert!(text.contains("[llms-full.txt](https://x.dev/atlas/llms-full.txt)"));
        assert!(text.contains("\n## Building blocks\n\n"));
        assert!(
            text.contains("- [Checker rules](https://x.dev/atlas/rules/index.md): Every rule of the snippet checker")
        );
        let lines = text.lines().filter(|line| line.starts_with("- [")).count();
        assert_eq!(lines, site.pages.len(), "one line per page");
    }

    #[test]
    fn the_full_text_holds_the_generated_pages_too() {
        let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content");
        let site = crate::Book::read(&content, "/", crate::CodeHtml::Plain).unwrap().site;
        let docs = content_docs(&site, PageLinks::Under("/")).unwrap();
        let index = index(&site, &docs, "/");
        assert!(index.contains("\n## API reference\n\n- [API reference](/api/index.md): Every public name"), "{index}");
        let full = full(&site, &docs);
        assert!(full.contains("\n---\n\n# Checker rules\n\n"), "the rules page is in the full text");
        assert!(full.contains("### Function.spawn_map"), "the API reference is in the full text");
    }
}
