//! Embeds: where each one lives, and the oEmbed documents that turn a pasted link into a card
//! on sites that allow neither scripts nor iframes from others.
//!
//! `/embed/<tool>/` is a tool, `/embed/search/` the search, `/embed/page/<slug>/` a page (or one
//! of its sections, by `#anchor`). They take the same URL state as the full pages and a `theme`
//! parameter; `public/embed-frame.js` runs in them and `public/widget.js` embeds them.

use std::fs;
use std::path::Path;

use atlas_content::{Page, Site};
use serde::Serialize;

/// The script every embed loads (copied unhashed from `public/`).
pub const FRAME_SCRIPT: &str = "embed-frame.js";
pub const SEARCH: &str = "embed/search/";

/// The height an oEmbed card asks for; the embed then sizes itself where scripts may run.
const CARD_HEIGHT: u32 = 480;
const CARD_WIDTH: u32 = 720;

pub fn tool_path(tool: &str) -> String {
    format!("embed/{tool}/")
}

pub fn page_path(slug: &str) -> String {
    format!("embed/page/{slug}/")
}

/// The embed of a page: its tool's embed for tool pages.
pub fn path_of(page: &Page) -> String {
    page.meta.tool.as_deref().map_or_else(|| page_path(&page.slug), tool_path)
}

pub fn oembed_path(slug: &str) -> String {
    format!("oembed/{slug}.json")
}

/// <https://oembed.com/> "rich" type: the card's iframe is the page's embed.
#[derive(Serialize)]
struct OEmbed<'a> {
    version: &'static str,
    #[serde(rename = "type")]
    kind: &'static str,
    title: &'a str,
    provider_name: &'a str,
    provider_url: String,
    html: String,
    width: u32,
    height: u32,
    thumbnail_url: String,
    thumbnail_width: u32,
    thumbnail_height: u32,
}

/// Writes `oembed/<slug>.json` for every page. oEmbed wants absolute URLs: with no site URL
/// they are root-relative, which is why deployments set `ATLAS_SITE_URL`.
pub fn write_oembeds(dist: &Path, site: &Site, base: &str, site_url: &str) -> Result<(), String> {
    let root = format!("{site_url}{base}");
    for page in &site.pages {
        let title = &page.meta.title;
        let html = format!(
            "<iframe src=\"{root}{}\" title=\"{}\" width=\"{CARD_WIDTH}\" height=\"{CARD_HEIGHT}\" \
             style=\"border:0;width:100%\" loading=\"lazy\"></iframe>",
            path_of(page),
            atlas_content::escape_html(title)
        );
        let document = OEmbed {
            version: "1.0",
            kind: "rich",
            title,
            provider_name: &site.config.title,
            provider_url: root.clone(),
            html,
            width: CARD_WIDTH,
            height: CARD_HEIGHT,
            thumbnail_url: format!("{root}icon-512.png"),
            thumbnail_width: 512,
            thumbnail_height: 512,
        };
        let json = serde_json::to_string_pretty(&document).expect("an oEmbed document serializes");
        let path = dist.join(oembed_path(&page.slug));
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).map_err(|err| format!("cannot create {}: {err}", dir.display()))?;
        }
        fs::write(&path, json).map_err(|err| format!("cannot write {}: {err}", path.display()))?;
    }
    Ok(())
}
