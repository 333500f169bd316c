//! The browser side of Modal Atlas. Pages arrive prerendered; this app mounts interactive
//! widgets into their empty slots and never re-renders the article, so nothing flashes or shifts.

mod copy;
mod theme;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

fn main() {
    console_error_panic_hook::set_once();
    copy::enable_copy_buttons();
    mount_into("theme-toggle", theme::ThemeToggle);
}

/// Mounts `view` into the element with `id`, if this page has that slot.
fn mount_into<V: IntoView + 'static>(id: &str, view: impl FnOnce() -> V + 'static) {
    let slot = document().get_element_by_id(id).and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(slot) = slot {
        // The widget lives as long as the page.
        leptos::mount::mount_to(slot, view).forget();
    }
}
