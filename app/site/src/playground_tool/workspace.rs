//! Where the reader's code lives, so that no typed work is lost: the editor's code, the draft
//! this browser keeps between visits, the address's fragment (`#code=`), which follows every
//! edit so a reload or a copied address brings the code back, and the code set aside whenever
//! something else replaced the reader's (a link, an example), with a way to put it back.

use std::time::Duration;

use atlas_checker::{MAX_SOURCE_LINES, line_count, too_many_lines};
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

const DRAFT_KEY: &str = "atlas-playground-draft";
const SET_ASIDE_KEY: &str = "atlas-playground-set-aside";
/// Set-aside code kept, newest last; older ones are dropped (each may be up to 256 KB, and
/// browsers give a site about 5 MB of storage).
const SET_ASIDE_KEPT: usize = 5;
/// How long the code must stay unchanged before the draft and the fragment follow it: storing and
/// compressing a large file on every keystroke would slow typing.
const PERSIST_DELAY_MS: u64 = 400;
/// Code up to this size is stored and written into the fragment at every edit (a millisecond or
/// less), so a reload right after typing finds the latest keystroke.
const PERSIST_AT_ONCE_BYTES: usize = 16 * 1024;

/// The playground's code and what was set aside. Copy, for the view's closures.
#[derive(Clone, Copy)]
pub struct Workspace {
    pub code: RwSignal<String>,
    /// The reader's code that something replaced, newest last.
    set_aside: RwSignal<Vec<String>>,
    /// Text that is not the reader's work (the starting code, the examples): replacing it loses nothing.
    not_work: StoredValue<Vec<String>>,
    /// What the code now is and where it came from, when the reader should know.
    pub note: RwSignal<Option<String>>,
    /// The draft as this tab last read or wrote it: a different one in storage is another tab's.
    stored_draft: StoredValue<Option<String>>,
    /// Whether the code changed since it was last persisted.
    dirty: StoredValue<bool>,
}

/// The code in the address's fragment: `None` without `#code=`, else the code or why it could
/// not be read.
fn code_in_fragment() -> Option<Result<String, String>> {
    let hash = window().location().hash().unwrap_or_default();
    let encoded = hash.strip_prefix("#code=")?;
    // More lines than the playground checks would make typing lag: such code is not opened.
    let opened = atlas_share::decode(encoded).and_then(|code| match line_count(&code) {
        lines if lines > MAX_SOURCE_LINES => Err(too_many_lines(lines, MAX_SOURCE_LINES)),
        _ => Ok(code),
    });
    Some(opened.map_err(|reason| format!("This link's code could not be opened: {reason}.")))
}

impl Workspace {
    /// The code to start with: the link's, else the saved draft, else `starting_code`; and why
    /// a link's code could not be read. A saved draft the link replaces is set aside.
    pub fn open(starting_code: String, examples: Vec<String>) -> (Workspace, Option<String>) {
        let mut not_work = examples;
        not_work.push(starting_code.clone());
        let workspace = Workspace {
            code: RwSignal::new(String::new()),
            set_aside: RwSignal::new(stored_set_aside()),
            not_work: StoredValue::new(not_work),
            note: RwSignal::new(None),
            stored_draft: StoredValue::new(saved_draft()),
            dirty: StoredValue::new(false),
        };
        let draft = workspace.stored_draft.get_value();
        let (initial, problem) = match code_in_fragment() {
            Some(Ok(linked)) => {
                if let Some(draft) = draft.filter(|draft| *draft != linked && workspace.is_readers_work(draft)) {
                    workspace.keep_aside(draft);
                    workspace.note.set(Some("Opened the code from this link.".into()));
                }
                (linked, None)
            }
            Some(Err(reason)) => (draft.unwrap_or(starting_code), Some(reason)),
            None => (draft.unwrap_or(starting_code), None),
        };
        workspace.code.set(initial);
        workspace.follow_edits();
        (workspace, problem)
    }

    fn is_readers_work(self, text: &str) -> bool {
        !text.trim().is_empty() && self.not_work.with_value(|texts| !texts.iter().any(|other| other == text))
    }

    fn keep_aside(self, text: String) {
        self.set_aside.update(|texts| {
            texts.retain(|kept| *kept != text);
            texts.push(text);
            let over = texts.len().saturating_sub(SET_ASIDE_KEPT);
            texts.drain(..over);
            store_set_aside(texts);
        });
    }

    /// Replaces the code with `text`, setting the code it replaces aside if the reader wrote it,
    /// and says `note` about it.
    pub fn replace(self, text: String, note: Option<String>) {
        let current = self.code.get_untracked();
        if current != text && self.is_readers_work(&current) {
            self.keep_aside(current);
        }
        self.note.set(note);
        self.code.set(text);
    }

    /// Puts back the code set aside last; the code it replaces is set aside in its turn.
    pub fn put_back(self) {
        let mut texts = self.set_aside.get_untracked();
        let current = self.code.get_untracked();
        texts.retain(|text| *text != current);
        let Some(latest) = texts.pop() else { return };
        store_set_aside(&texts);
        self.set_aside.set(texts);
        self.replace(latest, None);
    }

    /// Whether some code set aside differs from the code shown.
    pub fn has_set_aside(self) -> bool {
        self.set_aside.with(|texts| self.code.with(|code| texts.iter().any(|text| text != code)))
    }

    /// Keeps the draft, the set-aside code and the fragment in step with the code, and opens the
    /// code of a link the reader goes to without leaving the page (only its fragment changes).
    fn follow_edits(self) {
        // The draft and the fragment follow each edit of small code at once, and of larger code
        // after a pause in typing; and whatever is left when the page is left.
        let pending = StoredValue::new(None::<TimeoutHandle>);
        Effect::watch(
            move || self.code.track(),
            move |_, _, _| {
                self.dirty.set_value(true);
                if let Some(handle) = pending.get_value() {
                    handle.clear();
                }
                if self.code.with_untracked(String::len) <= PERSIST_AT_ONCE_BYTES {
                    self.persist();
                    return;
                }
                let handle = set_timeout_with_handle(move || self.persist(), Duration::from_millis(PERSIST_DELAY_MS));
                pending.set_value(handle.ok());
            },
            false,
        );
        let on_leave = Closure::<dyn Fn()>::new(move || self.persist());
        let on_hash_change = Closure::<dyn Fn()>::new(move || match code_in_fragment() {
            Some(Ok(linked)) if self.code.with_untracked(|text| *text != linked) => {
                self.replace(linked, Some("Opened the code from the link.".into()));
            }
            Some(Err(reason)) => self.note.set(Some(format!("{reason} Your code is as it was."))),
            _ => {}
        });
        let _ = window().add_event_listener_with_callback("pagehide", on_leave.as_ref().unchecked_ref());
        let _ = window().add_event_listener_with_callback("hashchange", on_hash_change.as_ref().unchecked_ref());
        // The playground lives as long as the page.
        on_leave.forget();
        on_hash_change.forget();
    }

    /// Writes the code into the fragment now, for a share link.
    pub fn write_fragment_now(self) {
        self.code.with_untracked(|text| write_fragment(text));
    }

    /// Saves the draft and writes the code into the fragment, now, if it changed. A draft another
    /// tab wrote since this one last looked is set aside, not overwritten.
    fn persist(self) {
        if !self.dirty.get_value() {
            return;
        }
        self.dirty.set_value(false);
        let text = self.code.get_untracked();
        let in_storage = saved_draft();
        if let Some(theirs) = in_storage.filter(|theirs| {
            *theirs != text
                && self.stored_draft.with_value(|ours| ours.as_ref() != Some(theirs))
                && self.is_readers_work(theirs)
        }) {
            self.keep_aside(theirs);
        }
        save_draft(&text);
        write_fragment(&text);
        self.stored_draft.set_value(Some(text));
    }
}

/// Makes the address's fragment carry `code`, without a history entry or a `hashchange`.
fn write_fragment(code: &str) {
    let location = window().location();
    let url = format!(
        "{}{}#code={}",
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default(),
        atlas_share::encode(code)
    );
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url));
    }
}

fn local_storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

fn saved_draft() -> Option<String> {
    local_storage()?.get_item(DRAFT_KEY).ok().flatten()
}

fn save_draft(code: &str) {
    // Storage can be refused (private mode, quota): the page works on without it.
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(DRAFT_KEY, code);
    }
}

/// The code set aside in an earlier visit, so a reload does not lose it either.
fn stored_set_aside() -> Vec<String> {
    let stored = local_storage().and_then(|storage| storage.get_item(SET_ASIDE_KEY).ok().flatten());
    let parsed = stored.and_then(|text| js_sys::JSON::parse(&text).ok());
    parsed.and_then(|value| serde_wasm_bindgen::from_value(value).ok()).unwrap_or_default()
}

fn store_set_aside(texts: &[String]) {
    // Storage can be refused (private mode, quota): the texts are still kept for this visit.
    let Some(storage) = local_storage() else { return };
    if texts.is_empty() {
        let _ = storage.remove_item(SET_ASIDE_KEY);
        return;
    }
    let list: js_sys::Array = texts.iter().map(|text| JsValue::from_str(text)).collect();
    if let Some(json) = js_sys::JSON::stringify(&list).ok().and_then(|json| json.as_string()) {
        let _ = storage.set_item(SET_ASIDE_KEY, &json);
    }
}

/// What the code now is and where it came from, and the way back to the code set aside.
#[component]
pub fn WorkspaceNote(workspace: Workspace) -> impl IntoView {
    view! {
        <p class="playground-example-note" aria-live="polite">
            {move || workspace.note.get()}
            {move || {
                workspace.has_set_aside().then(|| {
                    view! {
                        " Your own code is set aside: "
                        <button type="button" class="tool-button" on:click=move |_| workspace.put_back()>"Put my code back"</button>
                    }
                })
            }}
        </p>
    }
}
