//! The browser apps: one for documentation pages, and one per tool page (`atlas-<tool>-tool`,
//! holding that tool alone). Trunk builds them without putting them on any page (as
//! "worker"-type builds, so with fixed names and no inline start script, which a
//! Content-Security-Policy without `unsafe-inline` would block); here each gets content-hashed
//! names and an external start module, and pages get the tags that load one. The tools'
//! stylesheet is in the template for Trunk to hash; documentation pages get the template without
//! it.

use std::fs;
use std::path::Path;

use crate::hash::fnv1a;

/// The tools' stylesheet in Trunk's output (`tools-<hash>.css`).
const TOOLS_CSS: &str = "/tools-";

/// A published app: file names below the base path.
pub struct Bundle {
    pub start: String,
    pub js: String,
    pub wasm: String,
}

/// The app a tool page loads: its tool's binary in `app/site`, built by `app/index.html`.
pub fn tool_app(tool: &str) -> String {
    format!("atlas-{tool}-tool")
}

/// Renames `dist/{name}.js` and `{name}_bg.wasm` to content-hashed names and writes the module
/// that starts them.
pub fn publish(dist: &Path, name: &str) -> Result<Bundle, String> {
    let read =
        |file: &str| fs::read(dist.join(file)).map_err(|err| format!("cannot read {file} from the Trunk build: {err}"));
    if !dist.join(format!("{name}.js")).exists() {
        return Err(format!(
            "the Trunk build has no app {name}: a tool page needs a binary of that name in app/site/Cargo.toml \
             and a <link data-trunk rel=\"rust\" data-bin=\"{name}\"> in app/index.html"
        ));
    }
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

/// `template` with the tags that preload and start `bundle` at the end of its head. A template
/// with an inline module script is refused: Trunk put an app on the page by itself.
pub fn with_app(template: &str, bundle: &Bundle, base: &str) -> Result<String, String> {
    if template.contains("<script type=\"module\">") {
        return Err("the Trunk template has an inline module script, which the site's Content-Security-Policy \
                    blocks: every app in app/index.html must be built with data-type=\"worker\""
            .into());
    }
    let tags = format!(
        "<link rel=\"modulepreload\" href=\"{base}{js}\">\
         <link rel=\"preload\" href=\"{base}{wasm}\" as=\"fetch\" type=\"application/wasm\" crossorigin>\
         <script type=\"module\" src=\"{base}{start}\"></script>\n</head>",
        js = bundle.js,
        wasm = bundle.wasm,
        start = bundle.start
    );
    Ok(template.replacen("</head>", &tags, 1))
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

    #[test]
    fn a_tool_without_its_app_is_named_with_what_to_add() {
        let dist = std::env::temp_dir().join(format!("atlas-bundles-{}", std::process::id()));
        fs::create_dir_all(&dist).unwrap();
        let err = publish(&dist, &tool_app("sundial")).err().unwrap();
        fs::remove_dir_all(&dist).unwrap();
        assert!(err.contains("no app atlas-sundial-tool"), "{err}");
        assert!(err.contains("app/index.html"), "{err}");
    }

    #[test]
    fn pages_load_the_app_from_external_files() {
        let bundle = Bundle { start: "t-1-start.js".into(), js: "t-1.js".into(), wasm: "t-1_bg.wasm".into() };
        let html = with_app("<head>\n<title>x</title>\n</head>", &bundle, "/atlas/").unwrap();
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
    fn an_inline_start_script_is_an_error_not_a_blocked_page() {
        let bundle = Bundle { start: "s".into(), js: "j".into(), wasm: "w".into() };
        let trunk = "<head><script type=\"module\">import init from '/atlas-site-ab.js';</script></head>";
        assert!(with_app(trunk, &bundle, "/").unwrap_err().contains("data-type=\"worker\""));
    }
}
