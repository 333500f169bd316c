//! The browser side of Modal Atlas. Pages arrive prerendered; this app mounts interactive
//! widgets into their empty slots and never re-renders the article, so nothing flashes or shifts.

mod copy;
mod search;
mod shortcuts;
mod theme;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

fn main() {
    console_error_panic_hook::set_once();
    copy::enable_copy_buttons();
    shortcuts::enable();
    mount_into("theme-toggle", theme::ThemeToggle);
    mount_search();
}

/// Replaces the prerendered search form with the live search box, keeping whatever the reader
/// typed before the app started, and fills the results page if this is it.
fn mount_search() {
    let Some(slot) = element_by_id("search") else { return };
    let urls = search::SearchUrls::from_slot(&slot);
    let query_in_url = web_sys::UrlSearchParams::new_with_str(&window().location().search().unwrap_or_default())
        .ok()
        .and_then(|params| params.get("q"))
        .unwrap_or_default();
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

fn element_by_id(id: &str) -> Option<web_sys::HtmlElement> {
    document().get_element_by_id(id).and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok())
}

/// Mounts `view` into the element with `id`, if this page has that slot.
fn mount_into<V: IntoView + 'static>(id: &str, view: impl FnOnce() -> V + 'static) {
    if let Some(slot) = element_by_id(id) {
        // The widget lives as long as the page.
        leptos::mount::mount_to(slot, view).forget();
    }
}
