//! Copy buttons on code blocks. The buttons are in the prerendered HTML; one listener on the
//! document serves them all, so there is nothing to attach per block.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Element, MouseEvent};

const FEEDBACK: std::time::Duration = std::time::Duration::from_millis(2000);

pub fn enable_copy_buttons() {
    let on_click = Closure::<dyn Fn(MouseEvent)>::new(|event: MouseEvent| {
        let button = event
            .target()
            .and_then(|target| target.dyn_into::<Element>().ok())
            .and_then(|target| target.closest("button.copy").ok().flatten());
        if let Some(button) = button {
            copy_code_of(button);
        }
    });
    let _ = document().add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref());
    // The listener serves the page for its whole life.
    on_click.forget();
}

fn copy_code_of(button: Element) {
    let text = button
        .parent_element()
        .and_then(|block| block.query_selector("code").ok().flatten())
        .and_then(|code| code.text_content())
        .unwrap_or_default();
    leptos::task::spawn_local(write_with_feedback(button, Ok(text), "Copy"));
}

/// Puts `text` on the clipboard and says on `button` whether it worked, for a moment, before
/// showing `label` again. An `Err` text (it could not be had) is a failure too.
pub(crate) async fn write_with_feedback(button: Element, text: Result<String, ()>, label: &'static str) {
    let copied = match text {
        Ok(text) => JsFuture::from(window().navigator().clipboard().write_text(&text)).await.is_ok(),
        Err(()) => false,
    };
    button.set_text_content(Some(if copied { "Copied" } else { "Copy failed" }));
    set_timeout(move || button.set_text_content(Some(label)), FEEDBACK);
}
