//! The tools' labelled inputs: a label, the input, an optional hint and the input's own message,
//! wired together for assistive technology (`aria-invalid`, `aria-describedby`).

use leptos::prelude::*;

/// When the typed text reaches the value: at every keystroke, or when the field is left
/// (for values that are only meaningful whole, such as a time-zone name).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Commit {
    #[default]
    OnInput,
    OnChange,
}

#[component]
pub fn TextField(
    #[prop(into)] id: String,
    #[prop(into)] label: String,
    value: RwSignal<String>,
    #[prop(into)] error: Signal<Option<String>>,
    /// A short label shown before the message, such as "Not documented by Modal".
    #[prop(optional, into)]
    badge: Option<Signal<Option<String>>>,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] placeholder: Option<&'static str>,
    /// The id of a `<datalist>` of suggestions.
    #[prop(optional)]
    list: Option<&'static str>,
    #[prop(optional)] inputmode: Option<&'static str>,
    #[prop(optional)] commit: Commit,
    #[prop(default = "tool-field")] class: &'static str,
    #[prop(optional)] input_class: Option<&'static str>,
    /// Shown after the input: buttons, a datalist.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    let hint_id = hint.map(|_| format!("{id}-hint"));
    let described_by = match &hint_id {
        Some(hint_id) => format!("{hint_id} {error_id}"),
        None => error_id.clone(),
    };
    view! {
        <div class=class>
            <label for=id.clone()>{label}</label>
            <input
                id=id
                class=input_class
                list=list
                placeholder=placeholder
                inputmode=inputmode
                autocomplete="off"
                spellcheck="false"
                aria-invalid=move || error.get().is_some().to_string()
                aria-describedby=described_by
                prop:value=move || value.get()
                on:input=move |event| {
                    if commit == Commit::OnInput {
                        value.set(event_target_value(&event));
                    }
                }
                on:change=move |event| {
                    if commit == Commit::OnChange {
                        value.set(event_target_value(&event));
                    }
                }
            />
            {children.map(|children| children())}
            {hint.map(|text| view! { <p id=hint_id.clone() class="field-hint">{text}</p> })}
            <p id=error_id class="field-error" aria-live="polite">
                {move || {
                    let badge = badge.and_then(|badge| badge.get()).map(|text| view! { <span class="badge">{text}</span> " " });
                    error.get().map(|message| view! { {badge} {message} })
                }}
            </p>
        </div>
    }
}

/// One radio button of a choice: checked while `chosen` is `value`; choosing it clears what a
/// link said of the choice (`problem`, shown by [`choice_problem`] under `error_id`).
pub fn radio<T: Copy + PartialEq + Send + Sync + 'static>(
    name: &'static str,
    value: T,
    label: &'static str,
    chosen: Signal<T>,
    choose: Callback<T>,
    problem: RwSignal<Option<String>>,
    error_id: &'static str,
) -> impl IntoView {
    view! {
        <label>
            <input
                type="radio"
                name=name
                aria-describedby=move || problem.with(Option::is_some).then_some(error_id)
                prop:checked=move || chosen.get() == value
                on:change=move |_| {
                    problem.set(None);
                    choose.run(value);
                }
            />
            " " {label}
        </label>
    }
}

/// What a link said of a choice that the tool could not take, while it stands.
pub fn choice_problem(problem: RwSignal<Option<String>>, error_id: &'static str) -> impl IntoView {
    move || problem.get().map(|message| view! { <p id=error_id class="field-error" role="alert">{message}</p> })
}
