//! What the editor shows about the Modal code under the cursor, from the client's reference data
//! (`content/data/modal-reference.json`) and our summaries: hover, keyword completion inside a
//! call (GPU names inside `gpu="…"`, time zones inside `modal.Cron(…, timezone="…")`), and
//! signature help. Offsets are bytes; [`crate::text`] converts them to the editor's positions.

use std::ops::Range;

use atlas_checker::api::{self, GPUS};
use atlas_checker::{CallAt, KeywordAt, Outline};
use atlas_reference::{Deprecation, Name, Parameter, ParameterKind, Reference, Summaries, Version};

/// The reference data and where the site that documents it is.
pub struct Api {
    reference: Reference,
    summaries: Summaries,
    /// The site's address, without a trailing `/` (`https://atlas.example`).
    site: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hover {
    pub range: Range<usize>,
    /// Markdown.
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CompletionKind {
    Keyword,
    Value,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completion {
    pub label: String,
    pub kind: CompletionKind,
    /// What replaces `replace`: `gpu=` for the keyword `gpu`.
    pub insert: String,
    pub replace: Range<usize>,
    /// The type and default, or what a value is.
    pub detail: Option<String>,
    /// Markdown.
    pub documentation: Option<String>,
    pub deprecated: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignatureHelp {
    /// `Volume.from_name(name: str, *, create_if_missing: bool = False)`.
    pub label: String,
    /// Markdown.
    pub documentation: Option<String>,
    /// Each parameter's byte range in `label`.
    pub parameters: Vec<Range<usize>>,
    pub active: Option<usize>,
}

impl Api {
    pub fn new(reference: Reference, summaries: Summaries, site: &str) -> Api {
        Api { reference, summaries, site: site.trim_end_matches('/').to_string() }
    }

    /// What the code at `offset` is: a keyword of a Modal call, or a Modal name.
    pub fn hover(&self, source: &str, outline: &Outline, offset: usize) -> Option<Hover> {
        for call in &outline.calls {
            if let Some(keyword) = call.keywords.iter().find(|k| contains(&k.name_range, offset)) {
                let name = self.name(&call.path)?;
                return Some(Hover {
                    range: keyword.name_range.clone(),
                    text: self.keyword_text(name, &keyword.name)?,
                });
            }
        }
        let named = outline.names.iter().filter(|n| contains(&n.range, offset)).min_by_key(|n| n.range.len())?;
        let path = path_up_to(&named.path, &source[named.range.clone()], offset - named.range.start);
        let name = self.name(&path)?;
        let start = word_start(source, offset).max(named.range.start);
        let end = word_end(source, offset).min(named.range.end);
        Some(Hover { range: start..end, text: self.name_text(name) })
    }

    /// Keywords of the Modal call around `offset` where an argument starts, or the values of a
    /// string argument that takes one of a known list.
    pub fn completions(&self, source: &str, outline: &Outline, offset: usize) -> Vec<Completion> {
        let Some(call) = innermost_call(source, outline, offset) else { return Vec::new() };
        if let Some(keyword) = call.keywords.iter().find(|k| k.string_value && inside_quotes(source, &k.value, offset))
        {
            return self.values(call, keyword, source, offset);
        }
        let start = word_start(source, offset);
        let before = source[..start].trim_end();
        if !(before.ends_with('(') || before.ends_with(',')) || before.len() < call.arguments.start + 1 {
            return Vec::new();
        }
        let Some(name) = self.name(&call.path) else { return Vec::new() };
        let given: Vec<&str> = call.keywords.iter().map(|k| k.name.as_str()).collect();
        name.keywords()
            .into_iter()
            .filter(|parameter| !given.contains(&parameter.name.as_str()) || word(source, offset) == parameter.name)
            .map(|parameter| Completion {
                label: parameter.name.clone(),
                kind: CompletionKind::Keyword,
                insert: format!("{}=", parameter.name),
                replace: start..word_end(source, offset),
                detail: Some(parameter_detail(parameter)),
                documentation: Some(self.parameter_history(name, parameter)),
                deprecated: parameter.deprecated.is_some(),
            })
            .collect()
    }

    /// The signature of the Modal call around `offset`, with the argument being written.
    pub fn signature_help(&self, source: &str, outline: &Outline, offset: usize) -> Option<SignatureHelp> {
        let call = innermost_call(source, outline, offset)?;
        let name = self.name(&call.path)?;
        let signature = name.signatures.first()?;
        let entries = parameter_texts(&signature.parameters);
        let mut label = format!("{}(", name.name);
        let mut parameters = Vec::new();
        for (at, (text, _)) in entries.iter().enumerate() {
            if at > 0 {
                label.push_str(", ");
            }
            parameters.push(label.len()..label.len() + text.len());
            label.push_str(text);
        }
        label.push(')');
        if let Some(returns) = &signature.returns {
            label.push_str(" -> ");
            label.push_str(returns);
        }
        let index_of =
            |wanted: &Parameter| entries.iter().position(|(_, p)| p.is_some_and(|p| std::ptr::eq(p, wanted)));
        let in_keyword =
            |k: &&KeywordAt| k.name_range.start <= offset && offset <= k.value.end.max(k.name_range.end + 1);
        let active = match call.keywords.iter().find(in_keyword) {
            Some(keyword) => signature.parameters.iter().find(|p| p.name == keyword.name),
            None => {
                let typed = word(source, offset);
                let by_prefix = signature.parameters.iter().find(|p| p.by_keyword() && p.name.starts_with(typed));
                let before = call.positional.iter().filter(|arg| arg.end < offset).count();
                let mut positional = signature
                    .parameters
                    .iter()
                    .filter(|p| !matches!(p.kind, ParameterKind::Keyword | ParameterKind::VarKeyword));
                if typed.is_empty() { positional.nth(before) } else { by_prefix.or_else(|| positional.nth(before)) }
            }
        }
        .and_then(index_of);
        Some(SignatureHelp {
            label,
            documentation: self.summaries.get(&name.name).map(String::from),
            parameters,
            active,
        })
    }

    /// Where the site's rules page explains `rule`.
    pub fn rule_url(&self, rule: &str) -> String {
        format!("{}/{}/#{}", self.site, atlas_content::RULES_PAGE, atlas_content::rule_anchor(rule))
    }

    /// The reference entry for a model path.
    fn name(&self, path: &str) -> Option<&Name> {
        self.reference.get(api::resolve(path)?.name)
    }

    fn link(&self, name: &str) -> Option<String> {
        Some(format!("[API reference: `{name}`]({}/{})", self.site, atlas_content::reference_route(name)?))
    }

    fn name_text(&self, name: &Name) -> String {
        let mut text = String::from("```python\n");
        match name.signatures.first() {
            Some(signature) => {
                let parameters: Vec<String> =
                    parameter_texts(&signature.parameters).into_iter().map(|(text, _)| text).collect();
                text += &format!("{}({})", name.name, parameters.join(", "));
                if let Some(returns) = &signature.returns {
                    text += &format!(" -> {returns}");
                }
            }
            None => {
                text += &format!("{} {}", name.kind.label(), name.name);
                if let Some(type_) = &name.type_ {
                    text += &format!(": {type_}");
                }
            }
        }
        text += "\n```\n";
        if let Some(summary) = self.summaries.get(&name.name) {
            text += &format!("\n{summary}\n");
        }
        text += &format!("\n{}\n", history(&name.since, name.deprecated.as_ref(), name.removed.as_ref()));
        if let Some(link) = self.link(&name.name) {
            text += &format!("\n{link}\n");
        }
        text
    }

    fn keyword_text(&self, name: &Name, keyword: &str) -> Option<String> {
        let link = self.link(&name.name).map(|link| format!("\n\n{link}")).unwrap_or_default();
        if let Some(parameter) = name.keywords().into_iter().find(|p| p.name == keyword) {
            return Some(format!(
                "```python\n{}\n```\n\nKeyword of `{}`. {}{link}\n",
                parameter.display(),
                name.name,
                self.parameter_history(name, parameter)
            ));
        }
        let removed = name.removed_parameters.iter().find(|p| p.name == keyword)?;
        let since = &name.since;
        Some(format!(
            "```python\n{keyword}\n```\n\nKeyword of `{}`, no longer taken. {}{link}\n",
            name.name,
            history(since, removed.deprecated.as_ref(), removed.removed.as_ref())
        ))
    }

    fn parameter_history(&self, name: &Name, parameter: &Parameter) -> String {
        history(parameter.since.as_ref().unwrap_or(&name.since), parameter.deprecated.as_ref(), None)
    }

    fn values(&self, call: &CallAt, keyword: &KeywordAt, source: &str, offset: usize) -> Vec<Completion> {
        let replace = keyword.value.start + 1..keyword.value.end.saturating_sub(1).max(offset);
        let replace = replace.start..replace.end.min(source.len());
        let value = |label: &str, detail: String| Completion {
            label: label.to_string(),
            kind: CompletionKind::Value,
            insert: label.to_string(),
            replace: replace.clone(),
            detail: Some(detail),
            documentation: None,
            deprecated: false,
        };
        let resolved = self.name(&call.path).map(|name| name.name.as_str());
        match (keyword.name.as_str(), resolved) {
            ("gpu", _) => GPUS
                .iter()
                .flat_map(|gpu| {
                    let detail =
                        format!("GPU, up to {} per container (`\"{}:{}\"`)", gpu.max_count, gpu.id, gpu.max_count);
                    std::iter::once(value(gpu.id, detail.clone()))
                        .chain(gpu.aliases.iter().map(move |alias| value(alias, format!("also names {}", gpu.id))))
                })
                .collect(),
            ("timezone", Some("Cron")) => {
                atlas_cron::zones::names().map(|zone| value(zone, "time zone".to_string())).collect()
            }
            _ => Vec::new(),
        }
    }
}

/// Since, deprecated (with the client's message) and removed, in one paragraph.
fn history(since: &Version, deprecated: Option<&Deprecation>, removed: Option<&Version>) -> String {
    let mut text = format!("Since modal {since}.");
    if let Some(deprecated) = deprecated {
        text +=
            &format!(" **Deprecated** in {} ({}): {}", deprecated.version, deprecated.date, deprecated.message.trim());
        if let Some(error_since) = &deprecated.error_since {
            text += &format!(" Raises from {error_since}.");
        }
    }
    if let Some(removed) = removed {
        text += &format!(" **Removed** in {removed}.");
    }
    text
}

fn parameter_detail(parameter: &Parameter) -> String {
    let type_ = parameter.type_.as_deref().unwrap_or("any");
    match &parameter.default {
        Some(default) => format!("{type_} = {default}"),
        None => format!("{type_} (required)"),
    }
}

/// The parameters as a signature writes them, each with its parameter, and `/` after
/// positional-only ones and `*` before keyword-only ones when no `*args` marks them (with none).
fn parameter_texts(parameters: &[Parameter]) -> Vec<(String, Option<&Parameter>)> {
    let mut texts = Vec::new();
    let mut starred = false;
    for (at, parameter) in parameters.iter().enumerate() {
        if parameter.kind == ParameterKind::Keyword && !starred {
            texts.push(("*".to_string(), None));
        }
        starred |= matches!(parameter.kind, ParameterKind::Keyword | ParameterKind::VarPositional);
        texts.push((parameter.display(), Some(parameter)));
        let next_not_positional = parameters.get(at + 1).is_none_or(|next| next.kind != ParameterKind::Positional);
        if parameter.kind == ParameterKind::Positional && next_not_positional {
            texts.push(("/".to_string(), None));
        }
    }
    texts
}

/// `path` cut after the part under the cursor: in `modal.Volume.from_name`, `Volume` is
/// `modal.Volume`. `text` is the expression's source, `at` the cursor's offset in it.
fn path_up_to(path: &str, text: &str, at: usize) -> String {
    let end = word_end(text, at);
    let mut depth = 0i32;
    let mut later = 0;
    for byte in text.as_bytes()[end..].iter() {
        match byte {
            b'(' | b'[' => depth += 1,
            b')' | b']' => depth -= 1,
            b'.' if depth == 0 => later += 1,
            _ => {}
        }
    }
    let parts: Vec<&str> = path.split('.').collect();
    parts[..parts.len().saturating_sub(later).max(1)].join(".")
}

fn contains(range: &Range<usize>, offset: usize) -> bool {
    range.start <= offset && offset <= range.end
}

/// The call whose parentheses hold `offset` most closely.
fn innermost_call<'o>(source: &str, outline: &'o Outline, offset: usize) -> Option<&'o CallAt> {
    outline
        .calls
        .iter()
        .filter(|call| {
            let closed = source.get(..call.arguments.end).is_some_and(|text| text.ends_with(')'));
            call.arguments.start < offset && (offset < call.arguments.end || !closed && offset <= call.arguments.end)
        })
        .min_by_key(|call| call.arguments.len())
}

fn inside_quotes(source: &str, value: &Range<usize>, offset: usize) -> bool {
    let text = source.get(value.clone()).unwrap_or("");
    let closed = text.len() >= 2 && text.ends_with(['"', '\'']);
    value.start < offset && (offset < value.end || !closed && offset == value.end)
}

fn is_word(character: char) -> bool {
    character.is_alphanumeric() || character == '_'
}

fn word_start(source: &str, offset: usize) -> usize {
    source[..offset]
        .rfind(|c: char| !is_word(c))
        .map_or(0, |at| at + source[at..].chars().next().map_or(1, char::len_utf8))
}

fn word_end(source: &str, offset: usize) -> usize {
    source[offset..].find(|c: char| !is_word(c)).map_or(source.len(), |at| offset + at)
}

/// The word typed before `offset`.
fn word(source: &str, offset: usize) -> &str {
    &source[word_start(source, offset)..offset]
}
