//! Tables rendered from `data/modal.toml` for ```` ```data-table ```` blocks.

use crate::{ModalData, escape_html};

const SECONDS_PER_HOUR: f64 = 3600.0;

/// The fence info string of a block that asks for a table.
pub(crate) const FENCE: &str = "data-table";

/// The names a `data-table` block may ask for.
pub(crate) const NAMES: &[&str] = &["gpus", "gpu-prices", "compute-prices", "plans", "regions"];

pub(crate) fn render(name: &str, data: &ModalData) -> Result<String, String> {
    let prices = &data.prices;
    let (label, head, rows, caption): (&str, &[&str], Vec<Vec<String>>, String) = match name {
        "gpus" => (
            "GPU types",
            &["gpu=", "GPU", "Memory", "Max per container", "Also written", "Notes"],
            data.gpus
                .iter()
                .map(|gpu| {
                    vec![
                        code(&gpu.id),
                        escape_html(&gpu.name),
                        format!("{} GB", gpu.memory_gb),
                        gpu.max_count.to_string(),
                        gpu.aliases.iter().map(|alias| code(alias)).collect::<Vec<_>>().join(", "),
                        escape_html(&gpu.note),
                    ]
                })
                .collect(),
            format!("Modal client {}", escape_html(&data.client.version)),
        ),
        "gpu-prices" => (
            "GPU prices",
            &["gpu=", "GPU", "Per second", "Per hour"],
            data.gpus
                .iter()
                .map(|gpu| {
                    vec![
                        code(&gpu.id),
                        escape_html(&gpu.name),
                        dollars(gpu.price_per_second, 6),
                        dollars(gpu.price_per_second * SECONDS_PER_HOUR, 2),
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
                    format!("CPU, per physical core (at least {} core)", prices.cpu_min_cores),
                    format!("{} per second", dollars(prices.cpu_per_core_second, 7)),
                    dollars(prices.cpu_per_core_second * SECONDS_PER_HOUR, 4),
                ],
                vec![
                    "Memory, per GiB".into(),
                    format!("{} per second", dollars(prices.memory_per_gib_second, 8)),
                    dollars(prices.memory_per_gib_second * SECONDS_PER_HOUR, 4),
                ],
                vec![
                    format!("Volume storage, per GiB ({} GiB free)", prices.volume_free_gib),
                    format!("{} per month", dollars(prices.volume_per_gib_month, 2)),
                    "—".into(),
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
                        escape_html(&plan.name),
                        dollars(plan.monthly_fee.into(), 0),
                        dollars(plan.monthly_credits.into(), 0),
                        escape_html(&plan.seats),
                        plan.max_containers.to_string(),
                        plan.max_gpus.to_string(),
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
                .map(|region| vec![escape_html(&region.name), format!("{}×", region.multiplier)])
                .collect(),
            format!(
                "{} As of {}; source: {}.",
                escape_html(&data.regions.note),
                escape_html(&data.regions.as_of),
                escape_html(&data.regions.source)
            ),
        ),
        other => return Err(format!("data-table `{other}`: expected one of {}", NAMES.join(", "))),
    };
    let mut html = scroll_box_open(label);
    html.push_str("<table class=\"data-table\">");
    html.push_str(&format!("<caption>{caption}</caption><thead><tr>"));
    for cell in head {
        html.push_str(&format!("<th scope=\"col\">{cell}</th>"));
    }
    html.push_str("</tr></thead><tbody>");
    for row in rows {
        html.push_str("<tr>");
        for cell in row {
            html.push_str(&format!("<td>{cell}</td>"));
        }
        html.push_str("</tr>");
    }
    html.push_str("</tbody></table></div>\n");
    Ok(html)
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

fn code(text: &str) -> String {
    format!("<code>{}</code>", escape_html(text))
}

fn dollars(amount: f64, decimals: usize) -> String {
    format!("${amount:.decimals$}")
}

fn price_caption(data: &ModalData) -> String {
    format!(
        "Prices in {} as of {}. Source: {}.",
        escape_html(&data.prices.currency),
        escape_html(&data.prices.as_of),
        escape_html(&data.prices.source)
    )
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
