//! Tool state in the URL's query string, so every view can be linked, embedded and tested. Every
//! tool follows one convention ([`atlas_input::ToolQuery`]): its typed query is read once as it
//! starts and written on every change, defaults left out, without a reload or a history entry.
//!
//! A query too long for an address ([`MAX_QUERY_BYTES`]) would make a reload fail (servers answer
//! such requests with HTTP 431) and lose the input: its longest values stay out of the address
//! and in this tab's session storage instead, which a reload of the same address reads back.

use atlas_input::{MAX_QUERY_BYTES, Params, Read, ToolQuery};
use leptos::prelude::*;

/// The tool's query: from the address, or, when the address is what this tab last wrote with
/// values left out, from what it set aside then.
pub fn read<Q: ToolQuery>(context: &Q::Context) -> Read<Q> {
    let written = address_query();
    let params = set_aside()
        .and_then(|stored| {
            stored.split_once('\n').filter(|(address, _)| *address == written).map(|(_, whole)| Params::parse(whole))
        })
        .unwrap_or_else(|| Params::parse(&written));
    Q::read(&params, context)
}

/// Writes `query` into the address, and returns the names of the values too long to go there,
/// which this tab keeps aside instead (empty when the whole query fits).
pub fn write<Q: ToolQuery>(query: &Q, context: &Q::Context) -> Vec<String> {
    let whole = query.params(context);
    let (kept, left_out) = whole.fit(MAX_QUERY_BYTES);
    let address = kept.encode();
    let key = storage_key();
    if let Some(storage) = session_storage() {
        // Storage can be refused (private mode, quota): the input then lives as long as the page.
        let _ = if left_out.is_empty() {
            storage.remove_item(&key)
        } else {
            storage.set_item(&key, &format!("{address}\n{}", whole.encode()))
        };
    }
    replace_query(&address);
    left_out
}

/// Replaces the URL's query, keeping its path and fragment (the playground's code), without a
/// reload or a new history entry.
fn replace_query(query: &str) {
    let location = window().location();
    let path = location.pathname().unwrap_or_default();
    let hash = location.hash().unwrap_or_default();
    let url = if query.is_empty() { format!("{path}{hash}") } else { format!("{path}?{query}{hash}") };
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

/// The address's query, without `?`.
fn address_query() -> String {
    let search = window().location().search().unwrap_or_default();
    search.strip_prefix('?').unwrap_or(&search).to_string()
}

/// The address this tab last wrote with values left out, and the whole query, a line each.
fn set_aside() -> Option<String> {
    session_storage()?.get_item(&storage_key()).ok().flatten()
}

fn storage_key() -> String {
    format!("atlas-query-set-aside:{}", window().location().pathname().unwrap_or_default())
}

fn session_storage() -> Option<web_sys::Storage> {
    window().session_storage().ok().flatten()
}

/// What a tool says when some of its input is too long for its address.
#[component]
pub fn LeftOutNotice(
    /// The names of the values left out, as [`write`] returns them.
    left_out: Signal<Vec<String>>,
    /// Says what a parameter's name means to a reader ("the cron expression").
    describe: fn(&str) -> &'static str,
) -> impl IntoView {
    move || {
        left_out.with(|names| {
            (!names.is_empty()).then(|| {
                let what: Vec<&str> = names.iter().map(|name| describe(name)).collect();
                view! {
                    <p class="tool-note" role="status">
                        {format!(
                            "Too long for a link: {} stays in this tab, also when you reload it, but the page's address and the links you share leave it out (an address keeps at most {MAX_QUERY_BYTES} characters of input).",
                            what.join(" and "),
                        )}
                    </p>
                }
            })
        })
    }
}
