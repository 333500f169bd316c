//! Turns `content/data/modal-api.toml` and the GPU table of `content/data/modal.toml` into Rust
//! tables, so the checker and its wasm worker carry the API surface without a TOML parser.

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

/// `content/data/modal.toml`; only its GPU table matters here.
#[derive(Deserialize)]
struct Facts {
    gpus: Vec<Gpu>,
}

#[derive(Deserialize)]
struct Gpu {
    id: String,
    aliases: Vec<String>,
    max_count: u32,
}

fn read_toml<T: serde::de::DeserializeOwned>(name: &str) -> T {
    let source = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap()).join("../../content/data").join(name);
    println!("cargo::rerun-if-changed={}", source.display());
    let text = fs::read_to_string(&source).unwrap_or_else(|err| panic!("cannot read {}: {err}", source.display()));
    toml::from_str(&text).unwrap_or_else(|err| panic!("{}: {err}", source.display()))
}

fn main() {
    let api: Api = read_toml("modal-api.toml");
    let facts: Facts = read_toml("modal.toml");
    let list = |items: &[String]| items.iter().map(|item| format!("{item:?}")).collect::<Vec<_>>().join(", ");
    let renamed: Vec<String> = api
        .renamed
        .iter()
        .map(|r| format!("Renamed {{ old: {:?}, new: {:?}, since: {:?} }}", r.old, r.new, r.since))
        .collect();
    let gpus: Vec<String> = facts
        .gpus
        .iter()
        .map(|gpu| {
            format!("GpuName {{ id: {:?}, aliases: &[{}], max_count: {} }}", gpu.id, list(&gpu.aliases), gpu.max_count)
        })
        .collect();
    let code = format!(
        "/// The Modal client version these tables were checked against.\n\
         pub const CLIENT_VERSION: &str = {:?};\n\
         pub const FUNCTION_PARAMETERS: &[&str] = &[{}];\n\
         pub const CLS_PARAMETERS: &[&str] = &[{}];\n\
         pub const RENAMED: &[Renamed] = &[{}];\n\
         pub const DECORATORS: &[&str] = &[{}];\n\
         /// The GPU types `gpu=` accepts, from `content/data/modal.toml`.\n\
         pub const GPUS: &[GpuName] = &[{}];\n",
        api.client.version,
        list(&api.function.parameters),
        list(&api.cls.parameters),
        renamed.join(", "),
        list(&api.decorators.names),
        gpus.join(", "),
    );
    fs::write(PathBuf::from(env::var("OUT_DIR").unwrap()).join("api.rs"), code).unwrap();
}
