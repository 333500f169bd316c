//! The playground's link to its checker worker: sends the code whenever it changes, keeps the
//! answer for the latest code, and when the worker fails, says so and starts a new one at once
//! with the code as it is then, so the reader never has to type to bring the checks back.
//!
//! One request is in flight at a time: code typed meanwhile waits, and only its latest version
//! is sent when the answer comes, so a slow check never piles up work behind it. A watchdog
//! notices a worker that stops answering without an error (one that hangs, or closes itself)
//! and replaces it like one that failed.

use std::time::Duration;

use atlas_checker::api::Version;
use atlas_checker::{CheckedCode, Diagnostic};
use atlas_editor::Marks;
use leptos::prelude::*;

use crate::worker::WorkerLink;
use crate::{CheckRequest, FromCheckerWorker};

/// Failed workers replaced in a row, with no answer in between, before the page stops trying
/// (a worker that cannot load at all would otherwise be restarted for ever).
const RESTARTS_IN_A_ROW: u32 = 3;
/// How long a started worker may take to answer a request. The largest code the playground
/// takes is checked in about a second on a slow machine.
const ANSWER_WITHIN: Duration = Duration::from_secs(10);
/// How long a new worker may take to load: the parser is about 600 KB, which a slow connection
/// takes a while to bring.
const READY_WITHIN: Duration = Duration::from_secs(60);

/// The worker's answer for one version of the code.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CheckerAnswer {
    /// The code that was checked.
    pub text: String,
    pub diagnostics: Vec<Diagnostic>,
    pub marks: Marks,
}

impl From<CheckedCode> for CheckerAnswer {
    fn from(CheckedCode { code, diagnostics, spans }: CheckedCode) -> CheckerAnswer {
        CheckerAnswer { marks: Marks::new(spans, &diagnostics), text: code, diagnostics }
    }
}

/// How the worker is doing, when the reader needs to know.
#[derive(Debug, Clone, PartialEq)]
pub enum CheckerState {
    Running,
    /// It failed (why) and a new one is starting.
    Restarting(String),
    /// It failed (why) and the new one has answered.
    Restarted(String),
    /// It failed again and again (why): the next edit tries once more.
    Stopped(String),
    /// It could not read a request (why).
    Refused(String),
}

/// Keeps `code` checked for the client release `target` by the worker at `worker_url`.
/// `prechecked` is the page's starting code with its answer: while the code is that and the
/// target the newest, it is the answer and no worker runs. The worker starts with the first
/// change, or when the returned `wake` is called (the reader is about to edit).
pub fn connect(
    worker_url: String,
    code: RwSignal<String>,
    target: RwSignal<Option<Version>>,
    prechecked: Option<CheckedCode>,
) -> (ReadSignal<CheckerAnswer>, ReadSignal<CheckerState>, impl Fn() + Copy + 'static) {
    let prechecked = prechecked
        .filter(|checked| code.with_untracked(|text| *text == checked.code) && target.with_untracked(Option::is_none));
    let wanted = RwSignal::new(prechecked.is_none());
    let answer = RwSignal::new(prechecked.map(CheckerAnswer::from).unwrap_or_default());
    let state = RwSignal::new(CheckerState::Running);
    // The latest request's id and code: answers to older ones are stale.
    let sent = StoredValue::new((0u32, String::new()));
    let failures_in_a_row = StoredValue::new(0u32);
    // Bumped to replace the worker; the effect below owns the link.
    let generation = RwSignal::new(0u32);
    let link = StoredValue::new_local(None::<WorkerLink>);
    let wake = move || {
        if !wanted.get_untracked() {
            wanted.set(true);
        }
    };

    // The request the worker is working on, and the watchdog waiting for its answer.
    let in_flight = StoredValue::new(None::<u32>);
    let ready = StoredValue::new(false);
    let watchdog = StoredValue::new(None::<TimeoutHandle>);
    let stop_watchdog = move || {
        if let Some(handle) = watchdog.get_value() {
            handle.clear();
        }
        watchdog.set_value(None);
    };
    let on_failure = move |reason: String| {
        stop_watchdog();
        in_flight.set_value(None);
        failures_in_a_row.update_value(|count| *count += 1);
        if failures_in_a_row.get_value() <= RESTARTS_IN_A_ROW {
            state.set(CheckerState::Restarting(reason));
            // Not here, inside the failed worker's own handler: the effect replaces it next.
            generation.update(|generation| *generation += 1);
        } else {
            state.set(CheckerState::Stopped(reason));
        }
    };
    // Waits for the answer to request `id`: a minute while the worker loads, then ten seconds.
    let arm_watchdog = move |id: u32| {
        stop_watchdog();
        let (limit, what) = if ready.get_value() {
            (ANSWER_WITHIN, "it did not answer within 10 seconds")
        } else {
            (READY_WITHIN, "it did not start within a minute")
        };
        let generation_now = generation.get_untracked();
        let handle = set_timeout_with_handle(
            move || {
                // A timer of a worker already replaced says nothing about this one.
                if generation.get_untracked() == generation_now && in_flight.get_value() == Some(id) {
                    on_failure(what.to_string());
                }
            },
            limit,
        );
        watchdog.set_value(handle.ok());
    };
    // Sends the latest code, unless a request is in flight (its answer sends what came since).
    let post_latest = move || {
        if in_flight.get_value().is_some() {
            return;
        }
        let (id, text) = sent.get_value();
        link.with_value(|link| {
            if let Some(link) = link {
                link.send(&CheckRequest { id, code: text, target: target.get_untracked().map(|v| v.to_string()) });
            }
        });
        in_flight.set_value(Some(id));
        arm_watchdog(id);
    };
    let send = move |text: String| {
        let id = sent.with_value(|(id, _)| id + 1);
        sent.set_value((id, text));
        post_latest();
    };
    let on_message = move |message: FromCheckerWorker| match message {
        FromCheckerWorker::Ready => {
            ready.set_value(true);
            // The link has just sent the request that waited for the worker.
            if let Some(id) = in_flight.get_value() {
                arm_watchdog(id);
            }
        }
        FromCheckerWorker::Checked { id, diagnostics, spans } => {
            stop_watchdog();
            in_flight.set_value(None);
            failures_in_a_row.set_value(0);
            let latest = sent.with_value(|(latest, text)| (*latest == id).then(|| text.clone()));
            let Some(text) = latest else {
                // Stale: what was typed since goes now.
                post_latest();
                return;
            };
            state.update(|state| match state {
                CheckerState::Restarting(reason) => *state = CheckerState::Restarted(std::mem::take(reason)),
                CheckerState::Refused(_) => *state = CheckerState::Running,
                _ => {}
            });
            answer.set(CheckedCode { code: text, diagnostics, spans: atlas_checker::unpack_spans(&spans) }.into());
        }
        FromCheckerWorker::Refused(reason) => {
            stop_watchdog();
            in_flight.set_value(None);
            state.set(CheckerState::Refused(reason));
        }
    };

    Effect::new(move |_| {
        if !wanted.get() {
            return;
        }
        generation.track();
        // Replacing the link drops the old one, which stops its worker.
        stop_watchdog();
        in_flight.set_value(None);
        ready.set_value(false);
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
        move || (code.get(), target.get()),
        move |(text, _), _, _| {
            if !wanted.get_untracked() {
                // Starting the worker sends it the code as it is then.
                wanted.set(true);
            } else if let CheckerState::Stopped(reason) = state.get_untracked() {
                failures_in_a_row.set_value(0);
                state.set(CheckerState::Restarting(reason));
                generation.update(|generation| *generation += 1);
            } else {
                send(text.clone());
            }
        },
        false,
    );
    (answer.read_only(), state.read_only(), wake)
}

/// What the page says about the worker, if anything.
#[component]
pub fn CheckerNotice(state: ReadSignal<CheckerState>) -> impl IntoView {
    move || {
        match state.get() {
        CheckerState::Running => None,
        CheckerState::Restarting(reason) => Some(
            view! {
                <p class="tool-failure" role="alert">
                    {format!("The checker stopped ({reason}). Starting it again; your code is kept.")}
                </p>
            }
            .into_any(),
        ),
        CheckerState::Restarted(reason) => Some(
            view! {
                <p class="tool-note" role="status">
                    {format!("The checker stopped ({reason}) and was started again; your code was kept.")}
                </p>
            }
            .into_any(),
        ),
        CheckerState::Stopped(reason) => Some(
            view! {
                <p class="tool-failure" role="alert">
                    {format!(
                        "The checker stopped ({reason}) and could not be started again. It tries once more when you edit the code; your code is kept.",
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
}
