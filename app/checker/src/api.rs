//! Modal's API surface: every public name of the client from `content/data/modal-reference.json`,
//! the image builder's rules from `content/data/modal-api.toml` and the GPU table of
//! `content/data/modal.toml` (see `build.rs`); and the resolution of a dotted path the model
//! wrote (`modal.Image.debian_slim().pip_install`) to the name it stands for.

pub use atlas_reference::{Kind as ApiKind, Version, VersionError};

/// A keyword of `@app.function()` that was renamed and now raises `DeprecationError`, and what
/// replaces it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Renamed {
    pub old: &'static str,
    pub new: &'static str,
    pub since: &'static str,
}

/// A GPU type: the name `gpu=` takes, the other names Modal lists for it (`A100`, `H100!`), and
/// how many one container may have (`"H100:8"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GpuName {
    pub id: &'static str,
    pub aliases: &'static [&'static str],
    pub max_count: u32,
}

/// An image builder version and the Python series it accepts (`"3.12"`, free-threaded `"3.14t"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImageBuilder {
    pub version: &'static str,
    pub python: &'static [&'static str],
}

/// A public name of the client, with what the checker needs of its signature and history.
#[derive(Debug)]
pub struct ApiName {
    /// `App`, `Image.pip_install`, `experimental.stop_app`.
    pub name: &'static str,
    pub kind: ApiKind,
    pub since: Version,
    pub deprecated: Option<&'static ApiDeprecation>,
    /// The first release without it.
    pub removed: Option<Version>,
    /// Its signature is known (so are its keywords).
    pub has_signature: bool,
    /// Takes `**kwargs`: any keyword goes.
    pub any_keyword: bool,
    pub keywords: &'static [ApiKeyword],
    pub removed_keywords: &'static [ApiRemovedKeyword],
    /// The client class that calling it returns, where known.
    pub returns: Option<&'static str>,
    /// The client class that `with` binds when it enters what calling it returns (`Queue` for
    /// `Queue.ephemeral`, a context manager), where known.
    pub enters: Option<&'static str>,
    /// A class's bases: the reference's names for the client's own (`object.Object`, whose members
    /// it has unless it defines them itself), others as Python writes them (`Exception`).
    pub bases: &'static [&'static str],
}

#[derive(Debug)]
pub struct ApiKeyword {
    pub name: &'static str,
    /// Where later than the name's own.
    pub since: Option<Version>,
    pub deprecated: Option<&'static ApiDeprecation>,
}

#[derive(Debug)]
pub struct ApiRemovedKeyword {
    pub name: &'static str,
    pub removed: Option<Version>,
    pub deprecated: Option<&'static ApiDeprecation>,
}

#[derive(Debug)]
pub struct ApiDeprecation {
    pub version: Version,
    /// The date the client's deprecation carries.
    pub date: &'static str,
    /// The client's message (the error's, once it raises).
    pub message: &'static str,
    pub replacement: Option<&'static str>,
    /// The release from which using it raises `DeprecationError`.
    pub raises_since: Option<Version>,
}

impl ApiDeprecation {
    pub fn raises_in(&self, version: &Version) -> bool {
        self.raises_since.as_ref().is_some_and(|since| since <= version)
    }
}

impl ApiName {
    pub fn keyword(&self, name: &str) -> Option<&'static ApiKeyword> {
        self.keywords.iter().find(|keyword| keyword.name == name)
    }

    pub fn is_current(&self) -> bool {
        self.removed.is_none()
    }
}

include!(concat!(env!("OUT_DIR"), "/api.rs"));

/// The public name `name`, current or removed.
pub fn lookup(name: &str) -> Option<&'static ApiName> {
    NAMES.binary_search_by(|entry| entry.name.cmp(name)).ok().map(|at| &NAMES[at])
}

/// Whether `modal.<module>` is a module or package of the client's wheel (`app`, `sandbox.sandbox`).
pub fn is_wheel_module(module: &str) -> bool {
    WHEEL_MODULES.binary_search(&module).is_ok()
}

/// The members of the class `class`, its own and its bases' (current or removed), or `None` when a
/// base is not the client's (`Error` derives from `Exception`), so its members are not all known.
pub fn class_members(class: &str) -> Option<Vec<&'static ApiName>> {
    let entry = lookup(class).filter(|entry| entry.kind == ApiKind::Class)?;
    let prefix = format!("{class}.");
    let mut members: Vec<&'static ApiName> = NAMES
        .iter()
        .filter(|name| name.name.strip_prefix(&prefix).is_some_and(|member| !member.contains('.')))
        .collect();
    for base in entry.bases {
        members.extend(class_members(base)?);
    }
    Some(members)
}

/// Whether the class `class` has the member `member`, its own or a base's (current or removed),
/// or `None` when that cannot be known (see [`class_members`]). Lookups only, no scan of `NAMES`:
/// it runs for every attribute of a client class the code reads.
pub fn has_member(class: &str, member: &str) -> Option<bool> {
    let entry = lookup(class).filter(|entry| entry.kind == ApiKind::Class)?;
    if lookup(&format!("{class}.{member}")).is_some() {
        return Some(true);
    }
    for base in entry.bases {
        if has_member(base, member)? {
            return Some(true);
        }
    }
    Some(false)
}

/// The name a model path stands for: `modal.Image.debian_slim().pip_install` is
/// `Image.pip_install` (what `debian_slim` returns is an `Image`), `<app>.function` is
/// `App.function`, and `modal.Function.remote` (a decorated function's) `Function.remote`. `None`
/// where the path leaves what the client's data describes.
pub fn resolve(path: &str) -> Option<&'static ApiName> {
    let mut parts = path.split('.');
    // Where the next part is looked up: the `modal` namespace (`None`) or a class or module.
    let mut owner: Option<&str> = match parts.next()? {
        "modal" => None,
        "<app>" => Some("App"),
        _ => return None,
    };
    let mut last = None;
    for (at, part) in parts.enumerate() {
        // Only a class or module has members: `Image.debian_slim.pip_install` names nothing.
        if at > 0 && owner.is_none() {
            return None;
        }
        let name = part.trim_end_matches("()");
        let entry = match owner {
            None => lookup(name)?,
            Some(owner) => member(owner, name)?,
        };
        (owner, last) = match (part.len() - name.len()) / 2 {
            0 => (matches!(entry.kind, ApiKind::Class | ApiKind::Module).then_some(entry.name), Some(entry)),
            1 => (Some(entry.returns?), None),
            _ => return None,
        };
    }
    last
}

/// The member `name` of the class or module `owner`: its own, else the nearest base's
/// (`Volume.hydrate` is `object.Object.hydrate`, which `Volume` inherits).
fn member(owner: &str, name: &str) -> Option<&'static ApiName> {
    lookup(&format!("{owner}.{name}")).or_else(|| lookup(owner)?.bases.iter().find_map(|base| member(base, name)))
}

/// The known name `wanted` is most likely a slip for: the closest by edit distance if close
/// enough to be a typo, else the only one that is `wanted` with a `_suffix` (`python` for
/// `python_version`).
pub fn closest<'n>(wanted: &str, names: impl Iterator<Item = &'n str> + Clone) -> Option<&'n str> {
    let limit = (wanted.chars().count() / 3).max(2);
    let typo = names
        .clone()
        .map(|name| (edit_distance(wanted, name), name))
        .filter(|(distance, _)| *distance <= limit)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, name)| name);
    typo.or_else(|| {
        let mut longer = names.filter(|name| name.strip_prefix(wanted).is_some_and(|rest| rest.starts_with('_')));
        let only = longer.next()?;
        longer.next().is_none().then_some(only)
    })
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1).min(row[j] + 1).min(diagonal + usize::from(ca != *cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_resolve_through_calls_to_the_class_they_return() {
        let name = |path| resolve(path).map(|entry| entry.name);
        assert_eq!(name("modal.Image.debian_slim().pip_install"), Some("Image.pip_install"));
        assert_eq!(name("modal.Image.debian_slim().pip_install().env"), Some("Image.env"));
        assert_eq!(name("<app>.function"), Some("App.function"));
        assert_eq!(name("modal.App"), Some("App"));
        assert_eq!(name("modal.App().function"), Some("App.function"));
        assert_eq!(name("modal.Volume.from_name().commit"), Some("Volume.commit"));
        assert_eq!(name("modal.experimental.stop_app"), Some("experimental.stop_app"));
        // A call's result is not a name; an unknown member or a member of a method is none.
        assert_eq!(name("modal.Image.debian_slim()"), None);
        assert_eq!(name("modal.Image.no_such_method"), None);
        assert_eq!(name("modal.Image.debian_slim.pip_install"), None);
        assert_eq!(name("fastapi.FastAPI"), None);
    }

    #[test]
    fn a_classs_members_include_its_bases_unless_one_is_not_the_clients() {
        let members =
            |class| class_members(class).map(|names| names.iter().any(|name| name.name.ends_with(".hydrate")));
        assert_eq!(members("Volume"), Some(true));
        assert_eq!(members("App"), Some(false));
        assert_eq!(members("Error"), None);
        assert_eq!(has_member("Volume", "hydrate"), Some(true));
        assert_eq!(has_member("Volume", "persisted"), Some(false));
        assert_eq!(has_member("Error", "args"), None);
        assert!(is_wheel_module("sandbox.sandbox") && is_wheel_module("mount") && !is_wheel_module("snapshot"));
    }

    #[test]
    fn typos_find_their_keyword() {
        let keywords = ["min_containers", "max_containers", "scaledown_window", "gpu"];
        assert_eq!(closest("min_container", keywords.into_iter()), Some("min_containers"));
        assert_eq!(closest("scaledown_windw", keywords.into_iter()), Some("scaledown_window"));
        assert_eq!(closest("gpus", keywords.into_iter()), Some("gpu"));
        assert_eq!(closest("volumes", keywords.into_iter()), None);
        assert_eq!(closest("python", ["python_version", "image"].into_iter()), Some("python_version"));
        // Two longer names: no guess.
        assert_eq!(closest("max", ["max_containers", "max_inputs"].into_iter()), None);
    }
}
