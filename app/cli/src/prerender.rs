//! Writes one HTML file per route into a Trunk build, from the template Trunk produced.

use std::fs;
use std::path::{Path, PathBuf};

use atlas_content::{Site, TocEntry};

use crate::args::Args;
use crate::search_index;
use crate::shell::Route;
use crate::{bundles, embed, llms, offline, rule_docs, security};

/// Markers in `app/index.html`; Trunk keeps comments, so they reach its output untouched.
const HEAD_MARK: &str = "<!--atlas:head-->";
const BODY_MARK: &str = "<!--atlas:body-->";

const NOT_FOUND_TITLE: &str = "Page not found";
/// The apps documentation pages and tool pages load (see `bundles`).
const DOCS_APP: &str = "atlas-site";
const TOOLS_APP: &str = "atlas-tools";
const SEARCH_TITLE: &str = "Search";
const SEARCH_ROUTE: &str = "search/";

pub fn run(mut args: Args) -> Result<(), String> {
    let dist = PathBuf::from(args.get("dist", Some("TRUNK_STAGING_DIR"), "dist"));
    let base = normalise_base(&args.get("base", Some("TRUNK_PUBLIC_URL"), "/"))?;
    let content = PathBuf::from(args.get("content", None, concat!(env!("CARGO_MANIFEST_DIR"), "/../../content")));
    let site_url = args.get("site-url", Some("ATLAS_SITE_URL"), "");
    args.finish()?;

    let site = Site::load_with(&content, vec![rule_docs::page()]).map_err(report)?;
    let site_url = if site_url.is_empty() { site.config.url.clone() } else { site_url };
    let site_url = site_url.trim_end_matches('/');
    let rendered = site.render(&base).map_err(report)?;

    let (index, texts) = search_index::build(&site, &rendered);
    let search = search_index::write(&dist, &index, &texts)?;

    let template_path = dist.join("index.html");
    let template = fs::read_to_string(&template_path)
        .map_err(|err| format!("cannot read the Trunk template {}: {err}", template_path.display()))?;
    if !template.contains(HEAD_MARK) || !template.contains(BODY_MARK) {
        return Err(format!(
            "{} has no {HEAD_MARK} and {BODY_MARK} markers: was it already prerendered? Run trunk build again.",
            template_path.display()
        ));
    }
    let docs_template =
        bundles::with_app(&bundles::without_tools_css(&template)?, &bundles::publish(&dist, DOCS_APP)?, &base)?;
    let tools_template = bundles::with_app(&template, &bundles::publish(&dist, TOOLS_APP)?, &base)?;
    let fill = |route: &Route, article: &str, toc: &[TocEntry]| {
        let is_tool = route.page.is_some_and(|page| page.meta.tool.is_some());
        let template = if is_tool { &tools_template } else { &docs_template };
        let html = template.replacen(HEAD_MARK, &route.head(&site), 1);
        let html = html.replacen(BODY_MARK, &route.body(&site, article, toc), 1);
        // Embeds style and theme themselves differently from the first paint on (`theme.js`).
        if route.embeds.is_some() {
            html.replacen("<html lang=\"en\">", "<html lang=\"en\" class=\"embed\">", 1)
        } else {
            html
        }
    };

    let workers = find_workers(&dist)?;
    let route = |page, title, description, path: String, embeds: Option<String>| Route {
        base: &base,
        site_url,
        search: &search,
        workers: &workers,
        page,
        title,
        description,
        path,
        embeds,
    };
    let mut routes = Vec::new();
    let mut write_route = |route: Route, article: &str, toc: &[TocEntry]| -> Result<(), String> {
        write(&dist.join(&route.path).join("index.html"), &fill(&route, article, toc))?;
        routes.push(route.path);
        Ok(())
    };

    // `render` keeps the pages' reading order.
    for (page, out) in site.pages.iter().zip(&rendered) {
        let (title, description) = (&page.meta.title, &page.meta.description);
        write_route(route(Some(page), title, description, page.route(), None), &out.html, &out.toc)?;
        let embed = route(Some(page), title, description, embed::path_of(page), Some(page.route()));
        write_route(embed, &out.html, &[])?;
    }
    let search_description = "Search every page of the reference: words, code tokens, old parameter names.";
    let article = "<div id=\"search-results\" class=\"search-results\"><p>Search needs JavaScript. \
                   Every page is listed in the site navigation.</p></div>\n";
    write_route(route(None, SEARCH_TITLE, search_description, SEARCH_ROUTE.into(), None), article, &[])?;
    let embed = route(None, SEARCH_TITLE, search_description, embed::SEARCH.into(), Some(SEARCH_ROUTE.into()));
    write_route(embed, article, &[])?;

    let not_found = route(
        None,
        NOT_FOUND_TITLE,
        "There is no page at this address. It may have moved: the sidebar lists every page.",
        String::new(),
        None,
    );
    let article = format!("<p><a href=\"{base}\">Go to the home page</a>, or pick a page from the list.</p>\n");
    write(&dist.join("404.html"), &fill(&not_found, &article, &[]))?;

    embed::write_oembeds(&dist, &site, &base, site_url)?;
    // Pages generated outside the content model (none yet) join the Markdown output here.
    llms::write(&dist, &site, &|_| Ok(Vec::new()), &format!("{site_url}{base}"))?;
    offline::write_manifest(&dist, &site, &base)?;
    security::write_headers(&dist, &base, &routes)?;
    let precached = offline::write_service_worker(&dist)?;
    println!(
        "modal-atlas: prerendered {} routes and 404.html under {base} into {} ({precached} files precached \
         for offline use); search index: {} terms, {} sections",
        routes.len(),
        dist.display(),
        index.term_count(),
        index.docs.len()
    );
    Ok(())
}

/// The loader script of each tool's worker in the build (`atlas-cron-worker…_loader.js` serves
/// the `cron` tool), found by name because Trunk may hash it.
fn find_workers(dist: &Path) -> Result<Vec<(String, String)>, String> {
    let entries = fs::read_dir(dist).map_err(|err| format!("cannot list {}: {err}", dist.display()))?;
    let mut workers = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if let Some(rest) = name.strip_prefix("atlas-")
            && name.ends_with("_loader.js")
            && let Some((tool, _)) = rest.split_once("-worker")
        {
            workers.push((tool.to_string(), name));
        }
    }
    Ok(workers)
}

/// `/atlas`, `atlas/` and `/atlas/` all mean `/atlas/`; Trunk may also hand over a full URL.
fn normalise_base(base: &str) -> Result<String, String> {
    let path = match base.find("://") {
        Some(scheme_end) => base[scheme_end + 3..].find('/').map_or("/", |at| &base[scheme_end + 3 + at..]),
        None => base,
    };
    if path.contains(['?', '#', '"', '<', '>', ' ']) {
        return Err(format!("base path `{base}`: expected a path such as / or /atlas/"));
    }
    let trimmed = path.trim_matches('/');
    Ok(if trimmed.is_empty() { "/".into() } else { format!("/{trimmed}/") })
}

fn write(path: &Path, html: &str) -> Result<(), String> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).map_err(|err| format!("cannot create {}: {err}", dir.display()))?;
    }
    fs::write(path, html).map_err(|err| format!("cannot write {}: {err}", path.display()))
}

pub(crate) fn report(errors: Vec<atlas_content::ContentError>) -> String {
    let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
    format!("content has {} problem(s):\n{}", errors.len(), lines.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_paths_are_normalised() {
        assert_eq!(normalise_base("/").unwrap(), "/");
        assert_eq!(normalise_base("").unwrap(), "/");
        assert_eq!(normalise_base("/atlas").unwrap(), "/atlas/");
        assert_eq!(normalise_base("atlas/").unwrap(), "/atlas/");
        assert_eq!(normalise_base("https://example.com/docs/atlas/").unwrap(), "/docs/atlas/");
        assert!(normalise_base("/a b/").is_err());
    }
}
