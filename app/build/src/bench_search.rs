//! `atlas-build bench-search`: the search figures the issues ask for, from the real content.
//! Printed, not asserted: timings vary with the machine; sizes and quality are tested elsewhere.

use std::collections::BTreeMap;
use std::time::Instant;

use atlas_content::search_index::{QuerySet, top_pages};
use atlas_content::{Book, CodeHtml};

use crate::args::BenchSearchArgs;
use crate::size::brotli_len;

pub fn run(args: BenchSearchArgs) -> Result<(), String> {
    let BenchSearchArgs { content, queries, runs } = args;

    let book = Book::read(&content, "/", CodeHtml::Plain)?;
    let started = Instant::now();
    let (index, texts) = book.search_index();
    let build_ms = started.elapsed().as_secs_f64() * 1000.0;

    let corpus: usize = texts.texts.iter().map(String::len).sum();
    let index_bytes = index.to_bytes();
    let text_bytes = texts.to_bytes();
    let (index_brotli, text_brotli) = (brotli_len(&index_bytes), brotli_len(&text_bytes));
    println!(
        "search index: {} pages, {} sections, {} terms, built in {build_ms:.1} ms",
        index.pages.len(),
        index.docs.len(),
        index.term_count()
    );
    println!("corpus text (section texts, raw):  {corpus:>8} B");
    println!(
        "index:        raw {:>8} B   brotli {index_brotli:>8} B   = {:.1}% of the corpus text",
        index_bytes.len(),
        100.0 * index_brotli as f64 / corpus as f64
    );
    println!("excerpt text: raw {:>8} B   brotli {text_brotli:>8} B", text_bytes.len());
    println!("fetched before the first result: {} B brotli (both files, once)", index_brotli + text_brotli);

    let set = QuerySet::load(&queries)?;
    let mut by_class: BTreeMap<&str, Vec<f64>> = BTreeMap::new();
    let mut found = 0;
    for query in &set.query {
        if top_pages(&index, &query.text, 3).contains(&query.page) {
            found += 1;
        }
        let mut times: Vec<f64> = (0..runs)
            .map(|_| {
                let started = Instant::now();
                std::hint::black_box(index.search(std::hint::black_box(&query.text), 8));
                started.elapsed().as_secs_f64() * 1e6
            })
            .collect();
        times.sort_by(f64::total_cmp);
        by_class.entry(&query.class).or_default().push(times[times.len() / 2]);
    }
    println!("quality: {found}/{} queries find their page in the top three", set.query.len());
    println!("{:<10} {:>7} {:>10} {:>10}", "class", "queries", "p50 µs", "p95 µs");
    let mut all = Vec::new();
    for (class, mut times) in by_class {
        times.sort_by(f64::total_cmp);
        println!("{class:<10} {:>7} {:>10.1} {:>10.1}", times.len(), percentile(&times, 0.5), percentile(&times, 0.95));
        all.extend(times);
    }
    all.sort_by(f64::total_cmp);
    println!("{:<10} {:>7} {:>10.1} {:>10.1}", "all", all.len(), percentile(&all, 0.5), percentile(&all, 0.95));
    Ok(())
}

/// The value at fraction `p` of sorted `values` (nearest rank).
fn percentile(values: &[f64], p: f64) -> f64 {
    let rank = ((values.len() as f64 * p).ceil() as usize).clamp(1, values.len());
    values[rank - 1]
}
