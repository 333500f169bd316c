//! Tool state in the URL's query string, so every view can be linked, embedded and tested.

use leptos::prelude::*;
use web_sys::UrlSearchParams;

/// The current page's query parameters.
pub fn read() -> UrlSearchParams {
    let search = window().location().search().unwrap_or_default();
    UrlSearchParams::new_with_str(&search).unwrap_or_else(|_| UrlSearchParams::new().expect("an empty query"))
}

/// `name`'s value in the current URL, or `default`.
pub fn get(params: &UrlSearchParams, name: &str, default: &str) -> String {
    params.get(name).unwrap_or_else(|| default.to_string())
}

/// Replaces the URL's query with `pairs` (empty values left out), keeping its fragment (the
/// playground's code), without a reload or a new history entry.
pub fn replace(pairs: &[(&str, String)]) {
    let Ok(params) = UrlSearchParams::new() else { return };
    for (name, value) in pairs.iter().filter(|(_, value)| !value.is_empty()) {
        params.append(name, value);
    }
    let query: String = params.to_string().into();
    let path = window().location().pathname().unwrap_or_default();
    let hash = window().location().hash().unwrap_or_default();
    let url = if query.is_empty() { format!("{path}{hash}") } else { format!("{path}?{query}{hash}") };
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}
