//! The playground's gallery: common Modal patterns, each as written in early 2025 (which the
//! current client rejects) and as it wants them now, one TOML file each in `content/gallery/`.
//! The build puts them into the playground's page; a test holds that every broken version has
//! an error the checker finds and every fixed one has none.

use std::collections::HashSet;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::ContentError;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    /// What the pattern is, short enough for a menu: "Warm containers".
    pub title: String,
    /// One sentence: what changed between the two versions.
    pub note: String,
    /// The code as written against early-2025 Modal.
    pub broken: String,
    /// The same code for the current client.
    pub fixed: String,
}

/// The examples of the gallery's files, given as (path, text) in file-name order.
pub fn parse(files: Vec<(PathBuf, &str)>) -> Result<Vec<Example>, Vec<ContentError>> {
    let mut errors = Vec::new();
    let mut examples = Vec::new();
    let mut titles = HashSet::new();
    for (path, text) in files {
        let example = match toml::from_str::<Example>(text) {
            Ok(example) => example,
            Err(err) => {
                errors.push(ContentError::new(&path, None, err.to_string()));
                continue;
            }
        };
        let fields = [
            ("title", &example.title),
            ("note", &example.note),
            ("broken", &example.broken),
            ("fixed", &example.fixed),
        ];
        for (name, value) in fields {
            if value.trim().is_empty() {
                errors.push(ContentError::new(&path, None, format!("`{name}` is empty")));
            }
        }
        if example.broken == example.fixed {
            errors.push(ContentError::new(&path, None, "`broken` and `fixed` are the same code"));
        }
        if !titles.insert(example.title.clone()) {
            errors.push(ContentError::new(
                &path,
                None,
                format!("another example is already titled `{}`", example.title),
            ));
        }
        examples.push(example);
    }
    if errors.is_empty() { Ok(examples) } else { Err(errors) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files<'a>(files: &[(&str, &'a str)]) -> Vec<(PathBuf, &'a str)> {
        files.iter().map(|(name, text)| (PathBuf::from(format!("gallery/{name}")), *text)).collect()
    }

    const GOOD: &str = "title = \"Warm\"\nnote = \"Renamed.\"\nbroken = \"a\"\nfixed = \"b\"\n";

    #[test]
    fn examples_load_in_the_order_given() {
        let second = GOOD.replace("Warm", "Second");
        let titles: Vec<String> =
            parse(files(&[("a.toml", GOOD), ("b.toml", &second)])).unwrap().into_iter().map(|e| e.title).collect();
        assert_eq!(titles, ["Warm", "Second"]);
    }

    #[test]
    fn empty_fields_same_code_and_repeated_titles_are_refused_with_the_file() {
        let messages: Vec<String> = parse(files(&[
            ("a.toml", GOOD),
            ("b.toml", "title = \"Warm\"\nnote = \" \"\nbroken = \"a\"\nfixed = \"a\"\n"),
        ]))
        .unwrap_err()
        .into_iter()
        .map(|err| err.to_string())
        .collect();
        assert_eq!(messages.len(), 3, "{messages:?}");
        assert!(messages.iter().all(|message| message.contains("b.toml")));
        assert!(parse(files(&[("a.toml", &GOOD.replace("note", "notes"))])).is_err());
    }

    #[test]
    fn no_files_is_an_empty_gallery() {
        assert_eq!(parse(Vec::new()), Ok(Vec::new()));
    }
}
