//! MDL034: a Sandbox process's `stdout` or `stderr` used as if it were the output text.

use std::collections::{HashMap, HashSet};

use ruff_python_ast::visitor::{Visitor, walk_expr};
use ruff_python_ast::{CmpOp, Expr, ExprAttribute, InterpolatedStringElement, ModModule, Operator, Stmt};
use ruff_text_size::{Ranged, TextRange};

use super::syntax::{bindings, bodies};
use crate::diagnostic::Severity;
use crate::rules::toolkit::insert;
use crate::rules::{Context, Rule, RuleFix};

pub const RULE: Rule = Rule {
    id: "MDL034",
    name: "sandbox-stream-unread",
    severity: Severity::Warning,
    summary: "Finds the `stdout` or `stderr` of a Sandbox or of `sandbox.exec(...)` printed, formatted, compared or \
              treated as a string without `.read()`.",
    why: "`Sandbox.exec(...)` returns a `ContainerProcess` at once, while the command is still running. Its `stdout` \
          and `stderr` are `StreamReader` objects, not strings: printing one shows something like \
          `<modal.io_streams.StreamReader object at 0x...>`, comparing it with a string is always false, and string \
          methods such as `.strip()` raise `AttributeError`. Call `.read()` to wait for the stream to close and get \
          its text (or iterate over it to get output as it arrives), and `p.wait()` for the exit code. The rule \
          follows Sandboxes from `modal.Sandbox.create(...)`, `from_name` and `from_id`; in a fragment that uses a \
          Sandbox it does not define, a variable named like `sb` or `sandbox` counts as one.",
    bad: "sb = modal.Sandbox.create(app=app)\np = sb.exec(\"python\", \"-c\", \"print(42)\")\nprint(p.stdout)",
    good: "sb = modal.Sandbox.create(app=app)\np = sb.exec(\"python\", \"-c\", \"print(42)\")\n\
           print(p.stdout.read())\np.wait()",
    fix: Some(RuleFix::unsafe_because(
        "Append `.read()` to the stream.",
        "waits for the process to close the stream (`.read()` returns only when the command's output ends)",
    )),
    check,
};

/// Where a Sandbox comes from, as the model writes the path.
const SANDBOX_ORIGINS: &[&str] = &[
    "modal.Sandbox.create()",
    "modal.Sandbox.from_name()",
    "modal.Sandbox.from_id()",
    "modal.sandbox.Sandbox.create()",
    "modal.sandbox.Sandbox.from_name()",
    "modal.sandbox.Sandbox.from_id()",
];

/// Calls that want the text of their argument, not a stream.
const TEXT_CONSUMERS: &[&str] = &["print", "str", "len", "repr", "int", "float", "json.loads"];

/// Methods of `str` and `bytes` that a `StreamReader` lacks.
const STRING_METHODS: &[&str] = &[
    "strip",
    "rstrip",
    "lstrip",
    "split",
    "rsplit",
    "splitlines",
    "startswith",
    "endswith",
    "decode",
    "encode",
    "lower",
    "upper",
    "replace",
    "find",
    "index",
    "format",
    "partition",
    "removeprefix",
    "removesuffix",
];

fn check(context: &Context) {
    let source = context.source;
    // Walk the module only when a Sandbox stream is possible.
    if !(source.contains("stdout") || source.contains("stderr"))
        || !(source.contains("Sandbox") || source.contains("exec"))
    {
        return;
    }
    let module = context.module;
    let streams = Streams::new(context, module);
    Misuses { context, streams: &streams, seen: HashSet::new() }.visit_body(&module.body);
}

/// Which `x.stdout` / `x.stderr` expressions are a Sandbox's streams.
struct Streams {
    /// Ranges of `stdout`/`stderr` attributes the model resolved onto a Sandbox or its process.
    resolved: HashSet<TextRange>,
    /// Names that are only ever bound to `<sandbox>.exec(...)` where the Sandbox is a free name.
    processes: HashSet<String>,
    /// Free names that stand for a Sandbox in a fragment.
    free_sandboxes: HashSet<String>,
}

impl Streams {
    fn new(context: &Context, module: &ModModule) -> Streams {
        let resolved = context
            .model
            .references
            .iter()
            .filter(|(_, path)| is_sandbox_stream(path))
            .map(|(expr, _)| expr.range())
            .collect();
        let bound = bindings(module);
        let mut free_sandboxes = HashSet::new();
        // Per name, how many bindings hold `<free sandbox>.exec(...)`.
        let mut exec_bindings: HashMap<&str, usize> = HashMap::new();
        for body in bodies(module) {
            for stmt in body {
                let Stmt::Assign(assign) = stmt else { continue };
                let [Expr::Name(target)] = &assign.targets[..] else { continue };
                let Some(sandbox) = exec_receiver(&assign.value) else { continue };
                if bound.contains_key(sandbox) || !looks_like_sandbox(sandbox) {
                    continue;
                }
                free_sandboxes.insert(sandbox.to_string());
                *exec_bindings.entry(target.id.as_str()).or_default() += 1;
            }
        }
        // A name counts as a process only when nothing else is ever bound to it.
        let processes = exec_bindings
            .into_iter()
            .filter(|(name, count)| bound.get(*name) == Some(count))
            .map(|(name, _)| name.to_string())
            .collect();
        Streams { resolved, processes, free_sandboxes }
    }

    /// The stream's attribute name, when `expr` is a Sandbox's `stdout` or `stderr`.
    fn stream<'e>(&self, expr: &'e Expr) -> Option<&'e ExprAttribute> {
        let Expr::Attribute(attribute) = expr else { return None };
        if !matches!(attribute.attr.as_str(), "stdout" | "stderr") {
            return None;
        }
        let is_stream = self.resolved.contains(&attribute.range())
            || match &*attribute.value {
                Expr::Name(name) => self.processes.contains(name.id.as_str()),
                value => exec_receiver(value).is_some_and(|sandbox| self.free_sandboxes.contains(sandbox)),
            };
        is_stream.then_some(attribute)
    }
}

/// A model path of a Sandbox's stream: `modal.Sandbox.create().exec().stdout`, `modal.Sandbox.create().stderr`.
fn is_sandbox_stream(path: &str) -> bool {
    SANDBOX_ORIGINS.iter().any(|origin| {
        path.strip_prefix(origin)
            .is_some_and(|rest| matches!(rest.strip_prefix(".exec()").unwrap_or(rest), ".stdout" | ".stderr"))
    })
}

/// `sandbox` in `sandbox.exec(...)`, when the receiver is a plain name.
fn exec_receiver(expr: &Expr) -> Option<&str> {
    let Expr::Call(call) = expr else { return None };
    let Expr::Attribute(attribute) = &*call.func else { return None };
    if attribute.attr.as_str() != "exec" {
        return None;
    }
    match &*attribute.value {
        Expr::Name(name) => Some(name.id.as_str()),
        _ => None,
    }
}

/// How fragments name a Sandbox they do not create: `sb`, `sandbox`, `my_sandbox`, `sb2`.
fn looks_like_sandbox(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.contains("sandbox") || lower.trim_end_matches(|c: char| c.is_ascii_digit()) == "sb"
}

/// Streams in places that want text, each reported once.
struct Misuses<'c, 'a, 'm> {
    context: &'c Context<'a, 'm>,
    streams: &'c Streams,
    seen: HashSet<TextRange>,
}

impl Misuses<'_, '_, '_> {
    fn flag(&mut self, expr: &Expr) {
        let Some(attribute) = self.streams.stream(expr) else { return };
        let range = attribute.range();
        if !self.seen.insert(range) {
            return;
        }
        let what = if attribute.attr.as_str() == "stdout" { "its standard output" } else { "its standard error" };
        let written = self.context.text(range);
        let fix = RULE.fix_with(format!("Read the stream: `{written}.read()`"), vec![insert(range.end(), ".read()")]);
        let message = format!(
            "`{written}` is a StreamReader, not the process's output: expected `{written}.read()` to get the text of \
             {what} (and `.wait()` for the exit code)"
        );
        self.context.report(&RULE, range, message, Some(fix));
    }
}

impl<'v> Visitor<'v> for Misuses<'_, '_, '_> {
    fn visit_expr(&mut self, expr: &'v Expr) {
        match expr {
            Expr::Call(call) => {
                let callee = match &*call.func {
                    Expr::Name(name) => Some(name.id.as_str()),
                    Expr::Attribute(attribute) if attribute.attr.as_str() == "loads" => {
                        matches!(&*attribute.value, Expr::Name(module) if module.id.as_str() == "json")
                            .then_some("json.loads")
                    }
                    Expr::Attribute(attribute) if attribute.attr.as_str() == "write" => Some("write"),
                    _ => None,
                };
                if callee.is_some_and(|callee| TEXT_CONSUMERS.contains(&callee) || callee == "write") {
                    for argument in call.arguments.args.iter() {
                        self.flag(argument);
                    }
                }
            }
            Expr::FString(fstring) => {
                let interpolated: Vec<&Expr> = fstring
                    .value
                    .elements()
                    .filter_map(|element| match element {
                        InterpolatedStringElement::Interpolation(element) => Some(&*element.expression),
                        InterpolatedStringElement::Literal(_) => None,
                    })
                    .collect();
                for expression in interpolated {
                    self.flag(expression);
                }
            }
            // `is` and `is not` compare identities, which a stream has.
            Expr::Compare(compare) if compare.ops.iter().any(|op| !matches!(op, CmpOp::Is | CmpOp::IsNot)) => {
                self.flag(&compare.left);
                for comparator in compare.comparators.iter() {
                    self.flag(comparator);
                }
            }
            Expr::BinOp(operation) if matches!(operation.op, Operator::Add | Operator::Mod) => {
                self.flag(&operation.left);
                self.flag(&operation.right);
            }
            Expr::Attribute(attribute) if STRING_METHODS.contains(&attribute.attr.as_str()) => {
                self.flag(&attribute.value);
            }
            _ => {}
        }
        walk_expr(self, expr);
    }
}
