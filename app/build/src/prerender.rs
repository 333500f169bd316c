//! Writes the site into a Trunk build, from the template Trunk produced and one [`Book`]: the
//! search index and the apps first (the pages name their files), then each output of [`OUTPUTS`].

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use atlas_content::{Book, CodeHtml, Page, TocEntry, llms, markdown_path};
use atlas_cron::zones;

use crate::args::PrerenderArgs;
use crate::bundles::{self, Bundle};
use crate::search_files::{self, SearchFiles};
use crate::shell::Route;
use crate::{embed, highlight, offline, security};

/// Markers in `app/index.html`; Trunk keeps comments, so they reach its output untouched.
const HEAD_MARK: &str = "<!--atlas:head-->";
const BODY_MARK: &str = "<!--atlas:body-->";

const NOT_FOUND_TITLE: &str = "Page not found";
/// The app documentation pages load (see `bundles`; each tool page loads its tool's own).
const DOCS_APP: &str = "atlas-site";
const SEARCH_TITLE: &str = "Search";
const SEARCH_DESCRIPTION: &str = "Search every page of the reference: words, code tokens, old parameter names.";
const SEARCH_ARTICLE: &str = "<div id=\"search-results\" class=\"search-results\"><p>Search needs JavaScript. \
                              Every page is listed in the site navigation.</p></div>\n";
pub(crate) const SEARCH_ROUTE: &str = "search/";

/// One output: writes its files and says what it wrote.
type Output = fn(&Build) -> Result<String, String>;

/// What is written after the search index and the apps, in order. The service worker comes last:
/// it lists every other file.
const OUTPUTS: &[Output] = &[
    write_routes,
    write_not_found,
    write_zone_files,
    write_oembeds,
    write_markdown,
    write_manifest,
    write_headers,
    write_service_worker,
];

pub fn run(args: PrerenderArgs) -> Result<(), String> {
    let PrerenderArgs { dist, base, content, site_url } = args;
    let base = normalise_base(&base)?;

    let book = Book::read(&content, &base, CodeHtml::Coloured(highlight::to_html))?;
    print_reference_coverage(&book);
    let build = Build::start(&book, dist, base, site_url)?;
    let mut wrote = vec![build.search_summary()];
    for output in OUTPUTS {
        wrote.push(output(&build)?);
    }
    println!("atlas-build: prerendered under {} into {}: {}", build.base, build.dist.display(), wrote.join("; "));
    Ok(())
}

/// What the reference's data lacks, and how much of the client the teaching pages teach.
fn print_reference_coverage(book: &Book) {
    if !book.unsummarised.is_empty() {
        eprintln!(
            "atlas-build: {} API names have no summary in content/data/{}: {}",
            book.unsummarised.len(),
            atlas_reference::SUMMARIES_FILE,
            book.unsummarised.join(", ")
        );
    }
    println!("atlas-build: {}", book.coverage.summary());
    if !book.coverage.untaught.is_empty() {
        println!("atlas-build: current names without a teaching use: {}", book.coverage.untaught.join(", "));
    }
}

/// What every output reads: the book, where the build goes, and the parts of the page shell.
pub struct Build<'a> {
    book: &'a Book,
    dist: PathBuf,
    base: String,
    /// Absolute origin for canonical and OpenGraph URLs, or empty.
    site_url: String,
    search: SearchFiles,
    /// Terms and sections the search index holds.
    search_size: (usize, usize),
    docs_app: Bundle,
    /// Trunk's template with the documentation app, without it (started on demand), and with
    /// each tool's app, by tool.
    docs_template: String,
    on_demand_template: String,
    tool_templates: BTreeMap<String, String>,
    /// Worker scripts by tool name, as found in the build.
    workers: Vec<(String, String)>,
}

impl<'a> Build<'a> {
    /// Writes the search index and publishes the apps, whose file names the pages carry.
    fn start(book: &'a Book, dist: PathBuf, base: String, site_url: String) -> Result<Build<'a>, String> {
        let (index, texts) = book.search_index();
        let search = search_files::write(&dist, &index, &texts)?;
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
        let on_demand_template = bundles::without_tools_css(&template)?;
        let docs_template = bundles::with_app(&on_demand_template, &docs_app, &base)?;
        let mut tool_templates = BTreeMap::new();
        for tool in book.site.pages.iter().filter_map(|page| page.meta.tool.as_deref()) {
            let app = bundles::publish(&dist, &bundles::tool_app(tool))?;
            tool_templates.insert(tool.to_string(), bundles::with_app(&template, &app, &base)?);
        }
        let workers = find_workers(&dist)?;
        let site_url = if site_url.is_empty() { book.site.config.url.clone() } else { site_url };
        let site_url = site_url.trim_end_matches('/').to_string();
        Ok(Build {
            book,
            dist,
            base,
            site_url,
            search,
            search_size: (index.term_count(), index.docs.len()),
            docs_app,
            docs_template,
            on_demand_template,
            tool_templates,
            workers,
        })
    }

    fn search_summary(&self) -> String {
        let (terms, sections) = self.search_size;
        format!("search index: {terms} terms, {sections} sections")
    }

    fn route<'b>(
        &'b self,
        page: Option<&'b Page>,
        title: &'b str,
        description: &'b str,
        path: String,
        embeds: Option<String>,
    ) -> Route<'b> {
        Route {
            base: &self.base,
            site_url: &self.site_url,
            search: &self.search,
            docs_app: &self.docs_app.start,
            workers: &self.workers,
            page,
            title,
            description,
            path,
            embeds,
        }
    }

    /// Every route with its article and contents: each page and its embed, in reading order,
    /// then the search page and its embed.
    fn routes(&self) -> Vec<(Route<'_>, &str, &[TocEntry])> {
        let mut routes = Vec::new();
        for (page, out) in self.book.pages() {
            let (title, description) = (&page.meta.title, &page.meta.description);
            routes.push((
                self.route(Some(page), title, description, page.route(), None),
                out.html.as_str(),
                &out.toc[..],
            ));
            let embed = self.route(Some(page), title, description, embed::path_of(page), Some(page.route()));
            routes.push((embed, out.html.as_str(), &[]));
        }
        let search = self.route(None, SEARCH_TITLE, SEARCH_DESCRIPTION, SEARCH_ROUTE.into(), None);
        routes.push((search, SEARCH_ARTICLE, &[]));
        let embed = self.route(None, SEARCH_TITLE, SEARCH_DESCRIPTION, embed::SEARCH.into(), Some(SEARCH_ROUTE.into()));
        routes.push((embed, SEARCH_ARTICLE, &[]));
        routes
    }

    /// A route's HTML: its app's template with the head and body filled in.
    fn html(&self, route: &Route, article: &str, toc: &[TocEntry]) -> String {
        let site = &self.book.site;
        let tool = route.page.and_then(|page| page.meta.tool.as_deref());
        let template = match tool.and_then(|tool| self.tool_templates.get(tool)) {
            Some(template) => template,
            None if route.starts_docs_app() => &self.docs_template,
            None => &self.on_demand_template,
        };
        let html = template.replacen(HEAD_MARK, &route.head(site), 1);
        let html = html.replacen(BODY_MARK, &route.body(site, article, toc), 1);
        // Embeds style and theme themselves differently from the first paint on (`theme.js`).
        if route.embeds.is_some() {
            html.replacen("<html lang=\"en\">", "<html lang=\"en\" class=\"embed\">", 1)
        } else {
            html
        }
    }
}

fn write_routes(build: &Build) -> Result<String, String> {
    let routes = build.routes();
    for (route, article, toc) in &routes {
        write(&build.dist.join(&route.path).join("index.html"), build.html(route, article, toc))?;
    }
    Ok(format!("{} routes", routes.len()))
}

fn write_not_found(build: &Build) -> Result<String, String> {
    let description = "There is no page at this address. It may have moved: the sidebar lists every page.";
    let route = build.route(None, NOT_FOUND_TITLE, description, String::new(), None);
    let article = format!("<p><a href=\"{}\">Go to the home page</a>, or pick a page from the list.</p>\n", build.base);
    write(&build.dist.join("404.html"), build.html(&route, &article, &[]))?;
    Ok("404.html".into())
}

/// Each time zone's TZif data, where the cron tool fetches the zones a reader uses.
fn write_zone_files(build: &Build) -> Result<String, String> {
    let mut count = 0;
    for name in zones::names() {
        let (_, data) = zones::tzif(name).ok_or_else(|| format!("the time-zone database lists {name} without data"))?;
        write(&build.dist.join(zones::file_path(name)), data)?;
        count += 1;
    }
    Ok(format!("{count} time zones"))
}

fn write_oembeds(build: &Build) -> Result<String, String> {
    embed::write_oembeds(&build.dist, &build.book.site, &build.base, &build.site_url)?;
    Ok(format!("{} oEmbed cards", build.book.site.pages.len()))
}

/// The Markdown copies (links relative to each other), and `llms.txt` and `llms-full.txt` (links
/// under the site's origin and base path).
fn write_markdown(build: &Build) -> Result<String, String> {
    let site = &build.book.site;
    let copies = llms::content_docs(site, atlas_content::PageLinks::Relative)?;
    for doc in &copies {
        write(&build.dist.join(markdown_path(&doc.slug)), llms::document(site, doc))?;
    }
    let root = format!("{}{}", build.site_url, build.base);
    let docs = llms::content_docs(site, atlas_content::PageLinks::Under(&root))?;
    write(&build.dist.join(llms::INDEX), llms::index(site, &docs, &root))?;
    write(&build.dist.join(llms::FULL), llms::full(site, &docs))?;
    Ok(format!("{} Markdown copies, {} and {}", copies.len(), llms::INDEX, llms::FULL))
}

fn write_manifest(build: &Build) -> Result<String, String> {
    offline::write_manifest(&build.dist, &build.book.site, &build.base)?;
    Ok(offline::MANIFEST.into())
}

fn write_headers(build: &Build) -> Result<String, String> {
    let routes: Vec<String> = build.routes().into_iter().map(|(route, ..)| route.path).collect();
    security::write_headers(&build.dist, &build.base, &routes)?;
    Ok("_headers".into())
}

fn write_service_worker(build: &Build) -> Result<String, String> {
    let saved = offline::write_service_worker(&build.dist)?;
    Ok(format!("{} ({saved} files saved for offline use on request)", offline::SERVICE_WORKER))
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

/// Writes `contents` to `path`, making its folder first.
pub fn write(path: &Path, contents: impl AsRef<[u8]>) -> Result<(), String> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).map_err(|err| format!("cannot create {}: {err}", dir.display()))?;
    }
    fs::write(path, contents).map_err(|err| format!("cannot write {}: {err}", path.display()))
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
