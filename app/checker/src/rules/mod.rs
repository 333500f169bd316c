//! The rules. Each lives in its own file: what it checks, why it matters, a bad and a good
//! example, its fix and whether that is safe, and its check; its fixtures are in
//! `tests/fixtures/<ID>/`, its reviewed report in `tests/snapshots/`. The rule pages of the site
//! are generated from the same constants. What several rules ask of the syntax tree is in
//! `toolkit.rs`.

use std::borrow::Cow;
use std::cell::RefCell;

use ruff_python_ast::{Expr, ModModule};
use ruff_text_size::{Ranged, TextRange};

use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, LineIndex, Severity};
use crate::model::{Decor, Model};

mod functions;
mod image;
mod mdl001_renamed_parameter;
mod mdl002_decorator_without_call;
mod mdl003_unknown_parameter;
mod mdl004_web_endpoint;
mod mdl005_invalid_schedule;
mod mdl039_newer_than_target;
mod objects;
mod structure;
#[cfg(test)]
mod testing;
mod toolkit;
mod values;

pub struct Rule {
    pub id: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    /// One sentence: what the rule checks.
    pub summary: &'static str,
    /// Why it matters: what the client does with such code.
    pub why: &'static str,
    pub bad: &'static str,
    pub good: &'static str,
    /// What the fix does and whether it is safe, when the rule has one.
    pub fix: Option<RuleFix>,
    pub check: fn(&Context),
}

/// A rule's fix as the rule declares it: what it does, and whether it is safe. Every fix the
/// rule offers carries that applicability.
pub struct RuleFix {
    /// What the fix does, in a sentence, for the rules page.
    pub summary: &'static str,
    pub applicability: Applicability,
}

impl RuleFix {
    /// A fix that changes only what the client requires.
    pub const fn safe(summary: &'static str) -> RuleFix {
        RuleFix { summary, applicability: Applicability::Safe }
    }

    /// A fix that also changes what the code does: `reason` says what, in one line that follows
    /// "this fix" ("drops the entry's time to live").
    pub const fn unsafe_because(summary: &'static str, reason: &'static str) -> RuleFix {
        RuleFix { summary, applicability: Applicability::Unsafe(Cow::Borrowed(reason)) }
    }
}

impl Rule {
    /// One of this rule's fixes: `edits`, titled as a button would say it, with the
    /// applicability the rule declares.
    pub(crate) fn fix_with(&self, title: impl Into<String>, edits: Vec<Edit>) -> Fix {
        debug_assert!(self.fix.is_some(), "{} offers a fix it does not declare", self.id);
        let applicability = self.fix.as_ref().map_or(Applicability::Safe, |fix| fix.applicability.clone());
        Fix { title: title.into(), edits, applicability }
    }
}

const BASICS: &[&Rule] = &[
    &mdl001_renamed_parameter::RULE,
    &mdl002_decorator_without_call::RULE,
    &mdl003_unknown_parameter::RULE,
    &mdl004_web_endpoint::RULE,
    &mdl005_invalid_schedule::RULE,
    &mdl039_newer_than_target::RULE,
];

/// Every rule.
pub fn all() -> impl Iterator<Item = &'static Rule> {
    BASICS
        .iter()
        .chain(structure::RULES)
        .chain(values::RULES)
        .chain(functions::RULES)
        .chain(image::RULES)
        .chain(objects::RULES)
        .copied()
}

/// What a rule sees, and where it reports.
pub struct Context<'a, 'm> {
    /// The parsed module, for rules that look at more than what resolves into Modal.
    pub(crate) module: &'a ModModule,
    pub(crate) model: &'m Model<'a>,
    pub(crate) source: &'a str,
    pub(crate) lines: &'m LineIndex<'a>,
    pub(crate) options: &'m crate::Options,
    /// What the rules reported, in the order they did.
    pub(crate) found: RefCell<Vec<Diagnostic>>,
}

/// Keeps of `found` only the innermost of nested ranges: `modal.Workspace.from_context` is new
/// because `modal.Workspace` is, and the name inside is the one to report.
pub(crate) fn innermost<T>(found: &mut Vec<(TextRange, T)>) {
    let ranges: Vec<TextRange> = found.iter().map(|(range, _)| *range).collect();
    found.retain(|(range, _)| !ranges.iter().any(|inner| inner != range && range.contains_range(*inner)));
}

impl Context<'_, '_> {
    pub(crate) fn report(&self, rule: &Rule, range: TextRange, message: String, fix: Option<Fix>) {
        let diagnostic = self.lines.diagnostic(
            rule.id,
            rule.severity,
            message,
            range.start().to_usize()..range.end().to_usize(),
            fix,
        );
        self.found.borrow_mut().push(diagnostic);
    }

    pub(crate) fn text(&self, range: TextRange) -> &str {
        &self.source[range.start().to_usize()..range.end().to_usize()]
    }

    /// The app as the code names it where `callee` is one of an app's methods (`stub` in
    /// `stub.function`), if written on one line.
    pub(crate) fn app_receiver(&self, callee: &Expr) -> Option<&str> {
        let Expr::Attribute(attribute) = callee else { return None };
        Some(self.text(attribute.value.range())).filter(|receiver| !receiver.contains('\n'))
    }

    /// The app as this module's code names it, for messages that name an app's methods: the
    /// receiver of its first app decorator (`stub` for `@stub.function()`), else `app`.
    pub(crate) fn app_name(&self) -> &str {
        self.model
            .definitions
            .iter()
            .flat_map(|definition| &definition.decorators)
            .filter(|decor| decor.path.as_deref().is_some_and(|path| path.starts_with("<app>.")))
            .find_map(|decor| self.app_receiver(decor.name()))
            .unwrap_or("app")
    }

    /// The app whose method `decor` is, as the code names it (`stub` for `@stub.cls()`).
    pub(crate) fn app_of(&self, decor: &Decor) -> &str {
        self.app_receiver(decor.name()).unwrap_or_else(|| self.app_name())
    }
}
