//! MDL014: `ttl=` given to `modal.Dict.put`, which has no such parameter.

use ruff_python_ast::Keyword;
use ruff_text_size::Ranged;

use crate::diagnostic::{Edit, Fix, Severity};
use crate::rules::{Context, Rule, RuleFix};

pub const RULE: Rule = Rule {
    id: "MDL014",
    name: "dict-put-ttl",
    severity: Severity::Error,
    summary: "Finds `ttl=` in `put(...)` on a `modal.Dict` from `modal.Dict.from_name(...)` or `modal.Dict.ephemeral()`.",
    why: "`Dict.put(key, value, *, skip_if_exists=False)` has no `ttl` parameter, so the call raises `TypeError`. A Modal \
          Dict has no per-entry expiry: an entry expires after 7 days without reads or writes.",
    bad: "cache = modal.Dict.from_name(\"cache\", create_if_missing=True)\ncache.put(\"token\", token, ttl=3600)",
    good: "cache = modal.Dict.from_name(\"cache\", create_if_missing=True)\ncache.put(\"token\", token, skip_if_exists=True)",
    fix: Some(RuleFix::unsafe_because(
        "Remove the `ttl=` argument.",
        "drops the entry's time to live (the entry then stays until it goes 7 days without reads or writes)",
    )),
    check,
};

fn check(context: &Context) {
    for modal_call in &context.model.calls {
        if !is_dict_put(&modal_call.path) {
            continue;
        }
        let Some(ttl) = modal_call.call.arguments.find_keyword("ttl") else { continue };
        context.report(
            &RULE,
            ttl.range(),
            "`modal.Dict.put` has no `ttl` parameter; the client raises TypeError. Entries expire after 7 days without reads \
             or writes; use put(key, value, skip_if_exists=...)"
                .into(),
            Some(remove_keyword(ttl, context.source)),
        );
    }
}

/// `put` (or `put.aio`) on a Dict from `from_name(...)` or `ephemeral()` (`modal.Dict()` where
/// `with` entered it), possibly `.hydrate()`d.
fn is_dict_put(path: &str) -> bool {
    ["modal.Dict.from_name()", "modal.Dict.ephemeral()", "modal.Dict()"].into_iter().any(|dict| {
        path.strip_prefix(dict).is_some_and(|rest| matches!(rest.trim_start_matches(".hydrate()"), ".put" | ".put.aio"))
    })
}

/// Removes `keyword` with the comma that separates it from its neighbours, or its whole line
/// when it has one to itself.
fn remove_keyword(keyword: &Keyword, source: &str) -> Fix {
    let start = keyword.range().start().to_usize();
    let end = keyword.range().end().to_usize();
    let text = |from: usize, to: usize| source.get(from..to).unwrap_or("");
    let remove =
        |start: usize, end: usize| RULE.fix_with("Remove ttl=", vec![Edit { start, end, replacement: String::new() }]);
    let before = text(0, start);
    // The comma before it, when only spaces separate them (so never one that ends a comment line).
    let previous_comma = before.trim_end_matches([' ', '\t']).strip_suffix(',').map(str::len);
    let after = text(end, source.len());
    // Its own comma, if any, and what follows.
    let (own_comma, rest) = match after.trim_start().strip_prefix(',') {
        Some(rest) => (true, rest),
        None => (false, after),
    };
    let rest_start = source.len() - rest.len();
    if let Some(newline) = rest.find('\n') {
        let line_start = before.rfind('\n').map_or(0, |at| at + 1);
        let rest_of_line = rest.get(..newline).unwrap_or("").trim();
        if text(line_start, start).trim().is_empty() && (rest_of_line.is_empty() || rest_of_line.starts_with('#')) {
            // `    ttl=60,  # an hour` on a line of its own: the line goes.
            return remove(line_start, rest_start + newline + 1);
        }
    }
    if !own_comma {
        // The last argument: `put(k, v, ttl=60)` → `put(k, v)`.
        return remove(previous_comma.unwrap_or(start), end);
    }
    if rest.trim_start().starts_with(')') {
        // Before a trailing comma: `put(k, v, ttl=60,)` → `put(k, v)`.
        return remove(previous_comma.unwrap_or(start), rest_start);
    }
    // `ttl=60, skip_if_exists=True` → `skip_if_exists=True`.
    let spaces = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    remove(start, rest_start + spaces)
}
