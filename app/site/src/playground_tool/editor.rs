//! The code editor: a native textarea, so typing, selection, undo and every input method work as
//! the browser makes them, with its text drawn transparent over a `<pre>` that shows the same
//! text coloured and its problems underlined. The gutter numbers the lines and marks those with
//! problems. Both follow the textarea's scrolling.

use atlas_checker::Severity;
use atlas_editor::{LineChange, gutter_marks, layer_lines, severity_word};
use leptos::html::{Div, Textarea};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, KeyboardEvent};

use super::checker::CheckerAnswer;

const INDENT: &str = "    ";

#[component]
pub fn CodeEditor(
    code: RwSignal<String>,
    answer: ReadSignal<CheckerAnswer>,
    textarea: NodeRef<Textarea>,
) -> impl IntoView {
    // The latest answer's marks, moved onto the text as it is now.
    let marks =
        Memo::new(move |_| answer.with(|answer| code.with(|text| answer.marks.follow_edit(&answer.text, text))));
    let lines = Memo::new(move |_| code.with(|text| marks.with(|marks| layer_lines(text, marks))));
    let problem_lines = Memo::new(move |_| code.with(|text| marks.with(|marks| gutter_marks(text, &marks.problems))));
    let line_count = Memo::new(move |_| code.with(|text| text.matches('\n').count() + 1));
    let line_numbers = move || (1..=line_count.get()).map(|n| n.to_string()).collect::<Vec<_>>().join("\n");
    let gutter_content = NodeRef::<Div>::new();
    let layer_content = NodeRef::<leptos::html::Code>::new();
    // The lines the layer shows now, to change only those that differ.
    let shown = StoredValue::new(Vec::<String>::new());
    Effect::new(move |_| {
        let Some(layer) = layer_content.get() else { return };
        lines.with(|lines| shown.update_value(|shown| show_lines(&layer, shown, lines)));
    });

    let follow_scroll = move |_| {
        let (Some(area), Some(gutter), Some(layer)) = (textarea.get(), gutter_content.get(), layer_content.get())
        else {
            return;
        };
        let (left, top) = (area.scroll_left(), area.scroll_top());
        let _ = layer.style().set_property("transform", &format!("translate({}px, {}px)", -left, -top));
        let _ = web_sys::HtmlElement::style(&gutter).set_property("transform", &format!("translateY({}px)", -top));
    };
    let on_keydown = move |event: KeyboardEvent| {
        let Some(area) = textarea.get() else { return };
        if event.key() == "Tab" && !event.shift_key() && !event.ctrl_key() && !event.meta_key() {
            // Tab indents; Escape then Tab still leaves the editor, as keyboard users expect.
            event.prevent_default();
            if !type_text(INDENT) {
                let _ = area.set_range_text_with_start_and_end_and_mode(
                    INDENT,
                    area.selection_start().ok().flatten().unwrap_or(0),
                    area.selection_end().ok().flatten().unwrap_or(0),
                    "end",
                );
                code.set(area.value());
            }
        }
    };

    view! {
        <div class="editor">
            <div class="editor-gutter">
                // Sizes the gutter to the widest number; the numbers themselves are out of the flow,
                // so a long file never makes the editor taller than its textarea.
                <span class="editor-gutter-sizer" aria-hidden="true">{move || line_count.get()}</span>
                <div class="editor-gutter-content" node_ref=gutter_content>
                    <pre class="editor-line-numbers" aria-hidden="true">{line_numbers}</pre>
                    {move || {
                        problem_lines
                            .get()
                            .into_iter()
                            .map(|mark| {
                                view! {
                                    <span
                                        class=format!("gutter-mark gutter-mark-{}", severity_word(mark.severity))
                                        style:top=format!("calc(var(--editor-pad) + {}lh)", mark.line - 1)
                                        role="img"
                                        aria-label=mark.description.clone()
                                        title=mark.description
                                    >
                                        {if mark.severity == Severity::Error { "●" } else { "▲" }}
                                    </span>
                                }
                            })
                            .collect_view()
                    }}
                </div>
            </div>
            <div class="editor-code">
                <pre class="editor-layer" aria-hidden="true">
                    <code node_ref=layer_content></code>
                </pre>
                <textarea
                    id="playground-code"
                    node_ref=textarea
                    spellcheck="false"
                    autocomplete="off"
                    autocapitalize="off"
                    wrap="off"
                    rows=move || (line_count.get() + 1).to_string()
                    aria-describedby="playground-summary"
                    prop:value=move || code.get()
                    on:input=move |event| code.set(event_target_value(&event))
                    on:keydown=on_keydown
                    on:scroll=follow_scroll
                ></textarea>
            </div>
        </div>
    }
}

/// Replaces the editor's text with `text` in one step the browser's undo takes back, keeping the
/// scroll position and putting the caret at `caret` (a byte offset in `text`). Where the browser
/// cannot type for the page, the text is set directly, without an undo step.
pub fn replace_text(textarea: NodeRef<Textarea>, code: RwSignal<String>, text: String, caret: usize) {
    let Some(area) = textarea.get_untracked() else { return code.set(text) };
    let scrolled = (area.scroll_left(), area.scroll_top());
    let _ = area.focus();
    area.select();
    if !type_text(&text) {
        code.set(text.clone());
    }
    let caret = super::utf16_index(&text, caret);
    let _ = area.set_selection_range(caret, caret);
    area.set_scroll_left(scrolled.0);
    area.set_scroll_top(scrolled.1);
}

/// Types `text` over the focused field's selection as the reader would (an `input` event follows,
/// and undo takes it back); false where the browser does not support it.
fn type_text(text: &str) -> bool {
    document()
        .unchecked_into::<web_sys::HtmlDocument>()
        .exec_command_with_show_ui_and_value("insertText", false, text)
        .unwrap_or(false)
}

/// Makes `layer`'s children one `<div>` a line of `lines`, changing only the lines that differ
/// from `shown` (what it shows now), which then becomes `lines`.
fn show_lines(layer: &Element, shown: &mut Vec<String>, lines: &[String]) {
    let change = LineChange::between(shown, lines);
    let children = layer.children();
    for offset in 0..change.removed.min(change.inserted) {
        if let Some(line) = children.item((change.at + offset) as u32) {
            line.set_inner_html(&lines[change.at + offset]);
        }
    }
    for _ in change.inserted..change.removed {
        if let Some(line) = children.item((change.at + change.inserted) as u32) {
            line.remove();
        }
    }
    let before = children.item((change.at + change.removed) as u32);
    for html in &lines[change.at + change.removed.min(change.inserted)..change.at + change.inserted] {
        let Ok(line) = document().create_element("div") else { return };
        line.set_inner_html(html);
        let _ = layer.insert_before(&line, before.as_ref().map(|before| before.as_ref()));
    }
    shown.clear();
    shown.extend_from_slice(lines);
}
