//! The book: `content/` loaded, checked and rendered once, with the pages written from code and
//! data (the rules page from the checker's rules, the API reference from the client's data and
//! the teaching pages' examples). Every output reads it: the site's pages, the Markdown for
//! assistants, the search index, the MCP server and the benches.

use std::collections::HashMap;
use std::path::Path;

use atlas_search::{Index, TextStore};

use crate::api_reference::ApiReference;
use crate::{CodeHtml, ContentError, ContentFiles, Coverage, Page, RenderedPage, Site, rule_docs, search_index};

pub struct Book {
    /// Settings, data, the playground's gallery, and every page (the generated ones too) in
    /// reading order.
    pub site: Site,
    /// Each page of `site.pages` rendered, in the same order.
    pub rendered: Vec<RenderedPage>,
    /// Which current names of the client the teaching pages' examples use.
    pub coverage: Coverage,
    /// The client's names that have no summary of ours yet (the goal is none).
    pub unsummarised: Vec<String>,
}

impl Book {
    /// Reads `dir` (the `content/` folder): [`Book::load`].
    pub fn read(dir: &Path, base: &str, code: CodeHtml) -> Result<Book, String> {
        Book::load(&ContentFiles::read(dir).map_err(report)?, base, code)
    }

    /// Loads the files of `content/` (read or embedded) and renders every page for a site served
    /// under `base` (which starts and ends with `/`), code as `code` says; every problem found is
    /// in the message.
    pub fn load(files: &ContentFiles, base: &str, code: CodeHtml) -> Result<Book, String> {
        // The API reference is written from the teaching pages' examples, so those come first;
        // each page is rendered once.
        let teaching = Site::from_files(files, vec![rule_docs::page()]).map_err(report)?;
        let rendered_teaching = teaching.render_pages(base, code).map_err(report)?;
        let reference = ApiReference::load(files, &rendered_teaching)?;
        let generated = std::iter::once(rule_docs::page()).chain(reference.pages()?).collect();
        let site = Site::from_files(files, generated).map_err(report)?;
        let mut rendered_before: HashMap<String, RenderedPage> =
            rendered_teaching.into_iter().map(|page| (page.slug.clone(), page)).collect();
        let mut rendered = Vec::new();
        let mut errors = Vec::new();
        for page in &site.pages {
            match rendered_before.remove(&page.slug).map_or_else(|| site.render_page(page, base, code), Ok) {
                Ok(out) => rendered.push(out),
                Err(errs) => errors.extend(errs),
            }
        }
        if !errors.is_empty() {
            return Err(report(errors));
        }
        site.check_links(&rendered, false).map_err(report)?;
        Ok(Book { coverage: reference.coverage(), unsummarised: reference.missing_summaries(), site, rendered })
    }

    /// Each page with its rendering, in reading order.
    pub fn pages(&self) -> impl Iterator<Item = (&Page, &RenderedPage)> {
        self.site.pages.iter().zip(&self.rendered)
    }

    /// The search index of every section of every page, and the sections' texts for excerpts.
    pub fn search_index(&self) -> (Index, TextStore) {
        search_index::build(&self.site, &self.rendered)
    }
}

/// Problems in the content as one message: how many, then one a line.
pub fn report(errors: Vec<ContentError>) -> String {
    let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
    format!("content has {} problem(s):\n{}", errors.len(), lines.join("\n"))
}
