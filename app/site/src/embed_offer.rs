//! The "Embed" button under each tool: the snippets that put this tool, in its current state,
//! into another page: the loader's custom element for pages a team controls, and a plain iframe
//! for wikis that allow iframes but not scripts.

use atlas_input::Params;
use leptos::prelude::*;

/// Attributes that mean something to the loader itself, so tool parameters with these names
/// cannot be passed as attributes (none of the tools uses them).
const LOADER_ATTRIBUTES: &[&str] = &["tool", "page", "section", "fragment", "title", "height", "id", "class", "style"];

/// `embed_path` is the tool's embed below the site's origin (`/atlas/embed/cron/`).
#[component]
pub fn EmbedOffer(tool: String, base: String, embed_path: String) -> impl IntoView {
    let snippets = RwSignal::new(None::<(String, String)>);
    let toggle = move |_| {
        if snippets.get_untracked().is_some() {
            snippets.set(None);
        } else {
            snippets.set(Some(current_snippets(&tool, &base, &embed_path)));
        }
    };
    view! {
        <div class="embed-offer">
            <button type="button" class="embed-button" aria-expanded=move || snippets.get().is_some().to_string()
                on:click=toggle>"Embed"</button>
            {move || snippets.get().map(|(widget, iframe)| view! {
                <div class="embed-snippets">
                    <p>"On a page you control, load the widget script and place the element; it sizes itself:"</p>
                    <div class="code"><pre tabindex="0"><code>{widget}</code></pre>
                        <button type="button" class="copy">"Copy"</button></div>
                    <p>"Where only iframes are allowed:"</p>
                    <div class="code"><pre tabindex="0"><code>{iframe}</code></pre>
                        <button type="button" class="copy">"Copy"</button></div>
                    <p class="embed-note">"Both show the tool as it is now. Add "<code>"theme=\"dark\""</code>
                        " (or light, auto) to choose its colours."</p>
                </div>
            })}
        </div>
    }
}

/// The widget snippet and the iframe snippet for the tool as the URL now describes it.
fn current_snippets(tool: &str, base: &str, embed_path: &str) -> (String, String) {
    let location = window().location();
    let origin = location.origin().unwrap_or_default();
    let query = location.search().unwrap_or_default();
    let fragment = location.hash().unwrap_or_default();
    let mut attributes = format!(" tool=\"{}\"", attribute(tool));
    for (name, value) in Params::parse(&query).pairs() {
        if is_attribute_name(name) && !LOADER_ATTRIBUTES.contains(&name) {
            attributes.push_str(&format!(" {name}=\"{}\"", attribute(value)));
        }
    }
    if let Some(fragment) = fragment.strip_prefix('#').filter(|fragment| !fragment.is_empty()) {
        attributes.push_str(&format!(" fragment=\"{}\"", attribute(fragment)));
    }
    let widget = format!(
        "<script src=\"{origin}{base}widget.js\" defer></script>\n<modal-atlas-widget{attributes}></modal-atlas-widget>"
    );
    let iframe = format!(
        "<iframe src=\"{}\" title=\"Modal Atlas: {tool}\" style=\"border:0;width:100%;height:480px\" loading=\"lazy\"></iframe>",
        attribute(&format!("{origin}{embed_path}{query}{fragment}"))
    );
    (widget, iframe)
}

/// Parameter names the tools use are plain words; anything else would not survive as an HTML attribute.
fn is_attribute_name(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|byte| byte.is_ascii_alphanumeric() || byte == b'-' || byte == b'_')
}

fn attribute(value: &str) -> String {
    value.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;")
}
