//! Embeds the text of `content/` in the binary, so `modal-atlas mcp` serves the reference from an
//! installed binary, without the repository.

use std::fs;
use std::path::{Path, PathBuf};

fn main() {
    let content = Path::new(&std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets it")).join("../../content");
    println!("cargo::rerun-if-changed={}", content.display());
    let mut files = Vec::new();
    collect(&content, &content, &mut files);
    files.sort();
    let mut code =
        String::from("/// The files of `content/`: (path below it, text).\npub const FILES: &[(&str, &str)] = &[\n");
    for (relative, path) in files {
        code.push_str(&format!("    ({relative:?}, include_str!({:?})),\n", path.display().to_string()));
    }
    code.push_str("];\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets it")).join("content_files.rs");
    fs::write(out, code).expect("the build script writes its output");
}

fn collect(root: &Path, dir: &Path, files: &mut Vec<(String, PathBuf)>) {
    for entry in fs::read_dir(dir).expect("content/ is readable").flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(root, &path, files);
        // As atlas_content::CONTENT_EXTENSIONS (a build script cannot use the crate it builds for).
        } else if path.extension().is_some_and(|ext| ext == "md" || ext == "toml" || ext == "json" || ext == "py") {
            let relative = path.strip_prefix(root).expect("below content/");
            let relative = relative.components().map(|part| part.as_os_str().to_string_lossy()).collect::<Vec<_>>();
            let absolute = path.canonicalize().expect("a file that was just listed");
            files.push((relative.join("/"), absolute));
        }
    }
}
