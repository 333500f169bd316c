//! The code editor: a native textarea, so typing, selection, undo and every input method work as
//! the browser makes them, with its text drawn transparent over a `<pre>` that shows the same
//! text coloured and its problems underlined. The gutter numbers the lines and marks those with
//! problems. Both follow the textarea's scrolling.

use atlas_checker::{MAX_SOURCE_BYTES, MAX_SOURCE_LINES, Severity, line_count, too_large, too_many_lines};
use atlas_editor::{GutterMark, LineChange, gutter_marks, layer_lines_in, line_range, severity_word};
use leptos::html::{Div, Textarea};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, KeyboardEvent};

use super::checker::CheckerAnswer;

const INDENT: &str = "    ";

/// Lines drawn above and below the textarea's visible ones, so a short scroll shows lines
/// already drawn.
const MARGIN_LINES: usize = 20;
/// The textarea grows with its text up to its CSS `max-height` (32rem, about 25 lines): rows past
/// that change nothing but cost a layout at every line break.
const MAX_ROWS: usize = 40;

/// The lines on screen: the first (0-based) and how many, with the margins.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Window {
    first: usize,
    count: usize,
}

#[component]
pub fn CodeEditor(
    code: RwSignal<String>,
    answer: ReadSignal<CheckerAnswer>,
    textarea: NodeRef<Textarea>,
) -> impl IntoView {
    // Why the last paste or drop was refused, until the next edit.
    let refused = RwSignal::new(None::<String>);
    // Only the lines on screen are drawn, so a keystroke in a long file costs what a screenful does.
    let window = RwSignal::new(Window { first: 0, count: 2 * MARGIN_LINES });
    let (lines, problem_lines) = layer_and_gutter(code, answer, window);
    let line_count = Memo::new(move |_| code.with(|text| line_count(text)));
    let gutter_content = NodeRef::<Div>::new();
    let layer_content = NodeRef::<leptos::html::Code>::new();
    draw_layer(lines, layer_content);
    let typed = keep_textarea(code, textarea);

    let on_scroll = move |_| {
        if let (Some(area), Some(gutter), Some(layer)) = (textarea.get(), gutter_content.get(), layer_content.get()) {
            follow_scroll(&area, &gutter, &layer, window);
        }
    };
    let on_keydown = move |event: KeyboardEvent| {
        if let Some(area) = textarea.get() {
            indent_on_tab(&event, &area, code);
        }
    };
    let on_input = move |event: leptos::ev::Event| {
        let text = event_target_value(&event);
        typed.set_value(text.clone());
        refused.set(None);
        code.set(text);
    };
    let guard = move |event: &web_sys::Event, incoming: Option<String>| {
        if let (Some(area), Some(incoming)) = (textarea.get(), incoming) {
            refuse_oversized(event, &area, &incoming, code, refused);
        }
    };
    let on_paste = move |event: web_sys::ClipboardEvent| {
        guard(&event, event.clipboard_data().and_then(|data| data.get_data("text/plain").ok()));
    };
    let on_drop = move |event: web_sys::DragEvent| {
        guard(&event, event.data_transfer().and_then(|data| data.get_data("text/plain").ok()));
    };

    view! {
        {move || refused.get().map(|reason| view! { <p class="tool-failure" role="alert">{reason}</p> })}
        <div class="editor">
            <Gutter window line_count problem_lines content=gutter_content />
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
                    rows=move || (line_count.get() + 1).min(MAX_ROWS).to_string()
                    aria-describedby="playground-summary"
                    on:input=on_input
                    on:paste=on_paste
                    on:drop=on_drop
                    on:keydown=on_keydown
                    on:scroll=on_scroll
                ></textarea>
            </div>
        </div>
    }
}

/// The layer's lines in `window`, and the gutter's marks, each with the latest answer's marks
/// moved onto the text as it is now (only the colours on screen follow an edit).
fn layer_and_gutter(
    code: RwSignal<String>,
    answer: ReadSignal<CheckerAnswer>,
    window: RwSignal<Window>,
) -> (Memo<Vec<String>>, Memo<Vec<GutterMark>>) {
    let lines = Memo::new(move |_| {
        let Window { first, count } = window.get();
        let lines = first..first + count;
        code.with(|text| {
            let Some(bytes) = line_range(text, lines.clone()) else { return Vec::new() };
            let marks = answer.with(|answer| answer.marks.follow_edit_within(&answer.text, text, bytes));
            layer_lines_in(text, &marks, lines)
        })
    });
    let problem_lines = Memo::new(move |_| {
        code.with(|text| {
            let moved = answer.with(|answer| answer.marks.follow_edit_within(&answer.text, text, 0..0));
            gutter_marks(text, &moved.problems)
        })
    });
    (lines, problem_lines)
}

/// Keeps the layer showing `lines`, replacing only those that changed.
fn draw_layer(lines: Memo<Vec<String>>, layer: NodeRef<leptos::html::Code>) {
    let shown = StoredValue::new(Vec::<String>::new());
    Effect::new(move |_| {
        let Some(layer) = layer.get() else { return };
        lines.with(|lines| shown.update_value(|shown| show_lines(&layer, shown, lines)));
    });
}

/// Keeps the textarea holding `code` when something else than typing changes it (a fix, an
/// example). Returns where typing records the text as typed: the textarea has that already, and
/// setting a long text back into it would cost a layout of the whole of it at every keystroke.
fn keep_textarea(code: RwSignal<String>, textarea: NodeRef<Textarea>) -> StoredValue<String> {
    let typed = StoredValue::new(String::new());
    Effect::new(move |_| {
        let Some(area) = textarea.get() else { return };
        code.with(|text| {
            if typed.with_value(|typed| typed != text) {
                area.set_value(text);
            }
        });
    });
    typed
}

/// Tab indents; Escape then Tab still leaves the editor, as keyboard users expect.
fn indent_on_tab(event: &KeyboardEvent, area: &web_sys::HtmlTextAreaElement, code: RwSignal<String>) {
    if event.key() != "Tab" || event.shift_key() || event.ctrl_key() || event.meta_key() {
        return;
    }
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

/// The line numbers of the lines on screen, and a mark on each of them that has problems.
#[component]
fn Gutter(
    window: RwSignal<Window>,
    line_count: Memo<usize>,
    problem_lines: Memo<Vec<GutterMark>>,
    content: NodeRef<Div>,
) -> impl IntoView {
    let line_numbers = move || {
        let Window { first, count } = window.get();
        let last = (first + count).min(line_count.get());
        (first + 1..=last).map(|n| n.to_string()).collect::<Vec<_>>().join("\n")
    };
    let marks = move || {
        let Window { first, count } = window.get();
        problem_lines
            .get()
            .into_iter()
            .filter(|mark| (first + 1..=first + count).contains(&mark.line))
            .map(|mark| {
                view! {
                    <span
                        class=format!("gutter-mark gutter-mark-{}", severity_word(mark.severity))
                        style:top=format!("calc(var(--editor-pad) + {}lh)", mark.line - 1 - first)
                        role="img"
                        aria-label=mark.description.clone()
                        title=mark.description
                    >
                        {if mark.severity == Severity::Error { "●" } else { "▲" }}
                    </span>
                }
            })
            .collect_view()
    };
    view! {
        <div class="editor-gutter">
            // Sizes the gutter to the widest number; the numbers themselves are out of the flow,
            // so a long file never makes the editor taller than its textarea.
            <span class="editor-gutter-sizer" aria-hidden="true">{move || line_count.get()}</span>
            <div class="editor-gutter-content" node_ref=content>
                <pre class="editor-line-numbers" aria-hidden="true">{line_numbers}</pre>
                {marks}
            </div>
        </div>
    }
}

/// Moves the layer and the gutter with the textarea's scrolling, and picks the lines to draw.
fn follow_scroll(
    area: &web_sys::HtmlTextAreaElement,
    gutter: &web_sys::HtmlElement,
    layer: &web_sys::HtmlElement,
    window: RwSignal<Window>,
) {
    // Whole pixels (the stylesheet rounds the line height): no float printer in this app.
    let line_height = line_height(area);
    let (left, top) = (area.scroll_left(), area.scroll_top().max(0));
    let on_screen = (area.client_height().max(0) + line_height - 1) / line_height;
    let first_visible = top / line_height;
    let first = first_visible.saturating_sub(MARGIN_LINES as i32);
    let wanted = Window { first: first as usize, count: (first_visible - first + on_screen) as usize + MARGIN_LINES };
    if window.get_untracked() != wanted {
        window.set(wanted);
    }
    let offset = first * line_height - top;
    let _ = layer.style().set_property("transform", &format!("translate({}px, {offset}px)", -left));
    let _ = gutter.style().set_property("transform", &format!("translateY({offset}px)"));
}

/// Refuses a paste or drop of `incoming` that would take the code past what the playground
/// checks, before it reaches the text box (which would then lag at every keystroke), saying why.
fn refuse_oversized(
    event: &web_sys::Event,
    area: &web_sys::HtmlTextAreaElement,
    incoming: &str,
    code: RwSignal<String>,
    refused: RwSignal<Option<String>>,
) {
    if let Some(reason) = code.with_untracked(|text| over_limits_after(text, area, incoming)) {
        event.prevent_default();
        refused.set(Some(format!("Not pasted: {reason}. It is still on your clipboard.")));
    }
}

/// Why `text` with `incoming` typed over `area`'s selection would be more than the checker reads.
fn over_limits_after(text: &str, area: &web_sys::HtmlTextAreaElement, incoming: &str) -> Option<String> {
    let at = |utf16: Option<u32>| byte_index(text, utf16.unwrap_or(0) as usize);
    let (start, end) = (at(area.selection_start().ok().flatten()), at(area.selection_end().ok().flatten()));
    let replaced = &text[start.min(end)..end.max(start)];
    let bytes = text.len() - replaced.len() + incoming.len();
    let lines = line_count(text) + line_count(incoming) - line_count(replaced);
    if bytes > MAX_SOURCE_BYTES {
        Some(too_large(bytes as u64, MAX_SOURCE_BYTES))
    } else if lines > MAX_SOURCE_LINES {
        Some(too_many_lines(lines, MAX_SOURCE_LINES))
    } else {
        None
    }
}

/// The byte offset in `text` of a textarea's UTF-16 index.
fn byte_index(text: &str, utf16: usize) -> usize {
    let mut units = 0;
    for (at, ch) in text.char_indices() {
        if units >= utf16 {
            return at;
        }
        units += ch.len_utf16();
    }
    text.len()
}

/// The textarea's line height in whole pixels, as the stylesheet sets it.
fn line_height(area: &web_sys::HtmlTextAreaElement) -> i32 {
    window()
        .get_computed_style(area)
        .ok()
        .flatten()
        .and_then(|style| style.get_property_value("line-height").ok())
        .and_then(|value| value.trim_end_matches("px").parse::<i32>().ok())
        .filter(|height| *height > 0)
        .unwrap_or(21)
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
