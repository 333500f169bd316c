//! The playground at /playground/: paste Modal code and see, as you type, what the current client
//! would reject or ignore, coloured and underlined in place, with fixes. The checker runs in a
//! worker; the code travels in the URL (`#code=`, with the client release it must run on as
//! `?target=1.2`) and the draft is kept in this browser between visits; a gallery loads common
//! patterns before and after the API changes.

mod checker;
mod editor;
mod gallery;
mod problems;

use atlas_checker::api::{CLIENT_VERSION, RELEASES, Version};
use atlas_checker::{CheckedCode, Diagnostic, Fix, apply_fix};
use leptos::prelude::*;

use checker::CheckerNotice;
use editor::CodeEditor;
pub use gallery::Example;
use gallery::ExamplePicker;
use problems::{ProblemList, ProblemSummary};

const DRAFT_KEY: &str = "atlas-playground-draft";

/// The code to start with: the link's, else the saved draft, else `starting_code`; and why a
/// link's code could not be read.
fn initial_code(starting_code: &str) -> (String, Option<String>) {
    let hash = window().location().hash().unwrap_or_default();
    if let Some(encoded) = hash.strip_prefix("#code=") {
        return match atlas_share::decode(encoded) {
            Ok(code) => (code, None),
            Err(reason) => (
                saved_draft().unwrap_or_else(|| starting_code.into()),
                Some(format!("This link's code could not be opened: {reason}.")),
            ),
        };
    }
    (saved_draft().unwrap_or_else(|| starting_code.into()), None)
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

/// The URL's `target` (a client series such as `1.2`), if it is one the checker knows; else why not.
fn initial_target() -> (Option<String>, Option<String>) {
    let wanted = crate::url_state::get(&crate::url_state::read(), "target", "");
    if wanted.is_empty() {
        return (None, None);
    }
    match wanted.parse::<Version>() {
        Ok(version) if series().contains(&version) => (Some(version.to_string()), None),
        Ok(_) | Err(_) => (
            None,
            Some(format!(
                "This link's client version `{wanted}` is not one the checker knows; checking against the newest, {CLIENT_VERSION}."
            )),
        ),
    }
}

/// The release series the reference covers, newest first (`1.6`, `1.5`, …, `1.0`).
fn series() -> Vec<Version> {
    let mut series: Vec<Version> = Vec::new();
    for release in RELEASES.iter().rev() {
        let start = Version { major: release.major, minor: release.minor, patch: None, post: 0 };
        if !series.contains(&start) {
            series.push(start);
        }
    }
    series
}

/// Which client release the code must run on, kept in the URL as `?target=1.2`.
#[component]
fn TargetPicker(target: RwSignal<Option<String>>) -> impl IntoView {
    let choose = move |event: leptos::ev::Event| {
        let value = event_target_value(&event);
        crate::url_state::replace(&[("target", value.clone())]);
        target.set((!value.is_empty()).then_some(value));
    };
    view! {
        <label class="playground-target">
            "Runs on modal "
            <select on:change=choose prop:value=move || target.get().unwrap_or_default()>
                <option value="">{format!("{CLIENT_VERSION} (newest)")}</option>
                {series()
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
    let (initial, link_problem) = initial_code(&starting_code);
    let (start_target, target_problem) = initial_target();
    let code = RwSignal::new(initial);
    let target = RwSignal::new(start_target);
    let shared = RwSignal::new(None::<String>);
    let textarea = NodeRef::<leptos::html::Textarea>::new();
    let (answer, checker_state, wake_checker) = checker::connect(worker_url, code, target, start);
    // A memo: an answer that finds the same problems leaves the list as it is.
    let diagnostics: Signal<Vec<Diagnostic>> =
        Memo::new(move |_| answer.with(|answer| answer.diagnostics.clone())).into();

    Effect::new(move |_| code.with(|text| save_draft(text)));

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
    let fix = Callback::new(move |fix: Fix| {
        if !fixes_apply.get_untracked() {
            return;
        }
        let fixed = apply_fix(&code.get_untracked(), &fix);
        let caret = fix.edits.iter().map(|edit| edit.start).min().unwrap_or(0);
        editor::replace_text(textarea, code, fixed, caret);
    });
    let share_link = move |_| {
        let hash = format!("#code={}", atlas_share::encode(&code.get_untracked()));
        let _ = window().location().set_hash(&hash);
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
            {(!gallery.is_empty()).then(|| view! { <ExamplePicker examples=gallery code starting_code /> })}
            <div class="playground-bar">
                <label for="playground-code" class="playground-label">"Python code"</label>
                <TargetPicker target />
                <button type="button" class="tool-button" on:click=share_link>"Copy share link"</button>
                <span class="field-hint" aria-live="polite">{move || shared.get()}</span>
            </div>
            <CodeEditor code answer textarea />
            <ProblemSummary diagnostics />
            <ProblemList diagnostics on_jump=jump on_fix=fix fixes_apply rules_url />
        </div>
    }
}
