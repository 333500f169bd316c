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
    image: Image,
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

/// The `[image]` section: lists of `modal.Image` factory and method names, and the Python series
/// of each image builder.
#[derive(Deserialize)]
struct Image {
    python_version_factories: Vec<String>,
    add_python_factories: Vec<String>,
    package_methods: Vec<String>,
    option_keywords: Vec<String>,
    add_local_methods: Vec<String>,
    remote_path_methods: Vec<String>,
    build_steps: Vec<String>,
    plain_factories: Vec<String>,
    package_steps: Vec<String>,
    package_source_keywords: Vec<String>,
    config_steps: Vec<String>,
    secret_env_methods: Vec<String>,
    builders: Vec<Builder>,
}

#[derive(Deserialize)]
struct Builder {
    version: String,
    python: Vec<String>,
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
    let image = &api.image;
    for method in &image.remote_path_methods {
        assert!(image.add_local_methods.contains(method), "remote_path_methods: {method} is not an add_local method");
    }
    let builders: Vec<String> = image
        .builders
        .iter()
        .map(|b| format!("ImageBuilder {{ version: {:?}, python: &[{}] }}", b.version, list(&b.python)))
        .collect();
    let image_code = format!(
        "/// What `modal.Image`'s factories and layer methods accept (the `[image]` section).\n\
         pub mod image {{\n\
         use super::ImageBuilder;\n\
         pub const PYTHON_VERSION_FACTORIES: &[&str] = &[{}];\n\
         pub const ADD_PYTHON_FACTORIES: &[&str] = &[{}];\n\
         pub const PACKAGE_METHODS: &[&str] = &[{}];\n\
         pub const OPTION_KEYWORDS: &[&str] = &[{}];\n\
         pub const ADD_LOCAL_METHODS: &[&str] = &[{}];\n\
         pub const REMOTE_PATH_METHODS: &[&str] = &[{}];\n\
         pub const BUILD_STEPS: &[&str] = &[{}];\n\
         pub const PLAIN_FACTORIES: &[&str] = &[{}];\n\
         pub const PACKAGE_STEPS: &[&str] = &[{}];\n\
         pub const PACKAGE_SOURCE_KEYWORDS: &[&str] = &[{}];\n\
         pub const CONFIG_STEPS: &[&str] = &[{}];\n\
         pub const SECRET_ENV_METHODS: &[&str] = &[{}];\n\
         /// Newest builder first.\n\
         pub const BUILDERS: &[ImageBuilder] = &[{}];\n\
         }}\n",
        list(&image.python_version_factories),
        list(&image.add_python_factories),
        list(&image.package_methods),
        list(&image.option_keywords),
        list(&image.add_local_methods),
        list(&image.remote_path_methods),
        list(&image.build_steps),
        list(&image.plain_factories),
        list(&image.package_steps),
        list(&image.package_source_keywords),
        list(&image.config_steps),
        list(&image.secret_env_methods),
        builders.join(", "),
    );
    let code = format!(
        "/// The Modal client version these tables were checked against.\n\
         pub const CLIENT_VERSION: &str = {:?};\n\
         pub const FUNCTION_PARAMETERS: &[&str] = &[{}];\n\
         pub const CLS_PARAMETERS: &[&str] = &[{}];\n\
         pub const RENAMED: &[Renamed] = &[{}];\n\
         pub const DECORATORS: &[&str] = &[{}];\n\
         /// The GPU types `gpu=` accepts, from `content/data/modal.toml`.\n\
         pub const GPUS: &[GpuName] = &[{}];\n\
         {}",
        api.client.version,
        list(&api.function.parameters),
        list(&api.cls.parameters),
        renamed.join(", "),
        list(&api.decorators.names),
        gpus.join(", "),
        image_code,
    );
    fs::write(PathBuf::from(env::var("OUT_DIR").unwrap()).join("api.rs"), code).unwrap();
}
