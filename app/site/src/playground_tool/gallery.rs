//! The gallery: common Modal patterns from `content/gallery/`, each loadable as written in early
//! 2025 or as the current client wants it. Loading replaces the code, so code the reader wrote
//! is set aside (kept in this browser too) with a button that puts it back: it is never lost
//! without a word.

use leptos::prelude::*;
use serde::Deserialize;
use wasm_bindgen::JsValue;

const SET_ASIDE_KEY: &str = "atlas-playground-set-aside";

/// One example, as the prerenderer writes it into the page (`atlas_content::Example`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Example {
    pub title: String,
    pub note: String,
    pub broken: String,
    pub fixed: String,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Version {
    Broken,
    Fixed,
}

impl Version {
    fn of(self, example: &Example) -> &str {
        match self {
            Version::Broken => &example.broken,
            Version::Fixed => &example.fixed,
        }
    }

    fn label(self) -> &'static str {
        match self {
            Version::Broken => "broken: early 2025",
            Version::Fixed => "fixed: current client",
        }
    }

    fn key(self) -> &'static str {
        match self {
            Version::Broken => "broken",
            Version::Fixed => "fixed",
        }
    }

    /// An option's value, `3:fixed`, back to the example and version it names.
    fn parse_choice(value: &str) -> Option<(usize, Version)> {
        let (index, version) = value.split_once(':')?;
        let version = match version {
            "broken" => Version::Broken,
            "fixed" => Version::Fixed,
            _ => return None,
        };
        Some((index.parse().ok()?, version))
    }
}

/// A select of every example in both versions, a button that loads the chosen one, what changed
/// in it, and the way back to the reader's own code. `starting_code` is what a first visit shows,
/// which, like the examples, is not the reader's work.
#[component]
pub fn ExamplePicker(examples: Vec<Example>, code: RwSignal<String>, starting_code: String) -> impl IntoView {
    let examples = StoredValue::new(examples);
    let starting_code = StoredValue::new(starting_code);
    let choice = RwSignal::new("0:broken".to_string());
    let loaded_note = RwSignal::new(None::<String>);
    // The reader's code that loads replaced, latest last, until put back.
    let set_aside = RwSignal::new(stored_set_aside());
    Effect::watch(move || set_aside.get(), |texts, _, _| store_set_aside(texts), false);

    let is_readers_work = move |text: &str| {
        !text.trim().is_empty()
            && starting_code.with_value(|start| text != start)
            && examples.with_value(|all| !all.iter().any(|example| example.broken == text || example.fixed == text))
    };
    // Replaces the code with `text`, setting the code it replaces aside if the reader wrote it.
    let replace_code = move |text: String| {
        let current = code.get_untracked();
        if is_readers_work(&current) {
            set_aside.update(|texts| texts.push(current));
        }
        code.set(text);
    };
    let load = move |_| {
        let Some((index, version)) = Version::parse_choice(&choice.get_untracked()) else { return };
        let Some(example) = examples.with_value(|all| all.get(index).cloned()) else { return };
        replace_code(version.of(&example).to_string());
        loaded_note.set(Some(format!("{} ({}): {}", example.title, version.label(), example.note)));
    };
    let put_back = move |_| {
        let mut texts = set_aside.get_untracked();
        let Some(latest) = texts.pop() else { return };
        set_aside.set(texts);
        // An example the reader has since edited is set aside in its turn: putting back swaps.
        replace_code(latest);
        loaded_note.set(None);
    };

    let options = examples.with_value(|all| {
        all.iter()
            .enumerate()
            .map(|(index, example)| {
                let option = move |version: Version| {
                    view! {
                        <option value=format!("{index}:{}", version.key())>
                            {format!("{} ({})", example.title, version.label())}
                        </option>
                    }
                };
                view! {
                    <optgroup label=example.title.clone()>
                        {option(Version::Broken)}
                        {option(Version::Fixed)}
                    </optgroup>
                }
            })
            .collect_view()
    });

    view! {
        <div class="playground-examples">
            <label for="playground-example">"Load an example"</label>
            <select id="playground-example" on:change=move |event| choice.set(event_target_value(&event))>
                {options}
            </select>
            <button type="button" class="tool-button" on:click=load>"Load"</button>
        </div>
        <p class="playground-example-note" aria-live="polite">
            {move || loaded_note.get()}
            {move || {
                set_aside
                    .with(|texts| !texts.is_empty())
                    .then(|| {
                        view! {
                            " Your own code is set aside: "
                            <button type="button" class="tool-button" on:click=put_back>"Put my code back"</button>
                        }
                    })
            }}
        </p>
    }
}

/// The code set aside in an earlier visit, so a reload does not lose it either.
fn stored_set_aside() -> Vec<String> {
    let stored =
        window().local_storage().ok().flatten().and_then(|storage| storage.get_item(SET_ASIDE_KEY).ok().flatten());
    let parsed = stored.and_then(|text| js_sys::JSON::parse(&text).ok());
    parsed.and_then(|value| serde_wasm_bindgen::from_value(value).ok()).unwrap_or_default()
}

fn store_set_aside(texts: &[String]) {
    // Storage can be refused (private mode, quota): the texts are still kept for this visit.
    let Ok(Some(storage)) = window().local_storage() else { return };
    if texts.is_empty() {
        let _ = storage.remove_item(SET_ASIDE_KEY);
        return;
    }
    let list: js_sys::Array = texts.iter().map(|text| JsValue::from_str(text)).collect();
    if let Some(json) = js_sys::JSON::stringify(&list).ok().and_then(|json| json.as_string()) {
        let _ = storage.set_item(SET_ASIDE_KEY, &json);
    }
}
