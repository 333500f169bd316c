//! Tables rendered from `data/modal.toml` for ```` ```data-table ```` blocks.

use crate::{ModalData, escape_html};

const SECONDS_PER_HOUR: f64 = 3600.0;

/// The fence info string of a block that asks for a table.
pub(crate) const FENCE: &str = "data-table";

/// The names a `data-table` block may ask for.
pub(crate) const NAMES: &[&str] = &["gpus", "gpu-prices", "compute-prices", "plans", "regions"];

/// A table from the data file, before it is written as HTML or Markdown.
struct Table {
    label: &'static str,
    head: &'static [&'static str],
    rows: Vec<Vec<Cell>>,
    caption: String,
}

/// One cell: plain text, or code (a value written as in Python), or a list of code values.
enum Cell {
    Text(String),
    Code(Vec<String>),
}

impl From<String> for Cell {
    fn from(text: String) -> Self {
        Cell::Text(text)
    }
}

fn code(text: &str) -> Cell {
    Cell::Code(vec![text.to_string()])
}

fn table(name: &str, data: &ModalData) -> Result<Table, String> {
    let prices = &data.prices;
    let (label, head, rows, caption): (&'static str, &'static [&'static str], Vec<Vec<Cell>>, String) = match name {
        "gpus" => (
            "GPU types",
            &["gpu=", "GPU", "Memory", "Max per container", "Also written", "Notes"],
            data.gpus
                .iter()
                .map(|gpu| {
                    vec![
                        code(&gpu.id),
                        gpu.name.clone().into(),
                        format!("{} GB", gpu.memory_gb).into(),
                        gpu.max_count.to_string().into(),
                        Cell::Code(gpu.aliases.clone()),
                        gpu.note.clone().into(),
                    ]
                })
                .collect(),
            format!("Modal client {}", data.client.version),
        ),
        "gpu-prices" => (
            "GPU prices",
            &["gpu=", "GPU", "Per second", "Per hour"],
            data.gpus
                .iter()
                .map(|gpu| {
                    vec![
                        code(&gpu.id),
                        gpu.name.clone().into(),
                        dollars(gpu.price_per_second, 6).into(),
                        dollars(gpu.price_per_second * SECONDS_PER_HOUR, 2).into(),
                    ]
                })
                .collect(),
            price_caption(data),
        ),
        "compute-prices" => (
            "CPU, memory and storage prices",
            &["Resource", "Price", "Per hour"],
            vec![
                vec![
                    format!("CPU, per physical core (at least {} core)", prices.cpu_min_cores).into(),
                    format!("{} per second", dollars(prices.cpu_per_core_second, 7)).into(),
                    dollars(prices.cpu_per_core_second * SECONDS_PER_HOUR, 4).into(),
                ],
                vec![
                    "Memory, per GiB".to_string().into(),
                    format!("{} per second", dollars(prices.memory_per_gib_second, 8)).into(),
                    dollars(prices.memory_per_gib_second * SECONDS_PER_HOUR, 4).into(),
                ],
                vec![
                    format!("Volume storage, per GiB ({} GiB free)", prices.volume_free_gib).into(),
                    format!("{} per month", dollars(prices.volume_per_gib_month, 2)).into(),
                    "—".to_string().into(),
                ],
            ],
            price_caption(data),
        ),
        "plans" => (
            "Plans",
            &["Plan", "Monthly fee", "Credits each month", "Seats", "Containers at once", "GPUs at once"],
            data.plans
                .iter()
                .map(|plan| {
                    vec![
                        plan.name.clone().into(),
                        dollars(plan.monthly_fee.into(), 0).into(),
                        dollars(plan.monthly_credits.into(), 0).into(),
                        plan.seats.clone().into(),
                        plan.max_containers.to_string().into(),
                        plan.max_gpus.to_string().into(),
                    ]
                })
                .collect(),
            price_caption(data),
        ),
        "regions" => (
            "Region multipliers",
            &["Region choice", "Price multiplier"],
            data.regions
                .multipliers
                .iter()
                .map(|region| vec![region.name.clone().into(), format!("{}×", region.multiplier).into()])
                .collect(),
            format!("{} As of {}; source: {}.", data.regions.note, data.regions.as_of, data.regions.source),
        ),
        other => return Err(format!("data-table `{other}`: expected one of {}", NAMES.join(", "))),
    };
    Ok(Table { label, head, rows, caption })
}

/// The table `name` as HTML, in a scroll box.
pub(crate) fn render(name: &str, data: &ModalData) -> Result<String, String> {
    let Table { label, head, rows, caption } = table(name, data)?;
    let mut html = scroll_box_open(label);
    html.push_str("<table class=\"data-table\">");
    html.push_str(&format!("<caption>{}</caption><thead><tr>", escape_html(&caption)));
    for cell in head {
        html.push_str(&format!("<th scope=\"col\">{cell}</th>"));
    }
    html.push_str("</tr></thead><tbody>");
    for row in rows {
        html.push_str("<tr>");
        for cell in row {
            let cell = match cell {
                Cell::Text(text) => escape_html(&text),
                Cell::Code(values) => values
                    .iter()
                    .map(|value| format!("<code>{}</code>", escape_html(value)))
                    .collect::<Vec<_>>()
                    .join(", "),
            };
            html.push_str(&format!("<td>{cell}</td>"));
        }
        html.push_str("</tr>");
    }
    html.push_str("</tbody></table></div>\n");
    Ok(html)
}

/// The table `name` as a GFM table, its caption as a paragraph above it.
pub(crate) fn render_markdown(name: &str, data: &ModalData) -> Result<String, String> {
    let Table { head, rows, caption, .. } = table(name, data)?;
    let row = |cells: Vec<String>| format!("| {} |\n", cells.join(" | "));
    let mut text = format!("{}\n\n", caption);
    text.push_str(&row(head.iter().map(|cell| markdown_text(cell)).collect()));
    text.push_str(&row(head.iter().map(|_| "---".to_string()).collect()));
    for cells in rows {
        text.push_str(&row(cells
            .into_iter()
            .map(|cell| match cell {
                Cell::Text(text) => markdown_text(&text),
                Cell::Code(values) => values.iter().map(|value| format!("`{value}`")).collect::<Vec<_>>().join(", "),
            })
            .collect()));
    }
    Ok(text)
}

/// Text for a Markdown table cell: `|` would end the cell, and `\\`, `*`, `_`, `` ` `` would start markup.
fn markdown_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        if matches!(ch, '|' | '\\' | '*' | '_' | '`' | '[' | ']' | '<') {
            out.push('\\');
        }
        out.push(ch);
    }
    out
}

/// Opens the box a wide table scrolls in, instead of widening the page. It is focusable so
/// keyboard users can scroll it, and named so each such region on a page is told apart.
pub(crate) fn scroll_box_open(label: &str) -> String {
    format!("<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"{}\">", escape_html(label))
}

/// The readable text of a rendered table (cells separated by spaces), for the search index.
pub(crate) fn text_of(html: &str) -> String {
    let mut text = String::with_capacity(html.len() / 2);
    let mut in_tag = false;
    for ch in html.chars() {
        match ch {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                text.push(' ');
            }
            _ if !in_tag => text.push(ch),
            _ => {}
        }
    }
    let text = text
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn dollars(amount: f64, decimals: usize) -> String {
    format!("${amount:.decimals$}")
}

fn price_caption(data: &ModalData) -> String {
    format!("Prices in {} as of {}. Source: {}.", data.prices.currency, data.prices.as_of, data.prices.source)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::tests::data;

    #[test]
    fn gpu_prices_show_per_second_and_per_hour() {
        let html = render("gpu-prices", &data()).unwrap();
        assert!(
            html.contains("<td><code>H100</code></td><td>Nvidia H100</td><td>$0.001097</td><td>$3.95</td>"),
            "{html}"
        );
        assert!(html.contains("as of 2026-07-01"));
    }

    #[test]
    fn table_text_is_its_cells_without_markup() {
        let text = text_of(&render("regions", &data()).unwrap());
        assert!(text.contains("Region choice Price multiplier Broad region (for example us, eu) 1.5×"), "{text}");
    }

    #[test]
    fn every_table_name_renders_and_unknown_names_are_refused() {
        for name in NAMES {
            assert!(render(name, &data()).unwrap().contains("<tbody><tr>"), "{name}");
        }
        assert_eq!(
            render("gpu", &data()).unwrap_err(),
            "data-table `gpu`: expected one of gpus, gpu-prices, compute-prices, plans, regions"
        );
    }
}
