//! The browser side of Modal Atlas. Pages arrive prerendered; the app mounts interactive
//! widgets into their empty slots and never re-renders the article, so nothing flashes or shifts.
//!
//! Several wasm programs share this library, each linking only what it calls:
//! - `atlas-site` (a documentation page's widgets, started by `public/on-demand.js` at the
//!   reader's first use of one, and a tool page's search once it is focused): [`start_docs`];
//! - `atlas-cron-tool`, `atlas-calculator-tool`, `atlas-playground-tool` (one tool page each):
//!   the page's widgets but the search, plus that page's tool ([`start_cron_tool`],
//!   [`start_calculator_tool`], [`start_playground_tool`]);
//! - `atlas-playground-worker`: the Python parser and the checker's rules, for the playground.

mod calculator_tool;
mod copy;
mod copy_markdown;
mod cron_tool;
mod embed_offer;
mod fetch;
mod fields;
mod playground_tool;
mod search;
mod tasks;
mod theme;
mod url_state;
mod worker;
mod zone_data;

use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsCast;

/// Starts the app of documentation pages: the page's widgets and the live search. A tool page
/// runs its tool's app instead, and `public/on-demand.js` loads this one only when the reader
/// turns to the search box: there it makes the search live and starts nothing else.
pub fn start_docs() {
    console_error_panic_hook::set_once();
    if element_by_id("tool").is_none() {
        start_widgets();
    }
    mount_search();
}

/// What every page has but the search: theme toggle, copy buttons, "Copy as Markdown". (The
/// shortcuts to the search box are `public/on-demand.js`'s, which works before any app.)
fn start_widgets() {
    copy::enable_copy_buttons();
    copy_markdown::enable();
    mount_into("theme-toggle", theme::ThemeToggle);
}

/// Starts the cron tool's page: the page's widgets, the search on demand, and the cron tool.
pub fn start_cron_tool() {
    start_tool(|slot, ToolSlot { base, .. }| {
        slot.set_inner_html("");
        leptos::mount::mount_to(slot, move || view! { <cron_tool::CronTool base /> }).forget();
    });
}

/// Starts the calculator's page: the page's widgets, the search on demand, and the calculator.
pub fn start_calculator_tool() {
    start_tool(|slot, ToolSlot { base, .. }| {
        // The facts arrive as JSON in the page; without them there is nothing to compute.
        let data = page_data::<atlas_pricing::ModalData>("atlas-facts");
        slot.set_inner_html("");
        match data {
            Some(data) => {
                leptos::mount::mount_to(slot, move || view! { <calculator_tool::CalculatorTool data base /> }).forget()
            }
            None => slot.set_inner_html(
                "<p class=\"tool-failure\" role=\"alert\">The calculator's price data is missing from this page.</p>",
            ),
        }
    });
}

/// Starts the playground's page: the page's widgets, the search on demand, and the playground.
pub fn start_playground_tool() {
    start_tool(|slot, ToolSlot { worker_url, rules_url, .. }| {
        // Without its gallery the playground still checks code; it just offers no examples.
        let gallery = page_data::<Vec<playground_tool::Example>>("atlas-gallery").unwrap_or_default();
        // Without it, a first visit starts empty and the worker at once.
        let start = page_data::<atlas_checker::CheckedCode>("atlas-start");
        slot.set_inner_html("");
        leptos::mount::mount_to(
            slot,
            move || view! { <playground_tool::Playground worker_url gallery rules_url start /> },
        )
        .forget();
    });
}

/// What the prerenderer wrote on a tool's slot for the tool.
struct ToolSlot {
    worker_url: String,
    base: String,
    /// The rules page, which the playground links each problem to.
    rules_url: Option<String>,
}

/// Starts the page's widgets, then, in a task of its own, offers the tool's embed
/// and hands the tool's slot (with its prerendered content, which may hold the tool's data) to
/// `mount`. Two tasks, not one long one: the page answers the reader in between.
fn start_tool(mount: impl FnOnce(web_sys::HtmlElement, ToolSlot) + 'static) {
    console_error_panic_hook::set_once();
    start_widgets();
    // Not Leptos's spawner: it exists only once something is mounted, and an embed's chrome
    // may have nothing for the documentation widgets to mount into.
    wasm_bindgen_futures::spawn_local(async move {
        tasks::next_task().await;
        let Some(slot) = element_by_id("tool") else { return };
        let data = slot.dataset();
        let settings = ToolSlot {
            worker_url: data.get("worker").unwrap_or_default(),
            base: data.get("base").unwrap_or_else(|| "/".into()),
            rules_url: data.get("rules"),
        };
        if let (Some(tool), Some(embed_path)) = (data.get("tool"), data.get("embed")) {
            offer_embed(&slot, tool, settings.base.clone(), embed_path);
        }
        mount(slot, settings);
    });
}

/// Puts the "Embed" button right after the tool's slot (tool pages only; embeds have no offer).
fn offer_embed(slot: &web_sys::HtmlElement, tool: String, base: String, embed_path: String) {
    let Ok(holder) = document().create_element("div") else { return };
    if slot.after_with_node_1(&holder).is_ok()
        && let Ok(holder) = holder.dyn_into::<web_sys::HtmlElement>()
    {
        leptos::mount::mount_to(holder, move || view! { <embed_offer::EmbedOffer tool base embed_path /> }).forget();
    }
}

/// Replaces the prerendered search form with the live search box, keeping whatever the reader
/// typed before the app started, and fills the results page if this is it.
fn mount_search() {
    let Some(slot) = element_by_id("search") else { return };
    let urls = search::SearchUrls::from_slot(&slot);
    let query_in_url = url_state::read::<atlas_search::url_query::SearchQuery>(&()).query.q;
    let results = element_by_id("search-results");
    let typed = slot
        .query_selector("input")
        .ok()
        .flatten()
        .and_then(|input| input.dyn_into::<web_sys::HtmlInputElement>().ok());
    let focus = typed.as_ref().is_some_and(|input| document().active_element().as_ref() == Some(input.as_ref()));
    let mut initial = typed.map(|input| input.value()).unwrap_or_default();
    if initial.is_empty() && results.is_some() {
        initial = query_in_url.clone();
    }
    slot.set_inner_html("");
    let box_urls = urls.clone();
    leptos::mount::mount_to(slot, move || view! { <search::SearchBox urls=box_urls initial focus /> }).forget();
    if let Some(results) = results {
        results.set_inner_html("");
        leptos::mount::mount_to(results, move || view! { <search::SearchResults urls query=query_in_url /> }).forget();
    }
}

/// The JSON the prerenderer put in the page's script element `id`, read before the tool's slot is
/// cleared.
fn page_data<T: serde::de::DeserializeOwned>(id: &str) -> Option<T> {
    let text = element_by_id(id)?.text_content()?;
    serde_wasm_bindgen::from_value(js_sys::JSON::parse(&text).ok()?).ok()
}

fn element_by_id(id: &str) -> Option<web_sys::HtmlElement> {
    document().get_element_by_id(id).and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok())
}

/// Mounts `view` into the element with `id`, if this page has that slot, in place of what the
/// prerenderer drew there.
fn mount_into<V: IntoView + 'static>(id: &str, view: impl FnOnce() -> V + 'static) {
    if let Some(slot) = element_by_id(id) {
        slot.set_inner_html("");
        // The widget lives as long as the page.
        leptos::mount::mount_to(slot, view).forget();
    }
}

/// What the page asks the checker worker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckRequest {
    pub id: u32,
    pub code: String,
    /// The client release the code must run on (`1.2`), checked by the page against the releases
    /// the checker knows; `None` is the newest.
    pub target: Option<String>,
}

/// What the checker worker sends the page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum FromCheckerWorker {
    Ready,
    /// The problems in the request's code, and its colour classes from the same parse, packed
    /// (`atlas_checker::pack_spans`).
    Checked {
        id: u32,
        diagnostics: Vec<atlas_checker::Diagnostic>,
        #[serde(with = "serde_bytes")]
        spans: Vec<u8>,
    },
    Refused(String),
}
