//! Writes one HTML file per route into a Trunk build, from the template Trunk produced.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use atlas_content::{ContentFiles, Site, TocEntry};
use atlas_cron::zones;

use crate::args::Args;
use crate::search_index;
use crate::shell::Route;
use crate::{api_reference, bundles, embed, llms, offline, rule_docs, security};

/// Markers in `app/index.html`; Trunk keeps comments, so they reach its output untouched.
const HEAD_MARK: &str = "<!--atlas:head-->";
const BODY_MARK: &str = "<!--atlas:body-->";

const NOT_FOUND_TITLE: &str = "Page not found";
/// The app documentation pages load (see `bundles`; each tool page loads its tool's own).
const DOCS_APP: &str = "atlas-site";
const SEARCH_TITLE: &str = "Search";
pub(crate) const SEARCH_ROUTE: &str = "search/";

pub fn run(mut args: Args) -> Result<(), String> {
    let dist = PathBuf::from(args.get("dist", Some("TRUNK_STAGING_DIR"), "dist"));
    let base = normalise_base(&args.get("base", Some("TRUNK_PUBLIC_URL"), "/"))?;
    let content = PathBuf::from(args.get("content", None, concat!(env!("CARGO_MANIFEST_DIR"), "/../../content")));
    let site_url = args.get("site-url", Some("ATLAS_SITE_URL"), "");
    args.finish()?;

    let files = ContentFiles::read(&content).map_err(report)?;
    let site = Site::from_files(&files, generated_pages_from(&files)?).map_err(report)?;
    let unsummarised = api_reference::missing_summaries(&files)?;
    if !unsummarised.is_empty() {
        eprintln!(
            "modal-atlas: {} API names have no summary in content/data/{}: {}",
            unsummarised.len(),
            atlas_reference::SUMMARIES_FILE,
            unsummarised.join(", ")
        );
    }
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
    let docs_app = bundles::publish(&dist, DOCS_APP)?;
    let docs_template = bundles::with_app(&bundles::without_tools_css(&template)?, &docs_app, &base)?;
    let mut tool_templates = BTreeMap::new();
    for tool in site.pages.iter().filter_map(|page| page.meta.tool.as_deref()) {
        let app = bundles::publish(&dist, &bundles::tool_app(tool))?;
        tool_templates.insert(tool, bundles::with_app(&template, &app, &base)?);
    }
    let fill = |route: &Route, article: &str, toc: &[TocEntry]| {
        let tool = route.page.and_then(|page| page.meta.tool.as_deref());
        let template = tool.and_then(|tool| tool_templates.get(tool)).unwrap_or(&docs_template);
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
        docs_app: &docs_app.start,
        workers: &workers,
        page,
        title,
        description,
        path,
        embeds,
    };
    let mut routes = Vec::new();
    let mut write_route = |route: Route, article: &str, toc: &[TocEntry]| -> Result<(), String> {
        write(&dist.join(&route.path).join("index.html"), fill(&route, article, toc))?;
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
    write(&dist.join("404.html"), fill(&not_found, &article, &[]))?;

    let zone_files = write_zone_files(&dist)?;
    embed::write_oembeds(&dist, &site, &base, site_url)?;
    llms::write(&dist, &site, &format!("{site_url}{base}"))?;
    offline::write_manifest(&dist, &site, &base)?;
    security::write_headers(&dist, &base, &routes)?;
    let precached = offline::write_service_worker(&dist)?;
    println!(
        "modal-atlas: prerendered {} routes and 404.html under {base} into {} ({precached} files precached \
         for offline use, {zone_files} of them time zones); search index: {} terms, {} sections",
        routes.len(),
        dist.display(),
        index.term_count(),
        index.docs.len()
    );
    Ok(())
}

/// The pages written from code and data rather than read from `content/pages/`: the rules page
/// and the API reference, whose links to the examples that use each name need the teaching pages
/// rendered first.
pub fn generated_pages(content: &Path) -> Result<Vec<(PathBuf, String)>, String> {
    generated_pages_from(&ContentFiles::read(content).map_err(report)?)
}

/// [`generated_pages`] from content files read or embedded (the MCP server's).
pub fn generated_pages_from(files: &ContentFiles) -> Result<Vec<(PathBuf, String)>, String> {
    let teaching = Site::from_files(files, vec![rule_docs::page()]).map_err(report)?;
    let rendered = teaching.render_before_reference("/").map_err(report)?;
    let api = api_reference::pages(files, &rendered)?;
    Ok(std::iter::once(rule_docs::page()).chain(api).collect())
}

/// The loader script of each tool's worker in the build (`atlas-playground-worker…_loader.js`
/// serves the `playground` tool), found by name because Trunk may hash it.
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

/// Each time zone's TZif data, where the cron tool fetches the zones a reader uses.
fn write_zone_files(dist: &Path) -> Result<usize, String> {
    let mut count = 0;
    for name in zones::names() {
        let (_, data) = zones::tzif(name).ok_or_else(|| format!("the time-zone database lists {name} without data"))?;
        write(&dist.join(zones::file_path(name)), data)?;
        count += 1;
    }
    Ok(count)
}

fn write(path: &Path, contents: impl AsRef<[u8]>) -> Result<(), String> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).map_err(|err| format!("cannot create {}: {err}", dir.display()))?;
    }
    fs::write(path, contents).map_err(|err| format!("cannot write {}: {err}", path.display()))
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
