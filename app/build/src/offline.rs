//! The offline app: the web app manifest, and the service worker with this build's files.
//!
//! The worker's logic is `service-worker.js`; this fills in the build: a version (a hash of every
//! file it can save, so any change to the build is a new worker), the list of files the reader's
//! "Save for offline" downloads, each route as the URL readers use (`gpus/`, not
//! `gpus/index.html`), and their size in brotli, which the control shows before the reader asks.

use std::fs;
use std::path::Path;

use atlas_content::Site;
use serde_json::json;

use crate::hash::fnv1a;

pub const THEME_COLOUR: &str = "#0f7a4f";
pub const SERVICE_WORKER: &str = "sw.js";
pub const MANIFEST: &str = "manifest.webmanifest";
const TEMPLATE: &str = include_str!("service-worker.js");
const BUILD_MARK: &str = "\"__BUILD__\"";

/// Every file but host configuration, the worker itself, and what the worker keeps only once it
/// is fetched: the link cards (read by other sites' unfurlers, not by readers) and the whole site
/// as one text for assistants, which repeats the pages' Markdown copies that are saved (for
/// "Copy as Markdown"). `llms.txt`, the short index assistants read first, is saved.
fn saved(file: &str) -> bool {
    !(file == "_headers" || file == SERVICE_WORKER || file.starts_with("oembed/") || file == atlas_content::llms::FULL)
}

pub fn write_manifest(dist: &Path, site: &Site, base: &str) -> Result<(), String> {
    let icon = |file: &str, size: &str, purpose: &str| json!({ "src": format!("{base}{file}"), "sizes": size, "type": "image/png", "purpose": purpose });
    let manifest = json!({
        "name": site.config.title,
        "short_name": "Atlas",
        "description": site.config.tagline,
        "id": base,
        "start_url": base,
        "scope": base,
        "display": "standalone",
        "theme_color": THEME_COLOUR,
        "background_color": "#ffffff",
        "icons": [
            icon("icon-192.png", "192x192", "any"),
            icon("icon-512.png", "512x512", "any"),
            icon("icon-maskable-512.png", "512x512", "maskable"),
        ],
    });
    let path = dist.join(MANIFEST);
    fs::write(&path, serde_json::to_string_pretty(&manifest).expect("the manifest serializes"))
        .map_err(|err| format!("cannot write {}: {err}", path.display()))
}

/// Writes `sw.js` for everything now in `dist`; run it last.
pub fn write_service_worker(dist: &Path) -> Result<usize, String> {
    let mut files = Vec::new();
    list_files(dist, dist, &mut files)?;
    files.retain(|(name, _)| saved(name));
    files.sort();
    let mut hashed = Vec::new();
    let mut brotli_bytes = 0;
    for (name, bytes) in &files {
        hashed.extend_from_slice(name.as_bytes());
        hashed.extend_from_slice(bytes);
        brotli_bytes += crate::size::brotli_len(bytes);
    }
    let urls: Vec<String> = files
        .iter()
        .map(|(name, _)| match name.strip_suffix("index.html") {
            Some(route) if route.is_empty() || route.ends_with('/') => route.to_string(),
            _ => name.clone(),
        })
        .collect();
    let build = json!({ "version": format!("{:016x}", fnv1a(&hashed)), "files": urls, "bytes": brotli_bytes });
    let worker = TEMPLATE.replacen(BUILD_MARK, &build.to_string(), 1);
    let path = dist.join(SERVICE_WORKER);
    fs::write(&path, worker).map_err(|err| format!("cannot write {}: {err}", path.display()))?;
    Ok(urls.len())
}

/// The files a written `sw.js` saves for offline use, and their size in brotli as it tells the reader.
pub fn saved_files(worker: &str) -> Result<(Vec<String>, u64), String> {
    let build = worker
        .lines()
        .find_map(|line| line.strip_prefix("const BUILD = ")?.strip_suffix(';'))
        .ok_or("sw.js has no `const BUILD = {...};` line")?;
    let build: serde_json::Value = serde_json::from_str(build).map_err(|err| format!("sw.js: {err}"))?;
    let files = build["files"].as_array().ok_or("sw.js: BUILD has no file list")?;
    let bytes = build["bytes"].as_u64().ok_or("sw.js: BUILD has no size")?;
    Ok((files.iter().filter_map(|file| file.as_str().map(String::from)).collect(), bytes))
}

/// Every file below `dir`, as a path relative to `dist` with `/` separators, and its bytes.
fn list_files(dist: &Path, dir: &Path, out: &mut Vec<(String, Vec<u8>)>) -> Result<(), String> {
    let entries = fs::read_dir(dir).map_err(|err| format!("cannot list {}: {err}", dir.display()))?;
    for entry in entries {
        let path = entry.map_err(|err| format!("cannot list {}: {err}", dir.display()))?.path();
        if path.is_dir() {
            list_files(dist, &path, out)?;
        } else {
            let relative = path.strip_prefix(dist).expect("below dist");
            let name =
                relative.components().map(|part| part.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
            let bytes = fs::read(&path).map_err(|err| format!("cannot read {}: {err}", path.display()))?;
            out.push((name, bytes));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_worker_lists_routes_as_readers_link_them_and_changes_with_the_build() {
        let dist = std::env::temp_dir().join(format!("atlas-offline-{}", std::process::id()));
        fs::create_dir_all(dist.join("gpus")).unwrap();
        fs::create_dir_all(dist.join("oembed")).unwrap();
        fs::write(dist.join("index.html"), "home").unwrap();
        fs::write(dist.join("gpus/index.html"), "gpus").unwrap();
        fs::write(dist.join("app-1.js"), "js").unwrap();
        fs::write(dist.join("oembed/gpus.json"), "{}").unwrap();
        fs::write(dist.join("_headers"), "/*").unwrap();
        fs::write(dist.join("gpus/index.md"), "# GPUs").unwrap();
        fs::write(dist.join(atlas_content::llms::INDEX), "# Modal Atlas").unwrap();
        fs::write(dist.join(atlas_content::llms::FULL), "# Modal Atlas").unwrap();
        write_service_worker(&dist).unwrap();
        let first = fs::read_to_string(dist.join(SERVICE_WORKER)).unwrap();
        let (files, bytes) = saved_files(&first).unwrap();
        assert_eq!(files, ["app-1.js", "gpus/", "gpus/index.md", "", atlas_content::llms::INDEX]);
        let listed = ["js", "gpus", "# GPUs", "home", "# Modal Atlas"];
        assert_eq!(bytes, listed.iter().map(|text| crate::size::brotli_len(text.as_bytes())).sum::<u64>());
        fs::write(dist.join("gpus/index.html"), "gpus, rewritten").unwrap();
        write_service_worker(&dist).unwrap();
        let second = fs::read_to_string(dist.join(SERVICE_WORKER)).unwrap();
        fs::remove_dir_all(&dist).unwrap();
        let version = |text: &str| text.split("\"version\":\"").nth(1).unwrap()[..16].to_string();
        assert_ne!(version(&first), version(&second));
    }
}
