//! The cron tool's worker: the schedule engine and the time-zone database, kept out of the
//! bundle every page loads. It answers each `report::Request` with a `report::Report`.

use atlas_cron::report::{self, Request};
use atlas_site::FromCronWorker;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

fn main() {
    console_error_panic_hook::set_once();
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_to = scope.clone();
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
        let message = match serde_wasm_bindgen::from_value::<Request>(event.data()) {
            Ok(request) => FromCronWorker::Report(report::answer(&request)),
            Err(err) => FromCronWorker::Refused(err.to_string()),
        };
        post(&reply_to, &message);
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler serves the worker for its whole life.
    on_message.forget();
    let zones = atlas_cron::jiff::tz::db().available().map(|name| name.to_string()).collect();
    post(&scope, &FromCronWorker::Ready { zones });
}

fn post(scope: &DedicatedWorkerGlobalScope, message: &FromCronWorker) {
    if let Ok(value) = serde_wasm_bindgen::to_value(message) {
        let _ = scope.post_message(&value);
    }
}
