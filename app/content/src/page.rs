//! One Markdown file: its front matter and body.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::ContentError;

const FENCE: &str = "+++";

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub title: String,
    pub description: String,
    /// An id from `site.toml`'s sections.
    pub section: String,
    /// Position inside the section.
    pub order: u32,
    /// Set on a tool's page: the interactive tool (`cron`) the app mounts above the text.
    #[serde(default)]
    pub tool: Option<String>,
    /// `false` indexes the page's sections for search by their headings only: for a reference
    /// (the rules) whose prose repeats what the teaching pages say and would push them down.
    #[serde(default = "index_section_text")]
    pub search_text: bool,
}

fn index_section_text() -> bool {
    true
}

#[derive(Debug, Clone)]
pub struct Page {
    /// The file stem: `gpus` for `gpus.md`, served at `/gpus/`; `index` is the home page.
    pub slug: String,
    pub path: PathBuf,
    pub meta: FrontMatter,
    pub body: String,
    /// The 1-based line of the file where `body` starts, so body errors point into the file.
    pub body_line: usize,
}

impl Page {
    pub const HOME: &'static str = "index";

    /// Parses `source`, the text of the file at `path`.
    pub fn parse(path: &Path, source: &str) -> Result<Page, ContentError> {
        let error = |line, message: String| ContentError::new(path, line, message);
        let slug = path
            .file_stem()
            .and_then(|stem| stem.to_str())
            .filter(|stem| is_valid_slug(stem))
            .ok_or_else(|| error(None, "file name must be lower-case letters, digits and '-', ending in .md".into()))?
            .to_string();

        let mut lines = source.split_inclusive('\n');
        if lines.next().map(str::trim_end) != Some(FENCE) {
            return Err(error(Some(1), format!("expected front matter: the first line must be `{FENCE}`")));
        }
        let mut front = String::new();
        let mut consumed = FENCE.len() + 1;
        let mut line_no = 1;
        let mut closed = false;
        for line in lines {
            line_no += 1;
            consumed += line.len();
            if line.trim_end() == FENCE {
                closed = true;
                break;
            }
            front.push_str(line);
        }
        if !closed {
            return Err(error(Some(1), format!("front matter opened with `{FENCE}` is never closed")));
        }
        let meta: FrontMatter =
            toml::from_str(&front).map_err(|err| error(Some(2), format!("front matter: {}", err.message())))?;
        if meta.title.trim().is_empty() || meta.description.trim().is_empty() {
            return Err(error(Some(2), "front matter: `title` and `description` must not be empty".into()));
        }
        if meta.description.chars().count() > 160 {
            return Err(error(Some(2), "front matter: `description` is longer than 160 characters".into()));
        }
        let body = source.get(consumed.min(source.len())..).unwrap_or_default().to_string();
        Ok(Page { slug, path: path.to_path_buf(), meta, body, body_line: line_no + 1 })
    }

    /// The route of this page below the base path: `""` for home, `"gpus/"` otherwise.
    pub fn route(&self) -> String {
        route_of(&self.slug)
    }
}

pub(crate) fn route_of(slug: &str) -> String {
    if slug == Page::HOME { String::new() } else { format!("{slug}/") }
}

fn is_valid_slug(stem: &str) -> bool {
    !stem.is_empty() && stem.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(name: &str, source: &str) -> Result<Page, ContentError> {
        Page::parse(Path::new(name), source)
    }

    const GOOD: &str =
        "+++\ntitle = \"GPUs\"\ndescription = \"Pick one.\"\nsection = \"build\"\norder = 3\n+++\n\n## Types\n";

    #[test]
    fn parses_front_matter_and_locates_the_body() {
        let page = parse("gpus.md", GOOD).unwrap();
        assert_eq!(page.slug, "gpus");
        assert_eq!(page.meta.title, "GPUs");
        assert_eq!(page.meta.order, 3);
        assert_eq!(page.body, "\n## Types\n");
        assert_eq!(page.body_line, 7);
        assert_eq!(page.route(), "gpus/");
    }

    #[test]
    fn missing_key_names_the_key() {
        let err =
            parse("gpus.md", "+++\ntitle = \"GPUs\"\ndescription = \"d\"\nsection = \"build\"\n+++\n").unwrap_err();
        assert!(err.to_string().contains("missing field `order`"), "{err}");
    }

    #[test]
    fn unknown_key_is_refused() {
        let err = parse(
            "gpus.md",
            "+++\ntitle = \"T\"\ndescription = \"d\"\nsection = \"s\"\norder = 1\ndraft = true\n+++\n",
        )
        .unwrap_err();
        assert!(err.to_string().contains("unknown field `draft`"), "{err}");
    }

    #[test]
    fn front_matter_must_open_and_close() {
        assert!(parse("a.md", "## Hi\n").unwrap_err().to_string().starts_with("a.md:1: expected front matter"));
        assert!(parse("a.md", "+++\ntitle = \"T\"\n").unwrap_err().to_string().contains("never closed"));
    }

    #[test]
    fn file_names_must_be_url_safe() {
        assert!(parse("My Page.md", GOOD).is_err());
        assert_eq!(parse("index.md", GOOD).unwrap().route(), "");
    }
}
