//! The playground's gallery: common Modal patterns, each as written in early 2025 (which the
//! current client rejects) and as it wants them now, one TOML file each in `content/gallery/`.
//! The build puts them into the playground's page; a test holds that every broken version has
//! an error the checker finds and every fixed one has none.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

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

/// Every example in `dir`, in file-name order; an empty list if there is no such folder.
pub fn load(dir: &Path) -> Result<Vec<Example>, Vec<ContentError>> {
    let Ok(entries) = fs::read_dir(dir) else { return Ok(Vec::new()) };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
        .collect();
    paths.sort();
    let mut errors = Vec::new();
    let mut examples = Vec::new();
    let mut titles = HashSet::new();
    for path in paths {
        let example = match fs::read_to_string(&path)
            .map_err(|err| err.to_string())
            .and_then(|text| toml::from_str::<Example>(&text).map_err(|err| err.to_string()))
        {
            Ok(example) => example,
            Err(message) => {
                errors.push(ContentError::new(&path, None, message));
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

    fn folder(name: &str, files: &[(&str, &str)]) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("atlas-gallery-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        for (file, text) in files {
            fs::write(dir.join(file), text).unwrap();
        }
        dir
    }

    const GOOD: &str = "title = \"Warm\"\nnote = \"Renamed.\"\nbroken = \"a\"\nfixed = \"b\"\n";

    #[test]
    fn examples_load_in_file_name_order() {
        let dir = folder("order", &[("b.toml", &GOOD.replace("Warm", "Second")), ("a.toml", GOOD), ("notes.txt", "x")]);
        let titles: Vec<String> = load(&dir).unwrap().into_iter().map(|example| example.title).collect();
        assert_eq!(titles, ["Warm", "Second"]);
    }

    #[test]
    fn empty_fields_same_code_and_repeated_titles_are_refused_with_the_file() {
        let dir = folder(
            "refused",
            &[("a.toml", GOOD), ("b.toml", "title = \"Warm\"\nnote = \" \"\nbroken = \"a\"\nfixed = \"a\"\n")],
        );
        let messages: Vec<String> = load(&dir).unwrap_err().into_iter().map(|err| err.to_string()).collect();
        assert_eq!(messages.len(), 3, "{messages:?}");
        assert!(messages.iter().all(|message| message.contains("b.toml")));
        assert!(load(&folder("typo", &[("a.toml", &GOOD.replace("note", "notes"))])).is_err());
    }

    #[test]
    fn a_missing_folder_is_an_empty_gallery() {
        assert_eq!(load(Path::new("/no/such/folder")), Ok(Vec::new()));
    }
}
