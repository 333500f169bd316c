//! "Copy as Markdown" on every page: the button is in the prerendered header, naming the page's
//! Markdown copy (`data-markdown`); a click fetches that file and puts it on the clipboard.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use wasm_bindgen_futures::JsFuture;
use web_sys::{MouseEvent, Response};

use crate::copy::write_with_feedback;

const LABEL: &str = "Copy as Markdown";

pub fn enable() {
    let Some(button) = document().query_selector("button.copy-markdown").ok().flatten() else { return };
    let Some(url) = button.get_attribute("data-markdown") else { return };
    let target = button.clone();
    let on_click = Closure::<dyn Fn(MouseEvent)>::new(move |_: MouseEvent| {
        let (button, url) = (target.clone(), url.clone());
        leptos::task::spawn_local(async move {
            let text = fetch_text(&url).await;
            write_with_feedback(button, text, LABEL).await;
        });
    });
    let _ = button.add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref());
    // The button lives as long as the page.
    on_click.forget();
}

/// The body of `url`, if it answers 200.
async fn fetch_text(url: &str) -> Result<String, ()> {
    let response: Response =
        JsFuture::from(window().fetch_with_str(url)).await.map_err(drop)?.dyn_into().map_err(drop)?;
    if !response.ok() {
        return Err(());
    }
    let text = JsFuture::from(response.text().map_err(drop)?).await.map_err(drop)?;
    text.as_string().ok_or(())
}
