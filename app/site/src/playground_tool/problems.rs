//! The problems the checker found, counted and listed: each jumps to its code, and offers its
//! fix when it has one. An unsafe fix, which also changes what the code does, says what before
//! it is applied.

use atlas_checker::{Diagnostic, Fix, SYNTAX_ERROR, Severity};
use atlas_editor::severity_word;
use leptos::prelude::*;

/// "2 errors, 1 warning", or that there is nothing to report; and when the checker is not
/// running, that these are the problems of an earlier version of the code.
#[component]
pub fn ProblemSummary(diagnostics: Signal<Vec<Diagnostic>>, stale: Signal<bool>) -> impl IntoView {
    let summary = move || {
        let counted = diagnostics.with(|found| {
            let errors = found.iter().filter(|d| d.severity == Severity::Error).count();
            let warnings = found.len() - errors;
            let plural = |n: usize| if n == 1 { "" } else { "s" };
            match (errors, warnings) {
                (0, 0) => "No problems found by the rules checked so far.".to_string(),
                _ => format!("{errors} error{}, {warnings} warning{}", plural(errors), plural(warnings)),
            }
        });
        if stale.get() {
            format!("{counted} (in an earlier version of the code: the checker is not running)")
        } else {
            counted
        }
    };
    view! { <p id="playground-summary" class="playground-summary" aria-live="polite">{summary}</p> }
}

/// Problems listed at most: pasted junk can have thousands, which the list need not all show.
const LISTED: usize = 200;

#[component]
pub fn ProblemList(
    diagnostics: Signal<Vec<Diagnostic>>,
    on_jump: Callback<Diagnostic>,
    on_fix: Callback<Fix>,
    /// False while the problems are those of an earlier version of the code: their fixes would
    /// edit the wrong places, so they wait for the check of the code as it is.
    fixes_apply: Signal<bool>,
    /// The rules page, whose sections are named after the rules (`#mdl001`), if the page names it.
    rules_url: Option<String>,
) -> impl IntoView {
    view! {
        <ul class="diagnostics">
            {move || {
                diagnostics
                    .get()
                    .into_iter()
                    .take(LISTED)
                    .enumerate()
                    .map(|(index, diagnostic)| {
                        let kind = severity_word(diagnostic.severity);
                        let place = format!("{}:{}", diagnostic.start.line, diagnostic.start.column);
                        let fix = diagnostic.fix.clone();
                        let (rule, message) = (diagnostic.rule.clone(), diagnostic.message.clone());
                        // Syntax errors are the parser's, not a rule with a page section.
                        let about = rules_url.as_ref().filter(|_| rule != SYNTAX_ERROR).map(|rules_url| {
                            let href = format!("{rules_url}#{}", rule.to_ascii_lowercase());
                            view! { <a class="diagnostic-about" href=href>{format!("About {rule}")}</a> }
                        });
                        view! {
                            <li class=format!("diagnostic diagnostic-{kind}")>
                                <button type="button" class="diagnostic-jump" on:click=move |_| on_jump.run(diagnostic.clone())>
                                    <span class="diagnostic-place">{place}</span>
                                    " " <code>{rule}</code>
                                    " " <span class="diagnostic-kind">{kind}</span>
                                    " " {message}
                                </button>
                                {about}
                                {fix.map(|fix| view! { <FixButton fix on_fix fixes_apply id=format!("fix-{index}") /> })}
                            </li>
                        }
                    })
                    .collect_view()
            }}
        </ul>
        {move || {
            let more = diagnostics.with(Vec::len).saturating_sub(LISTED);
            (more > 0).then(|| view! { <p class="field-hint">{format!("…and {more} more, not listed.")}</p> })
        }}
    }
}

/// A problem's fix. A safe one applies at once. An unsafe one first opens a confirmation that
/// says what else the fix changes; focus moves to its "Apply the fix" button, which that text
/// describes, and back to the fix button when it is cancelled (or Escape is pressed).
#[component]
fn FixButton(fix: Fix, on_fix: Callback<Fix>, fixes_apply: Signal<bool>, id: String) -> impl IntoView {
    let title = format!("Fix: {}", fix.title);
    let Some(reason) = fix.applicability.unsafe_reason().map(str::to_string) else {
        return view! {
            <button type="button" class="tool-button" disabled=move || !fixes_apply.get() on:click=move |_| on_fix.run(fix.clone())>
                {title}
            </button>
        }
        .into_any();
    };
    let asking = RwSignal::new(false);
    let fix_button = NodeRef::<leptos::html::Button>::new();
    let apply_button = NodeRef::<leptos::html::Button>::new();
    Effect::new(move || {
        if let Some(button) = apply_button.get() {
            let _ = button.focus();
        }
    });
    let cancel = move || {
        asking.set(false);
        if let Some(button) = fix_button.get_untracked() {
            let _ = button.focus();
        }
    };
    let note = format!("{id}-note");
    let confirmation = move || {
        let fix = fix.clone();
        asking.get().then(|| {
            view! {
                <div class="fix-confirm" role="group" aria-label="Confirm the unsafe fix" on:keydown=move |event| if event.key() == "Escape" { cancel() }>
                    <p id=note.clone()>{format!("This fix also changes what the code does: it {reason}.")}</p>
                    <button type="button" class="tool-button" node_ref=apply_button aria-describedby=note.clone() disabled=move || !fixes_apply.get() on:click=move |_| on_fix.run(fix.clone())>
                        "Apply the fix"
                    </button>
                    <button type="button" class="tool-button" on:click=move |_| cancel()>"Cancel"</button>
                </div>
            }
        })
    };
    view! {
        <button type="button" class="tool-button" node_ref=fix_button aria-expanded=move || asking.get().to_string() disabled=move || !fixes_apply.get() on:click=move |_| asking.set(true)>
            {format!("{title} (unsafe)…")}
        </button>
        {confirmation}
    }
    .into_any()
}
