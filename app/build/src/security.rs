//! The security headers the site is meant to be served with, written as a `_headers` file
//! (Netlify and Cloudflare Pages read it; `tests/server.mjs` serves it the same way), and the
//! part of the policy a page can carry itself, for hosts without custom headers (GitHub Pages).

use std::fs;
use std::path::Path;

/// The Content-Security-Policy of every page. Scripts only from the site, plus
/// `wasm-unsafe-eval`, which compiling WebAssembly needs; no inline script or style anywhere.
pub const POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
                          img-src 'self' data:; connect-src 'self'; worker-src 'self'; manifest-src 'self'; \
                          object-src 'none'; base-uri 'self'; form-action 'self'";

/// Who may frame a page: nobody, except for the embeds.
const NOT_FRAMED: &str = "frame-ancestors 'none'";
const FRAMED_BY_ANYONE: &str = "frame-ancestors *";

/// The policy as a `<meta>` tag. Browsers ignore `frame-ancestors` there, so it stays in headers.
pub fn meta_tag() -> String {
    format!("<meta http-equiv=\"Content-Security-Policy\" content=\"{POLICY}\">\n")
}

/// Writes `dist/_headers`: every file gets the common headers; each HTML route gets its policy,
/// closed to framing unless it is under `embed/`. Routes are paths below `base` (`gpus/`).
pub fn write_headers(dist: &Path, base: &str, routes: &[String]) -> Result<(), String> {
    let mut text = format!(
        "# Security headers for static hosts that read `_headers` (Netlify, Cloudflare Pages).\n\
         # Written by `atlas-build prerender`; see README.md, Deploying.\n\
         {base}*\n  X-Content-Type-Options: nosniff\n  Referrer-Policy: strict-origin-when-cross-origin\n"
    );
    for route in routes {
        let framing = if route.starts_with("embed/") { FRAMED_BY_ANYONE } else { NOT_FRAMED };
        // `route` is `gpus/` or empty for the home page; both forms a host may answer with.
        for path in [format!("{base}{route}"), format!("{base}{route}index.html")] {
            text.push_str(&format!("{path}\n  Content-Security-Policy: {POLICY}; {framing}\n"));
        }
    }
    let not_found = format!("{base}404.html\n  Content-Security-Policy: {POLICY}; {NOT_FRAMED}\n");
    text.push_str(&not_found);
    let path = dist.join("_headers");
    fs::write(&path, text).map_err(|err| format!("cannot write {}: {err}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embeds_may_be_framed_and_nothing_else_may() {
        let dist = std::env::temp_dir().join(format!("atlas-headers-{}", std::process::id()));
        fs::create_dir_all(&dist).unwrap();
        write_headers(&dist, "/atlas/", &["".into(), "gpus/".into(), "embed/cron/".into()]).unwrap();
        let text = fs::read_to_string(dist.join("_headers")).unwrap();
        fs::remove_dir_all(&dist).unwrap();
        let policy_of = |path: &str| {
            let at = text.find(&format!("\n{path}\n")).unwrap_or_else(|| panic!("no rule for {path}:\n{text}"));
            text[at..].lines().nth(2).unwrap().to_string()
        };
        assert!(policy_of("/atlas/").ends_with("frame-ancestors 'none'"));
        assert!(policy_of("/atlas/gpus/index.html").ends_with("frame-ancestors 'none'"));
        assert!(policy_of("/atlas/embed/cron/").ends_with("frame-ancestors *"));
        assert!(!POLICY.contains("unsafe-inline"));
    }
}
