//! Keyboard shortcuts that work anywhere on a page: `/` and Ctrl/Cmd+K focus the search box.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{HtmlElement, HtmlInputElement, KeyboardEvent};

pub fn enable() {
    let on_keydown = Closure::<dyn Fn(KeyboardEvent)>::new(|event: KeyboardEvent| {
        let command_k = (event.ctrl_key() || event.meta_key()) && event.key().eq_ignore_ascii_case("k");
        let slash = event.key() == "/"
            && !event.ctrl_key()
            && !event.meta_key()
            && !event.alt_key()
            && !typing_somewhere(&event);
        if !(command_k || slash) {
            return;
        }
        let input = document()
            .query_selector(".search-input")
            .ok()
            .flatten()
            .and_then(|el| el.dyn_into::<HtmlInputElement>().ok());
        if let Some(input) = input {
            event.prevent_default();
            let _ = input.focus();
            input.select();
        }
    });
    let _ = document().add_event_listener_with_callback("keydown", on_keydown.as_ref().unchecked_ref());
    // The listener serves the page for its whole life.
    on_keydown.forget();
}

/// True when the key goes into a text field, where `/` is a character to type.
fn typing_somewhere(event: &KeyboardEvent) -> bool {
    let Some(target) = event.target().and_then(|target| target.dyn_into::<HtmlElement>().ok()) else { return false };
    matches!(target.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT") || target.is_content_editable()
}
