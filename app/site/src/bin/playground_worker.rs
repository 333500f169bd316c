//! The playground's worker: the Python parser and the checker's rules, off the main thread so
//! typing never waits for a check, and out of the bundle every other page loads. Each answer also
//! carries the code's colour classes, from the same parse.

use atlas_site::{CheckRequest, FromCheckerWorker};
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

fn main() {
    console_error_panic_hook::set_once();
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_to = scope.clone();
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
        let message = match serde_wasm_bindgen::from_value::<CheckRequest>(event.data()) {
            Ok(request) => {
                let target_version = request.target.as_deref().and_then(|target| target.parse().ok());
                let options = atlas_checker::Options { target_version, ..Default::default() };
                let (diagnostics, spans) = atlas_checker::check_and_highlight_with(&request.code, &options);
                FromCheckerWorker::Checked { id: request.id, diagnostics, spans: atlas_checker::pack_spans(&spans) }
            }
            Err(err) => FromCheckerWorker::Refused(err.to_string()),
        };
        post(&reply_to, &message);
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler serves the worker for its whole life.
    on_message.forget();
    post(&scope, &FromCheckerWorker::Ready);
}

fn post(scope: &DedicatedWorkerGlobalScope, message: &FromCheckerWorker) {
    if let Ok(value) = serde_wasm_bindgen::to_value(message) {
        let _ = scope.post_message(&value);
    }
}
