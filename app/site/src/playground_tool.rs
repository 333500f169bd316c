//! The playground at /playground/: paste Modal code and see, as you type, what the current client
//! would reject or ignore, with fixes. The checker runs in a worker; the code travels in the URL
//! (`#code=`) and the draft is kept in this browser between visits.

use std::rc::Rc;

use atlas_checker::{Diagnostic, Severity, apply_fix};
use leptos::prelude::*;
use web_sys::KeyboardEvent;

use crate::worker::WorkerLink;
use crate::{CheckRequest, FromCheckerWorker};

const DRAFT_KEY: &str = "atlas-playground-draft";
const INDENT: &str = "    ";

const EXAMPLE: &str = r#"import modal

app = modal.App("example")


@app.function(gpu="L4", container_idle_timeout=300)
def embed(text: str) -> list[float]:
    return []


@app.function(schedule=modal.Cron("0 6 * * 1", timezone="America/New_York"))
def weekly_report():
    print("report")
"#;

/// The code to start with: the link's, else the saved draft, else the example; and why a link's
/// code could not be read.
fn initial_code() -> (String, Option<String>) {
    let hash = window().location().hash().unwrap_or_default();
    if let Some(encoded) = hash.strip_prefix("#code=") {
        return match atlas_share::decode(encoded) {
            Ok(code) => (code, None),
            Err(reason) => (
                saved_draft().unwrap_or_else(|| EXAMPLE.into()),
                Some(format!("This link's code could not be opened: {reason}.")),
            ),
        };
    }
    (saved_draft().unwrap_or_else(|| EXAMPLE.into()), None)
}

fn saved_draft() -> Option<String> {
    window().local_storage().ok().flatten()?.get_item(DRAFT_KEY).ok().flatten()
}

fn save_draft(code: &str) {
    // Storage can be refused (private mode, quota): the page works on without it.
    if let Ok(Some(storage)) = window().local_storage() {
        let _ = storage.set_item(DRAFT_KEY, code);
    }
}

/// A byte offset in `code` as the UTF-16 index a textarea uses.
fn utf16_index(code: &str, byte: usize) -> u32 {
    code.get(..byte.min(code.len())).map_or(0, |before| before.encode_utf16().count() as u32)
}

#[component]
pub fn Playground(worker_url: String) -> impl IntoView {
    let (start, link_problem) = initial_code();
    let code = RwSignal::new(start);
    let diagnostics = RwSignal::new(Vec::<Diagnostic>::new());
    let failure = RwSignal::new(link_problem);
    let shared = RwSignal::new(None::<String>);
    let sent = StoredValue::new(0u32);
    let editor = NodeRef::<leptos::html::Textarea>::new();

    let start_worker = move || {
        WorkerLink::start(
            &worker_url,
            |message: &FromCheckerWorker| matches!(message, FromCheckerWorker::Ready),
            move |message: FromCheckerWorker| match message {
                FromCheckerWorker::Ready => {}
                FromCheckerWorker::Checked { id, diagnostics: found } if id == sent.get_value() => {
                    diagnostics.set(found)
                }
                FromCheckerWorker::Checked { .. } => {}
                FromCheckerWorker::Refused(reason) => {
                    failure.set(Some(format!("The checker refused a request: {reason}")))
                }
            },
            move |reason| {
                failure.set(Some(format!(
                    "The checker stopped ({reason}). It restarts when you next type; your code is kept."
                )))
            },
        )
        .ok()
        .map(Rc::new)
    };
    let start_worker = StoredValue::new_local(start_worker);
    let link = StoredValue::new_local(start_worker.with_value(|start| start()));

    Effect::new(move |_| {
        let text = code.get();
        save_draft(&text);
        if failure.get_untracked().is_some_and(|message| message.starts_with("The checker stopped")) {
            link.set_value(start_worker.with_value(|start| start()));
            failure.set(None);
        }
        let id = sent.get_value() + 1;
        sent.set_value(id);
        link.with_value(|link| {
            if let Some(link) = link {
                link.send(&CheckRequest { id, code: text });
            }
        });
    });

    let on_keydown = move |event: KeyboardEvent| {
        let Some(area) = editor.get() else { return };
        if event.key() == "Tab" && !event.shift_key() && !event.ctrl_key() && !event.meta_key() {
            // Tab indents; Escape then Tab still leaves the editor, as keyboard users expect.
            event.prevent_default();
            let _ = area.set_range_text_with_start_and_end_and_mode(
                INDENT,
                area.selection_start().ok().flatten().unwrap_or(0),
                area.selection_end().ok().flatten().unwrap_or(0),
                "end",
            );
            code.set(area.value());
        }
    };
    let jump = move |diagnostic: &Diagnostic| {
        let Some(area) = editor.get() else { return };
        let text = code.get_untracked();
        let _ = area.focus();
        let _ = area.set_selection_range(
            utf16_index(&text, diagnostic.start.offset),
            utf16_index(&text, diagnostic.end.offset),
        );
    };
    let share_link = move |_| {
        let hash = format!("#code={}", atlas_share::encode(&code.get_untracked()));
        let _ = window().location().set_hash(&hash);
        let url = window().location().href().unwrap_or_default();
        let clipboard = window().navigator().clipboard();
        let _ = clipboard.write_text(&url);
        shared.set(Some("Link copied: it carries the code itself.".into()));
    };
    let line_count = move || code.get().lines().count().max(1);
    let line_numbers = move || (1..=line_count()).map(|n| n.to_string()).collect::<Vec<_>>().join("\n");

    view! {
        <div class="tool playground">
            {move || failure.get().map(|message| view! { <p class="tool-failure" role="alert">{message}</p> })}
            <div class="playground-bar">
                <label for="playground-code" class="playground-label">"Python code"</label>
                <button type="button" class="tool-button" on:click=share_link>"Copy share link"</button>
                <span class="field-hint" aria-live="polite">{move || shared.get()}</span>
            </div>
            <div class="editor">
                <pre class="editor-gutter" aria-hidden="true">{line_numbers}</pre>
                <textarea
                    id="playground-code"
                    node_ref=editor
                    spellcheck="false"
                    autocomplete="off"
                    autocapitalize="off"
                    wrap="off"
                    rows=move || (line_count() + 1).to_string()
                    aria-describedby="playground-summary"
                    prop:value=move || code.get()
                    on:input=move |event| code.set(event_target_value(&event))
                    on:keydown=on_keydown
                ></textarea>
            </div>
            <p id="playground-summary" class="playground-summary" aria-live="polite">
                {move || {
                    let found = diagnostics.get();
                    let errors = found.iter().filter(|d| d.severity == Severity::Error).count();
                    let warnings = found.len() - errors;
                    match (errors, warnings) {
                        (0, 0) => "No problems found by the rules checked so far.".to_string(),
                        _ => format!("{errors} error{}, {warnings} warning{}", if errors == 1 { "" } else { "s" }, if warnings == 1 { "" } else { "s" }),
                    }
                }}
            </p>
            <ul class="diagnostics">
                {move || {
                    diagnostics
                        .get()
                        .into_iter()
                        .map(|diagnostic| {
                            let fix = diagnostic.fix.clone();
                            let kind = if diagnostic.severity == Severity::Error { "error" } else { "warning" };
                            let place = format!("{}:{}", diagnostic.start.line, diagnostic.start.column);
                            let shown = diagnostic.clone();
                            view! {
                                <li class=format!("diagnostic diagnostic-{kind}")>
                                    <button type="button" class="diagnostic-jump" on:click=move |_| jump(&shown)>
                                        <span class="diagnostic-place">{place}</span>
                                        " " <code>{diagnostic.rule.clone()}</code>
                                        " " <span class="diagnostic-kind">{kind}</span>
                                        " " {diagnostic.message.clone()}
                                    </button>
                                    {fix.map(|fix| {
                                        let title = fix.title.clone();
                                        view! {
                                            <button type="button" class="tool-button" on:click=move |_| code.update(|text| *text = apply_fix(text, &fix))>
                                                {format!("Fix: {title}")}
                                            </button>
                                        }
                                    })}
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </div>
    }
}
