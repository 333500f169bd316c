//! Long work split into tasks. A phone takes several times as long as a laptop to start a tool's
//! app or read the search index; done in one task, that blocks the page for all of it, while in
//! several the page answers the reader between them.

/// Resolves in a later task, so what comes after it does not lengthen the current one.
pub async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = leptos::prelude::window().set_timeout_with_callback(&resolve);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
