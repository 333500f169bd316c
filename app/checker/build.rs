//! Turns `content/data/modal-api.toml` into Rust tables, so the checker and its wasm worker carry
//! the API surface without a TOML parser.

use std::env;
use std::fs;
use std::path::PathBuf;

use serde::Deserialize;

#[derive(Deserialize)]
struct Api {
    client: Client,
    function: Parameters,
    cls: Parameters,
    renamed: Vec<Renamed>,
    decorators: Decorators,
}

#[derive(Deserialize)]
struct Client {
    version: String,
}

#[derive(Deserialize)]
struct Parameters {
    parameters: Vec<String>,
}

#[derive(Deserialize)]
struct Renamed {
    old: String,
    new: String,
    since: String,
}

#[derive(Deserialize)]
struct Decorators {
    names: Vec<String>,
}

fn main() {
    let source = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap()).join("../../content/data/modal-api.toml");
    println!("cargo::rerun-if-changed={}", source.display());
    let text = fs::read_to_string(&source).unwrap_or_else(|err| panic!("cannot read {}: {err}", source.display()));
    let api: Api = toml::from_str(&text).unwrap_or_else(|err| panic!("{}: {err}", source.display()));
    let list = |items: &[String]| items.iter().map(|item| format!("{item:?}")).collect::<Vec<_>>().join(", ");
    let renamed: Vec<String> = api
        .renamed
        .iter()
        .map(|r| format!("Renamed {{ old: {:?}, new: {:?}, since: {:?} }}", r.old, r.new, r.since))
        .collect();
    let code = format!(
        "/// The Modal client version these tables were checked against.\n\
         pub const CLIENT_VERSION: &str = {:?};\n\
         pub const FUNCTION_PARAMETERS: &[&str] = &[{}];\n\
         pub const CLS_PARAMETERS: &[&str] = &[{}];\n\
         pub const RENAMED: &[Renamed] = &[{}];\n\
         pub const DECORATORS: &[&str] = &[{}];\n",
        api.client.version,
        list(&api.function.parameters),
        list(&api.cls.parameters),
        renamed.join(", "),
        list(&api.decorators.names),
    );
    fs::write(PathBuf::from(env::var("OUT_DIR").unwrap()).join("api.rs"), code).unwrap();
}
