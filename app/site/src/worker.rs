//! A page's link to a Web Worker: messages sent before the worker is ready wait (only the
//! latest, since each replaces the one before), and a worker that fails is reported, not hidden.
//! Dropping the link stops its worker, so a page can replace a failed worker with a new one.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use serde::Serialize;
use serde::de::DeserializeOwned;
use wasm_bindgen::JsCast;
use wasm_bindgen::JsValue;
use wasm_bindgen::closure::Closure;
use web_sys::{ErrorEvent, Event, MessageEvent, Worker};

pub struct WorkerLink {
    worker: Worker,
    ready: Rc<Cell<bool>>,
    waiting: Rc<RefCell<Option<JsValue>>>,
    // Kept so the handlers live exactly as long as the link.
    _handle_message: Closure<dyn Fn(MessageEvent)>,
    _handle_error: Closure<dyn Fn(Event)>,
}

impl WorkerLink {
    /// Starts the worker at `url`. `on_message` gets every message; the first one for which
    /// `is_ready` is true releases what was sent before. `on_failure` gets a sentence to show.
    pub fn start<M: DeserializeOwned + 'static>(
        url: &str,
        is_ready: fn(&M) -> bool,
        on_message: impl Fn(M) + 'static,
        on_failure: impl Fn(String) + 'static,
    ) -> Result<WorkerLink, String> {
        let worker = Worker::new(url).map_err(|_| format!("the browser refused to start {url}"))?;
        let ready = Rc::new(Cell::new(false));
        let waiting: Rc<RefCell<Option<JsValue>>> = Rc::new(RefCell::new(None));
        let on_failure = Rc::new(on_failure);

        let (ready_flag, queue, sender, failure) = (ready.clone(), waiting.clone(), worker.clone(), on_failure.clone());
        let handle_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
            match serde_wasm_bindgen::from_value::<M>(event.data()) {
                Ok(message) => {
                    if !ready_flag.get() && is_ready(&message) {
                        ready_flag.set(true);
                        if let Some(queued) = queue.borrow_mut().take() {
                            let _ = sender.post_message(&queued);
                        }
                    }
                    on_message(message);
                }
                Err(err) => failure(format!("the worker sent a message this page cannot read ({err})")),
            }
        });
        worker.set_onmessage(Some(handle_message.as_ref().unchecked_ref()));

        let handle_error = Closure::<dyn Fn(Event)>::new(move |event: Event| {
            // Handled here: not passed on to the page as an uncaught error.
            event.prevent_default();
            // A script that fails to load gives a plain event; an error thrown inside, an ErrorEvent.
            let detail = event.dyn_ref::<ErrorEvent>().map(ErrorEvent::message).unwrap_or_default();
            on_failure(if detail.is_empty() { "the worker stopped with an error".to_string() } else { detail });
        });
        worker.set_onerror(Some(handle_error.as_ref().unchecked_ref()));
        Ok(WorkerLink { worker, ready, waiting, _handle_message: handle_message, _handle_error: handle_error })
    }

    pub fn send<T: Serialize>(&self, message: &T) {
        let Ok(value) = serde_wasm_bindgen::to_value(message) else { return };
        if self.ready.get() {
            let _ = self.worker.post_message(&value);
        } else {
            *self.waiting.borrow_mut() = Some(value);
        }
    }
}

impl Drop for WorkerLink {
    fn drop(&mut self) {
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.terminate();
    }
}
