//! Ranked search over an [`Index`].
//!
//! Every query word must match (a code token may match whole or by all of its parts). A word
//! matches a term exactly, as a prefix (the reader is still typing), or, when neither finds
//! anything, within one edit (two for words of 8+ characters), counting a swap of neighbours as
//! one edit. Sections rank by how they matched (exact, then prefix, then typo) and then by score:
//! a title match outweighs a heading match, which outweighs the body (BM25).

use std::collections::HashMap;

use crate::index::{IN_BODY, IN_HEADING, IN_TITLE, Index, Posting};
use crate::tokenize::tokenize;

/// Longer input is cut here: nobody types more, and the cost stays bounded.
const MAX_QUERY_BYTES: usize = 256;
/// More query words than this are ignored.
const MAX_WORDS: usize = 8;
/// How many completions of a prefix are considered.
const MAX_PREFIX_TERMS: usize = 64;
/// Sections shown per page, so one long page cannot fill the list.
const MAX_HITS_PER_PAGE: usize = 3;

const TITLE_WEIGHT: f32 = 8.0;
const HEADING_WEIGHT: f32 = 2.5;
/// A section whose heading is the whole query, when that is a qualified name (`App.function`, an
/// API reference entry), is the one asked for: its score is multiplied by this. A bare word
/// (`Cron`) may as well mean the page that teaches it.
const NAMED_BY_HEADING: f32 = 3.0;
const BM25_K1: f32 = 1.2;
const BM25_B: f32 = 0.75;

/// How a section matched, best first; a section is as good as its weakest query word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MatchKind {
    Exact,
    Prefix,
    Typo,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Index into [`Index::docs`].
    pub doc: usize,
    pub kind: MatchKind,
    pub score: f32,
    /// The index terms that matched, for highlighting.
    pub terms: Vec<String>,
}

/// What one query word needs: any of these alternatives, each a list of terms that must all
/// match (a code token: itself whole, or all of its parts).
struct Word {
    alternatives: Vec<Vec<String>>,
}

#[derive(Clone)]
struct DocMatch {
    kind: MatchKind,
    score: f32,
    terms: Vec<usize>,
}

impl Index {
    /// The best sections for `query`, at most `limit`. Any input is accepted; input with no
    /// searchable word gives no hits.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        let words = parse(query);
        if words.is_empty() {
            return Vec::new();
        }
        let per_word: Vec<HashMap<usize, DocMatch>> = words.iter().map(|word| self.match_word(word)).collect();
        let mut combined: HashMap<usize, (usize, DocMatch)> = HashMap::new();
        for matches in &per_word {
            for (&doc, found) in matches {
                let entry = combined
                    .entry(doc)
                    .or_insert((0, DocMatch { kind: MatchKind::Exact, score: 0.0, terms: Vec::new() }));
                entry.0 += 1;
                entry.1.kind = entry.1.kind.max(found.kind);
                entry.1.score += found.score;
                entry.1.terms.extend(&found.terms);
            }
        }
        // All words must match when any section has them all; otherwise the most words win.
        let most = combined.values().map(|(count, _)| *count).max().unwrap_or(0);
        let asked = query.trim();
        let qualified = asked.contains('.') && !asked.contains(char::is_whitespace);
        let mut ranked: Vec<(usize, DocMatch)> = combined
            .into_iter()
            .filter(|(_, (count, _))| *count == most)
            .map(|(doc, (_, mut found))| {
                if qualified && self.docs[doc].heading.eq_ignore_ascii_case(asked) {
                    found.score *= NAMED_BY_HEADING;
                }
                (doc, found)
            })
            .collect();
        ranked.sort_by(|(doc_a, a), (doc_b, b)| {
            a.kind.cmp(&b.kind).then(b.score.total_cmp(&a.score)).then(doc_a.cmp(doc_b))
        });
        let mut shown_per_page: HashMap<usize, usize> = HashMap::new();
        ranked
            .into_iter()
            .filter(|(doc, _)| {
                let shown = shown_per_page.entry(self.docs[*doc].page).or_default();
                *shown += 1;
                *shown <= MAX_HITS_PER_PAGE
            })
            .take(limit)
            .map(|(doc, found)| {
                let mut terms: Vec<String> = found.terms.iter().map(|&term| self.terms[term].clone()).collect();
                terms.sort();
                terms.dedup();
                Hit { doc, kind: found.kind, score: found.score, terms }
            })
            .collect()
    }

    /// Sections matching one query word, with the best way each matched.
    fn match_word(&self, word: &Word) -> HashMap<usize, DocMatch> {
        let mut best: HashMap<usize, DocMatch> = HashMap::new();
        for alternative in &word.alternatives {
            let mut together: Option<HashMap<usize, DocMatch>> = None;
            for term in alternative {
                let matches = self.match_term(term);
                together = Some(match together {
                    None => matches,
                    Some(so_far) => so_far
                        .into_iter()
                        .filter_map(|(doc, mut found)| {
                            let other = matches.get(&doc)?;
                            found.kind = found.kind.max(other.kind);
                            found.score += other.score;
                            found.terms.extend(&other.terms);
                            Some((doc, found))
                        })
                        .collect(),
                });
            }
            for (doc, found) in together.unwrap_or_default() {
                let keep = best.get(&doc).is_none_or(|old| (found.kind, -found.score) < (old.kind, -old.score));
                if keep {
                    best.insert(doc, found);
                }
            }
        }
        best
    }

    /// Sections containing `term` exactly, as a prefix, or else with a typo.
    fn match_term(&self, term: &str) -> HashMap<usize, DocMatch> {
        let mut candidates: Vec<(usize, MatchKind, f32)> = Vec::new();
        let start = self.terms.partition_point(|t| t.as_str() < term);
        if self.terms.get(start).is_some_and(|t| t == term) {
            candidates.push((start, MatchKind::Exact, 1.0));
        }
        if term.chars().count() >= 2 {
            let query_len = term.len() as f32;
            candidates.extend(
                self.terms[start..]
                    .iter()
                    .enumerate()
                    .take_while(|(_, t)| t.starts_with(term))
                    .filter(|(_, t)| t.as_str() != term)
                    .take(MAX_PREFIX_TERMS)
                    .map(|(offset, t)| (start + offset, MatchKind::Prefix, 0.6 * query_len / t.len() as f32)),
            );
        }
        if candidates.is_empty() {
            let max_edits = match term.chars().count() {
                0..4 => 0,
                4..8 => 1,
                _ => 2,
            };
            if max_edits > 0 {
                let query: Vec<char> = term.chars().collect();
                for (at, candidate) in self.terms.iter().enumerate() {
                    if let Some(edits) = within_edits(&query, candidate, max_edits) {
                        candidates.push((at, MatchKind::Typo, if edits == 1 { 0.35 } else { 0.2 }));
                    }
                }
            }
        }
        let mut found: HashMap<usize, DocMatch> = HashMap::new();
        for (term_at, kind, weight) in candidates {
            let postings = &self.postings[term_at];
            let idf = self.idf(postings.len());
            for posting in postings {
                let score = weight * idf * self.field_score(posting);
                let doc = posting.doc as usize;
                let better = found.get(&doc).is_none_or(|old| (kind, -score) < (old.kind, -old.score));
                if better {
                    found.insert(doc, DocMatch { kind, score, terms: vec![term_at] });
                } else if let Some(old) = found.get_mut(&doc) {
                    old.terms.push(term_at);
                }
            }
        }
        found
    }

    fn idf(&self, doc_frequency: usize) -> f32 {
        let n = self.docs.len() as f32;
        let df = doc_frequency as f32;
        (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
    }

    fn field_score(&self, posting: &Posting) -> f32 {
        let mut score = 0.0;
        // A name match counts more the more of the name it is: "GPUs" for `gpu` beats
        // "GPU and cost calculator".
        let name_share = 1.0 + 1.0 / self.docs[posting.doc as usize].name_len.max(1) as f32;
        if posting.fields & IN_TITLE != 0 {
            score += TITLE_WEIGHT * name_share;
        }
        if posting.fields & IN_HEADING != 0 {
            score += HEADING_WEIGHT * name_share;
        }
        if posting.fields & IN_BODY != 0 {
            let tf = posting.tf as f32;
            let len = self.docs[posting.doc as usize].len as f32;
            score += tf * (BM25_K1 + 1.0) / (tf + BM25_K1 * (1.0 - BM25_B + BM25_B * len / self.average_len));
        }
        score
    }
}

/// Query text to words: each plain word alone; each code token whole or by its parts.
fn parse(query: &str) -> Vec<Word> {
    let mut cut = query.len().min(MAX_QUERY_BYTES);
    while !query.is_char_boundary(cut) {
        cut -= 1;
    }
    let tokens = tokenize(&query[..cut]);
    let mut words: Vec<Word> = Vec::new();
    let mut at = 0;
    let mut previous_whole: Option<&crate::Token> = None;
    while at < tokens.len() && words.len() < MAX_WORDS {
        let token = &tokens[at];
        at += 1;
        // The tails of an attribute path (`web_endpoint` of `modal.web_endpoint`) are in the index
        // for queries that start there; a query naming the whole path needs only the whole.
        if let Some(previous) = previous_whole
            && token.whole
            && token.end == previous.end
            && token.start > previous.start
        {
            continue;
        }
        if token.whole {
            previous_whole = Some(token);
        }
        let alternatives = if token.whole {
            let parts: Vec<String> = tokens[at..]
                .iter()
                .take_while(|part| !part.whole && part.end <= token.end)
                .map(|part| part.term.clone())
                .collect();
            at += parts.len();
            if parts.is_empty() { vec![vec![token.term.clone()]] } else { vec![vec![token.term.clone()], parts] }
        } else {
            vec![vec![token.term.clone()]]
        };
        if !words.iter().any(|word| word.alternatives == alternatives) {
            words.push(Word { alternatives });
        }
    }
    words
}

/// The optimal-string-alignment distance between `query` and `candidate` if it is at most
/// `max_edits` (insertions, deletions, substitutions, swaps of neighbours), else `None`.
fn within_edits(query: &[char], candidate: &str, max_edits: usize) -> Option<usize> {
    let target: Vec<char> = candidate.chars().collect();
    if query.len().abs_diff(target.len()) > max_edits {
        return None;
    }
    let width = target.len() + 1;
    let mut rows = vec![vec![0usize; width]; 3];
    for (j, cell) in rows[1].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=query.len() {
        let (current, previous, before) = (i % 3, (i + 2) % 3, (i + 1) % 3);
        rows[current][0] = i;
        let mut row_min = i;
        for j in 1..width {
            let cost = usize::from(query[i - 1] != target[j - 1]);
            let mut value = (rows[previous][j] + 1).min(rows[current][j - 1] + 1).min(rows[previous][j - 1] + cost);
            if i > 1 && j > 1 && query[i - 1] == target[j - 2] && query[i - 2] == target[j - 1] {
                value = value.min(rows[before][j - 2] + 1);
            }
            rows[current][j] = value;
            row_min = row_min.min(value);
        }
        if row_min > max_edits {
            return None;
        }
    }
    let distance = rows[query.len() % 3][target.len()];
    (distance <= max_edits).then_some(distance)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::tests::sample;

    fn top(query: &str) -> Vec<String> {
        let (index, _) = sample();
        index
            .search(query, 10)
            .into_iter()
            .map(|hit| {
                let doc = &index.docs[hit.doc];
                format!("{}#{}", index.pages[doc.page].slug, doc.anchor)
            })
            .collect()
    }

    #[test]
    fn edit_distance_counts_a_swap_as_one_edit() {
        let chars = |text: &str| text.chars().collect::<Vec<_>>();
        assert_eq!(within_edits(&chars("deplyo"), "deploy", 1), Some(1));
        assert_eq!(within_edits(&chars("scaledwon"), "scaledown", 1), Some(1));
        assert_eq!(within_edits(&chars("timezon"), "timezone", 1), Some(1));
        assert_eq!(within_edits(&chars("cron"), "corn", 1), Some(1));
        assert_eq!(within_edits(&chars("cron"), "crane", 1), None);
        assert_eq!(within_edits(&chars("volumes"), "volume", 2), Some(1));
    }

    #[test]
    fn code_tokens_match_whole_or_by_parts() {
        assert_eq!(top("scaledown_window")[0], "concurrency#scaledown_window");
        assert_eq!(top("modal.Cron")[0], "scheduling#");
        assert_eq!(top("H100:4"), ["gpus#"]);
        assert_eq!(top("scaledown")[0], "concurrency#scaledown_window");
    }

    #[test]
    fn attribute_paths_are_found_by_their_tail() {
        assert_eq!(top("uv_pip_install"), ["images#"]);
        assert_eq!(top("modal.Image.uv_pip_install"), ["images#"]);
        assert_eq!(top("Image.uv_pip_install"), ["images#"]);
    }

    #[test]
    fn a_title_that_is_all_query_beats_a_longer_one() {
        let mut builder = crate::IndexBuilder::new();
        let calculator = builder.add_page("calculator", "GPU and cost calculator");
        builder.add_section(calculator, "", "GPU and cost calculator", "GPU GPU GPU prices for every GPU.");
        let gpus = builder.add_page("gpus", "GPUs");
        builder.add_section(gpus, "", "GPUs", "Pick one.");
        let (index, _) = builder.build();
        assert_eq!(index.pages[index.docs[index.search("GPUs", 1)[0].doc].page].slug, "gpus");
    }

    #[test]
    fn title_beats_heading_beats_body() {
        assert_eq!(top("concurrency")[0], "concurrency#");
        assert_eq!(top("timezone")[0], "scheduling#time-zones");
    }

    #[test]
    fn typos_and_prefixes_find_their_words() {
        assert_eq!(top("scaledwon")[0], "concurrency#scaledown_window");
        assert_eq!(top("timezon")[0], "scheduling#time-zones");
        assert_eq!(top("sandboxs"), ["gpus#"]);
        assert_eq!(top("sched"), ["scheduling#"]);
    }

    #[test]
    fn exact_matches_rank_before_prefix_and_typo_matches() {
        let (index, _) = sample();
        let hits = index.search("zero", 10);
        assert_eq!(hits[0].kind, MatchKind::Exact);
        let hits = index.search("contain", 10);
        assert!(hits.iter().all(|hit| hit.kind == MatchKind::Prefix));
    }

    #[test]
    fn old_names_find_the_section_that_explains_the_new_one() {
        assert_eq!(top("container_idle_timeout")[0], "concurrency#scaledown_window");
    }

    #[test]
    fn every_word_must_match_when_some_section_has_them_all() {
        assert_eq!(top("timezone UTC"), ["scheduling#time-zones"]);
    }

    #[test]
    fn hostile_input_gives_an_answer_not_a_panic() {
        let (index, _) = sample();
        for query in ["", "   ", "!!!???", ".*+?^${}()|[]\\", "<script>alert(1)</script>", "🦀🦀", "\u{0}\u{7f}", "a"]
        {
            let _ = index.search(query, 10);
        }
        let long = "cron ".repeat(2000);
        assert_eq!(top(&long)[0], "scheduling#");
        assert!(index.search(&"é".repeat(10_000), 10).is_empty());
    }
}
