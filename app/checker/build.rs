//! Turns `content/data/modal-reference.json` (every public name of the client, with its
//! keywords and history), `content/data/modal-api.toml` (what the image builder accepts) and the
//! GPU table of `content/data/modal.toml` into Rust tables, so the checker and its wasm worker
//! carry the API surface without a JSON or TOML parser.

use std::env;
use std::fs;
use std::path::PathBuf;

use atlas_reference::{Deprecation, Kind, Name, Reference, Version};
use serde::Deserialize;

#[derive(Deserialize)]
struct Api {
    image: Image,
    wheel: Wheel,
}

/// The `[wheel]` section: the modules and packages of the client's wheel, below `modal`.
#[derive(Deserialize)]
struct Wheel {
    modules: Vec<String>,
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

fn data_dir() -> PathBuf {
    PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap()).join("../../content/data")
}

fn read_toml<T: serde::de::DeserializeOwned>(name: &str) -> T {
    let source = data_dir().join(name);
    println!("cargo::rerun-if-changed={}", source.display());
    let text = fs::read_to_string(&source).unwrap_or_else(|err| panic!("cannot read {}: {err}", source.display()));
    toml::from_str(&text).unwrap_or_else(|err| panic!("{}: {err}", source.display()))
}

fn main() {
    let api: Api = read_toml("modal-api.toml");
    let facts: Facts = read_toml("modal.toml");
    println!("cargo::rerun-if-changed={}", data_dir().join(atlas_reference::DATA_FILE).display());
    let reference = Reference::load(&data_dir()).unwrap_or_else(|err| panic!("{err}"));
    let list = |items: &[String]| items.iter().map(|item| format!("{item:?}")).collect::<Vec<_>>().join(", ");
    let gpus: Vec<String> = facts
        .gpus
        .iter()
        .map(|gpu| {
            format!("GpuName {{ id: {:?}, aliases: &[{}], max_count: {} }}", gpu.id, list(&gpu.aliases), gpu.max_count)
        })
        .collect();
    let mut wheel_modules = api.wheel.modules.clone();
    wheel_modules.sort();
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
        "/// The Modal client version these tables describe: the reference's newest release.\n\
         pub const CLIENT_VERSION: &str = {:?};\n\
         pub const CURRENT: Version = {};\n\
         /// The releases the reference covers, oldest first.\n\
         pub const RELEASES: &[Version] = &[{}];\n\
         pub const RENAMED: &[Renamed] = &[{}];\n\
         pub const DECORATORS: &[&str] = &[{}];\n\
         /// Every public name of the client, current or removed, sorted by name.\n\
         pub const NAMES: &[ApiName] = &[{}];\n\
         /// The GPU types `gpu=` accepts, from `content/data/modal.toml`.\n\
         pub const GPUS: &[GpuName] = &[{}];\n\
         /// The modules and packages of the client's wheel below `modal` (`app`, `_utils.async_utils`), sorted.\n\
         pub const WHEEL_MODULES: &[&str] = &[{}];\n\
         {}",
        reference.current().to_string(),
        version(reference.current()),
        reference.releases.iter().map(|release| version(&release.version)).collect::<Vec<_>>().join(", "),
        renamed(&reference).join(", "),
        decorators(&reference).join(", "),
        names(&reference).join(",\n"),
        gpus.join(", "),
        list(&wheel_modules),
        image_code,
    );
    fs::write(PathBuf::from(env::var("OUT_DIR").unwrap()).join("api.rs"), code).unwrap();
}

fn version(version: &Version) -> String {
    format!(
        "Version {{ major: {}, minor: {}, patch: {:?}, post: {} }}",
        version.major, version.minor, version.patch, version.post
    )
}

fn option<T>(value: Option<T>, show: impl Fn(T) -> String) -> String {
    value.map_or_else(|| "None".into(), |value| format!("Some({})", show(value)))
}

fn deprecation(deprecated: &Deprecation) -> String {
    // From the release where it raises: the first, or the one it turned into an error in.
    let raises = if deprecated.raises { Some(&deprecated.version) } else { deprecated.error_since.as_ref() };
    format!(
        "&ApiDeprecation {{ version: {}, date: {:?}, message: {:?}, replacement: {}, raises_since: {} }}",
        version(&deprecated.version),
        deprecated.date,
        deprecated.error_message.as_deref().filter(|_| raises.is_some()).unwrap_or(&deprecated.message),
        option(deprecated.replacement.as_deref(), |text| format!("{text:?}")),
        option(raises, version),
    )
}

fn names(reference: &Reference) -> Vec<String> {
    let mut names: Vec<&Name> = reference.names.iter().collect();
    names.sort_by(|a, b| a.name.cmp(&b.name));
    names
        .into_iter()
        .map(|name| {
            let keywords: Vec<String> = name
                .keywords()
                .into_iter()
                .map(|keyword| {
                    format!(
                        "ApiKeyword {{ name: {:?}, since: {}, deprecated: {} }}",
                        keyword.name,
                        option(keyword.since.as_ref(), version),
                        option(keyword.deprecated.as_ref(), deprecation)
                    )
                })
                .collect();
            let removed: Vec<String> = name
                .removed_parameters
                .iter()
                .map(|keyword| {
                    format!(
                        "ApiRemovedKeyword {{ name: {:?}, removed: {}, deprecated: {} }}",
                        keyword.name,
                        option(keyword.removed.as_ref(), version),
                        option(keyword.deprecated.as_ref(), deprecation)
                    )
                })
                .collect();
            format!(
                "ApiName {{ name: {:?}, kind: ApiKind::{:?}, since: {}, deprecated: {}, removed: {}, \
                 has_signature: {}, any_keyword: {}, keywords: &[{}], removed_keywords: &[{}], returns: {}, enters: {}, \
                 bases: &[{}] }}",
                name.name,
                name.kind,
                version(&name.since),
                option(name.deprecated.as_ref(), deprecation),
                option(name.removed.as_ref(), version),
                !name.signatures.is_empty(),
                name.takes_any_keyword(),
                keywords.join(", "),
                removed.join(", "),
                option(reference.returned_class(name), |class| format!("{class:?}")),
                option(entered_class(reference, name), |class| format!("{class:?}")),
                name.bases.iter().map(|base| format!("{base:?}")).collect::<Vec<_>>().join(", "),
            )
        })
        .collect()
}

/// The client class a `with` statement binds when it enters what calling `name` returns:
/// `Queue` for `Queue.ephemeral`, which returns `AsyncAndBlockingContextManager[Queue]`.
fn entered_class<'r>(reference: &'r Reference, name: &Name) -> Option<&'r str> {
    let returns = name.signatures.first()?.returns.as_deref()?;
    let (manager, rest) = returns.split_once('[')?;
    let class = rest.strip_suffix(']')?;
    let class = if class == "Self" { name.owner()? } else { class };
    (manager.ends_with("ContextManager"))
        .then(|| reference.get(class))
        .flatten()
        .filter(|entry| entry.kind == Kind::Class)
        .map(|entry| entry.name.as_str())
}

/// Keywords of `App.function` the client renamed: removed ones whose deprecation names another
/// of its keywords as the replacement.
fn renamed(reference: &Reference) -> Vec<String> {
    let function = reference.get("App.function").expect("App.function in the reference");
    let keywords: Vec<&str> = function.keywords().iter().map(|keyword| keyword.name.as_str()).collect();
    function
        .removed_parameters
        .iter()
        .filter_map(|removed| {
            let deprecated = removed.deprecated.as_ref()?;
            let new = deprecated.replacement.as_deref().filter(|new| keywords.contains(new))?;
            Some(format!("Renamed {{ old: {:?}, new: {:?}, since: {:?} }}", removed.name, new, deprecated.date))
        })
        .collect()
}

/// The decorators of the `modal` namespace: its current functions from `modal.partial_function`
/// that do not raise when used.
fn decorators(reference: &Reference) -> Vec<String> {
    reference
        .names
        .iter()
        .filter(|name| {
            name.kind == Kind::Function
                && name.owner().is_none()
                && name.is_current()
                && name.module.as_deref() == Some("modal.partial_function")
                && !name.deprecated.as_ref().is_some_and(|d| d.raises_in(reference.current()))
        })
        .map(|name| format!("{:?}", name.name))
        .collect()
}
