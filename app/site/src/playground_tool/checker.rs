//! The playground's link to its checker worker: sends the code whenever it changes and keeps the
//! answer for the latest code. A worker that fails is reported, and the next edit starts a new one.

use atlas_checker::Diagnostic;
use atlas_editor::Marks;
use leptos::prelude::*;

use crate::worker::WorkerLink;
use crate::{CheckRequest, FromCheckerWorker};

/// The worker's answer for one version of the code.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CheckerAnswer {
    /// The code that was checked.
    pub text: String,
    pub diagnostics: Vec<Diagnostic>,
    pub marks: Marks,
}

/// How the worker is doing, when the reader needs to know.
#[derive(Debug, Clone, PartialEq)]
pub enum CheckerState {
    Running,
    /// It failed (why): the next edit starts a new one.
    Stopped(String),
    /// It could not read a request (why).
    Refused(String),
}

/// Starts the worker at `worker_url` and keeps it checking `code`.
pub fn connect(worker_url: String, code: RwSignal<String>) -> (ReadSignal<CheckerAnswer>, ReadSignal<CheckerState>) {
    let answer = RwSignal::new(CheckerAnswer::default());
    let state = RwSignal::new(CheckerState::Running);
    // The latest request's id and code: answers to older ones are stale.
    let sent = StoredValue::new((0u32, String::new()));
    // Bumped to replace the worker; the effect below owns the link.
    let generation = RwSignal::new(0u32);
    let link = StoredValue::new_local(None::<WorkerLink>);

    let send = move |text: String| {
        let id = sent.with_value(|(id, _)| id + 1);
        link.with_value(|link| {
            if let Some(link) = link {
                link.send(&CheckRequest { id, code: text.clone() });
            }
        });
        sent.set_value((id, text));
    };
    let on_message = move |message: FromCheckerWorker| match message {
        FromCheckerWorker::Ready => {}
        FromCheckerWorker::Checked { id, diagnostics, spans } => {
            let Some(text) = sent.with_value(|(latest, text)| (*latest == id).then(|| text.clone())) else { return };
            if matches!(state.get_untracked(), CheckerState::Refused(_)) {
                state.set(CheckerState::Running);
            }
            answer.set(CheckerAnswer { marks: Marks::new(spans, &diagnostics), text, diagnostics });
        }
        FromCheckerWorker::Refused(reason) => state.set(CheckerState::Refused(reason)),
    };
    let on_failure = move |reason: String| state.set(CheckerState::Stopped(reason));

    Effect::new(move |_| {
        generation.track();
        // Replacing the link drops the old one, which stops its worker.
        match WorkerLink::start(&worker_url, |m| matches!(m, FromCheckerWorker::Ready), on_message, on_failure) {
            Ok(started) => link.set_value(Some(started)),
            Err(reason) => {
                link.set_value(None);
                state.set(CheckerState::Stopped(reason));
            }
        }
        send(code.get_untracked());
    });
    Effect::watch(
        move || code.get(),
        move |text, _, _| {
            if let CheckerState::Stopped(_) = state.get_untracked() {
                state.set(CheckerState::Running);
                // The effect above starts a new worker and sends it the code as it is.
                generation.update(|generation| *generation += 1);
            } else {
                send(text.clone());
            }
        },
        false,
    );
    (answer.read_only(), state.read_only())
}

/// What the page says about the worker, if anything.
#[component]
pub fn CheckerNotice(state: ReadSignal<CheckerState>) -> impl IntoView {
    move || match state.get() {
        CheckerState::Running => None,
        CheckerState::Stopped(reason) => Some(
            view! {
                <p class="tool-failure" role="alert">
                    {format!(
                        "The checker stopped ({reason}). It starts again when you edit the code; your code is kept.",
                    )}
                </p>
            }
            .into_any(),
        ),
        CheckerState::Refused(reason) => Some(
            view! {
                <p class="tool-failure" role="alert">{format!("The checker refused a request: {reason}")}</p>
            }
            .into_any(),
        ),
    }
}
