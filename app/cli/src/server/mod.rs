//! `modal-atlas server`: a Language Server Protocol server over stdio, a thin layer over the
//! editor's engine (`atlas-ide`): it reads the protocol's messages (`stdio.rs`), keeps the open
//! documents in a [`Workspace`] whose host reads files and settings as `check` does, converts
//! positions (UTF-16) and answers: diagnostics on open and change, code actions (each fix,
//! "fix all" as `source.fixAll.modal-atlas`, a `# noqa` comment), hover, completion and
//! signature help. A request it cannot answer gets an error response that says why; a
//! notification it cannot act on a `window/logMessage`.

mod convert;
mod stdio;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use atlas_checker::{Import, Options};
use atlas_ide::{Api, Host, ModuleText, Workspace, apply_change};
use crossbeam_channel::Sender;
use lsp_server::{ErrorCode, Message, Notification, Request, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument, DidOpenTextDocument, DidSaveTextDocument,
    LogMessage, Notification as _, PublishDiagnostics,
};
use lsp_types::request::{CodeActionRequest, Completion, HoverRequest, Request as _, SignatureHelpRequest};
use lsp_types::{MessageType, Url, WorkspaceFolder};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::args::ServerArgs;
use crate::check::files::{self, Layout, Source};
use crate::check::settings::{self, Settings};
use atlas_input::{cap_quoted, quote};

/// The site linked from hovers and diagnostics when neither the client (`initializationOptions`:
/// `{"siteUrl": "…"}`) nor `--site-url` names one: the site as `npm start` serves it.
const LOCAL_SITE: &str = "http://127.0.0.1:8080";

pub fn run(args: ServerArgs) -> Result<(), String> {
    let (messages, out, writer) = stdio::start();
    let ended = serve(&args, messages, &out);
    stdio::finish(&out, writer);
    ended
}

/// Answers `messages` until `exit` or the end of the input.
fn serve(
    args: &ServerArgs,
    messages: crossbeam_channel::Receiver<Message>,
    out: &Sender<Vec<u8>>,
) -> Result<(), String> {
    let mut server: Option<Server> = None;
    let mut shut_down = false;
    for message in messages {
        match message {
            Message::Request(request) => {
                let id = request.id.clone();
                let answer = match (&mut server, request.method.as_str()) {
                    (_, "shutdown") => {
                        shut_down = true;
                        Ok(Value::Null)
                    }
                    _ if shut_down => Err(Failure::new(ErrorCode::InvalidRequest, "the server is shutting down")),
                    (None, "initialize") => params::<Start>(request.params).map(|params| {
                        let (started, result) = Server::start(params, args, out.clone());
                        server = Some(started);
                        result
                    }),
                    (None, _) => Err(Failure::new(ErrorCode::ServerNotInitialized, "expected `initialize` first")),
                    (Some(_), "initialize") => Err(Failure::new(ErrorCode::InvalidRequest, "already initialized")),
                    (Some(server), _) => server.request(request),
                };
                let response = match answer {
                    Ok(result) => Response::new_ok(id, result),
                    Err(failure) => Response::new_err(id, failure.code as i32, failure.message),
                };
                send(out, response);
            }
            Message::Notification(notification) if notification.method == "exit" => {
                return if shut_down { Ok(()) } else { Err("`exit` came before `shutdown`".into()) };
            }
            Message::Notification(notification) => {
                if let Some(server) = &mut server {
                    server.notification(notification);
                }
            }
            // The server sends no requests, so a response answers nothing.
            Message::Response(_) => {}
        }
    }
    // Standard input ended without `exit`: the client is gone.
    Ok(())
}

/// What the server reads of `initialize`'s params: the workspace (its first folder, else the
/// root) and its options.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Start {
    root_uri: Option<Url>,
    workspace_folders: Option<Vec<WorkspaceFolder>>,
    initialization_options: Option<Value>,
}

/// An error response's code and message.
struct Failure {
    code: ErrorCode,
    message: String,
}

impl Failure {
    fn new(code: ErrorCode, message: impl Into<String>) -> Failure {
        Failure { code, message: message.into() }
    }
}

fn params<P: DeserializeOwned>(params: Value) -> Result<P, Failure> {
    serde_json::from_value(params)
        .map_err(|err| Failure::new(ErrorCode::InvalidParams, format!("params: {}", cap_quoted(&err.to_string()))))
}

fn send(out: &Sender<Vec<u8>>, message: impl Into<Message>) {
    // Fails only once the client is gone, which the loop then learns from standard input.
    let _ = out.send(stdio::body(&message.into()));
}

/// The files and settings of the workspace, read as `check` reads them.
struct Disk {
    settings: Option<Settings>,
    options: Options,
    /// The folder that settings' globs and module lookups start from.
    base: PathBuf,
    /// Where the project's packages are (`src/`, `pyproject.toml`'s package settings).
    layout: Layout,
}

impl Disk {
    fn excluded(&self, path: &Path) -> bool {
        let shown = files::shown(path, &self.base);
        self.settings.as_ref().is_some_and(|settings| settings.exclude.iter().any(|glob| glob.matches(&shown)))
    }
}

impl Host for Disk {
    fn options(&self) -> &Options {
        &self.options
    }

    fn reports(&self, rule: &str, path: &Path) -> bool {
        self.settings.as_ref().is_none_or(|settings| settings.reports(rule, &files::shown(path, &self.base)))
    }

    fn module_file(&self, importer: &Path, import: &Import) -> Option<PathBuf> {
        files::module_file(importer, import, &self.base, &self.layout)
    }

    fn read(&self, path: &Path) -> Result<ModuleText, String> {
        files::read(path, &files::shown(path, &self.base)).map(|source| match source {
            Source::Text(text) => ModuleText::Text(text),
            Source::TooLarge(bytes) => ModuleText::TooLarge(bytes),
        })
    }
}

struct Server {
    workspace: Workspace<Disk>,
    api: Api,
    /// The open documents' addresses, by path.
    open: HashMap<PathBuf, Url>,
    out: Sender<Vec<u8>>,
}

impl Server {
    /// The server for the client's workspace, and the answer to `initialize`.
    fn start(params: Start, args: &ServerArgs, out: Sender<Vec<u8>>) -> (Server, Value) {
        let root = params
            .workspace_folders
            .as_ref()
            .and_then(|folders| folders.first())
            .map(|folder| folder.uri.clone())
            .or(params.root_uri)
            .and_then(|uri| uri.to_file_path().ok())
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_default();
        let base = std::fs::canonicalize(&root).unwrap_or(root);
        let mut problems = Vec::new();
        let settings = match settings::for_folder(&base) {
            Ok(settings) => Some(settings),
            Err(problem) => {
                problems.push(format!("{problem}; checking with every rule on and the default settings"));
                None
            }
        };
        let options = settings.as_ref().map(Settings::options).unwrap_or_default();
        let site = params
            .initialization_options
            .as_ref()
            .and_then(|options| options.get("siteUrl"))
            .and_then(Value::as_str)
            .map(String::from)
            .or_else(|| args.site_url.clone())
            .unwrap_or_else(|| LOCAL_SITE.to_string());
        let server = Server {
            workspace: Workspace::new(Disk { settings, options, layout: Layout::read(&base), base }),
            api: api(&site),
            open: HashMap::new(),
            out,
        };
        for problem in problems {
            server.log(MessageType::ERROR, problem);
        }
        (server, serde_json::to_value(convert::initialize_result()).unwrap_or_default())
    }

    fn log(&self, kind: MessageType, message: String) {
        let params = lsp_types::LogMessageParams { typ: kind, message };
        send(&self.out, Notification::new(LogMessage::METHOD.into(), params));
    }

    fn request(&mut self, request: Request) -> Result<Value, Failure> {
        fn answer<R: Serialize>(result: Result<R, Failure>) -> Result<Value, Failure> {
            result.map(|result| serde_json::to_value(result).unwrap_or_default())
        }
        match request.method.as_str() {
            HoverRequest::METHOD => answer(params(request.params).and_then(|p| self.hover(p))),
            Completion::METHOD => answer(params(request.params).and_then(|p| self.completion(p))),
            SignatureHelpRequest::METHOD => answer(params(request.params).and_then(|p| self.signature_help(p))),
            CodeActionRequest::METHOD => answer(params(request.params).and_then(|p| self.code_actions(p))),
            method => Err(Failure::new(ErrorCode::MethodNotFound, format!("unknown method {}", quote(method)))),
        }
    }

    fn notification(&mut self, notification: Notification) {
        let method = notification.method.clone();
        let done = match method.as_str() {
            DidOpenTextDocument::METHOD => params(notification.params).map(|p| self.did_open(p)),
            DidChangeTextDocument::METHOD => params(notification.params).and_then(|p| self.did_change(p)),
            DidCloseTextDocument::METHOD => params(notification.params).map(|p| self.did_close(p)),
            DidSaveTextDocument::METHOD | DidChangeWatchedFiles::METHOD => {
                self.workspace.forget_reads();
                self.publish_all();
                Ok(())
            }
            // `initialized`, `$/cancelRequest`, `$/setTrace` and the like need nothing.
            _ => Ok(()),
        };
        if let Err(failure) = done {
            self.log(MessageType::WARNING, format!("{method}: {}", failure.message));
        }
    }

    fn did_open(&mut self, params: lsp_types::DidOpenTextDocumentParams) {
        let path = path_of(&params.text_document.uri);
        self.workspace.open(path.clone(), params.text_document.text);
        self.open.insert(path.clone(), params.text_document.uri);
        self.publish(&path);
    }

    fn did_change(&mut self, params: lsp_types::DidChangeTextDocumentParams) -> Result<(), Failure> {
        let path = path_of(&params.text_document.uri);
        let text = self.workspace.text_mut(&path).map_err(not_open)?;
        for change in params.content_changes {
            match change.range {
                Some(range) => {
                    apply_change(text, convert::position(range.start), convert::position(range.end), &change.text)
                }
                None => *text = change.text,
            }
        }
        self.publish(&path);
        Ok(())
    }

    fn did_close(&mut self, params: lsp_types::DidCloseTextDocumentParams) {
        let path = path_of(&params.text_document.uri);
        self.workspace.close(&path);
        self.open.remove(&path);
        let cleared = lsp_types::PublishDiagnosticsParams::new(params.text_document.uri, Vec::new(), None);
        send(&self.out, Notification::new(PublishDiagnostics::METHOD.into(), cleared));
    }

    fn publish_all(&mut self) {
        let paths: Vec<PathBuf> = self.open.keys().cloned().collect();
        for path in paths {
            self.publish(&path);
        }
    }

    fn publish(&mut self, path: &Path) {
        let Some(uri) = self.open.get(path).cloned() else { return };
        let diagnostics = self.diagnostics(path).unwrap_or_default();
        let params = lsp_types::PublishDiagnosticsParams::new(uri, diagnostics, None);
        send(&self.out, Notification::new(PublishDiagnostics::METHOD.into(), params));
    }

    /// The document's problems in the protocol's terms; none for a file the settings exclude.
    fn diagnostics(&mut self, path: &Path) -> Result<Vec<lsp_types::Diagnostic>, Failure> {
        if self.workspace.host().excluded(path) {
            return Ok(Vec::new());
        }
        let found = self.workspace.checked(path).map_err(not_open)?.diagnostics();
        let text = self.workspace.text(path).map_err(not_open)?;
        Ok(convert::diagnostics(text, &found, &self.api))
    }

    fn hover(&mut self, params: lsp_types::HoverParams) -> Result<Option<lsp_types::Hover>, Failure> {
        let place = params.text_document_position_params;
        let (text, outline, offset) = self.at(&place.text_document.uri, place.position)?;
        Ok(self.api.hover(&text, &outline, offset).map(|hover| convert::hover(&text, hover)))
    }

    fn completion(&mut self, params: lsp_types::CompletionParams) -> Result<lsp_types::CompletionResponse, Failure> {
        let place = params.text_document_position;
        let (text, outline, offset) = self.at(&place.text_document.uri, place.position)?;
        Ok(convert::completions(&text, self.api.completions(&text, &outline, offset)))
    }

    fn signature_help(
        &mut self,
        params: lsp_types::SignatureHelpParams,
    ) -> Result<Option<lsp_types::SignatureHelp>, Failure> {
        let place = params.text_document_position_params;
        let (text, outline, offset) = self.at(&place.text_document.uri, place.position)?;
        Ok(self.api.signature_help(&text, &outline, offset).map(convert::signature_help))
    }

    fn code_actions(
        &mut self,
        params: lsp_types::CodeActionParams,
    ) -> Result<Vec<lsp_types::CodeActionOrCommand>, Failure> {
        let uri = params.text_document.uri;
        let path = path_of(&uri);
        let diagnostics = if self.workspace.host().excluded(&path) {
            Vec::new()
        } else {
            self.workspace.checked(&path).map_err(not_open)?.diagnostics()
        };
        let fixed = match convert::wants_fix_all(params.context.only.as_deref()) {
            true => self.workspace.checked(&path).map_err(not_open)?.fix_all(),
            false => None,
        };
        let text = self.workspace.text(&path).map_err(not_open)?;
        Ok(convert::code_actions(
            text,
            &uri,
            params.range,
            params.context.only.as_deref(),
            &diagnostics,
            fixed,
            &self.api,
        ))
    }

    /// The open document's text, outline and the byte offset of `position`.
    fn at(
        &mut self,
        uri: &Url,
        position: lsp_types::Position,
    ) -> Result<(String, atlas_checker::Outline, usize), Failure> {
        let path = path_of(uri);
        let outline = self.workspace.checked(&path).map_err(not_open)?.outline();
        let text = self.workspace.text(&path).map_err(not_open)?.to_string();
        let offset = atlas_ide::Lines::new(&text).offset(convert::position(position));
        Ok((text, outline, offset))
    }
}

fn not_open(error: atlas_ide::NotOpen) -> Failure {
    Failure::new(ErrorCode::InvalidParams, error.to_string())
}

/// The document's path: the file's, links resolved, as module lookups name it; the address
/// itself for a document that is not a file (`untitled:`).
fn path_of(uri: &Url) -> PathBuf {
    match uri.to_file_path() {
        Ok(path) => std::fs::canonicalize(&path).unwrap_or(path),
        Err(()) => PathBuf::from(uri.as_str()),
    }
}

/// The reference data built into the binary, linking to `site`.
fn api(site: &str) -> Api {
    let file = |name: &str| {
        crate::embedded::FILES.iter().find(|(path, _)| *path == format!("data/{name}")).map_or("", |(_, text)| *text)
    };
    // The build checks both files (`atlas-content`'s tests), so they parse.
    let reference =
        atlas_reference::Reference::parse(file(atlas_reference::DATA_FILE)).expect("the embedded reference parses");
    let summaries =
        atlas_reference::Summaries::parse(file(atlas_reference::SUMMARIES_FILE)).expect("the embedded summaries parse");
    Api::new(reference, summaries, site)
}
