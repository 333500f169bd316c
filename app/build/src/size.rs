//! The size report: what the first load of a page downloads, by kind, raw and brotli (and, on a
//! page whose tool arrives with its first answer, the worker its first edit loads, as `edit`);
//! what "Save for offline" downloads; and the Markdown assistants read.

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use crate::args::SizeArgs;

/// Documentation pages measured, held to the `docs` budget; every tool page of the build is
/// measured too, each against its tool's budget.
const DOCS_PAGES: &[(&str, &str)] = &[("home", ""), ("article", "gpus/")];
const KINDS: &[&str] = &["html", "css", "js", "wasm"];
/// What `--budgets` gives when it is not set: docs pages (until the reader first uses a widget,
/// which loads the documentation app), and each tool page, in KB brotli. The playground's holds
/// today's size against growth (its parser comes with the first edit).
pub const DEFAULT_BUDGETS: &str = "docs=25,cron=150,calculator=153,playground=153";

/// Budgets in KB brotli by name: `docs`, or a tool's.
#[derive(Clone)]
pub struct Budgets(Vec<(String, u64)>);

impl FromStr for Budgets {
    type Err = String;

    fn from_str(text: &str) -> Result<Budgets, String> {
        parse_budgets(text).map(Budgets)
    }
}

pub fn run(args: SizeArgs) -> Result<(), String> {
    let SizeArgs { dist, base, budgets: Budgets(budgets) } = args;

    let mut pages: Vec<(String, String, String)> =
        DOCS_PAGES.iter().map(|(label, route)| (label.to_string(), route.to_string(), "docs".to_string())).collect();
    for (tool, route) in tool_pages(&dist)? {
        pages.push((format!("{tool} tool"), route, tool));
    }
    let mut over_budget = Vec::new();
    println!("{:<26} {:<5} {:>5} {:>10} {:>10} {:>8}", "first load", "kind", "files", "raw B", "brotli B", "budget");
    for (label, route, budget_name) in &pages {
        let html_path = dist.join(route).join("index.html");
        let html =
            fs::read_to_string(&html_path).map_err(|err| format!("cannot read {}: {err}", html_path.display()))?;
        let in_dist = |urls: Vec<String>| -> Vec<PathBuf> {
            urls.iter().filter_map(|url| url.strip_prefix(&base)).map(|relative| dist.join(relative)).collect()
        };
        let mut files = vec![html_path.clone()];
        files.extend(in_dist(asset_urls(&html)));
        // A page that arrives with its tool's answer starts the worker with the first edit.
        let worker = in_dist(worker_urls(&html));
        let worker_waits = html.contains(&format!("id=\"{}\"", crate::shell::PLAYGROUND_START));
        let name = format!("{label} (/{route})");
        if worker_waits {
            let (raw, compressed) = sizes(&worker, &html_path)?;
            println!("{name:<26} {:<5} {:>5} {raw:>10} {compressed:>10}", "edit", worker.len());
        } else {
            files.extend(worker);
        }
        let mut by_kind: BTreeMap<&str, (usize, u64, u64)> = BTreeMap::new();
        for file in &files {
            let (raw, compressed) = sizes(std::slice::from_ref(file), &html_path)?;
            let entry = by_kind.entry(kind_of(file)).or_default();
            entry.0 += 1;
            entry.1 += raw;
            entry.2 += compressed;
        }
        let (mut raw, mut compressed) = (0, 0);
        for kind in KINDS {
            let (count, kind_raw, kind_brotli) = by_kind.get(kind).copied().unwrap_or_default();
            raw += kind_raw;
            compressed += kind_brotli;
            println!("{name:<26} {kind:<5} {count:>5} {kind_raw:>10} {kind_brotli:>10}");
        }
        let budget_kb = budgets.iter().find(|(name, _)| name == budget_name).map(|(_, kb)| *kb).ok_or_else(|| {
            format!("{name} has no budget: add `{budget_name}=KB` to `--budgets` (now {DEFAULT_BUDGETS} by default)")
        })?;
        println!("{name:<26} {:<5} {:>5} {raw:>10} {compressed:>10} {:>5} KB", "total", files.len(), budget_kb);
        if compressed > budget_kb * 1000 {
            over_budget.push(format!("{name}: {compressed} B brotli, over its {budget_kb} KB"));
        }
    }
    let (files, raw, compressed) = offline_download(&dist)?;
    println!("{:<26} {:<5} {files:>5} {raw:>10} {compressed:>10}", "save for offline (sw.js)", "all");
    for (label, files) in assistant_files(&dist)? {
        let (mut raw, mut compressed) = (0, 0);
        for file in &files {
            let bytes = fs::read(file).map_err(|err| format!("cannot read {}: {err}", file.display()))?;
            raw += bytes.len() as u64;
            compressed += brotli_len(&bytes);
        }
        println!("{label:<26} {:<5} {:>5} {raw:>10} {compressed:>10}", "md", files.len());
    }
    if over_budget.is_empty() {
        println!("budget: every first load is within its budget");
        Ok(())
    } else {
        Err(format!("over budget: {}", over_budget.join("; ")))
    }
}

/// The raw and brotli bytes of `files`, which `page` references.
fn sizes(files: &[PathBuf], page: &Path) -> Result<(u64, u64), String> {
    let (mut raw, mut compressed) = (0, 0);
    for file in files {
        let bytes = fs::read(file).map_err(|err| format!("{} references {}: {err}", page.display(), file.display()))?;
        raw += bytes.len() as u64;
        compressed += brotli_len(&bytes);
    }
    Ok((raw, compressed))
}

/// `docs=25,cron=150`: a budget in KB brotli for documentation pages and for each tool.
fn parse_budgets(text: &str) -> Result<Vec<(String, u64)>, String> {
    text.split(',')
        .map(|pair| {
            let (name, kb) = pair.split_once('=').ok_or_else(|| {
                format!("expected name=KB pairs separated by commas, such as docs=25; found `{pair}`")
            })?;
            let kb =
                kb.trim().parse().map_err(|_| format!("`{name}` expects a whole number of kilobytes, found `{kb}`"))?;
            Ok((name.trim().to_string(), kb))
        })
        .collect()
}

/// Every tool page of the build (`route/index.html` whose tool slot names a tool), by tool,
/// in route order; embeds are the same apps in other chrome and are left out.
fn tool_pages(dist: &Path) -> Result<Vec<(String, String)>, String> {
    let entries = fs::read_dir(dist).map_err(|err| format!("cannot list {}: {err}", dist.display()))?;
    let mut found = Vec::new();
    for entry in entries.flatten() {
        let route = format!("{}/", entry.file_name().to_string_lossy());
        let Ok(html) = fs::read_to_string(entry.path().join("index.html")) else { continue };
        if let Some(tool) = tool_of(&html) {
            found.push((tool, route));
        }
    }
    found.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(found)
}

/// The tool a page's slot names (`<div id="tool" ... data-tool="cron"`).
fn tool_of(html: &str) -> Option<String> {
    let slot = &html[html.find("id=\"tool\"")?..];
    let rest = &slot[slot.find("data-tool=\"")? + "data-tool=\"".len()..];
    Some(rest[..rest.find('"')?].to_string())
}

/// What "Save for offline" downloads: every file the service worker lists (files, raw bytes,
/// and the brotli bytes the worker tells the reader, computed by the build).
fn offline_download(dist: &Path) -> Result<(usize, u64, u64), String> {
    let worker = fs::read_to_string(dist.join(crate::offline::SERVICE_WORKER))
        .map_err(|err| format!("cannot read the service worker: {err}"))?;
    let (files, compressed) = crate::offline::saved_files(&worker)?;
    let mut raw = 0;
    for file in &files {
        let path =
            if file.is_empty() || file.ends_with('/') { dist.join(file).join("index.html") } else { dist.join(file) };
        raw += fs::metadata(&path).map_err(|err| format!("sw.js lists {}: {err}", path.display()))?.len();
    }
    Ok((files.len(), raw, compressed))
}

/// What assistants read: `llms.txt`, `llms-full.txt`, and every page's Markdown copy.
fn assistant_files(dist: &Path) -> Result<Vec<(&'static str, Vec<PathBuf>)>, String> {
    let mut copies = Vec::new();
    let root_copy = dist.join("index.md");
    if root_copy.is_file() {
        copies.push(root_copy);
    }
    let entries = fs::read_dir(dist).map_err(|err| format!("cannot list {}: {err}", dist.display()))?;
    for entry in entries.flatten() {
        let copy = entry.path().join("index.md");
        if copy.is_file() {
            copies.push(copy);
        }
    }
    copies.sort();
    Ok(vec![
        (atlas_content::llms::INDEX, vec![dist.join(atlas_content::llms::INDEX)]),
        (atlas_content::llms::FULL, vec![dist.join(atlas_content::llms::FULL)]),
        ("Markdown copies", copies),
    ])
}

/// Values of `href` and `src` attributes that name CSS, JS or wasm files.
fn asset_urls(html: &str) -> Vec<String> {
    let mut urls = Vec::new();
    for attr in ["href=\"", "src=\"", "from '", "init('"] {
        for (at, _) in html.match_indices(attr) {
            let rest = &html[at + attr.len()..];
            let Some(end) = rest.find(['"', '\'']) else { continue };
            let url = &rest[..end];
            if [".css", ".js", ".wasm"].iter().any(|ext| url.ends_with(ext)) && !urls.iter().any(|seen| seen == url) {
                urls.push(url.to_string());
            }
        }
    }
    urls
}

/// A tool's worker: its loader (`data-worker`) and the script and wasm the loader starts.
fn worker_urls(html: &str) -> Vec<String> {
    let Some(at) = html.find("data-worker=\"") else { return Vec::new() };
    let rest = &html[at + "data-worker=\"".len()..];
    let Some(loader) = rest.split('"').next() else { return Vec::new() };
    let Some(stem) = loader.strip_suffix("_loader.js") else { return Vec::new() };
    vec![loader.to_string(), format!("{stem}.js"), format!("{stem}_bg.wasm")]
}

fn kind_of(path: &Path) -> &'static str {
    match path.extension().and_then(|ext| ext.to_str()) {
        Some("css") => "css",
        Some("js") => "js",
        Some("wasm") => "wasm",
        _ => "html",
    }
}

pub fn brotli_len(bytes: &[u8]) -> u64 {
    let mut writer = brotli::CompressorWriter::new(Vec::new(), 64 * 1024, 11, 22);
    writer.write_all(bytes).expect("writing to memory");
    writer.into_inner().len() as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tool_page_counts_its_worker() {
        let html = r#"<div id="tool" data-tool="playground" data-worker="/atlas/atlas-playground-worker_loader.js">"#;
        assert_eq!(
            worker_urls(html),
            [
                "/atlas/atlas-playground-worker_loader.js",
                "/atlas/atlas-playground-worker.js",
                "/atlas/atlas-playground-worker_bg.wasm"
            ]
        );
    }

    #[test]
    fn a_page_names_its_tool_in_its_slot() {
        let html = r#"<main><div id="tool" class="tool-slot" data-tool="calculator" data-base="/">"#;
        assert_eq!(tool_of(html).as_deref(), Some("calculator"));
        assert_eq!(tool_of("<main><p>data-tool=\"x\" in prose</p></main>"), None);
    }

    #[test]
    fn budgets_are_name_and_kilobytes() {
        assert_eq!(parse_budgets("docs=150, cron=150").unwrap(), [("docs".into(), 150), ("cron".into(), 150)]);
        assert!(parse_budgets("docs:150").unwrap_err().contains("name=KB pairs"));
        assert!(parse_budgets("docs=lots").unwrap_err().contains("expects a whole number of kilobytes, found `lots`"));
    }

    #[test]
    fn finds_each_asset_once() {
        let html = r#"<link rel="stylesheet" href="/main-1.css"><link rel="modulepreload" href="/app-2.js">
            <script type="module">import init from '/app-2.js'; init('/app-2_bg.wasm');</script><a href="/gpus/">x</a>"#;
        assert_eq!(asset_urls(html), ["/main-1.css", "/app-2.js", "/app-2_bg.wasm"]);
    }
}
