//! The light/dark toggle. `public/theme.js` applies the stored choice before the first paint;
//! with no stored choice the page follows the system setting through CSS alone.

use leptos::prelude::*;

const STORAGE_KEY: &str = "atlas-theme";

#[derive(Clone, Copy, PartialEq, Eq)]
enum Theme {
    Light,
    Dark,
}

impl Theme {
    fn name(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    /// The theme on screen now: the stored choice, else the system's.
    fn shown() -> Theme {
        let root = document().document_element();
        match root.and_then(|root| root.get_attribute("data-theme")).as_deref() {
            Some("dark") => Theme::Dark,
            Some("light") => Theme::Light,
            _ => {
                let prefers_dark = window()
                    .match_media("(prefers-color-scheme: dark)")
                    .ok()
                    .flatten()
                    .is_some_and(|query| query.matches());
                if prefers_dark { Theme::Dark } else { Theme::Light }
            }
        }
    }

    fn apply_and_store(self) {
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("data-theme", self.name());
        }
        // Private modes may refuse storage: the theme still applies to this page.
        if let Ok(Some(storage)) = window().local_storage() {
            let _ = storage.set_item(STORAGE_KEY, self.name());
        }
    }
}

#[component]
pub fn ThemeToggle() -> impl IntoView {
    let (theme, set_theme) = signal(Theme::shown());
    let toggle = move |_| {
        let next = if theme.get() == Theme::Dark { Theme::Light } else { Theme::Dark };
        next.apply_and_store();
        set_theme.set(next);
    };
    view! {
        <button
            type="button"
            class="theme-toggle"
            aria-pressed=move || (theme.get() == Theme::Dark).to_string()
            on:click=toggle
        >
            <span class="theme-icon" aria-hidden="true"></span>
            "Dark theme"
        </button>
    }
}
