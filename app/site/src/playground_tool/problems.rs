//! The problems the checker found, counted and listed: each jumps to its code, and offers its
//! fix when it has one.

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
                    .map(|diagnostic| {
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
                                {fix.map(|fix| {
                                    let title = format!("Fix: {}", fix.title);
                                    view! {
                                        <button type="button" class="tool-button" disabled=move || !fixes_apply.get() on:click=move |_| on_fix.run(fix.clone())>
                                            {title}
                                        </button>
                                    }
                                })}
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
