//! The committed data file against what the rest of the site assumes, and against names checked
//! by hand in the wheels.

use std::path::{Path, PathBuf};

use atlas_reference::{Kind, Reference, Summaries, Version};
use serde::Deserialize;

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content/data")
}

fn reference() -> Reference {
    Reference::load(&data_dir()).expect("the data file loads")
}

#[test]
fn describes_the_client_the_site_is_checked_against() {
    #[derive(Deserialize)]
    struct Facts {
        client: Client,
    }
    #[derive(Deserialize)]
    struct Client {
        version: String,
    }
    let facts: Facts = toml::from_str(&std::fs::read_to_string(data_dir().join("modal.toml")).unwrap()).unwrap();
    let reference = reference();
    assert_eq!(
        reference.current().to_string(),
        facts.client.version,
        "modal.toml's client and the reference's newest release"
    );
    assert_eq!(reference.releases.first().unwrap().version, Version::new(1, 0, 0));
    let versions: Vec<&Version> = reference.releases.iter().map(|r| &r.version).collect();
    assert!(versions.windows(2).all(|pair| pair[0] < pair[1]), "releases are listed oldest first");
}

#[test]
fn covers_the_whole_public_surface() {
    let reference = reference();
    let current: Vec<_> = reference.names.iter().filter(|name| name.is_current()).collect();
    assert!(current.len() >= 350, "{} current names", current.len());
    // The classes people use most, each with its members.
    for (class, members) in [
        ("App", &["function", "cls", "local_entrypoint", "run", "deploy"][..]),
        ("Function", &["remote", "spawn", "map", "starmap", "spawn_map", "with_options", "from_name"]),
        ("Cls", &["with_options", "with_concurrency", "with_batching", "from_name"]),
        ("Image", &["debian_slim", "pip_install", "uv_pip_install", "add_local_dir", "run_function"]),
        ("Sandbox", &["create", "exec", "terminate", "wait"]),
        ("Volume", &["from_name", "commit", "reload"]),
        ("Dict", &["from_name", "get", "put"]),
        ("Queue", &["from_name", "put", "get"]),
    ] {
        assert_eq!(reference.get(class).map(|name| name.kind), Some(Kind::Class), "{class}");
        for member in members {
            let name = format!("{class}.{member}");
            let entry = reference.get(&name).unwrap_or_else(|| panic!("{name} has no entry"));
            assert!(entry.is_current() && !entry.signatures.is_empty(), "{name}: current, with a signature");
        }
    }
    let names: Vec<&str> = reference.names.iter().map(|name| name.name.as_str()).collect();
    let mut sorted = names.clone();
    sorted.dedup();
    assert_eq!(sorted.len(), names.len(), "every name once");
}

#[test]
fn signatures_carry_types_defaults_and_keyword_history() {
    let reference = reference();
    let function = reference.get("App.function").unwrap();
    let keywords = function.keywords();
    let gpu = keywords.iter().find(|p| p.name == "gpu").expect("App.function takes gpu=");
    assert!(gpu.type_.as_deref().is_some_and(|t| t.contains("str")), "{:?}", gpu.type_);
    assert_eq!(gpu.default.as_deref(), Some("None"));
    let timeout = keywords.iter().find(|p| p.name == "timeout").unwrap();
    assert_eq!(timeout.default.as_deref(), Some("300"));
    assert_eq!(reference.returned_class(reference.get("Image.debian_slim").unwrap()), Some("Image"));
    assert_eq!(reference.returned_class(reference.get("Volume.from_name").unwrap()), Some("Volume"));
    let removed = &function.removed_parameters;
    let allow = removed.iter().find(|p| p.name == "allow_concurrent_inputs").expect("allow_concurrent_inputs history");
    let deprecated = allow.deprecated.as_ref().unwrap();
    assert_eq!(deprecated.replacement.as_deref(), Some("modal.concurrent"));
    assert!(deprecated.raises_in(reference.current()));
}

#[derive(Deserialize)]
struct HandChecked {
    name: Vec<CheckedName>,
    parameter: Vec<CheckedParameter>,
}

#[derive(Deserialize)]
struct CheckedName {
    name: String,
    since: Version,
    deprecated: Option<Version>,
    deprecated_on: Option<String>,
    removed: Option<Version>,
    /// Using it raises in the newest release.
    #[serde(default)]
    raises: bool,
}

#[derive(Deserialize)]
struct CheckedParameter {
    name: String,
    parameter: String,
    since: Option<Version>,
    removed: Option<Version>,
}

#[test]
fn agrees_with_the_names_checked_by_hand() {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hand-checked.toml")).unwrap();
    let checked: HandChecked = toml::from_str(&text).unwrap();
    assert!(checked.name.len() >= 20, "a sample of 20 names");
    let reference = reference();
    let mut problems = Vec::new();
    for expected in &checked.name {
        let Some(entry) = reference.get(&expected.name) else {
            problems.push(format!("{}: no entry", expected.name));
            continue;
        };
        let deprecated = entry.deprecated.as_ref();
        let found = (
            &entry.since,
            deprecated.map(|d| &d.version),
            deprecated.map(|d| d.date.as_str()),
            entry.removed.as_ref(),
            deprecated.is_some_and(|d| d.raises_in(reference.current())),
        );
        let wanted = (
            &expected.since,
            expected.deprecated.as_ref(),
            expected.deprecated_on.as_deref(),
            expected.removed.as_ref(),
            expected.raises,
        );
        if found != wanted {
            problems.push(format!("{}: the data says {found:?}, checked by hand {wanted:?}", expected.name));
        }
    }
    for expected in &checked.parameter {
        let entry = reference.get(&expected.name).unwrap();
        if let Some(since) = &expected.since {
            let parameter = entry.keywords().into_iter().find(|p| p.name == expected.parameter);
            let found = parameter.map(|p| p.since.clone().unwrap_or_else(|| entry.since.clone()));
            if found.as_ref() != Some(since) {
                problems.push(format!("{}({}=): since {found:?}, checked {since}", expected.name, expected.parameter));
            }
        }
        if let Some(removed) = &expected.removed {
            let gone = entry.removed_parameters.iter().find(|p| p.name == expected.parameter);
            if gone.and_then(|p| p.removed.as_ref()) != Some(removed) {
                problems.push(format!(
                    "{}({}=): removed {:?}, checked {removed}",
                    expected.name,
                    expected.parameter,
                    gone.map(|p| &p.removed)
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn summaries_name_only_names_that_exist() {
    let reference = reference();
    let summaries = Summaries::load(&data_dir()).expect("the summaries load");
    let unknown: Vec<&String> = summaries.summaries.keys().filter(|name| reference.get(name).is_none()).collect();
    assert!(unknown.is_empty(), "summaries of names the client does not have: {unknown:?}");
    let malformed: Vec<&String> = summaries
        .summaries
        .iter()
        .filter(|(_, text)| text.trim().is_empty() || text.contains('\n') || !text.trim_end().ends_with('.'))
        .map(|(name, _)| name)
        .collect();
    assert!(malformed.is_empty(), "summaries that are not one sentence on one line: {malformed:?}");
}

#[test]
fn names_set_apart_from_applications_are_current_and_say_why_in_one_line() {
    let reference = reference();
    let summaries = Summaries::load(&data_dir()).expect("the summaries load");
    assert!(!summaries.not_for_applications.is_empty());
    for (name, reason) in &summaries.not_for_applications {
        let entry =
            reference.get(name).unwrap_or_else(|| panic!("`{name}` is set apart but the client has no such name"));
        assert!(entry.is_current(), "`{name}` is set apart but was removed: nothing to count");
        assert!(
            !reason.trim().is_empty() && !reason.contains('\n') && reason.trim_end().ends_with('.'),
            "`{name}`: the reason is not one sentence on one line: {reason:?}"
        );
        assert_eq!(summaries.not_for_applications(name), Some(reason.as_str()));
    }
}

/// Read by hand in the 1.6.4 wheel: `modal/object.pyi` (`Object` and its four public members),
/// `volume.pyi` (`class Volume(modal.object.Object)`), `image.pyi` (its own `hydrate`),
/// `cluster.pyi` (its own `object_id`) and `exception.py` (`ConflictError(InvalidError, _GRPCErrorWrapper)`).
#[test]
fn classes_know_what_they_inherit() {
    let reference = reference();
    let inherited = |class: &str| -> Vec<String> {
        let mut names: Vec<String> = reference.inherited(class).iter().map(|name| name.short().to_string()).collect();
        names.sort();
        names
    };
    assert_eq!(inherited("Volume"), ["client", "get_dashboard_url", "hydrate", "object_id"]);
    assert_eq!(inherited("Image"), ["client", "get_dashboard_url", "object_id"], "Image has its own hydrate");
    assert_eq!(inherited("Cluster"), ["client", "get_dashboard_url", "hydrate"], "Cluster has its own object_id");
    assert!(inherited("App").is_empty(), "App is not a Modal object");
    for class in ["Function", "FunctionCall", "Cls", "Dict", "Queue", "Secret", "Sandbox", "SandboxSnapshot", "Proxy"] {
        assert_eq!(reference.get(class).unwrap().bases, ["object.Object"], "{class}");
    }
    assert_eq!(
        reference.get("exception.ConflictError").unwrap().bases,
        ["exception.InvalidError", "grpclib.GRPCError"]
    );
    assert_eq!(reference.get("exception.DeprecationError").unwrap().bases, ["UserWarning"]);
    assert!(reference.get("exception.Error").is_none(), "modal.exception.Error is listed once, as Error");
}
