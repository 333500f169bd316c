//! Search in the browser: the header's search box (an ARIA combobox) and the results page.
//! The index and the excerpt text are fetched once, on first use, and every keystroke is
//! answered from memory by `atlas-search`.

use std::sync::Arc;

use atlas_input::{ToolQuery, quote_between};
use atlas_search::url_query::SearchQuery;
use atlas_search::{Index, Segment, TextStore, excerpt};
use leptos::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{HtmlElement, KeyboardEvent};

/// Results in the search box's list, and on the results page.
const BOX_RESULTS: usize = 8;
const PAGE_RESULTS: usize = 30;
const EXCERPT_CHARS: usize = 150;

/// Where the search files are, read from the prerendered `#search` slot.
#[derive(Clone, Debug)]
pub struct SearchUrls {
    pub base: String,
    pub index: String,
    pub text: String,
}

impl SearchUrls {
    pub fn from_slot(slot: &HtmlElement) -> SearchUrls {
        let data = slot.dataset();
        SearchUrls {
            base: data.get("base").unwrap_or_else(|| "/".into()),
            index: data.get("index").unwrap_or_default(),
            text: data.get("text").unwrap_or_default(),
        }
    }
}

struct SearchData {
    index: Index,
    texts: TextStore,
}

#[derive(Clone)]
enum Load {
    Idle,
    Loading,
    Ready(Arc<SearchData>),
    Failed(String),
}

thread_local! {
    /// One copy of the index per page, shared by the search box and the results page. Reference
    /// counted rather than owned by whichever component first touched it, which may be disposed.
    static LOAD: ArcRwSignal<Load> = ArcRwSignal::new(Load::Idle);
}

fn load_state() -> ArcRwSignal<Load> {
    LOAD.with(ArcRwSignal::clone)
}

/// Starts fetching the index unless it is loaded or on its way.
fn ensure_loaded(urls: &SearchUrls) {
    let state = load_state();
    if !matches!(state.get_untracked(), Load::Idle) {
        return;
    }
    state.set(Load::Loading);
    let urls = urls.clone();
    leptos::task::spawn_local(async move {
        let loaded = async {
            // Both requests at once: the text's does not wait for the index's answer. Each is
            // awaited, so neither can fail unheard.
            let [index, text] = [&urls.index, &urls.text].map(|url| crate::fetch::start(url));
            let (index, text) = (fetch_bytes(&urls.index, index).await, fetch_bytes(&urls.text, text).await);
            let index = Index::from_bytes(&index?).map_err(|err| err.to_string())?;
            let texts = TextStore::from_bytes(&text?).map_err(|err| err.to_string())?;
            // The results are shown in a task of their own, not after the reading in one long one.
            crate::tasks::next_task().await;
            Ok::<_, String>(SearchData { index, texts })
        };
        state.set(match loaded.await {
            Ok(data) => Load::Ready(Arc::new(data)),
            Err(message) => Load::Failed(message),
        });
    });
}

/// The body of `request`, the fetch of `url`.
async fn fetch_bytes(url: &str, request: Result<JsFuture, String>) -> Result<Vec<u8>, String> {
    let body = async { crate::fetch::body(request?).await };
    body.await.map_err(|reason| format!("could not fetch {url} ({reason})"))
}

/// One search result, ready to show.
#[derive(Clone, Debug, PartialEq)]
struct Found {
    url: String,
    page: String,
    /// Empty for the top of a page.
    heading: String,
    excerpt: Vec<Segment>,
}

fn find(data: &SearchData, base: &str, query: &str, limit: usize) -> Vec<Found> {
    data.index
        .search(query, limit)
        .into_iter()
        .map(|hit| {
            let doc = &data.index.docs[hit.doc];
            let page = &data.index.pages[doc.page];
            let route = if page.slug == "index" { String::new() } else { format!("{}/", page.slug) };
            let anchor = if doc.anchor.is_empty() { String::new() } else { format!("#{}", doc.anchor) };
            let text = data.texts.texts.get(hit.doc).map_or("", String::as_str);
            Found {
                url: format!("{base}{route}{anchor}"),
                page: page.title.clone(),
                heading: if doc.anchor.is_empty() { String::new() } else { doc.heading.clone() },
                excerpt: excerpt(text, &hit.terms, EXCERPT_CHARS),
            }
        })
        .collect()
}

fn excerpt_view(segments: Vec<Segment>) -> impl IntoView {
    segments
        .into_iter()
        .map(
            |segment| {
                if segment.highlight {
                    view! { <mark>{segment.text}</mark> }.into_any()
                } else {
                    segment.text.into_any()
                }
            },
        )
        .collect_view()
}

fn title_view(page: String, heading: String) -> impl IntoView {
    let heading = (!heading.is_empty()).then(|| view! { <span class="result-heading">{heading}</span> });
    view! { <span class="result-page">{page}</span> {heading} }
}

/// The search box's state: what is typed, whether the list is open, which option is active,
/// and the results. Copy, for the view's closures.
#[derive(Clone, Copy)]
struct Combobox {
    query: RwSignal<String>,
    open: RwSignal<bool>,
    active: RwSignal<Option<usize>>,
    results: Memo<Vec<Found>>,
}

impl Combobox {
    fn new(base: String, initial: String) -> Combobox {
        let query = RwSignal::new(initial);
        let results = Memo::new(move |_| match load_state().get() {
            Load::Ready(data) => find(&data, &base, &query.get(), BOX_RESULTS),
            _ => Vec::new(),
        });
        Combobox { query, open: RwSignal::new(false), active: RwSignal::new(None), results }
    }

    fn has_query(self) -> bool {
        !self.query.get().trim().is_empty()
    }

    fn expanded(self) -> bool {
        self.open.get() && self.has_query()
    }

    /// Opens result `at`.
    fn go(self, at: usize) {
        if let Some(found) = self.results.get_untracked().get(at) {
            let _ = window().location().set_href(&found.url);
        }
    }

    /// Arrows move through the results, Enter opens the active one, Escape closes the list, then
    /// clears the box.
    fn on_keydown(self, event: KeyboardEvent) {
        let count = self.results.get_untracked().len();
        match event.key().as_str() {
            "ArrowDown" | "ArrowUp" if count > 0 => {
                event.prevent_default();
                self.open.set(true);
                let down = event.key() == "ArrowDown";
                self.active.update(|at| {
                    *at = Some(match (*at, down) {
                        (None, true) => 0,
                        (None, false) => count - 1,
                        (Some(i), true) => (i + 1) % count,
                        (Some(i), false) => (i + count - 1) % count,
                    })
                });
            }
            "Enter" => {
                if let Some(at) = self.active.get_untracked().filter(|_| self.open.get_untracked()) {
                    event.prevent_default();
                    self.go(at);
                }
            }
            "Escape" => {
                if self.open.get_untracked() && self.has_query() {
                    self.open.set(false);
                } else {
                    self.query.set(String::new());
                }
                self.active.set(None);
            }
            _ => {}
        }
    }

    /// What the list says above its options: the count, that nothing was found, or why not yet.
    fn status(self) -> String {
        match load_state().get() {
            Load::Failed(message) => format!("Search is unavailable: {message}"),
            Load::Ready(_) if self.has_query() => match self.results.get().len() {
                0 => format!("No results for {}", quoted(&self.query.get())),
                1 => "1 result".to_string(),
                n => format!("{n} results"),
            },
            Load::Loading | Load::Idle if self.has_query() => "Loading the search index…".to_string(),
            _ => String::new(),
        }
    }
}

/// The header's search box: results as you type, arrows to move, Enter to open, Esc to close.
#[component]
pub fn SearchBox(urls: SearchUrls, initial: String, focus: bool) -> impl IntoView {
    let combobox = Combobox::new(urls.base.clone(), initial);
    let Combobox { query, open, active, .. } = combobox;
    let input = NodeRef::<leptos::html::Input>::new();
    Effect::new(move |_| {
        if focus && let Some(element) = input.get() {
            let _ = element.focus();
        }
    });
    let all_base = urls.base.clone();
    let all_results = move || {
        let params = SearchQuery { q: query.get().trim().to_string() }.params(&()).encode();
        if params.is_empty() { format!("{all_base}search/") } else { format!("{all_base}search/?{params}") }
    };
    let urls_for_input = urls.clone();
    let action = format!("{}search/", urls.base);
    view! {
        <form class="search-form" role="search" action=action method="get">
            <input
                node_ref=input
                class="search-input"
                type="search"
                name="q"
                placeholder="Search"
                aria-label="Search the reference"
                autocomplete="off"
                spellcheck="false"
                role="combobox"
                aria-autocomplete="list"
                aria-controls="search-listbox"
                aria-expanded=move || combobox.expanded().to_string()
                aria-activedescendant=move || {
                    active.get().filter(|_| combobox.expanded()).map(|at| format!("search-option-{at}"))
                }
                prop:value=move || query.get()
                on:input=move |event| {
                    query.set(event_target_value(&event));
                    open.set(true);
                    active.set(None);
                    ensure_loaded(&urls_for_input);
                }
                on:focus=move |_| {
                    ensure_loaded(&urls);
                    open.set(true);
                }
                on:blur=move |_| open.set(false)
                on:keydown=move |event| combobox.on_keydown(event)
            />
            <div class="search-popup" hidden=move || !combobox.expanded()>
                <p class="search-status" role="status">{move || combobox.status()}</p>
                <SearchOptions combobox />
                <a class="search-all" href=all_results on:mousedown=|event| event.prevent_default()>
                    "All results"
                </a>
            </div>
        </form>
    }
}

/// The search box's list of results, as options.
#[component]
fn SearchOptions(combobox: Combobox) -> impl IntoView {
    view! {
        <ul id="search-listbox" role="listbox" aria-label="Search results">
            {move || {
                combobox
                    .results
                    .get()
                    .into_iter()
                    .enumerate()
                    .map(|(at, Found { page, heading, excerpt, .. })| {
                        let selected = move || combobox.active.get() == Some(at);
                        view! {
                            <li
                                id=format!("search-option-{at}")
                                role="option"
                                class="search-option"
                                aria-selected=move || selected().to_string()
                                // mousedown, not click: the input's blur would close the list first.
                                on:mousedown=move |event| {
                                    event.prevent_default();
                                    combobox.go(at);
                                }
                            >
                                <span class="result-title">{title_view(page, heading)}</span>
                                <span class="result-excerpt">{excerpt_view(excerpt)}</span>
                            </li>
                        }
                    })
                    .collect_view()
            }}
        </ul>
    }
}

/// The query as the results page names it, in typographic quotes, an excerpt when it is long.
fn quoted(query: &str) -> String {
    quote_between(query.trim(), '“', '”')
}

/// The `/search/?q=` page: every result for the query in the URL, as links, best first.
#[component]
pub fn SearchResults(urls: SearchUrls, query: String) -> impl IntoView {
    ensure_loaded(&urls);
    let base = urls.base.clone();
    move || match load_state().get() {
        Load::Failed(message) => view! { <p>"Search is unavailable: " {message}</p> }.into_any(),
        Load::Ready(_) if query.trim().is_empty() => view! {
            <p>
                "Type a word, a code token such as " <code>"scaledown_window"</code>
                ", or an old parameter name in the search field."
            </p>
        }
        .into_any(),
        Load::Ready(data) => {
            let found = find(&data, &base, &query, PAGE_RESULTS);
            let summary = match found.len() {
                0 => format!("No results for {}. Check the spelling, or try fewer words.", quoted(&query)),
                1 => format!("1 result for {}", quoted(&query)),
                n => format!("{n} results for {}", quoted(&query)),
            };
            view! {
                <p class="search-summary" role="status">{summary}</p>
                <ol class="search-page-results">
                    {found
                        .into_iter()
                        .map(|Found { url, page, heading, excerpt }| {
                            view! {
                                <li>
                                    <a href=url>{title_view(page, heading)}</a>
                                    <p class="result-excerpt">{excerpt_view(excerpt)}</p>
                                </li>
                            }
                        })
                        .collect_view()}
                </ol>
            }
            .into_any()
        }
        _ => view! { <p role="status">"Loading the search index…"</p> }.into_any(),
    }
}
