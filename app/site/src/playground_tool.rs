//! The playground at /playground/: paste Modal code and see, as you type, what the current client
//! would reject or ignore, coloured and underlined in place, with fixes. The checker runs in a
//! worker; the code travels in the URL (`#code=`, with the client release it must run on as
//! `?target=1.2`) and the draft is kept in this browser between visits; a gallery loads common
//! patterns before and after the API changes.

mod checker;
mod editor;
mod gallery;
mod problems;
mod workspace;

use atlas_checker::api::{CLIENT_VERSION, Version};
use atlas_checker::{CheckedCode, Diagnostic, Fix, apply_fix};
use atlas_editor::query::{PlaygroundQuery, release_series};
use leptos::prelude::*;

use crate::url_state;

use checker::{CheckerNotice, CheckerState};
use editor::CodeEditor;
pub use gallery::Example;
use gallery::ExamplePicker;
use problems::{ProblemList, ProblemSummary};
use workspace::{Workspace, WorkspaceNote};

/// Which client release the code must run on, kept in the URL as `?target=1.2`.
#[component]
fn TargetPicker(target: RwSignal<Option<Version>>) -> impl IntoView {
    let choose = move |event: leptos::ev::Event| {
        let chosen = event_target_value(&event).parse::<Version>().ok();
        url_state::write(&PlaygroundQuery { target: chosen.clone() }, &());
        target.set(chosen);
    };
    view! {
        <label class="playground-target">
            "Runs on modal "
            <select on:change=choose prop:value=move || target.get().map(|version| version.to_string()).unwrap_or_default()>
                <option value="">{format!("{CLIENT_VERSION} (newest)")}</option>
                {release_series()
                    .into_iter()
                    .map(|version| {
                        let value = version.to_string();
                        view! { <option value=value.clone()>{format!("{value}.0 or later")}</option> }
                    })
                    .collect_view()}
            </select>
        </label>
    }
}

/// A byte offset in `code` as the UTF-16 index a textarea uses.
fn utf16_index(code: &str, byte: usize) -> u32 {
    code.get(..byte.min(code.len())).map_or(0, |before| before.encode_utf16().count() as u32)
}

#[component]
pub fn Playground(
    worker_url: String,
    gallery: Vec<Example>,
    rules_url: Option<String>,
    /// What a first visit shows, checked by the build.
    start: Option<CheckedCode>,
) -> impl IntoView {
    let starting_code = start.as_ref().map(|start| start.code.clone()).unwrap_or_default();
    let examples = gallery.iter().flat_map(|example| [example.broken.clone(), example.fixed.clone()]).collect();
    let (workspace, link_problem) = Workspace::open(starting_code, examples);
    let code = workspace.code;
    let start_target = url_state::read::<PlaygroundQuery>(&());
    let target_problem = start_target.problems.into_iter().next().map(|problem| problem.message);
    let target = RwSignal::new(start_target.query.target);
    let shared = RwSignal::new(None::<String>);
    let textarea = NodeRef::<leptos::html::Textarea>::new();
    let (answer, checker_state, wake_checker) = checker::connect(worker_url, code, target, start);
    // A memo: an answer that finds the same problems leaves the list as it is.
    let diagnostics: Signal<Vec<Diagnostic>> =
        Memo::new(move |_| answer.with(|answer| answer.diagnostics.clone())).into();

    let jump = Callback::new(move |diagnostic: Diagnostic| {
        let Some(area) = textarea.get() else { return };
        let text = code.get_untracked();
        let _ = area.focus();
        let _ = area.set_selection_range(
            utf16_index(&text, diagnostic.start.offset),
            utf16_index(&text, diagnostic.end.offset),
        );
    });
    let fixes_apply: Signal<bool> =
        Memo::new(move |_| answer.with(|answer| code.with(|text| answer.text == *text))).into();
    let stale: Signal<bool> = Memo::new(move |_| {
        !fixes_apply.get() && matches!(checker_state.get(), CheckerState::Restarting(_) | CheckerState::Stopped(_))
    })
    .into();
    let fix = Callback::new(move |fix: Fix| {
        if !fixes_apply.get_untracked() {
            return;
        }
        let fixed = apply_fix(&code.get_untracked(), &fix);
        let caret = fix.edits.iter().map(|edit| edit.start).min().unwrap_or(0);
        editor::replace_text(textarea, code, fixed, caret);
    });
    let share_link = move |_| {
        workspace.write_fragment_now();
        let url = window().location().href().unwrap_or_default();
        let clipboard = window().navigator().clipboard();
        let _ = clipboard.write_text(&url);
        shared.set(Some("Link copied: it carries the code itself.".into()));
    };

    view! {
        // Moving into the tool is a sign of an edit to come: the checker starts loading then.
        <div class="tool playground" on:focusin=move |_| wake_checker()>
            {link_problem.map(|message| view! { <p class="tool-failure" role="alert">{message}</p> })}
            {target_problem.map(|message| view! { <p class="tool-failure" role="alert">{message}</p> })}
            <CheckerNotice state=checker_state />
            {(!gallery.is_empty()).then(|| view! { <ExamplePicker examples=gallery workspace /> })}
            <WorkspaceNote workspace />
            <div class="playground-bar">
                <label for="playground-code" class="playground-label">"Python code"</label>
                <TargetPicker target />
                <button type="button" class="tool-button" on:click=share_link>"Copy share link"</button>
                <span class="field-hint" aria-live="polite">{move || shared.get()}</span>
            </div>
            <CodeEditor code answer textarea />
            <ProblemSummary diagnostics stale />
            <ProblemList diagnostics on_jump=jump on_fix=fix fixes_apply rules_url />
        </div>
    }
}
