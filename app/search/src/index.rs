//! The index: pages, sections (docs), and a sorted term list with postings; built natively,
//! encoded to bytes, decoded in the browser.

use std::collections::BTreeMap;

use crate::bytes::{DecodeError, Reader, Writer};
use crate::tokenize::tokenize;

const INDEX_MAGIC: &[u8] = b"ATLSIDX2";
const TEXT_MAGIC: &[u8] = b"ATLSTXT1";

/// Where a term occurs in a section.
pub(crate) const IN_TITLE: u8 = 1;
pub(crate) const IN_HEADING: u8 = 2;
pub(crate) const IN_BODY: u8 = 4;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub slug: String,
    pub title: String,
}

/// A searchable section: the top of a page (empty `anchor`) or the part under one heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Doc {
    pub page: usize,
    pub anchor: String,
    pub heading: String,
    /// Body terms, for length normalisation.
    pub len: u32,
    /// Terms in the section's name (the page title for a page's top, else the heading), so a
    /// short name that is all query ("GPUs") outranks a long one that contains it.
    pub name_len: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Posting {
    pub doc: u32,
    pub fields: u8,
    /// Occurrences in the body.
    pub tf: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Index {
    pub pages: Vec<Page>,
    pub docs: Vec<Doc>,
    /// Sorted, so prefixes are ranges.
    pub(crate) terms: Vec<String>,
    pub(crate) postings: Vec<Vec<Posting>>,
    pub(crate) average_len: f32,
}

/// The text of every section, by doc number, for excerpts. Kept apart from the index, which
/// ranks without it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextStore {
    pub texts: Vec<String>,
}

#[derive(Default)]
pub struct IndexBuilder {
    pages: Vec<Page>,
    docs: Vec<Doc>,
    texts: Vec<String>,
    terms: BTreeMap<String, BTreeMap<u32, (u8, u32)>>,
}

impl IndexBuilder {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a page; its sections follow with [`IndexBuilder::add_section`].
    pub fn add_page(&mut self, slug: &str, title: &str) -> usize {
        self.pages.push(Page { slug: slug.to_string(), title: title.to_string() });
        self.pages.len() - 1
    }

    /// Adds a section of `page`. The page's title counts as the title of its top section (the
    /// one with an empty `anchor`), so a title match leads to the page itself.
    pub fn add_section(&mut self, page: usize, anchor: &str, heading: &str, body: &str) {
        let doc = self.docs.len() as u32;
        let mut note = |term: String, field: u8| {
            let entry = self.terms.entry(term).or_default().entry(doc).or_insert((0, 0));
            entry.0 |= field;
            if field == IN_BODY {
                entry.1 += 1;
            }
        };
        let (name, field) = if anchor.is_empty() {
            (self.pages[page].title.clone(), IN_TITLE)
        } else {
            (heading.to_string(), IN_HEADING)
        };
        let mut name_len = 0;
        for token in tokenize(&name) {
            note(token.term, field);
            name_len += 1;
        }
        let mut len = 0;
        for token in tokenize(body) {
            note(token.term, IN_BODY);
            len += 1;
        }
        self.docs.push(Doc { page, anchor: anchor.to_string(), heading: heading.to_string(), len, name_len });
        self.texts.push(body.to_string());
    }

    pub fn build(self) -> (Index, TextStore) {
        let average_len = average_len(&self.docs);
        let (terms, postings) = self
            .terms
            .into_iter()
            .map(|(term, docs)| {
                let postings = docs.into_iter().map(|(doc, (fields, tf))| Posting { doc, fields, tf }).collect();
                (term, postings)
            })
            .unzip();
        (Index { pages: self.pages, docs: self.docs, terms, postings, average_len }, TextStore { texts: self.texts })
    }
}

impl Index {
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Writer::default();
        out.raw(INDEX_MAGIC);
        out.usize(self.pages.len());
        for page in &self.pages {
            out.str(&page.slug);
            out.str(&page.title);
        }
        out.usize(self.docs.len());
        for doc in &self.docs {
            out.usize(doc.page);
            out.str(&doc.anchor);
            out.str(&doc.heading);
            out.uint(u64::from(doc.len));
            out.uint(u64::from(doc.name_len));
        }
        out.usize(self.terms.len());
        let mut previous = "";
        for (term, postings) in self.terms.iter().zip(&self.postings) {
            // Front coding: sorted neighbours share long prefixes.
            let shared = common_prefix(previous, term);
            out.usize(shared);
            out.str(&term[shared..]);
            out.usize(postings.len());
            let mut last_doc = 0;
            for posting in postings {
                out.uint(u64::from(posting.doc - last_doc));
                last_doc = posting.doc;
                out.uint(u64::from(posting.fields));
                if posting.fields & IN_BODY != 0 {
                    out.uint(u64::from(posting.tf));
                }
            }
            previous = term;
        }
        out.bytes
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Index, DecodeError> {
        let mut input = Reader::new(bytes);
        if input.take(INDEX_MAGIC.len(), "the index header")? != INDEX_MAGIC {
            return Err(DecodeError { offset: 0, expected: "the index header ATLSIDX2" });
        }
        let page_count = input.usize_below(input.remaining() + 1, "a page count")?;
        let mut pages = Vec::with_capacity(page_count);
        for _ in 0..page_count {
            pages.push(Page { slug: input.str()?.to_string(), title: input.str()?.to_string() });
        }
        let doc_count = input.usize_below(input.remaining() + 1, "a section count")?;
        let mut docs = Vec::with_capacity(doc_count);
        for _ in 0..doc_count {
            let page = input.usize_below(pages.len(), "a page number")?;
            let anchor = input.str()?.to_string();
            let heading = input.str()?.to_string();
            let len = input.usize_below(u32::MAX as usize, "a section length")? as u32;
            let name_len = input.usize_below(u32::MAX as usize, "a name length")? as u32;
            docs.push(Doc { page, anchor, heading, len, name_len });
        }
        let term_count = input.usize_below(input.remaining() + 1, "a term count")?;
        let mut terms: Vec<String> = Vec::with_capacity(term_count);
        let mut postings = Vec::with_capacity(term_count);
        for _ in 0..term_count {
            let previous = terms.last().map_or("", String::as_str);
            let shared = input.usize_below(previous.len() + 1, "a shared prefix length")?;
            let prefix = previous
                .get(..shared)
                .ok_or(DecodeError { offset: 0, expected: "a prefix on a character boundary" })?;
            let term = format!("{prefix}{}", input.str()?);
            if previous >= term.as_str() && !terms.is_empty() {
                return Err(DecodeError { offset: 0, expected: "terms in sorted order" });
            }
            let count = input.usize_below(doc_count + 1, "a posting count no larger than the sections")?;
            let mut list = Vec::with_capacity(count);
            let mut doc = 0usize;
            for _ in 0..count {
                doc += input.usize_below(doc_count, "a section number")?;
                if doc >= doc_count {
                    return Err(DecodeError { offset: 0, expected: "a section number" });
                }
                let fields = input.usize_below(8, "field flags")? as u8;
                let tf = if fields & IN_BODY != 0 {
                    input.usize_below(u32::MAX as usize, "a term count")? as u32
                } else {
                    0
                };
                list.push(Posting { doc: doc as u32, fields, tf });
            }
            terms.push(term);
            postings.push(list);
        }
        input.finish()?;
        let average_len = average_len(&docs);
        Ok(Index { pages, docs, terms, postings, average_len })
    }

    /// The number of distinct terms.
    pub fn term_count(&self) -> usize {
        self.terms.len()
    }
}

impl TextStore {
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Writer::default();
        out.raw(TEXT_MAGIC);
        out.usize(self.texts.len());
        for text in &self.texts {
            out.str(text);
        }
        out.bytes
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<TextStore, DecodeError> {
        let mut input = Reader::new(bytes);
        if input.take(TEXT_MAGIC.len(), "the text header")? != TEXT_MAGIC {
            return Err(DecodeError { offset: 0, expected: "the text header ATLSTXT1" });
        }
        let count = input.usize_below(input.remaining() + 1, "a section count")?;
        let mut texts = Vec::with_capacity(count);
        for _ in 0..count {
            texts.push(input.str()?.to_string());
        }
        input.finish()?;
        Ok(TextStore { texts })
    }
}

/// The mean body length in terms (at least 1) of the sections that have a body, for BM25's
/// length normalisation: sections found by their headings alone (the API reference's) have
/// none, and counting them would make every real section look long.
fn average_len(docs: &[Doc]) -> f32 {
    let with_body: Vec<u64> = docs.iter().map(|doc| u64::from(doc.len)).filter(|len| *len > 0).collect();
    if with_body.is_empty() { 1.0 } else { (with_body.iter().sum::<u64>() as f32 / with_body.len() as f32).max(1.0) }
}

fn common_prefix(a: &str, b: &str) -> usize {
    a.char_indices()
        .zip(b.chars())
        .take_while(|((_, x), y)| x == y)
        .last()
        .map_or(0, |((at, ch), _)| at + ch.len_utf8())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn sample() -> (Index, TextStore) {
        let mut builder = IndexBuilder::new();
        let scheduling = builder.add_page("scheduling", "Scheduling");
        builder.add_section(
            scheduling,
            "",
            "Scheduling",
            "Run functions on a timetable with modal.Cron and modal.Period.",
        );
        builder.add_section(
            scheduling,
            "time-zones",
            "Time zones",
            "Pass timezone=\"America/New_York\" to modal.Cron; the default timezone is UTC.",
        );
        let concurrency = builder.add_page("concurrency", "Concurrency and autoscaling");
        builder.add_section(concurrency, "", "Concurrency and autoscaling", "Containers scale to zero.");
        builder.add_section(
            concurrency,
            "scaledown_window",
            "scaledown_window",
            "scaledown_window replaces container_idle_timeout and keeps idle containers warm for 2 to 3600 seconds.",
        );
        let gpus = builder.add_page("gpus", "GPUs");
        builder.add_section(
            gpus,
            "",
            "GPUs",
            "Request gpu=\"H100:4\" for four GPUs, or a fallback list. Sandboxes take gpu= too.",
        );
        let images = builder.add_page("images", "Container images");
        builder.add_section(
            images,
            "",
            "Container images",
            "Install packages with modal.Image.debian_slim().uv_pip_install(\"torch\").",
        );
        builder.build()
    }

    #[test]
    fn index_and_texts_round_trip_through_bytes() {
        let (index, texts) = sample();
        assert_eq!(Index::from_bytes(&index.to_bytes()).unwrap(), index);
        assert_eq!(TextStore::from_bytes(&texts.to_bytes()).unwrap(), texts);
    }

    #[test]
    fn damaged_bytes_are_an_error_never_a_panic() {
        let (index, texts) = sample();
        let bytes = index.to_bytes();
        for cut in 0..bytes.len() {
            assert!(Index::from_bytes(&bytes[..cut]).is_err(), "cut at {cut}");
        }
        let mut flipped = bytes.clone();
        for at in 0..flipped.len() {
            flipped[at] ^= 0x5a;
            let _ = Index::from_bytes(&flipped);
            flipped[at] ^= 0x5a;
        }
        assert!(TextStore::from_bytes(&texts.to_bytes()[..10]).is_err());
        assert_eq!(Index::from_bytes(b"not an index").unwrap_err().expected, "the index header ATLSIDX2");
    }

    #[test]
    fn title_terms_belong_to_the_top_section_and_headings_to_theirs() {
        let (index, _) = sample();
        let find = |term: &str| &index.postings[index.terms.binary_search_by(|t| t.as_str().cmp(term)).unwrap()];
        assert_eq!(find("autoscaling")[0].fields, IN_TITLE);
        assert_eq!(find("scaledown_window")[0].fields, IN_HEADING | IN_BODY);
    }
}
