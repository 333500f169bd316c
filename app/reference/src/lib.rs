//! The Modal client's public names, with their signatures and history across releases, as
//! `app/reference/generate.py` wrote them into `content/data/modal-reference.json`; our one-line
//! summaries from `content/data/modal-reference-summaries.toml`; and the versions they are
//! compared by.
//!
//! Native only: the docs build renders the reference pages from it, and the checker's build
//! script turns it into static tables (so the wasm checker carries no JSON parser).

use std::collections::BTreeMap;
use std::fmt;
#[cfg(feature = "files")]
use std::path::Path;

use serde::Deserialize;

mod version;

pub use version::{Version, VersionError};

/// The data file's name under `content/data/`.
pub const DATA_FILE: &str = "modal-reference.json";
/// The summaries' file name under `content/data/`.
pub const SUMMARIES_FILE: &str = "modal-reference-summaries.toml";

#[derive(Debug, Deserialize)]
pub struct Reference {
    pub package: String,
    /// Oldest first; the last is the version the reference describes.
    pub releases: Vec<Release>,
    /// Names `modal` answers with an AttributeError naming their replacement (removed in 0.x).
    pub removed_before_1_0: Vec<RemovedEarly>,
    pub names: Vec<Name>,
}

#[derive(Debug, Deserialize)]
pub struct Release {
    pub version: Version,
    /// The newest file date in the wheel, as `YYYY-MM-DD`.
    pub date: String,
}

#[derive(Debug, Deserialize)]
pub struct RemovedEarly {
    pub name: String,
    pub message: String,
    pub replacement: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Module,
    Class,
    Function,
    Method,
    Classmethod,
    Staticmethod,
    Property,
    Attribute,
    /// Exported, but neither a class, a function nor a module the stubs describe.
    Name,
}

impl Kind {
    pub fn label(self) -> &'static str {
        match self {
            Kind::Module => "module",
            Kind::Class => "class",
            Kind::Function => "function",
            Kind::Method => "method",
            Kind::Classmethod => "class method",
            Kind::Staticmethod => "static method",
            Kind::Property => "property",
            Kind::Attribute => "attribute",
            Kind::Name => "name",
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct Name {
    /// `App`, `Function.spawn_map`, `experimental.stop_app`.
    pub name: String,
    pub kind: Kind,
    /// Where a top-level name is defined (`modal.schedule`).
    pub module: Option<String>,
    /// The annotation of an attribute or property.
    #[serde(rename = "type")]
    pub type_: Option<String>,
    /// The first release of the covered range that has it.
    pub since: Version,
    pub deprecated: Option<Deprecation>,
    /// The first release without it.
    pub removed: Option<Version>,
    /// A callable's signatures (overloads give more than one); a class's constructor.
    #[serde(default)]
    pub signatures: Vec<Signature>,
    /// Keywords it once took and no longer does.
    #[serde(default)]
    pub removed_parameters: Vec<RemovedParameter>,
    /// A class's bases: the reference's names for the client's own (`object.Object`, `Error`),
    /// others as Python writes them (`UserWarning`, `grpclib.GRPCError`).
    #[serde(default)]
    pub bases: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub struct Deprecation {
    pub version: Version,
    /// The date the client's deprecation call carries.
    pub date: String,
    pub message: String,
    /// What the message says to use instead.
    pub replacement: Option<String>,
    /// The client raises DeprecationError from the start, rather than warning.
    #[serde(default)]
    pub raises: bool,
    /// The release from which it raises, where it warned first.
    pub error_since: Option<Version>,
    pub error_message: Option<String>,
}

impl Deprecation {
    /// Whether using it raises in `version`.
    pub fn raises_in(&self, version: &Version) -> bool {
        self.raises || self.error_since.as_ref().is_some_and(|since| since <= version)
    }
}

#[derive(Debug, Deserialize)]
pub struct Signature {
    pub parameters: Vec<Parameter>,
    pub returns: Option<String>,
    #[serde(rename = "async", default)]
    pub is_async: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ParameterKind {
    Positional,
    PositionalOrKeyword,
    VarPositional,
    Keyword,
    VarKeyword,
}

#[derive(Debug, Deserialize)]
pub struct Parameter {
    pub name: String,
    pub kind: ParameterKind,
    #[serde(rename = "type")]
    pub type_: Option<String>,
    pub default: Option<String>,
    /// Where later than the name's own `since`.
    pub since: Option<Version>,
    pub deprecated: Option<Deprecation>,
}

impl Parameter {
    /// Can be passed as `name=...`.
    pub fn by_keyword(&self) -> bool {
        matches!(self.kind, ParameterKind::PositionalOrKeyword | ParameterKind::Keyword)
    }

    /// As a Python signature writes it: `*args`, `timeout: int = 300`.
    pub fn display(&self) -> String {
        let stars = match self.kind {
            ParameterKind::VarPositional => "*",
            ParameterKind::VarKeyword => "**",
            _ => "",
        };
        let mut text = format!("{stars}{}", self.name);
        if let Some(type_) = &self.type_ {
            text.push_str(": ");
            text.push_str(type_);
        }
        if let Some(default) = &self.default {
            text.push_str(if self.type_.is_some() { " = " } else { "=" });
            text.push_str(default);
        }
        text
    }
}

#[derive(Debug, Deserialize)]
pub struct RemovedParameter {
    pub name: String,
    pub removed: Option<Version>,
    pub deprecated: Option<Deprecation>,
}

impl Name {
    /// The class a member belongs to (`Function` for `Function.spawn_map`), or `None` at the top.
    pub fn owner(&self) -> Option<&str> {
        self.name.rsplit_once('.').map(|(owner, _)| owner)
    }

    /// The last part of the name (`spawn_map`).
    pub fn short(&self) -> &str {
        self.name.rsplit_once('.').map_or(&self.name, |(_, short)| short)
    }

    pub fn is_current(&self) -> bool {
        self.removed.is_none()
    }

    /// The anchor of its section on a reference page: `function-spawn_map`.
    pub fn anchor(&self) -> String {
        anchor(&self.name)
    }

    /// Takes any keyword (`**kwargs` in one of its signatures).
    pub fn takes_any_keyword(&self) -> bool {
        self.signatures.iter().flat_map(|s| &s.parameters).any(|p| p.kind == ParameterKind::VarKeyword)
    }

    /// The keyword parameters over all its signatures, each once, in signature order.
    pub fn keywords(&self) -> Vec<&Parameter> {
        let mut found: Vec<&Parameter> = Vec::new();
        for parameter in self.signatures.iter().flat_map(|s| &s.parameters) {
            if parameter.by_keyword() && !found.iter().any(|seen| seen.name == parameter.name) {
                found.push(parameter);
            }
        }
        found
    }
}

/// The anchor of a name's section: lower-cased, dots as dashes.
pub fn anchor(name: &str) -> String {
    name.to_lowercase().replace('.', "-")
}

/// Why the data could not be read, with the file it came from.
#[derive(Debug)]
pub struct LoadError {
    pub file: String,
    pub message: String,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.file, self.message)
    }
}

impl std::error::Error for LoadError {}

#[cfg(feature = "files")]
impl Reference {
    /// Reads `content/data/modal-reference.json` under `data_dir`.
    pub fn load(data_dir: &Path) -> Result<Reference, LoadError> {
        let path = data_dir.join(DATA_FILE);
        let text = read(&path)?;
        Reference::parse(&text).map_err(|message| LoadError { file: path.display().to_string(), message })
    }

    pub fn parse(json: &str) -> Result<Reference, String> {
        let reference: Reference = serde_json::from_str(json).map_err(|err| err.to_string())?;
        if reference.releases.is_empty() {
            return Err("no releases listed".into());
        }
        Ok(reference)
    }
}

impl Reference {
    /// The version the reference describes: its newest release.
    pub fn current(&self) -> &Version {
        &self.releases.last().expect("parse refuses an empty list").version
    }

    pub fn get(&self, name: &str) -> Option<&Name> {
        self.names.iter().find(|entry| entry.name == name)
    }

    /// The members of a class or module, in the data's order.
    pub fn members<'r>(&'r self, owner: &'r str) -> impl Iterator<Item = &'r Name> + 'r {
        self.names.iter().filter(move |entry| entry.owner() == Some(owner))
    }

    /// The current members `class` has from its bases and does not define itself, nearest base
    /// first (`object.Object.hydrate` for `Volume`; not for `Image`, which has its own `hydrate`).
    pub fn inherited<'r>(&'r self, class: &str) -> Vec<&'r Name> {
        let mut found: Vec<&Name> = Vec::new();
        let mut seen = vec![class.to_string()];
        let mut pending: Vec<&str> =
            self.get(class).map(|entry| entry.bases.iter().map(String::as_str).collect()).unwrap_or_default();
        pending.reverse();
        while let Some(base) = pending.pop() {
            if seen.iter().any(|done| done == base) {
                continue;
            }
            seen.push(base.to_string());
            for member in self.members(base).filter(|member| member.is_current() && member.kind != Kind::Class) {
                let shadowed = |short: &str| {
                    self.get(&format!("{class}.{short}")).is_some_and(Name::is_current)
                        || found.iter().any(|known| known.short() == short)
                };
                if !shadowed(member.short()) {
                    found.push(member);
                }
            }
            if let Some(entry) = self.get(base) {
                pending.extend(entry.bases.iter().rev().map(String::as_str));
            }
        }
        found
    }

    /// The class of what calling `name` returns, where that is one of the client's classes
    /// (`Image` for `Image.debian_slim`, the class itself for a constructor).
    pub fn returned_class<'r>(&'r self, name: &'r Name) -> Option<&'r str> {
        if name.kind == Kind::Class {
            return Some(&name.name);
        }
        let returns = name.signatures.first()?.returns.as_deref()?;
        let head = returns.split(['[', ' ', '|']).next().unwrap_or(returns);
        let class = if head == "Self" { name.owner()? } else { head };
        self.get(class).filter(|entry| entry.kind == Kind::Class).map(|entry| entry.name.as_str())
    }

    /// The release that has `version`'s number, or the newest release of a `major.minor` series
    /// (`1.2` is the newest 1.2.x).
    pub fn release(&self, version: &Version) -> Option<&Release> {
        self.releases.iter().rev().find(|release| release.version.matches(version))
    }
}

/// Our one-line summaries, by name, and the names application code should not call.
#[derive(Debug, Deserialize)]
pub struct Summaries {
    pub summaries: BTreeMap<String, String>,
    /// Client plumbing (`Client.stub`) and the like, each with a one-line reason: teaching
    /// coverage counts these apart, since no guide should teach them.
    #[serde(default)]
    pub not_for_applications: BTreeMap<String, String>,
}

#[cfg(feature = "files")]
impl Summaries {
    pub fn load(data_dir: &Path) -> Result<Summaries, LoadError> {
        let path = data_dir.join(SUMMARIES_FILE);
        Summaries::parse(&read(&path)?).map_err(|message| LoadError { file: path.display().to_string(), message })
    }

    pub fn parse(text: &str) -> Result<Summaries, String> {
        toml::from_str(text).map_err(|err| err.to_string())
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.summaries.get(name).map(String::as_str)
    }

    /// Why application code should not call `name`, when it should not.
    pub fn not_for_applications(&self, name: &str) -> Option<&str> {
        self.not_for_applications.get(name).map(String::as_str)
    }
}

#[cfg(feature = "files")]
fn read(path: &Path) -> Result<String, LoadError> {
    std::fs::read_to_string(path)
        .map_err(|err| LoadError { file: path.display().to_string(), message: format!("cannot read: {err}") })
}

#[cfg(all(test, feature = "files"))]
mod tests {
    use super::*;

    /// `Base` <- `Middle` <- `Leaf`, with `Leaf` overriding one member and a removed one on `Base`.
    fn family() -> Reference {
        Reference::parse(
            r#"{"package": "modal", "releases": [{"version": "1.0.0", "date": "2025-05-01"}],
                "removed_before_1_0": [],
                "names": [
                  {"name": "pkg", "kind": "module", "since": "1.0.0"},
                  {"name": "pkg.Base", "kind": "class", "since": "1.0.0", "bases": ["Exception"]},
                  {"name": "pkg.Base.shared", "kind": "method", "since": "1.0.0"},
                  {"name": "pkg.Base.own", "kind": "property", "since": "1.0.0"},
                  {"name": "pkg.Base.gone", "kind": "method", "since": "1.0.0", "removed": "1.0.0"},
                  {"name": "Middle", "kind": "class", "since": "1.0.0", "bases": ["pkg.Base", "Middle"]},
                  {"name": "Middle.extra", "kind": "method", "since": "1.0.0"},
                  {"name": "Leaf", "kind": "class", "since": "1.0.0", "bases": ["Middle"]},
                  {"name": "Leaf.own", "kind": "property", "since": "1.0.0"}
                ]}"#,
        )
        .unwrap()
    }

    fn inherited(reference: &Reference, class: &str) -> Vec<String> {
        reference.inherited(class).iter().map(|name| name.name.clone()).collect()
    }

    #[test]
    fn members_come_from_every_base_nearest_first() {
        assert_eq!(inherited(&family(), "Middle"), ["pkg.Base.shared", "pkg.Base.own"]);
        assert_eq!(inherited(&family(), "Leaf"), ["Middle.extra", "pkg.Base.shared"]);
    }

    #[test]
    fn own_removed_and_unknown_members_are_not_inherited() {
        let reference = family();
        assert!(!inherited(&reference, "Leaf").contains(&"pkg.Base.own".to_string()), "Leaf defines `own`");
        assert!(!inherited(&reference, "Middle").contains(&"pkg.Base.gone".to_string()), "removed");
        assert!(inherited(&reference, "pkg.Base").is_empty(), "Exception is not in the reference");
        assert!(inherited(&reference, "Nowhere").is_empty());
    }
}
