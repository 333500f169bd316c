//! Where a module names Modal, with byte ranges: the expressions that stand for a client name
//! and the calls to one, with their arguments. What an editor's hover, completion and signature
//! help look up under the cursor (`atlas-ide`); read from the same model the rules use.

use std::ops::Range;

use ruff_python_ast::Expr;
use ruff_text_size::Ranged;

use crate::model::Model;

/// An expression that stands for something of Modal's: `modal.Volume.from_name`, a bare
/// decorator, a callee.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedAt {
    pub range: Range<usize>,
    /// The model's path (`modal.Image.debian_slim().pip_install`, `<app>.function`), which
    /// [`crate::api::resolve`] turns into a client name.
    pub path: String,
}

/// A call to something of Modal's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallAt {
    pub path: String,
    pub callee: Range<usize>,
    /// From the opening parenthesis to the closing one (or to where the parser stopped).
    pub arguments: Range<usize>,
    pub positional: Vec<Range<usize>>,
    pub keywords: Vec<KeywordAt>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeywordAt {
    pub name: String,
    pub name_range: Range<usize>,
    pub value: Range<usize>,
    /// The value is a string literal (`gpu="H100"`).
    pub string_value: bool,
}

/// What [`crate::Project::outline`] finds in a module.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outline {
    pub names: Vec<NamedAt>,
    pub calls: Vec<CallAt>,
}

fn range(node: &impl Ranged) -> Range<usize> {
    node.start().to_usize()..node.end().to_usize()
}

impl Outline {
    pub(crate) fn of(model: &Model) -> Outline {
        let mut names: Vec<NamedAt> =
            model.named().map(|(expr, path)| NamedAt { range: range(expr), path: path.to_string() }).collect();
        // Annotations Python does not evaluate where written (a local's, or all of them under
        // lazy annotations) are not among the names the rules see; a reader hovers them all the same.
        for (expr, path) in &model.annotations {
            if !names.iter().any(|named| named.range == range(*expr)) {
                names.push(NamedAt { range: range(*expr), path: path.clone() });
            }
        }
        let calls = model
            .calls
            .iter()
            .map(|call| {
                let arguments = &call.call.arguments;
                CallAt {
                    path: call.path.clone(),
                    callee: range(&*call.call.func),
                    arguments: range(arguments),
                    positional: arguments.args.iter().map(range).collect(),
                    keywords: arguments
                        .keywords
                        .iter()
                        .filter_map(|keyword| {
                            let name = keyword.arg.as_ref()?;
                            Some(KeywordAt {
                                name: name.as_str().to_string(),
                                name_range: range(name),
                                value: range(&keyword.value),
                                string_value: matches!(keyword.value, Expr::StringLiteral(_)),
                            })
                        })
                        .collect(),
                }
            })
            .collect();
        Outline { names, calls }
    }
}
