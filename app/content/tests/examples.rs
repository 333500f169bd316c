//! The site's own examples against the checker, the generated rules page included: every
//! current example passes without an error, and every outdated one raises each rule its fence
//! names. The playground's gallery shows both sides: its broken versions must fail.

use std::path::Path;

use atlas_checker::{Severity, check};
use atlas_content::{Book, CodeHtml, Site};

#[test]
fn current_examples_pass_and_outdated_ones_raise_what_they_illustrate() {
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content");
    let book = Book::read(&content, "/", CodeHtml::Plain).expect("content loads");
    let rendered = &book.rendered;
    let mut problems = Vec::new();
    let (mut current, mut outdated) = (0, 0);
    for (page, example) in rendered.iter().flat_map(|page| page.examples.iter().map(move |e| (page, e))) {
        if example.language() != "python" {
            continue;
        }
        let code = example.as_module();
        let place = format!("{}.md, block at line {}", page.slug, example.line);
        let illustrates = example.outdated();
        if illustrates.is_empty() {
            current += 1;
            let errors = errors(&code);
            if !errors.is_empty() {
                problems.push(format!("{place}: current example has errors: {errors:?}"));
            }
        } else {
            outdated += 1;
            let found = check(&code);
            for rule in illustrates {
                if !found.iter().any(|d| d.rule == rule) {
                    let got: Vec<&str> = found.iter().map(|d| d.rule.as_str()).collect();
                    problems.push(format!("{place}: outdated example does not raise {rule} (got {got:?})"));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{} problem(s):\n{}", problems.len(), problems.join("\n"));
    // The pages have dozens of each; a parser that found none would pass the loop above.
    assert!(current > 50 && outdated > 60, "{current} current and {outdated} outdated blocks found");
}

fn errors(code: &str) -> Vec<String> {
    check(code)
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| format!("{} {}", d.rule, d.message))
        .collect()
}

#[test]
fn gallery_examples_are_broken_and_fixed_as_they_say() {
    let site = Site::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content")).expect("content loads");
    assert!(site.gallery.len() >= 8, "the gallery has {} examples", site.gallery.len());
    let mut problems = Vec::new();
    for example in &site.gallery {
        if errors(&example.broken).is_empty() {
            problems.push(format!("`{}`: the broken version gives no error", example.title));
        }
        let left = errors(&example.fixed);
        if !left.is_empty() {
            problems.push(format!("`{}`: the fixed version gives errors: {left:?}", example.title));
        }
    }
    assert!(problems.is_empty(), "{} problem(s):\n{}", problems.len(), problems.join("\n"));
}
