//! The search index of the site: every section of every page, written next to the pages under
//! content-hashed names (so a cache never mixes two builds), and the query set that holds its
//! quality.

use std::fs;
use std::path::Path;

use atlas_content::{RenderedPage, Site};
use atlas_search::{Index, IndexBuilder, TextStore};
use serde::Deserialize;

use crate::hash::fnv1a;

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

/// URLs (below the base path) of the two files, for the pages to name.
pub struct SearchFiles {
    pub index: String,
    pub text: String,
}

pub fn write(dist: &Path, index: &Index, texts: &TextStore) -> Result<SearchFiles, String> {
    let write_hashed = |stem: &str, bytes: Vec<u8>| {
        let name = format!("{stem}-{:016x}.bin", fnv1a(&bytes));
        fs::write(dist.join(&name), bytes).map_err(|err| format!("cannot write {name}: {err}"))?;
        Ok::<String, String>(name)
    };
    Ok(SearchFiles {
        index: write_hashed("search-index", index.to_bytes())?,
        text: write_hashed("search-text", texts.to_bytes())?,
    })
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
        let content = repo().join("content");
        let generated = crate::prerender::generated_pages(&content).expect("generated pages");
        let site = Site::load_with(&content, generated).expect("content loads");
        let rendered = site.render_text("/").expect("content renders");
        build(&site, &rendered)
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

    /// The budget from the search issue: the index, brotli-compressed, is at most 35% of the
    /// text it indexes.
    #[test]
    fn index_stays_within_its_size_budget() {
        let (index, texts) = site_index();
        let corpus: usize = texts.texts.iter().map(String::len).sum();
        let compressed = crate::size::brotli_len(&index.to_bytes()) as usize;
        assert!(compressed * 100 <= corpus * 35, "index is {compressed} B brotli for {corpus} B of text");
    }
}
