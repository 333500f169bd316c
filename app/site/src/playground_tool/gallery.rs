//! The gallery: common Modal patterns from `content/gallery/`, each loadable as written in early
//! 2025 or as the current client wants it. Loading replaces the code; the workspace sets the
//! reader's own code aside, with a button that puts it back.

use leptos::prelude::*;
use serde::Deserialize;

use super::workspace::Workspace;

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

/// A select of every example in both versions and a button that loads the chosen one (saying what
/// changed in it); the code it replaces is set aside by the workspace.
#[component]
pub fn ExamplePicker(examples: Vec<Example>, workspace: Workspace) -> impl IntoView {
    let examples = StoredValue::new(examples);
    let choice = RwSignal::new("0:broken".to_string());
    let load = move |_| {
        let Some((index, version)) = Version::parse_choice(&choice.get_untracked()) else { return };
        let Some(example) = examples.with_value(|all| all.get(index).cloned()) else { return };
        let note = format!("{} ({}): {}", example.title, version.label(), example.note);
        workspace.replace(version.of(&example).to_string(), Some(note));
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
    }
}
