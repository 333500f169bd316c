//! The search index's two files, written next to the pages under content-hashed names (so a cache
//! never mixes two builds): the index, and the sections' texts for excerpts.

use std::fs;
use std::path::Path;

use atlas_search::{Index, TextStore};

use crate::hash::fnv1a;

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

#[cfg(test)]
mod tests {
    use std::path::Path;

    use atlas_content::{Book, CodeHtml};

    use crate::size::brotli_len;

    /// The budget from the search issue: the index, brotli-compressed, is at most 35% of the
    /// text it indexes.
    #[test]
    fn index_stays_within_its_size_budget() {
        let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content");
        let (index, texts) = Book::read(&content, "/", CodeHtml::Plain).expect("content loads").search_index();
        let corpus: usize = texts.texts.iter().map(String::len).sum();
        let compressed = brotli_len(&index.to_bytes()) as usize;
        assert!(compressed * 100 <= corpus * 35, "index is {compressed} B brotli for {corpus} B of text");
    }
}
