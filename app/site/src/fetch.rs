//! Files fetched whole: the search's index and text, the cron tool's zones.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::Response;

/// Sends the request for `url`; [`body`] awaits its answer. Apart, so several requests can be
/// on their way at once.
pub fn start(url: &str) -> Result<JsFuture, String> {
    let window = web_sys::window().ok_or("no window")?;
    Ok(JsFuture::from(window.fetch_with_str(url)))
}

/// The whole body of a request [`start`] sent, or why there is none, in a few words.
pub async fn body(request: JsFuture) -> Result<Vec<u8>, String> {
    let response: Response = request.await.map_err(|_| "network error")?.dyn_into().map_err(|_| "not a response")?;
    if !response.ok() {
        return Err(format!("HTTP {}", response.status()));
    }
    let buffer =
        JsFuture::from(response.array_buffer().map_err(|_| "unreadable body")?).await.map_err(|_| "unreadable body")?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}
