//! The whole of `content/`: settings, data and pages, loaded and checked together.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::markdown::{self, CodeHtml, RenderedPage};
use crate::page::route_of;
use crate::{ContentError, ContentFiles, Example, ModalData, Page, gallery};

fn parse_toml<T: serde::de::DeserializeOwned>(files: &ContentFiles, relative: &str) -> Result<T, Vec<ContentError>> {
    let text = files.text(relative).map_err(|err| vec![err])?;
    toml::from_str(text).map_err(|err| vec![ContentError::new(files.path(relative), None, err.to_string())])
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    pub title: String,
    pub tagline: String,
    /// Absolute origin for canonical URLs, or empty for root-relative ones.
    pub url: String,
    pub sections: Vec<Section>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub id: String,
    pub title: String,
}

#[derive(Debug, Clone)]
pub struct Site {
    pub config: SiteConfig,
    pub data: ModalData,
    /// In reading order: by section as listed in `site.toml`, then by `order`.
    pub pages: Vec<Page>,
    /// The playground's examples, from `gallery/`.
    pub gallery: Vec<Example>,
    /// The code a first visit to the playground shows, from `gallery/start.py` (empty without it).
    pub playground_start: String,
}

impl Site {
    /// Loads `dir` (the `content/` folder), returning every problem found rather than the first.
    pub fn load(dir: &Path) -> Result<Site, Vec<ContentError>> {
        Site::load_with(dir, Vec::new())
    }

    /// Loads `dir` and pages made by a program, as (path to name in errors, Markdown source);
    /// they are checked and ordered like the pages in `content/pages/`.
    pub fn load_with(dir: &Path, generated: Vec<(PathBuf, String)>) -> Result<Site, Vec<ContentError>> {
        Site::from_files(&ContentFiles::read(dir)?, generated)
    }

    /// Loads the files of `content/` (read or embedded) and pages made by a program.
    pub fn from_files(files: &ContentFiles, generated: Vec<(PathBuf, String)>) -> Result<Site, Vec<ContentError>> {
        let config: SiteConfig = parse_toml(files, "site.toml")?;
        let data: ModalData = parse_toml(files, "data/modal.toml")?;

        let mut errors = Vec::new();
        let mut pages = Vec::new();
        let sources = files.in_folder("pages", "md").into_iter().map(|(path, source)| (path, source.to_string()));
        for (path, source) in sources.chain(generated) {
            match Page::parse(&path, &source) {
                Ok(page) => pages.push(page),
                Err(err) => errors.push(err),
            }
        }
        let section_rank: HashMap<&str, usize> =
            config.sections.iter().enumerate().map(|(rank, section)| (section.id.as_str(), rank)).collect();
        let mut seen_positions = HashMap::new();
        for page in &pages {
            if !section_rank.contains_key(page.meta.section.as_str()) {
                let known: Vec<&str> = config.sections.iter().map(|s| s.id.as_str()).collect();
                errors.push(ContentError::new(
                    &page.path,
                    Some(2),
                    format!(
                        "section `{}` is not in site.toml (expected one of: {})",
                        page.meta.section,
                        known.join(", ")
                    ),
                ));
            }
            if let Some(other) = seen_positions.insert((page.meta.section.clone(), page.meta.order), &page.slug) {
                errors.push(ContentError::new(
                    &page.path,
                    Some(2),
                    format!(
                        "order {} in section `{}` is already taken by {other}.md",
                        page.meta.order, page.meta.section
                    ),
                ));
            }
        }
        if !pages.iter().any(|page| page.slug == Page::HOME) {
            errors.push(ContentError::new(files.path("pages"), None, "there is no index.md (the home page)"));
        }
        let gallery = gallery::parse(files.in_folder("gallery", "toml")).unwrap_or_else(|errs| {
            errors.extend(errs);
            Vec::new()
        });
        // Like the gallery, optional: without it the playground starts empty.
        let playground_start = files.text("gallery/start.py").map(str::to_string).unwrap_or_default();
        if !errors.is_empty() {
            return Err(errors);
        }
        pages.sort_by_key(|page| (section_rank[page.meta.section.as_str()], page.meta.order));
        Ok(Site { config, data, pages, gallery, playground_start })
    }

    pub fn page(&self, slug: &str) -> Option<&Page> {
        self.pages.iter().find(|page| page.slug == slug)
    }

    /// The pages of each section, in reading order, skipping empty sections.
    pub fn sections(&self) -> impl Iterator<Item = (&Section, Vec<&Page>)> {
        self.config.sections.iter().filter_map(|section| {
            let pages: Vec<&Page> = self.pages.iter().filter(|page| page.meta.section == section.id).collect();
            (!pages.is_empty()).then_some((section, pages))
        })
    }

    /// The pages before and after `slug` in reading order.
    pub fn neighbours(&self, slug: &str) -> (Option<&Page>, Option<&Page>) {
        let Some(at) = self.pages.iter().position(|page| page.slug == slug) else { return (None, None) };
        (at.checked_sub(1).map(|before| &self.pages[before]), self.pages.get(at + 1))
    }

    /// Renders every page for a site served under `base` (which starts and ends with `/`), code
    /// as `code` says, and checks that every internal link points at an existing page and heading.
    pub fn render(&self, base: &str, code: CodeHtml) -> Result<Vec<RenderedPage>, Vec<ContentError>> {
        let rendered = self.render_pages(base, code)?;
        self.check_links(&rendered, false)?;
        Ok(rendered)
    }

    /// [`Site::render`] for the pages the API reference is written from, before it exists: their
    /// links to reference pages this site lacks are left to the render of the whole site.
    pub fn render_before_reference(&self, base: &str, code: CodeHtml) -> Result<Vec<RenderedPage>, Vec<ContentError>> {
        let rendered = self.render_pages(base, code)?;
        self.check_links(&rendered, true)?;
        Ok(rendered)
    }

    /// Every page rendered, in reading order; their links are left to [`Site::check_links`].
    pub(crate) fn render_pages(&self, base: &str, code: CodeHtml) -> Result<Vec<RenderedPage>, Vec<ContentError>> {
        let mut errors = Vec::new();
        let mut rendered = Vec::new();
        for page in &self.pages {
            match self.render_page(page, base, code) {
                Ok(out) => rendered.push(out),
                Err(errs) => errors.extend(errs),
            }
        }
        if errors.is_empty() { Ok(rendered) } else { Err(errors) }
    }

    /// One page rendered; its links are left to [`Site::check_links`].
    pub(crate) fn render_page(
        &self,
        page: &Page,
        base: &str,
        code: CodeHtml,
    ) -> Result<RenderedPage, Vec<ContentError>> {
        markdown::render(page, &self.data, base, code)
    }

    /// Checks that every internal link of `rendered` (this site's pages, in reading order) points
    /// at an existing page and heading; with `reference_later`, links to the API reference's
    /// pages, which are written from these, are let through.
    pub(crate) fn check_links(
        &self,
        rendered: &[RenderedPage],
        reference_later: bool,
    ) -> Result<(), Vec<ContentError>> {
        let mut errors = Vec::new();
        let anchors: HashMap<&str, &HashSet<String>> =
            rendered.iter().map(|out| (out.slug.as_str(), &out.ids)).collect();
        for (page, out) in self.pages.iter().zip(rendered) {
            for link in &out.links {
                let target = link.slug.as_deref().unwrap_or(&page.slug);
                let Some(ids) = anchors.get(target) else {
                    if reference_later && is_reference_page(target) {
                        continue;
                    }
                    errors.push(ContentError::new(
                        &page.path,
                        Some(link.line),
                        format!("link to {target}.md: there is no such page"),
                    ));
                    continue;
                };
                if let Some(anchor) = &link.anchor
                    && !ids.contains(anchor)
                {
                    errors.push(ContentError::new(
                        &page.path,
                        Some(link.line),
                        format!("link to {target}.md#{anchor}: that page has no heading with id `{anchor}`"),
                    ));
                }
            }
        }
        if errors.is_empty() { Ok(()) } else { Err(errors) }
    }

    /// The URL path of a page under `base`.
    pub fn url(base: &str, slug: &str) -> String {
        format!("{base}{}", route_of(slug))
    }
}

/// The API reference's pages (`api`, `api-storage`, …), which the build writes from the client's
/// data and from the teaching pages' examples, so a teaching page may link to them.
pub fn is_reference_page(slug: &str) -> bool {
    slug.strip_prefix("api").is_some_and(|rest| rest.is_empty() || rest.starts_with('-'))
}
