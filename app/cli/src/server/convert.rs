//! The engine's answers in the protocol's types: byte offsets to UTF-16 positions and back,
//! diagnostics, code actions, hover, completion and signature help.

use std::collections::HashMap;

use atlas_checker::{Applicability, Diagnostic, Edit, SYNTAX_ERROR, Severity};
use atlas_ide::{Api, CompletionKind, LinePosition, Lines, noqa_edit};
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOptions, CodeActionOrCommand, CodeActionProviderCapability, CodeDescription,
    CompletionItem, CompletionItemKind, CompletionItemTag, CompletionOptions, CompletionResponse, CompletionTextEdit,
    DiagnosticSeverity, Documentation, Hover, HoverContents, HoverProviderCapability, InitializeResult, MarkupContent,
    MarkupKind, NumberOrString, ParameterInformation, ParameterLabel, Position, Range, SaveOptions, ServerCapabilities,
    ServerInfo, SignatureHelp, SignatureHelpOptions, SignatureInformation, TextDocumentSyncCapability,
    TextDocumentSyncKind, TextDocumentSyncOptions, TextDocumentSyncSaveOptions, TextEdit, Url, WorkspaceEdit,
};

/// The kind of the "fix all" action, as Ruff names its own (`source.fixAll.ruff`).
pub const FIX_ALL: &str = "source.fixAll.modal-atlas";

pub fn initialize_result() -> InitializeResult {
    InitializeResult {
        capabilities: ServerCapabilities {
            text_document_sync: Some(TextDocumentSyncCapability::Options(TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions { include_text: Some(false) })),
                ..TextDocumentSyncOptions::default()
            })),
            hover_provider: Some(HoverProviderCapability::Simple(true)),
            completion_provider: Some(CompletionOptions {
                trigger_characters: Some(["(", ",", "\"", "'"].map(String::from).to_vec()),
                ..CompletionOptions::default()
            }),
            signature_help_provider: Some(SignatureHelpOptions {
                trigger_characters: Some(["(", ","].map(String::from).to_vec()),
                ..SignatureHelpOptions::default()
            }),
            code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                code_action_kinds: Some(vec![CodeActionKind::QUICKFIX, CodeActionKind::new(FIX_ALL)]),
                ..CodeActionOptions::default()
            })),
            ..ServerCapabilities::default()
        },
        server_info: Some(ServerInfo { name: "modal-atlas".into(), version: Some(env!("CARGO_PKG_VERSION").into()) }),
    }
}

pub fn position(position: Position) -> LinePosition {
    LinePosition { line: position.line, character: position.character }
}

fn range(lines: &Lines, start: usize, end: usize) -> Range {
    let protocol = |offset| {
        let at = lines.position(offset);
        Position { line: at.line, character: at.character }
    };
    Range { start: protocol(start), end: protocol(end) }
}

pub fn diagnostics(text: &str, found: &[Diagnostic], api: &Api) -> Vec<lsp_types::Diagnostic> {
    let lines = Lines::new(text);
    found.iter().map(|d| diagnostic(&lines, d, api)).collect()
}

fn diagnostic(lines: &Lines, found: &Diagnostic, api: &Api) -> lsp_types::Diagnostic {
    let explained = (found.rule != SYNTAX_ERROR).then(|| api.rule_url(&found.rule));
    lsp_types::Diagnostic {
        range: range(lines, found.start.offset, found.end.offset),
        severity: Some(match found.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
        }),
        code: Some(NumberOrString::String(found.rule.clone())),
        code_description: explained.and_then(|url| Url::parse(&url).ok()).map(|href| CodeDescription { href }),
        source: Some("modal-atlas".into()),
        message: found.message.clone(),
        ..lsp_types::Diagnostic::default()
    }
}

/// Whether the client asks for "fix all": it names no kinds, or one that `source.fixAll.modal-atlas`
/// falls under (`source`, `source.fixAll`).
pub fn wants_fix_all(only: Option<&[CodeActionKind]>) -> bool {
    wants(only, FIX_ALL)
}

fn wants(only: Option<&[CodeActionKind]>, kind: &str) -> bool {
    only.is_none_or(|kinds| {
        kinds.iter().any(|wanted| kind == wanted.as_str() || kind.starts_with(&format!("{}.", wanted.as_str())))
    })
}

/// The quick fixes of the problems in `within` (each problem's fix, and its `# noqa` comment),
/// and "fix all" with `fixed`, the document with every safe fix applied.
pub fn code_actions(
    text: &str,
    uri: &Url,
    within: Range,
    only: Option<&[CodeActionKind]>,
    found: &[Diagnostic],
    fixed: Option<(String, usize)>,
    api: &Api,
) -> Vec<CodeActionOrCommand> {
    let lines = Lines::new(text);
    let (start, end) = (lines.offset(position(within.start)), lines.offset(position(within.end)));
    let edit = |edits: &[Edit]| {
        let edits = edits
            .iter()
            .map(|edit| TextEdit { range: range(&lines, edit.start, edit.end), new_text: edit.replacement.clone() })
            .collect();
        WorkspaceEdit { changes: Some(HashMap::from([(uri.clone(), edits)])), ..WorkspaceEdit::default() }
    };
    let mut actions = Vec::new();
    if wants(only, CodeActionKind::QUICKFIX.as_str()) {
        for found in found.iter().filter(|d| d.start.offset <= end && start <= d.end.offset) {
            let problem = vec![diagnostic(&lines, found, api)];
            if let Some(fix) = &found.fix {
                let title = match &fix.applicability {
                    Applicability::Safe => fix.title.clone(),
                    Applicability::Unsafe(reason) => format!("{} (unsafe: this fix {reason})", fix.title),
                };
                actions.push(CodeAction {
                    title,
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(problem.clone()),
                    edit: Some(edit(&fix.edits)),
                    is_preferred: Some(fix.applicability == Applicability::Safe),
                    ..CodeAction::default()
                });
            }
            if found.rule != SYNTAX_ERROR {
                actions.push(CodeAction {
                    title: format!("Silence {} with `# noqa: {}`", found.rule, found.rule),
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(problem),
                    edit: Some(edit(&[noqa_edit(text, found)])),
                    ..CodeAction::default()
                });
            }
        }
    }
    if let Some((fixed, count)) = fixed {
        let whole = Edit { start: 0, end: text.len(), replacement: fixed };
        actions.push(CodeAction {
            title: format!("Fix all safe Modal Atlas problems ({count})"),
            kind: Some(CodeActionKind::new(FIX_ALL)),
            edit: Some(edit(&[whole])),
            ..CodeAction::default()
        });
    }
    actions.into_iter().map(CodeActionOrCommand::CodeAction).collect()
}

fn markdown(value: String) -> MarkupContent {
    MarkupContent { kind: MarkupKind::Markdown, value }
}

pub fn hover(text: &str, hover: atlas_ide::Hover) -> Hover {
    let lines = Lines::new(text);
    Hover {
        contents: HoverContents::Markup(markdown(hover.text)),
        range: Some(range(&lines, hover.range.start, hover.range.end)),
    }
}

pub fn completions(text: &str, items: Vec<atlas_ide::Completion>) -> CompletionResponse {
    let lines = Lines::new(text);
    let items = items
        .into_iter()
        .map(|item| CompletionItem {
            kind: Some(match item.kind {
                CompletionKind::Keyword => CompletionItemKind::FIELD,
                CompletionKind::Value => CompletionItemKind::VALUE,
            }),
            detail: item.detail,
            documentation: item.documentation.map(|text| Documentation::MarkupContent(markdown(text))),
            tags: item.deprecated.then(|| vec![CompletionItemTag::DEPRECATED]),
            text_edit: Some(CompletionTextEdit::Edit(TextEdit {
                range: range(&lines, item.replace.start, item.replace.end),
                new_text: item.insert,
            })),
            filter_text: Some(item.label.clone()),
            label: item.label,
            ..CompletionItem::default()
        })
        .collect();
    CompletionResponse::Array(items)
}

pub fn signature_help(help: atlas_ide::SignatureHelp) -> SignatureHelp {
    // The protocol counts a label's offsets in UTF-16 units.
    let units = |bytes: usize| help.label[..bytes].encode_utf16().count() as u32;
    let parameters = help
        .parameters
        .iter()
        .map(|range| ParameterInformation {
            label: ParameterLabel::LabelOffsets([units(range.start), units(range.end)]),
            documentation: None,
        })
        .collect();
    let active = help.active.map(|at| at as u32);
    SignatureHelp {
        signatures: vec![SignatureInformation {
            label: help.label.clone(),
            documentation: help.documentation.map(|text| Documentation::MarkupContent(markdown(text))),
            parameters: Some(parameters),
            active_parameter: active,
        }],
        active_signature: Some(0),
        active_parameter: active,
    }
}
