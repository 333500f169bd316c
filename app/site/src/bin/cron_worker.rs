//! The cron tool's worker: the schedule engine, kept out of the bundle every page loads. It
//! answers each `report::Request` with a `report::Report`. It carries no time-zone database: the
//! first request that names a zone fetches that zone's TZif file, which the build publishes
//! (`atlas_cron::zones`), and the zone is kept for the worker's life.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use atlas_cron::report::{self, InputError, Report, Request};
use atlas_cron::{Zone, zones};
use atlas_site::FromCronWorker;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use wasm_bindgen_futures::JsFuture;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent, Response};

/// Zones fetched so far, by canonical name.
type Zones = Rc<RefCell<HashMap<&'static str, Zone>>>;

fn main() {
    console_error_panic_hook::set_once();
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_to = scope.clone();
    let loaded: Zones = Rc::default();
    let viewer = viewer_zone();
    let ready = FromCronWorker::Ready { viewer_zone: viewer.clone() };
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
        let mut request = match serde_wasm_bindgen::from_value::<Request>(event.data()) {
            Ok(request) => request,
            Err(err) => return post(&reply_to, &FromCronWorker::Refused(err.to_string())),
        };
        if request.viewer_tz.is_empty() {
            request.viewer_tz = viewer.clone();
        }
        let (scope, loaded) = (reply_to.clone(), loaded.clone());
        // Answers may overtake each other while a zone loads; the page keeps only the latest.
        wasm_bindgen_futures::spawn_local(async move {
            let report = match load(&scope, &loaded, &request.tz).await {
                Ok(()) => {
                    // The reader's own zone is a courtesy column: without its data, UTC stands in.
                    let _ = load(&scope, &loaded, &request.viewer_tz).await;
                    report::answer_with(&request, |name| zone(&loaded, name))
                }
                Err(message) => Report {
                    id: request.id,
                    result: Err(InputError { input: "tz".into(), message, span: None, undocumented: false }),
                },
            };
            post(&scope, &FromCronWorker::Report(report));
        });
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler serves the worker for its whole life.
    on_message.forget();
    post(&scope, &ready);
}

/// The reader's IANA zone, as the browser knows it.
fn viewer_zone() -> String {
    let format = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &js_sys::Object::new());
    js_sys::Reflect::get(&format.resolved_options(), &"timeZone".into())
        .ok()
        .and_then(|zone| zone.as_string())
        .unwrap_or_else(|| "UTC".into())
}

/// The zone `name` names, if it needs no data or its data has been loaded.
fn zone(loaded: &Zones, name: &str) -> Option<Zone> {
    zones::built_in(name).or_else(|| loaded.borrow().get(zones::canonical(name)?).cloned())
}

/// Fetches the data of zone `name` unless it is loaded, UTC, or not a zone at all (the engine
/// then says the name is unknown). Fails with a sentence for the reader.
async fn load(scope: &DedicatedWorkerGlobalScope, loaded: &Zones, name: &str) -> Result<(), String> {
    let Some(canonical) = zones::canonical(name) else { return Ok(()) };
    if zones::built_in(name).is_some() || loaded.borrow().contains_key(canonical) {
        return Ok(());
    }
    let failed = |reason: String| format!("the data of time zone {canonical} could not be loaded ({reason})");
    let response: Response = JsFuture::from(scope.fetch_with_str(&zones::file_path(canonical)))
        .await
        .map_err(|_| failed("no network".into()))?
        .unchecked_into();
    if !response.ok() {
        return Err(failed(format!("HTTP {}", response.status())));
    }
    let buffer = JsFuture::from(response.array_buffer().map_err(|_| failed("unreadable answer".into()))?)
        .await
        .map_err(|_| failed("the download stopped".into()))?;
    let data = js_sys::Uint8Array::new(&buffer).to_vec();
    let tz = zones::from_tzif(canonical, &data)?;
    loaded.borrow_mut().insert(canonical, tz);
    Ok(())
}

fn post(scope: &DedicatedWorkerGlobalScope, message: &FromCronWorker) {
    if let Ok(value) = serde_wasm_bindgen::to_value(message) {
        let _ = scope.post_message(&value);
    }
}
