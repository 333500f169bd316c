//! The HTML around an article: head metadata, header, sidebar, table of contents, pager; or, for
//! an embed, a compact frame with a link to the full site. The wasm app never re-renders any of
//! this; it only mounts its widgets into the empty slots (`#theme-toggle`), so the page it takes
//! over is the page the reader already sees.

use atlas_content::{Page, RULES_PAGE, Site, TocEntry, escape_html, markdown_path};

use crate::search_files::SearchFiles;
use crate::{embed, offline, security};

/// The id of the playground page's script element holding its starting code, checked. The app
/// shows it without starting the checker's worker, and the size report counts the worker as
/// loaded on the first edit on pages that have it.
pub const PLAYGROUND_START: &str = "atlas-start";

/// The theme toggle as the app draws it, before the app has started (it has no `aria-pressed`
/// until then: the app knows the theme shown; the stylesheet draws its icon from the theme).
const THEME_TOGGLE: &str = "<button type=\"button\" class=\"theme-toggle\"><span class=\"theme-icon\" aria-hidden=\"true\"></span>Dark theme</button>";

/// What a route needs besides the site: where it is and what it says.
pub struct Route<'a> {
    pub base: &'a str,
    /// Absolute origin for canonical and OpenGraph URLs, or empty.
    pub site_url: &'a str,
    pub search: &'a SearchFiles,
    /// The documentation app's start module, which `on-demand.js` loads at the reader's first use
    /// of a widget (on a tool page, of the search box).
    pub docs_app: &'a str,
    /// Worker scripts by tool name, as found in the build.
    pub workers: &'a [(String, String)],
    /// `None` for pages that are not content: search and 404.
    pub page: Option<&'a Page>,
    pub title: &'a str,
    pub description: &'a str,
    /// Where this route is below the base: `gpus/`, `embed/cron/`, empty for the home page.
    pub path: String,
    /// Compact chrome for an iframe; the route of the full page it embeds.
    pub embeds: Option<String>,
}

impl Route<'_> {
    /// The tool this route's page holds, if it is a tool page (or a tool's embed).
    fn tool(&self) -> Option<&str> {
        self.page.and_then(|page| page.meta.tool.as_deref())
    }

    pub fn head(&self, site: &Site) -> String {
        let site_title = &site.config.title;
        let is_home = self.page.is_some_and(|page| page.slug == Page::HOME);
        let full_title = if is_home {
            format!("{site_title}: {}", site.config.tagline)
        } else {
            format!("{} · {site_title}", self.title)
        };
        let base = self.base;
        let mut head = format!(
            "{}<title>{}</title>\n<meta name=\"description\" content=\"{}\">\n\
             <link rel=\"manifest\" href=\"{base}manifest.webmanifest\">\n\
             <meta name=\"theme-color\" content=\"{}\">\n\
             <link rel=\"apple-touch-icon\" href=\"{base}icon-192.png\">\n",
            security::meta_tag(),
            escape_html(&full_title),
            escape_html(self.description),
            offline::THEME_COLOUR,
        );
        if let Some(full) = &self.embeds {
            head.push_str(&format!(
                "<link rel=\"canonical\" href=\"{}{base}{full}\">\n<meta name=\"robots\" content=\"noindex\">\n\
                 <script src=\"{base}{}\" defer></script>\n",
                self.site_url,
                embed::FRAME_SCRIPT
            ));
        } else if let Some(page) = self.page {
            let url = format!("{}{}", self.site_url, Site::url(self.base, &page.slug));
            let kind = if is_home { "website" } else { "article" };
            head.push_str(&format!(
                "<link rel=\"canonical\" href=\"{url}\">\n\
                 <meta property=\"og:type\" content=\"{kind}\">\n\
                 <meta property=\"og:site_name\" content=\"{}\">\n\
                 <meta property=\"og:title\" content=\"{}\">\n\
                 <meta property=\"og:description\" content=\"{}\">\n\
                 <meta property=\"og:url\" content=\"{url}\">\n\
                 <meta property=\"og:image\" content=\"{}{base}icon-512.png\">\n\
                 <meta name=\"twitter:card\" content=\"summary\">\n\
                 <link rel=\"alternate\" type=\"application/json+oembed\" href=\"{}{base}{}\" title=\"{}\">\n\
                 <link rel=\"alternate\" type=\"text/markdown\" href=\"{base}{}\" title=\"{} as Markdown\">\n",
                escape_html(site_title),
                escape_html(self.title),
                escape_html(self.description),
                self.site_url,
                self.site_url,
                embed::oembed_path(&page.slug),
                escape_html(self.title),
                markdown_path(&page.slug),
                escape_html(self.title),
            ));
        } else {
            head.push_str("<meta name=\"robots\" content=\"noindex\">\n");
            if self.path == crate::prerender::SEARCH_ROUTE {
                // The results need both files: fetched with the page, not after the app starts.
                for file in [&self.search.index, &self.search.text] {
                    head.push_str(&format!("<link rel=\"preload\" href=\"{base}{file}\" as=\"fetch\" crossorigin>\n"));
                }
            }
        }
        head
    }

    /// The whole `<body>` content; `article` is the rendered page, or the 404 text.
    pub fn body(&self, site: &Site, article: &str, toc: &[TocEntry]) -> String {
        if let Some(full) = &self.embeds {
            return self.embed_body(site, article, full);
        }
        let base = self.base;
        let mut html = format!(
            "<a class=\"skip-link\" href=\"#main\">Skip to content</a>\n\
             <header class=\"site-header\">\n\
             <a class=\"brand\" href=\"{base}\">{}</a><span class=\"brand-note\">unofficial</span>\n\
             {}\
             <div class=\"header-tools\"><a class=\"menu-link\" href=\"#site-nav\">Menu</a>\
             <div id=\"theme-toggle\" class=\"theme-toggle-slot\">{THEME_TOGGLE}</div></div>\n\
             </header>\n<div class=\"layout\">\n",
            escape_html(&site.config.title),
            self.search_box(),
        );
        html.push_str(&self.sidebar(site));
        // A tool takes the article's whole width: no contents column beside it.
        let is_tool = self.tool().is_some();
        html.push_str(&format!(
            "<main id=\"main\" tabindex=\"-1\">\n<article class=\"doc{}\">\n\
             <header class=\"doc-header\"><h1>{}</h1>\n<p class=\"lede\">{}</p>{}</header>\n\
             {}<div class=\"doc-body\">\n{}{article}</div>\n</article>\n",
            if is_tool { " doc-tool" } else { "" },
            escape_html(self.title),
            escape_html(self.description),
            self.copy_markdown(),
            if is_tool { String::new() } else { table_of_contents(toc) },
            self.tool_slot(site),
        ));
        if let Some(page) = self.page {
            html.push_str(&pager(site, base, page));
        }
        html.push_str(&format!(
            "</main>\n</div>\n<footer class=\"site-footer\"><p>{} is not affiliated with Modal Labs. \
             Pages checked against the <code>{}</code> client {} (released {}); prices as of {}.</p></footer>\n",
            escape_html(&site.config.title),
            escape_html(&site.data.client.package),
            escape_html(&site.data.client.version),
            escape_html(&site.data.client.released),
            escape_html(&site.data.prices.as_of),
        ));
        html
    }

    /// An embed: the tool, the search, or the article alone, and a link to the full page that
    /// `embed-frame.js` keeps pointing at the same state.
    fn embed_body(&self, site: &Site, article: &str, full: &str) -> String {
        let base = self.base;
        let title = format!("<h1 class=\"embed-title\">{}</h1>\n", escape_html(self.title));
        let content = match self.page {
            Some(page) if page.meta.tool.is_some() => format!("{title}{}", self.tool_slot(site)),
            Some(_) => format!(
                "<article class=\"doc\"><h1>{}</h1>\n<div class=\"doc-body\">\n{article}</div></article>\n",
                escape_html(self.title)
            ),
            None => format!("{title}{}{article}", self.search_box()),
        };
        format!(
            "<div class=\"embed-root\">\n<main id=\"main\" class=\"embed-main\">\n{content}</main>\n\
             <footer class=\"embed-footer\"><a id=\"embed-open\" class=\"embed-open\" href=\"{base}{full}\" \
             target=\"_blank\" rel=\"noopener\">Open in {}</a></footer>\n</div>\n",
            escape_html(&site.config.title)
        )
    }

    /// The "Copy as Markdown" button of a page (the app makes it work; hidden without scripts).
    fn copy_markdown(&self) -> String {
        self.page.map_or_else(String::new, |page| {
            format!(
                "<button type=\"button\" class=\"copy-markdown\" data-markdown=\"{}{}\">Copy as Markdown</button>",
                self.base,
                markdown_path(&page.slug)
            )
        })
    }

    /// Where the app mounts a tool page's tool; says what is missing until then.
    fn tool_slot(&self, site: &Site) -> String {
        let Some(tool) = self.tool() else { return String::new() };
        let worker = self
            .workers
            .iter()
            .find(|(name, _)| name == tool)
            .map(|(_, script)| format!(" data-worker=\"{}{script}\"", self.base))
            .unwrap_or_default();
        // The calculator reads the facts file, the playground its gallery; as JSON in the page they
        // need no request and no parser. The playground's starting code comes checked, so a first
        // visit needs no parser either: the worker starts with the first edit.
        let data = match tool {
            "calculator" => json_script("atlas-facts", &site.data),
            "playground" => {
                json_script("atlas-gallery", &site.gallery)
                    + &json_script(PLAYGROUND_START, &atlas_checker::CheckedCode::new(&site.playground_start))
            }
            _ => String::new(),
        };
        // The playground links each problem to its rule's section of the rules page.
        let rules =
            if tool == "playground" { format!(" data-rules=\"{}{RULES_PAGE}/\"", self.base) } else { String::new() };
        // Full pages offer the embed of the same tool; an embed does not offer itself.
        let embed = if self.embeds.is_none() {
            format!(" data-embed=\"{}{}\"", self.base, embed::tool_path(tool))
        } else {
            String::new()
        };
        // The cron tool's time-zone suggestions, beside the slot the app empties: six hundred
        // options parsed with the page cost nothing after it, where the app took a long task.
        let beside = if tool == "cron" { zone_list() } else { String::new() };
        format!(
            "<div id=\"tool\" class=\"tool-slot\" data-tool=\"{tool}\" data-base=\"{}\"{worker}{rules}{embed}>\
             <p class=\"tool-waiting\">This tool runs in your browser and needs JavaScript.</p>{data}</div>\n{beside}",
            self.base
        )
    }

    /// Whether the page starts the documentation app as it loads: the search page (its results
    /// are the page) and embeds (no site chrome). Other pages start it on demand (`data-app`).
    pub fn starts_docs_app(&self) -> bool {
        self.embeds.is_some() || (self.page.is_none() && self.path == crate::prerender::SEARCH_ROUTE)
    }

    /// A plain form that works without scripts (it opens the search page); the app replaces it
    /// with the live search box, keeping what the reader typed.
    fn search_box(&self) -> String {
        let base = self.base;
        let app = if self.starts_docs_app() { String::new() } else { format!(" data-app=\"{base}{}\"", self.docs_app) };
        format!(
            "<div id=\"search\" class=\"search-slot\" data-base=\"{base}\" data-index=\"{base}{}\" data-text=\"{base}{}\"{app}>\
             <form class=\"search-form\" role=\"search\" action=\"{base}search/\" method=\"get\">\
             <input class=\"search-input\" type=\"search\" name=\"q\" placeholder=\"Search\" \
             aria-label=\"Search the reference\" autocomplete=\"off\" spellcheck=\"false\"></form></div>\n",
            self.search.index, self.search.text
        )
    }

    fn sidebar(&self, site: &Site) -> String {
        let mut html = String::from("<nav id=\"site-nav\" class=\"sidebar\" aria-label=\"Site\">\n");
        for (section, pages) in site.sections() {
            html.push_str(&format!(
                "<p class=\"nav-section\" id=\"nav-{id}\">{}</p>\n<ul aria-labelledby=\"nav-{id}\">\n",
                escape_html(&section.title),
                id = section.id
            ));
            for page in pages {
                let current =
                    if self.page.is_some_and(|this| this.slug == page.slug) { " aria-current=\"page\"" } else { "" };
                html.push_str(&format!(
                    "<li><a href=\"{}\"{current}>{}</a></li>\n",
                    Site::url(self.base, &page.slug),
                    escape_html(&page.meta.title)
                ));
            }
            html.push_str("</ul>\n");
        }
        html.push_str("</nav>\n");
        html
    }
}

/// `value` as JSON in a script element the app reads by `id`; `<` is escaped so no text in it can
/// end the element.
fn json_script(id: &str, value: &impl serde::Serialize) -> String {
    let json = serde_json::to_string(value).expect("page data serializes");
    format!("<script type=\"application/json\" id=\"{id}\">{}</script>", json.replace('<', "\\u003c"))
}

fn table_of_contents(toc: &[TocEntry]) -> String {
    let entries: Vec<&TocEntry> = toc.iter().filter(|entry| entry.level <= 3).collect();
    if entries.len() < 2 {
        return String::new();
    }
    let mut html = String::from(
        "<nav class=\"toc\" aria-labelledby=\"toc-title\">\n<p id=\"toc-title\" class=\"toc-title\">On this page</p>\n<ul>\n",
    );
    for entry in entries {
        html.push_str(&format!(
            "<li class=\"toc-h{}\"><a href=\"#{}\">{}</a></li>\n",
            entry.level,
            entry.id,
            escape_html(&entry.text)
        ));
    }
    html.push_str("</ul>\n</nav>\n");
    html
}

fn pager(site: &Site, base: &str, page: &Page) -> String {
    let (before, after) = site.neighbours(&page.slug);
    let link = |page: Option<&Page>, rel: &str, label: &str| {
        page.map(|page| {
            format!(
                "<a class=\"pager-{rel}\" rel=\"{rel}\" href=\"{}\"><span class=\"pager-label\">{label}</span>{}</a>",
                Site::url(base, &page.slug),
                escape_html(&page.meta.title)
            )
        })
        .unwrap_or_default()
    };
    format!(
        "<nav class=\"pager\" aria-label=\"Previous and next pages\">{}{}</nav>\n",
        link(before, "prev", "Previous"),
        link(after, "next", "Next")
    )
}

/// Every zone name the cron tool knows, as the options of the datalist its zone field names.
fn zone_list() -> String {
    let options: String =
        atlas_cron::zones::names().map(|zone| format!("<option value=\"{}\">", escape_html(zone))).collect();
    format!("<datalist id=\"cron-zones\">{options}</datalist>\n")
}
