//! The playground's link to its checker worker: sends the code whenever it changes, keeps the
//! answer for the latest code, and when the worker fails, says so and starts a new one at once
//! with the code as it is then, so the reader never has to type to bring the checks back.

use atlas_checker::{CheckedCode, Diagnostic};
use atlas_editor::Marks;
use leptos::prelude::*;

use crate::worker::WorkerLink;
use crate::{CheckRequest, FromCheckerWorker};

/// Failed workers replaced in a row, with no answer in between, before the page stops trying
/// (a worker that cannot load at all would otherwise be restarted for ever).
const RESTARTS_IN_A_ROW: u32 = 3;

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
    target: RwSignal<Option<String>>,
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

    let send = move |text: String| {
        let id = sent.with_value(|(id, _)| id + 1);
        link.with_value(|link| {
            if let Some(link) = link {
                link.send(&CheckRequest { id, code: text.clone(), target: target.get_untracked() });
            }
        });
        sent.set_value((id, text));
    };
    let on_message = move |message: FromCheckerWorker| match message {
        FromCheckerWorker::Ready => {}
        FromCheckerWorker::Checked { id, diagnostics, spans } => {
            let Some(text) = sent.with_value(|(latest, text)| (*latest == id).then(|| text.clone())) else { return };
            failures_in_a_row.set_value(0);
            state.update(|state| match state {
                CheckerState::Restarting(reason) => *state = CheckerState::Restarted(std::mem::take(reason)),
                CheckerState::Refused(_) => *state = CheckerState::Running,
                _ => {}
            });
            answer.set(CheckedCode { code: text, diagnostics, spans }.into());
        }
        FromCheckerWorker::Refused(reason) => state.set(CheckerState::Refused(reason)),
    };
    let on_failure = move |reason: String| {
        failures_in_a_row.update_value(|count| *count += 1);
        if failures_in_a_row.get_value() <= RESTARTS_IN_A_ROW {
            state.set(CheckerState::Restarting(reason));
            // Not here, inside the failed worker's own handler: the effect replaces it next.
            generation.update(|generation| *generation += 1);
        } else {
            state.set(CheckerState::Stopped(reason));
        }
    };

    Effect::new(move |_| {
        if !wanted.get() {
            return;
        }
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
