//! The search index of the site: every section of every page (the book's search documents), and
//! the query set that holds its quality.

use std::fs;
use std::path::Path;

use atlas_search::{Index, IndexBuilder, TextStore};
use serde::Deserialize;

use crate::{RenderedPage, Site};

pub fn build(site: &Site, rendered: &[RenderedPage]) -> (Index, TextStore) {
    let mut builder = IndexBuilder::new();
    for (page, out) in site.pages.iter().zip(rendered) {
        let page_no = builder.add_page(&page.slug, &page.meta.title);
        for section in &out.sections {
            // The page's top section keeps its text: it says what the page is.
            let text = if page.meta.search_text || section.anchor.is_empty() { &section.text } else { "" };
            builder.add_section(page_no, &section.anchor, &section.heading, text);
        }
    }
    builder.build()
}

/// `tests/search-queries.toml`: queries with the page each must return in its top three.
#[derive(Debug, Deserialize)]
pub struct QuerySet {
    pub query: Vec<Query>,
}

#[derive(Debug, Deserialize)]
pub struct Query {
    pub text: String,
    pub class: String,
    pub page: String,
}

impl QuerySet {
    pub fn load(path: &Path) -> Result<QuerySet, String> {
        let text = fs::read_to_string(path).map_err(|err| format!("cannot read {}: {err}", path.display()))?;
        toml::from_str(&text).map_err(|err| format!("{}: {err}", path.display()))
    }
}

/// The slugs of the pages of the top `n` hits for `query`.
pub fn top_pages(index: &Index, query: &str, n: usize) -> Vec<String> {
    index.search(query, n).into_iter().map(|hit| index.pages[index.docs[hit.doc].page].slug.clone()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn repo() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
    }

    fn site_index() -> (Index, TextStore) {
        crate::Book::read(&repo().join("content"), "/", crate::CodeHtml::Plain).expect("content loads").search_index()
    }

    /// The quality bar: at least 90% of the query set finds its page in the top three.
    #[test]
    fn query_set_finds_the_right_page_in_the_top_three() {
        let (index, _) = site_index();
        let set = QuerySet::load(&repo().join("tests/search-queries.toml")).unwrap();
        assert!(set.query.len() >= 40, "the query set has {} queries; it needs at least 40", set.query.len());
        let misses: Vec<String> = set
            .query
            .iter()
            .filter_map(|query| {
                let top = top_pages(&index, &query.text, 3);
                (!top.contains(&query.page))
                    .then(|| format!("{} `{}`: expected {}, got {top:?}", query.class, query.text, query.page))
            })
            .collect();
        let found = set.query.len() - misses.len();
        let rate = found as f64 / set.query.len() as f64;
        println!("search quality: {found}/{} ({:.0}%) in the top three", set.query.len(), rate * 100.0);
        for miss in &misses {
            println!("  miss: {miss}");
        }
        assert!(rate >= 0.9, "only {found} of {} queries found their page:\n{}", set.query.len(), misses.join("\n"));
    }

    #[test]
    fn every_page_and_section_is_searchable() {
        let (index, texts) = site_index();
        assert_eq!(index.docs.len(), texts.texts.len());
        for page in &index.pages {
            assert_eq!(
                top_pages(&index, &page.title, 3).first(),
                Some(&page.slug),
                "searching the title of {}",
                page.slug
            );
        }
    }
}
