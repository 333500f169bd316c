//! The API reference pages (`/api/`, one page per class or area, and `/api-changes/`), written
//! as Markdown from `content/data/modal-reference.json` and our summaries, so they go through
//! the same pipeline as every page: checked links, highlighted signatures, search, sidebar.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;

use crate::{CodeExample, ContentFiles, RULES_PAGE, RenderedPage, SIGNATURE_FLAG};
use atlas_reference::{Deprecation, Kind, Name, Parameter, ParameterKind, Reference, Summaries, Version};

use crate::coverage::Coverage;

/// The sidebar section of the reference (in `content/site.toml`).
const SECTION: &str = "api";
pub const INDEX: &str = "api";
pub const CHANGES: &str = "api-changes";

/// The reference's pages after its index: slug, title, what it covers, and the top-level names
/// on it (a class with its members, a module with its contents).
const PAGES: &[(&str, &str, &str, &[&str])] = &[
    ("api-app", "modal.App", "`modal.App`: defining, running and deploying an app.", &["App"]),
    (
        "api-function",
        "modal.Function and FunctionCall",
        "`modal.Function` and the calls it makes: remote calls, map, spawn and their results.",
        &["Function", "FunctionCall"],
    ),
    ("api-cls", "modal.Cls", "`modal.Cls`: classes deployed with `@app.cls()`, their options and lookup.", &["Cls"]),
    (
        "api-decorators",
        "modal decorators",
        "The decorators of the `modal` namespace: methods, lifecycle hooks, web endpoints, batching, concurrency.",
        &[
            "method",
            "parameter",
            "enter",
            "exit",
            "concurrent",
            "batched",
            "clustered",
            "sessioned",
            "fastapi_endpoint",
            "asgi_app",
            "wsgi_app",
            "web_server",
            "web_endpoint",
            "build",
        ],
    ),
    ("api-image", "modal.Image", "`modal.Image`: base images, packages, local files and build steps.", &["Image"]),
    (
        "api-storage",
        "modal.Volume, CloudBucketMount, NetworkFileSystem",
        "Storage a function mounts: Volumes, cloud buckets and the deprecated network file systems.",
        &["Volume", "CloudBucketMount", "NetworkFileSystem"],
    ),
    (
        "api-secret",
        "modal.Secret and Proxy",
        "`modal.Secret` and `modal.Proxy`: credentials and static egress IPs.",
        &["Secret", "Proxy"],
    ),
    (
        "api-sandbox",
        "modal.Sandbox",
        "`modal.Sandbox` and what goes with it: snapshots, probes, tunnels.",
        &["Sandbox", "SandboxSnapshot", "Probe", "Tunnel", "forward"],
    ),
    (
        "api-dict-queue",
        "modal.Dict and Queue",
        "`modal.Dict` and `modal.Queue`: shared state between containers.",
        &["Dict", "Queue"],
    ),
    (
        "api-schedules",
        "modal.Cron, Period, Retries",
        "Schedules for `schedule=` and the retry policy for `retries=`.",
        &["Cron", "Period", "schedule", "Retries", "SchedulerPlacement"],
    ),
    ("api-server", "modal.Server and Cluster", "`modal.Server` and `modal.Cluster`.", &["Server", "Cluster"]),
    (
        "api-workspace",
        "modal.Workspace, Environment, Client, billing",
        "The account around an app: workspaces, environments, the client connection and billing reports.",
        &["Workspace", "Environment", "Client", "billing"],
    ),
    (
        "api-runtime",
        "modal runtime and output",
        "What code can ask inside a container, output control and file patterns.",
        &[
            "current_function_call_id",
            "current_input_id",
            "is_local",
            "interact",
            "enable_output",
            "FilePatternMatcher",
        ],
    ),
    (
        "api-object",
        "modal.object.Object and modal.exception",
        "What every Modal object inherits (`hydrate`, `object_id`, `client`, `get_dashboard_url`) and the exceptions the client raises.",
        &["object", "Error", "exception"],
    ),
    (
        "api-experimental",
        "modal.experimental",
        "`modal.experimental`: APIs that may change without notice.",
        &["experimental"],
    ),
    ("api-types", "modal.types", "`modal.types`: the result types the client's methods return.", &["types"]),
];

/// Where a teaching page uses a name: (page slug, section anchor, section heading).
type Uses = BTreeMap<&'static str, Vec<(String, String, String)>>;

/// The client's names and our summaries, from the content's files, with the teaching pages'
/// uses of each: what the reference pages and the teaching coverage are written from.
pub(crate) struct ApiReference {
    reference: Reference,
    summaries: Summaries,
    uses: Uses,
}

impl ApiReference {
    /// Reads the data files of `files`; `teaching` are the pages whose examples use the names.
    pub(crate) fn load(files: &ContentFiles, teaching: &[RenderedPage]) -> Result<ApiReference, String> {
        let text = |name: &str| files.text(&format!("data/{name}")).map(str::to_string).map_err(|err| err.to_string());
        let in_file = |name: &'static str| move |err: String| format!("content/data/{name}: {err}");
        let reference =
            Reference::parse(&text(atlas_reference::DATA_FILE)?).map_err(in_file(atlas_reference::DATA_FILE))?;
        let summaries = Summaries::parse(&text(atlas_reference::SUMMARIES_FILE)?)
            .map_err(in_file(atlas_reference::SUMMARIES_FILE))?;
        Ok(ApiReference { reference, summaries, uses: uses(teaching) })
    }

    /// Every reference page as (path to name in errors, Markdown).
    pub(crate) fn pages(&self) -> Result<Vec<(PathBuf, String)>, String> {
        let placed = page_of_names(&self.reference)?;
        let writer =
            Writer { reference: &self.reference, summaries: &self.summaries, uses: &self.uses, placed: &placed };
        let mut pages = vec![page(INDEX, writer.index())];
        for (order, (slug, title, about, tops)) in PAGES.iter().enumerate() {
            pages.push(page(slug, writer.group(title, about, tops, order + 1)));
        }
        pages.push(page(CHANGES, writer.changes(PAGES.len() + 1)));
        Ok(pages)
    }

    /// Which current names the teaching pages' examples use: the uses behind "Used in".
    pub(crate) fn coverage(&self) -> Coverage {
        Coverage::count(&self.reference, &self.summaries, |name| self.uses.contains_key(name))
    }

    /// The names that still lack one of our summaries (the goal is none).
    pub(crate) fn missing_summaries(&self) -> Vec<String> {
        let names = self.reference.names.iter();
        names.filter(|name| self.summaries.get(&name.name).is_none()).map(|name| name.name.clone()).collect()
    }
}

fn page(slug: &str, markdown: String) -> (PathBuf, String) {
    (PathBuf::from(format!("<generated by app/content/src/api_reference.rs>/{slug}.md")), markdown)
}

/// The slug of the reference page that documents `name`: its top-level name's.
fn page_of(name: &str) -> Option<&'static str> {
    let top = name.split('.').next().unwrap_or(name);
    PAGES.iter().find(|(_, _, _, tops)| tops.contains(&top)).map(|(slug, ..)| *slug)
}

/// Where the reference documents `name` (`Volume.from_name`), below the site's base path:
/// `api-storage/#volume-from_name`. For links from outside the site, such as an editor's hover.
pub fn reference_route(name: &str) -> Option<String> {
    Some(format!("{}#{}", crate::page::route_of(page_of(name)?), atlas_reference::anchor(name)))
}

/// Each name's page: its top-level name's. Every name must have one.
fn page_of_names(reference: &Reference) -> Result<BTreeMap<String, &'static str>, String> {
    let mut placed = BTreeMap::new();
    for name in &reference.names {
        let Some(slug) = page_of(&name.name) else {
            let top = name.name.split('.').next().unwrap_or(&name.name);
            return Err(format!(
                "{}: `{top}` is on no API reference page; add it to PAGES in app/content/src/api_reference.rs",
                atlas_reference::DATA_FILE
            ));
        };
        placed.insert(name.name.clone(), slug);
    }
    Ok(placed)
}

/// The sections of the teaching pages whose Python examples use each name.
fn uses(teaching: &[RenderedPage]) -> Uses {
    let mut uses: Uses = BTreeMap::new();
    // The rules page's examples are mostly code that fails on purpose; so are outdated ones.
    for page in teaching.iter().filter(|page| page.slug != RULES_PAGE) {
        let current = |example: &&CodeExample| example.language() == "python" && example.outdated().is_empty();
        for example in page.examples.iter().filter(current) {
            for name in atlas_checker::names_used(&example.as_module()) {
                let place = (page.slug.clone(), example.anchor.clone(), example.heading.clone());
                let places = uses.entry(name).or_default();
                if !places.contains(&place) {
                    places.push(place);
                }
            }
        }
    }
    uses
}

struct Writer<'a> {
    reference: &'a Reference,
    summaries: &'a Summaries,
    uses: &'a Uses,
    placed: &'a BTreeMap<String, &'static str>,
}

impl Writer<'_> {
    fn front_matter(&self, title: &str, description: &str, order: usize) -> String {
        format!(
            "+++\ntitle = {title:?}\ndescription = {description:?}\nsection = \"{SECTION}\"\norder = {order}\n\
             # Found by their names (headings); the summaries would crowd the teaching pages out.\n\
             search_text = false\n+++\n\n"
        )
    }

    fn link(&self, name: &str) -> String {
        match self.placed.get(name) {
            Some(slug) => format!("[`{name}`]({slug}.md#{})", atlas_reference::anchor(name)),
            None => format!("`{name}`"),
        }
    }

    fn summary(&self, name: &str) -> &str {
        self.summaries.get(name).unwrap_or("")
    }

    fn index(&self) -> String {
        let current = self.reference.current();
        let mut text = self.front_matter(
            "API reference",
            "Every public name of the Modal client with its signature and the release it arrived, changed or left in.",
            0,
        );
        let count = self.reference.names.iter().filter(|name| name.is_current()).count();
        let first = &self.reference.releases[0].version;
        let _ = write!(
            text,
            "Every public name of `modal` {current}: the names `import modal` gives and the members of its classes, \
             {count} in all. Signatures come from the client's own type stubs; \"since\", \"deprecated\" and \
             \"removed\" come from comparing every release from {first} to {current}, so \"since {first}\" means \
             {first} or earlier. [Changes by version]({CHANGES}.md) lists each release's changes. The \
             [checker](rules.md) reads the same data: it knows every keyword each of these takes, and with \
             `--target-version` which names your release has.\n\n\
             | Name | Kind | Summary |\n|---|---|---|\n"
        );
        for (_, _, _, tops) in PAGES {
            for top in *tops {
                let Some(name) = self.reference.get(top) else { continue };
                let label = if name.is_current() {
                    name.kind.label().to_string()
                } else {
                    format!("{}, removed", name.kind.label())
                };
                let _ = writeln!(text, "| {} | {label} | {} |", self.link(top), cell(self.summary(top)));
            }
        }
        text
    }

    /// A page's front matter takes the description as plain text (it is the page's meta
    /// description too), so code marks are dropped there.
    fn group(&self, title: &str, about: &str, tops: &[&str], order: usize) -> String {
        let mut text = self.front_matter(title, &about.replace('`', ""), order);
        let _ = writeln!(
            text,
            "Checked against `modal` {}. [Changes by version]({CHANGES}.md) lists what each release changed.\n",
            self.reference.current()
        );
        for top in tops {
            let Some(name) = self.reference.get(top) else { continue };
            self.entry(&mut text, name, 2);
            // A module's classes bring their members (`object.Object.hydrate`), kept together.
            let prefix = format!("{top}.");
            let mut members: Vec<(String, &Name)> = (self.reference.names.iter())
                .filter_map(|member| Some((member.name.strip_prefix(&prefix)?.to_lowercase(), member)))
                .collect();
            // Current members first, alphabetically, then the inherited ones; removed ones last.
            members.sort_by_key(|(below, member)| (member.removed.is_some(), below.clone()));
            let (current, removed): (Vec<_>, Vec<_>) = members.into_iter().partition(|(_, member)| member.is_current());
            for (_, member) in current {
                self.entry(&mut text, member, 3);
            }
            for member in self.reference.inherited(top) {
                self.inherited_entry(&mut text, top, member);
            }
            for (_, member) in removed {
                self.entry(&mut text, member, 3);
            }
        }
        text
    }

    /// A member `class` has from a base: listed under the class, so that searching
    /// `Volume.hydrate` lands here, and documented once, at the base.
    fn inherited_entry(&self, text: &mut String, class: &str, member: &Name) {
        let name = format!("{class}.{}", member.short());
        let base = member.owner().unwrap_or_default();
        let _ = writeln!(
            text,
            "### {name} {{#{}}}

*{}*, inherited from {}: see {}.
",
            atlas_reference::anchor(&name),
            capitalised(member.kind.label()),
            self.link(base),
            self.link(&member.name)
        );
        let summary = self.summary(&member.name);
        if !summary.is_empty() {
            let _ = writeln!(text, "{summary}\n");
        }
    }

    /// "Derives from `object.Object`." and "Derived by `Cls`, `Dict`, …", linking the classes
    /// the reference has.
    fn bases_line(&self, name: &Name) -> Option<String> {
        let bases: Vec<String> = name.bases.iter().map(|base| self.link(base)).collect();
        let derived: Vec<String> = (self.reference.names.iter())
            .filter(|other| other.is_current() && other.bases.contains(&name.name))
            .map(|other| self.link(&other.name))
            .collect();
        let mut lines = Vec::new();
        if !bases.is_empty() {
            lines.push(format!("Derives from {}.", bases.join(", ")));
        }
        if !derived.is_empty() {
            lines.push(format!("Derived by {}.", derived.join(", ")));
        }
        (!lines.is_empty()).then(|| format!("{}\n", lines.join(" ")))
    }

    fn entry(&self, text: &mut String, name: &Name, level: usize) {
        let hashes = "#".repeat(level);
        let _ = writeln!(text, "{hashes} {} {{#{}}}\n", name.name, name.anchor());
        let mut facts = vec![format!("*{}*", capitalised(name.kind.label())), format!("since {}", name.since)];
        if let Some(deprecated) = &name.deprecated {
            facts.push(format!("**deprecated** in {}", deprecated.version));
        }
        if let Some(removed) = &name.removed {
            facts.push(format!("**removed** in {removed}"));
        }
        let _ = writeln!(text, "{}\n", facts.join(" · "));
        let summary = self.summary(&name.name);
        if !summary.is_empty() {
            let _ = writeln!(text, "{summary}\n");
        }
        if let Some(bases) = self.bases_line(name) {
            let _ = writeln!(text, "{bases}");
        }
        if let Some(deprecated) = &name.deprecated {
            let _ = writeln!(text, "{}", deprecation_note(deprecated, self.reference.current()));
        }
        for signature in &name.signatures {
            let _ = writeln!(text, "```python {SIGNATURE_FLAG}\n{}\n```\n", python_signature(name, signature));
        }
        if let Some(type_) = &name.type_ {
            let _ = writeln!(text, "```python {SIGNATURE_FLAG}\n{}: {type_}\n```\n", name.short());
        }
        let parameters: Vec<&Parameter> = name.signatures.iter().flat_map(|s| &s.parameters).collect();
        if parameters
            .iter()
            .any(|p| p.since.is_some() || p.deprecated.is_some() || p.default.is_some() || p.type_.is_some())
        {
            parameter_table(text, name);
        }
        if !name.removed_parameters.is_empty() {
            let gone: Vec<String> = name
                .removed_parameters
                .iter()
                .map(|p| match (&p.removed, &p.deprecated) {
                    (Some(removed), _) => format!("`{}` (removed in {removed})", p.name),
                    (None, Some(deprecated)) => format!("`{}` (deprecated in {})", p.name, deprecated.version),
                    (None, None) => format!("`{}`", p.name),
                })
                .collect();
            let _ = writeln!(text, "No longer takes: {}.\n", gone.join(", "));
        }
        if let Some(places) = self.uses.get(name.name.as_str()) {
            let links: Vec<String> = places
                .iter()
                .take(6)
                .map(|(slug, anchor, heading)| {
                    let target = if anchor.is_empty() { format!("{slug}.md") } else { format!("{slug}.md#{anchor}") };
                    format!("[{}]({target})", heading.replace(['[', ']'], ""))
                })
                .collect();
            let _ = writeln!(text, "Used in: {}.\n", links.join(", "));
        }
    }

    fn changes(&self, order: usize) -> String {
        let mut text = self.front_matter(
            "Changes by version",
            "What each release of the Modal client added, deprecated and removed, from its published wheels.",
            order,
        );
        let _ = writeln!(
            text,
            "Each release of `modal` from {} to {}, newest first, compared with the one before: the names and \
             keywords it added, deprecated and removed. Names link to the [API reference]({INDEX}.md).\n",
            self.reference.releases[0].version,
            self.reference.current()
        );
        let names = &self.reference.names;
        for release in self.reference.releases.iter().skip(1).rev() {
            let version = &release.version;
            let mut lines = Vec::new();
            let of = |pick: &dyn Fn(&Name) -> bool| -> Vec<String> {
                names.iter().filter(|name| pick(name)).map(|name| self.link(&name.name)).collect()
            };
            for (label, list) in [
                ("Added", of(&|name| &name.since == version)),
                ("Deprecated", of(&|name| name.deprecated.as_ref().is_some_and(|d| &d.version == version))),
                (
                    "Now raise",
                    of(&|name| name.deprecated.as_ref().is_some_and(|d| d.error_since.as_ref() == Some(version))),
                ),
                ("Removed", of(&|name| name.removed.as_ref() == Some(version))),
            ] {
                if !list.is_empty() {
                    lines.push(format!("- **{label}:** {}", list.join(", ")));
                }
            }
            let keywords = |pick: &dyn Fn(&Name) -> Vec<String>| -> Vec<String> {
                names
                    .iter()
                    .flat_map(|name| {
                        pick(name).into_iter().map(|keyword| format!("`{keyword}=` of {}", self.link(&name.name)))
                    })
                    .collect()
            };
            for (label, list) in [
                (
                    "New keywords",
                    keywords(&|name| {
                        name.keywords()
                            .iter()
                            .filter(|p| p.since.as_ref() == Some(version))
                            .map(|p| p.name.clone())
                            .collect()
                    }),
                ),
                (
                    "Deprecated keywords",
                    keywords(&|name| {
                        let current =
                            name.keywords().into_iter().filter_map(|p| p.deprecated.as_ref().map(|d| (&p.name, d)));
                        let gone =
                            name.removed_parameters.iter().filter_map(|p| p.deprecated.as_ref().map(|d| (&p.name, d)));
                        current.chain(gone).filter(|(_, d)| &d.version == version).map(|(n, _)| n.clone()).collect()
                    }),
                ),
                (
                    "Removed keywords",
                    keywords(&|name| {
                        name.removed_parameters
                            .iter()
                            .filter(|p| p.removed.as_ref() == Some(version))
                            .map(|p| p.name.clone())
                            .collect()
                    }),
                ),
            ] {
                if !list.is_empty() {
                    lines.push(format!("- **{label}:** {}", list.join(", ")));
                }
            }
            if lines.is_empty() {
                continue;
            }
            let _ = writeln!(
                text,
                "## {version} {{#v{}}}\n\nPublished {}.\n\n{}\n",
                anchor_of(version),
                release.date,
                lines.join("\n")
            );
        }
        text
    }
}

fn anchor_of(version: &Version) -> String {
    version.to_string().replace('.', "-")
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| first.to_uppercase().chain(chars).collect())
}

/// A table cell's text: pipes escaped, one line.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

fn deprecation_note(deprecated: &Deprecation, current: &Version) -> String {
    let kind = if deprecated.raises_in(current) { "CAUTION" } else { "WARNING" };
    let what = if deprecated.raises_in(current) { "raises `DeprecationError`" } else { "warns" };
    let mut note = format!(
        "> [!{kind}]\n> **Deprecated** in {} (dated {}); in {current} using it {what}. The client says: \"{}\"",
        deprecated.version,
        deprecated.date,
        deprecated
            .error_message
            .as_deref()
            .filter(|_| deprecated.raises_in(current))
            .unwrap_or(&deprecated.message)
            .replace('\n', " ")
    );
    if let Some(since) = &deprecated.error_since {
        let _ = write!(note, " It warned until {since}, and raises from then on.");
    }
    note.push_str("\n\n");
    note
}

/// The signature as a stub would write it (a class as its `__init__`), one parameter a line
/// when it is longer than a line.
fn python_signature(name: &Name, signature: &atlas_reference::Signature) -> String {
    let mut parameters = signature_parameters(&signature.parameters);
    let returns = signature.returns.as_deref().map_or_else(String::new, |returns| format!(" -> {returns}"));
    let def = if signature.is_async { "async def" } else { "def" };
    let (head, callable, indent) = match name.kind {
        Kind::Class => {
            parameters.insert(0, "self".into());
            (format!("class {}:\n    ", name.short()), "__init__", "    ")
        }
        Kind::Classmethod => ("@classmethod\n".into(), name.short(), ""),
        Kind::Staticmethod => ("@staticmethod\n".into(), name.short(), ""),
        _ => (String::new(), name.short(), ""),
    };
    let one_line = format!("{head}{def} {callable}({}){returns}: ...", parameters.join(", "));
    if one_line.lines().all(|line| line.len() <= 88) {
        return one_line;
    }
    let listed: String = parameters.iter().map(|parameter| format!("{indent}    {parameter},\n")).collect();
    format!("{head}{def} {callable}(\n{listed}{indent}){returns}: ...")
}

/// Parameters with the `/` and `*` markers Python puts between kinds.
fn signature_parameters(parameters: &[Parameter]) -> Vec<String> {
    let mut out = Vec::new();
    let mut positional_only = false;
    let mut starred = false;
    for parameter in parameters {
        match parameter.kind {
            ParameterKind::Positional => positional_only = true,
            _ if positional_only => {
                out.push("/".to_string());
                positional_only = false;
            }
            _ => {}
        }
        match parameter.kind {
            ParameterKind::VarPositional => starred = true,
            ParameterKind::Keyword if !starred => {
                out.push("*".to_string());
                starred = true;
            }
            _ => {}
        }
        out.push(parameter.display());
    }
    if positional_only {
        out.push("/".to_string());
    }
    out
}

fn parameter_table(text: &mut String, name: &Name) {
    text.push_str("| Parameter | Type | Default | Since | Notes |\n|---|---|---|---|---|\n");
    let mut seen = Vec::new();
    for parameter in name.signatures.iter().flat_map(|s| &s.parameters) {
        if seen.contains(&&parameter.name) {
            continue;
        }
        seen.push(&parameter.name);
        let code = |value: &Option<String>| value.as_deref().map_or_else(String::new, |v| format!("`{}`", cell(v)));
        let stars = match parameter.kind {
            ParameterKind::VarPositional => "*",
            ParameterKind::VarKeyword => "**",
            _ => "",
        };
        let notes = match &parameter.deprecated {
            Some(deprecated) => format!("deprecated in {}: {}", deprecated.version, cell(&deprecated.message)),
            None if parameter.kind == ParameterKind::Keyword => "keyword only".into(),
            None if parameter.kind == ParameterKind::Positional => "positional only".into(),
            None => String::new(),
        };
        let _ = writeln!(
            text,
            "| `{stars}{}` | {} | {} | {} | {notes} |",
            parameter.name,
            code(&parameter.type_),
            code(&parameter.default),
            parameter.since.as_ref().map_or_else(String::new, ToString::to_string),
        );
    }
    text.push('\n');
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::{Book, CodeHtml, Site, search_index};

    fn site() -> (Site, Vec<RenderedPage>, Reference) {
        let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content");
        let book = Book::read(&content, "/", CodeHtml::Plain).unwrap();
        (book.site, book.rendered, Reference::load(&content.join("data")).unwrap())
    }

    #[test]
    fn every_name_has_its_section_and_search_finds_it_there() {
        let (site, rendered, reference) = site();
        let placed = page_of_names(&reference).unwrap();
        let (index, _) = search_index::build(&site, &rendered);
        let mut problems = Vec::new();
        for name in &reference.names {
            let slug = placed[&name.name];
            let page = rendered.iter().find(|page| page.slug == slug).expect("the page is rendered");
            if !page.ids.contains(&name.anchor()) {
                problems.push(format!("{}: no #{} on {slug}", name.name, name.anchor()));
                continue;
            }
            // Searching the name (`Function.spawn_map`) finds its own section among the first three.
            let hits = index.search(&name.name, 3);
            let found = hits.iter().any(|hit| {
                let doc = &index.docs[hit.doc];
                index.pages[doc.page].slug == slug && doc.anchor == name.anchor()
            });
            if !found && name.name.contains('.') {
                let got: Vec<String> = hits
                    .iter()
                    .map(|hit| {
                        let doc = &index.docs[hit.doc];
                        format!("{}#{} {:?}", index.pages[doc.page].slug, doc.anchor, hit.kind)
                    })
                    .collect();
                problems.push(format!("searching `{}` does not find {slug}#{}: {got:?}", name.name, name.anchor()));
            }
        }
        assert!(problems.is_empty(), "{} problem(s):\n{}", problems.len(), problems.join("\n"));
        assert!(reference.names.len() > 400);
    }

    #[test]
    fn teaching_pages_link_only_to_reference_sections_that_exist() {
        // The teaching pages are rendered before the reference exists, which lets their links to
        // it through (`is_reference_page`); the whole site's render checks them.
        let slugs = PAGES.iter().map(|(slug, ..)| *slug).chain([INDEX, CHANGES]);
        for slug in slugs {
            assert!(crate::is_reference_page(slug), "{slug} would be taken for a missing teaching page");
        }
        let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content");
        if let Err(message) = Book::read(&content, "/", CodeHtml::Plain) {
            panic!("{message}");
        }
    }

    #[test]
    fn short_names_find_the_reference_too() {
        let (site, rendered, _) = site();
        let (index, _) = search_index::build(&site, &rendered);
        for (query, slug) in
            [("spawn_map", "api-function"), ("Sandbox.exec", "api-sandbox"), ("with_options", "api-cls")]
        {
            let top = search_index::top_pages(&index, query, 5);
            assert!(top.iter().any(|page| page == slug), "`{query}`: {top:?}");
        }
    }

    #[test]
    fn inherited_members_are_documented_once_and_found_under_each_class() {
        let (site, rendered, _) = site();
        let (index, _) = search_index::build(&site, &rendered);
        let section = |slug: &str, anchor: &str| -> String {
            let page = rendered.iter().find(|page| page.slug == slug).expect("the page is rendered");
            let found = page.sections.iter().find(|section| section.anchor == anchor);
            found.map(|section| section.text.clone()).unwrap_or_else(|| panic!("no #{anchor} on {slug}"))
        };
        // Under the class: what it is, where it comes from, and the summary written once for the base.
        let volume_hydrate = section("api-storage", "volume-hydrate");
        assert!(volume_hydrate.contains("inherited from object.Object"), "{volume_hydrate}");
        assert!(
            volume_hydrate.contains("rather than at first use") || volume_hydrate.contains("instead of at first use"),
            "{volume_hydrate}"
        );
        for (query, slug, anchor) in [
            ("Volume.hydrate", "api-storage", "volume-hydrate"),
            ("Sandbox.object_id", "api-sandbox", "sandbox-object_id"),
            ("Dict.get_dashboard_url", "api-dict-queue", "dict-get_dashboard_url"),
            ("object.Object.hydrate", "api-object", "object-object-hydrate"),
            ("NotFoundError", "api-object", "exception-notfounderror"),
        ] {
            let hits = index.search(query, 3);
            let found = hits.iter().any(|hit| {
                let doc = &index.docs[hit.doc];
                index.pages[doc.page].slug == slug && doc.anchor == anchor
            });
            assert!(found, "searching `{query}` does not find {slug}#{anchor}");
        }
        // A class's own member is not shadowed by the base's: Image.hydrate is Image's.
        let image = rendered.iter().find(|page| page.slug == "api-image").unwrap();
        let image_hydrate = image.sections.iter().filter(|section| section.anchor.starts_with("image-hydrate")).count();
        assert_eq!(image_hydrate, 1);
        assert!(!section("api-image", "image-hydrate").contains("inherited"));
        // Bases are named, and linked where the reference has them.
        assert!(
            section("api-object", "exception-conflicterror")
                .contains("Derives from exception.InvalidError, grpclib.GRPCError")
        );
        assert!(section("api-storage", "volume").contains("Derives from object.Object"));
        let object = section("api-object", "object-object");
        assert!(object.contains("Derived by Cls, Cluster, Dict"), "{object}");
        // Inherited members come before the removed ones, right after the class's own.
        let storage = rendered.iter().find(|page| page.slug == "api-storage").unwrap();
        let at = |anchor: &str| storage.sections.iter().position(|section| section.anchor == anchor).unwrap();
        assert!(at("volume-with_mount_options") < at("volume-hydrate") && at("volume-hydrate") < at("volume-lookup"));
    }

    #[test]
    fn signatures_read_as_python_stubs() {
        let reference = Reference::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content/data")).unwrap();
        let cron = reference.get("Cron").unwrap();
        assert_eq!(
            python_signature(cron, &cron.signatures[0]),
            "class Cron:\n    def __init__(self, cron_string: str, timezone: str = 'UTC') -> None: ..."
        );
        let function = reference.get("App.function").unwrap();
        let text = python_signature(function, &function.signatures[0]);
        assert!(text.starts_with("def function(\n    *,\n    image: "), "{text}");
        assert!(text.lines().all(|line| line.len() <= 88), "{text}");
    }

    #[test]
    fn changes_list_what_each_release_did() {
        let (_, rendered, _) = site();
        let changes = rendered.iter().find(|page| page.slug == CHANGES).unwrap();
        let text: String = changes.sections.iter().map(|s| format!("{}: {}\n", s.heading, s.text)).collect();
        let release = |version: &str| text.lines().find(|line| line.starts_with(&format!("{version}:"))).unwrap_or("");
        assert!(release("1.1.0").contains("Image.uv_pip_install"), "{}", release("1.1.0"));
        assert!(release("1.1.0").contains("Removed: build, Image.copy_local_dir"), "{}", release("1.1.0"));
        assert!(release("1.3.0").contains("single_use_containers= of App.function"), "{}", release("1.3.0"));
        assert!(release("1.4.0").contains("keep_warm= of App.function"), "{}", release("1.4.0"));
    }
}
