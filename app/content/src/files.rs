//! The files of `content/` by their path below it (`pages/gpus.md`): read from the folder for the
//! build, or embedded in a program (the MCP server) so it works without the repository.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use crate::ContentError;

/// The kinds of file content is made of: pages, settings, data and the playground's starting code.
pub const CONTENT_EXTENSIONS: &[&str] = &["md", "toml", "json", "py"];

#[derive(Debug, Clone)]
pub struct ContentFiles {
    /// What paths in errors start with.
    root: PathBuf,
    files: BTreeMap<String, String>,
}

impl ContentFiles {
    /// Every `.md`, `.toml`, `.json` and `.py` file under `dir`.
    pub fn read(dir: &Path) -> Result<ContentFiles, Vec<ContentError>> {
        let mut files = BTreeMap::new();
        read_folder(dir, "", &mut files)?;
        Ok(ContentFiles { root: dir.to_path_buf(), files })
    }

    /// Files given as (path below `content/`, text), as a program embeds them.
    pub fn embedded(root: &Path, files: &[(&str, &str)]) -> ContentFiles {
        let files = files.iter().map(|(path, text)| (path.to_string(), text.to_string())).collect();
        ContentFiles { root: root.to_path_buf(), files }
    }

    pub(crate) fn path(&self, relative: &str) -> PathBuf {
        self.root.join(relative)
    }

    /// The text of the file at `relative` (`data/modal-reference.json`).
    pub fn text(&self, relative: &str) -> Result<&str, ContentError> {
        self.files
            .get(relative)
            .map(String::as_str)
            .ok_or_else(|| ContentError::new(self.path(relative), None, "no such file"))
    }

    /// The files directly in `folder` whose names end in `.ext`, in name order.
    pub(crate) fn in_folder(&self, folder: &str, ext: &str) -> Vec<(PathBuf, &str)> {
        let prefix = format!("{folder}/");
        let suffix = format!(".{ext}");
        self.files
            .iter()
            .filter(|(path, _)| {
                path.strip_prefix(&prefix).is_some_and(|name| !name.contains('/') && name.ends_with(&suffix))
            })
            .map(|(path, text)| (self.path(path), text.as_str()))
            .collect()
    }
}

fn read_folder(dir: &Path, below: &str, files: &mut BTreeMap<String, String>) -> Result<(), Vec<ContentError>> {
    let entries = fs::read_dir(dir).map_err(|err| vec![ContentError::new(dir, None, format!("cannot list: {err}"))])?;
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        let relative = if below.is_empty() { name } else { format!("{below}/{name}") };
        if path.is_dir() {
            read_folder(&path, &relative, files)?;
        } else if path.extension().is_some_and(|ext| CONTENT_EXTENSIONS.iter().any(|known| ext == *known)) {
            let text = fs::read_to_string(&path)
                .map_err(|err| vec![ContentError::new(&path, None, format!("cannot read: {err}"))])?;
            files.insert(relative, text);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_listed_by_folder_and_extension_in_name_order() {
        let files = ContentFiles::embedded(
            Path::new("content"),
            &[("pages/b.md", "b"), ("pages/a.md", "a"), ("pages/notes.txt", "x"), ("pages/deep/c.md", "c")],
        );
        let listed: Vec<(String, &str)> =
            files.in_folder("pages", "md").into_iter().map(|(path, text)| (path.display().to_string(), text)).collect();
        assert_eq!(listed, [("content/pages/a.md".to_string(), "a"), ("content/pages/b.md".to_string(), "b")]);
        assert_eq!(files.text("site.toml").unwrap_err().to_string(), "content/site.toml: no such file");
    }
}
