//! The tools' app: Trunk builds it without putting it on any page (as a "worker"-type build,
//! so with a fixed name); here it gets a content-hashed name and a start script, and tool pages
//! load it in place of the documentation app Trunk put into the template. The tools' stylesheet
//! is in the template for Trunk to hash; documentation pages get the template without it.

use std::fs;
use std::path::Path;

use crate::hash::fnv1a;

/// The documentation app's name in Trunk's output (`atlas-site-<hash>.js`).
const DOCS_APP: &str = "atlas-site-";
/// The tools' stylesheet in Trunk's output (`tools-<hash>.css`).
const TOOLS_CSS: &str = "/tools-";

/// A published app: file names below the base path.
pub struct Bundle {
    pub start: String,
    pub js: String,
    pub wasm: String,
}

/// Renames `dist/{name}.js` and `{name}_bg.wasm` to content-hashed names and writes the module
/// that starts them.
pub fn publish(dist: &Path, name: &str) -> Result<Bundle, String> {
    let read =
        |file: &str| fs::read(dist.join(file)).map_err(|err| format!("cannot read {file} from the Trunk build: {err}"));
    let (js_bytes, wasm_bytes) = (read(&format!("{name}.js"))?, read(&format!("{name}_bg.wasm"))?);
    let hash = fnv1a(&[js_bytes.as_slice(), wasm_bytes.as_slice()].concat());
    let bundle = Bundle {
        start: format!("{name}-{hash:016x}-start.js"),
        js: format!("{name}-{hash:016x}.js"),
        wasm: format!("{name}-{hash:016x}_bg.wasm"),
    };
    let rename = |from: String, to: &str| {
        fs::rename(dist.join(&from), dist.join(to)).map_err(|err| format!("cannot rename {from}: {err}"))
    };
    rename(format!("{name}.js"), &bundle.js)?;
    rename(format!("{name}_bg.wasm"), &bundle.wasm)?;
    let start = format!(
        "import init from \"./{}\";\nawait init({{ module_or_path: new URL(\"./{}\", import.meta.url) }});\n",
        bundle.js, bundle.wasm
    );
    fs::write(dist.join(&bundle.start), start).map_err(|err| format!("cannot write {}: {err}", bundle.start))?;
    Ok(bundle)
}

/// `template` with the documentation app's tags (Trunk's inline start script and its two
/// preloads) replaced by `bundle`'s.
pub fn swap_app(template: &str, bundle: &Bundle, base: &str) -> Result<String, String> {
    let mut html = template.to_string();
    for (open, close) in [
        ("<script type=\"module\">", "</script>"),
        ("<link rel=\"modulepreload\"", ">"),
        ("<link rel=\"preload\"", ">"),
    ] {
        let found = html.match_indices(open).map(|(at, _)| at).find_map(|at| {
            let end = html[at..].find(close)? + at + close.len();
            html[at..end].contains(DOCS_APP).then_some(at..end)
        });
        let range = found.ok_or_else(|| {
            format!("the Trunk template has no `{open}` tag for {DOCS_APP}*: has Trunk's output changed?")
        })?;
        html.replace_range(range, "");
    }
    let tags = format!(
        "<link rel=\"modulepreload\" href=\"{base}{js}\">\
         <link rel=\"preload\" href=\"{base}{wasm}\" as=\"fetch\" type=\"application/wasm\" crossorigin>\
         <script type=\"module\" src=\"{base}{start}\"></script>\n</head>",
        js = bundle.js,
        wasm = bundle.wasm,
        start = bundle.start
    );
    Ok(html.replacen("</head>", &tags, 1))
}

/// `template` without the tools' stylesheet, for documentation pages.
pub fn without_tools_css(template: &str) -> Result<String, String> {
    let open = "<link rel=\"stylesheet\"";
    let found = template.match_indices(open).find_map(|(at, _)| {
        let end = template[at..].find('>')? + at + 1;
        template[at..end].contains(TOOLS_CSS).then_some(at..end)
    });
    let range =
        found.ok_or_else(|| format!("the Trunk template links no {TOOLS_CSS}*.css: has Trunk's output changed?"))?;
    let mut html = template.to_string();
    html.replace_range(range, "");
    Ok(html)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TRUNK_HEAD: &str = "<head>\n<script type=\"module\">\nimport init from '/atlas-site-ab.js';\n</script>\n\
        <link rel=\"modulepreload\" href=\"/atlas-site-ab.js\" integrity=\"x\"><link rel=\"preload\" href=\"/atlas-site-ab_bg.wasm\" as=\"fetch\"></head>";

    #[test]
    fn tool_pages_load_the_tools_app_instead() {
        let bundle = Bundle { start: "t-1-start.js".into(), js: "t-1.js".into(), wasm: "t-1_bg.wasm".into() };
        let html = swap_app(TRUNK_HEAD, &bundle, "/atlas/").unwrap();
        assert!(!html.contains("atlas-site"), "{html}");
        assert!(html.contains("<script type=\"module\" src=\"/atlas/t-1-start.js\"></script>"));
        assert!(html.contains(
            "<link rel=\"preload\" href=\"/atlas/t-1_bg.wasm\" as=\"fetch\" type=\"application/wasm\" crossorigin>"
        ));
    }

    #[test]
    fn documentation_pages_leave_the_tools_stylesheet_out() {
        let head = "<link rel=\"stylesheet\" href=\"/atlas/main-1.css\" integrity=\"a\"/>\
                    <link rel=\"stylesheet\" href=\"/atlas/tools-2.css\" integrity=\"b\"/></head>";
        assert_eq!(
            without_tools_css(head).unwrap(),
            "<link rel=\"stylesheet\" href=\"/atlas/main-1.css\" integrity=\"a\"/></head>"
        );
        assert!(without_tools_css("<head></head>").unwrap_err().contains("has Trunk's output changed?"));
    }

    #[test]
    fn a_changed_trunk_output_is_an_error_not_a_broken_page() {
        let bundle = Bundle { start: "s".into(), js: "j".into(), wasm: "w".into() };
        assert!(swap_app("<head></head>", &bundle, "/").unwrap_err().contains("has Trunk's output changed?"));
    }
}
