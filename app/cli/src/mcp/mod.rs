//! `modal-atlas mcp`: a Model Context Protocol server over stdio, so a coding assistant can search
//! and read the reference and run the checker, the cron engine and the cost estimate natively.
//!
//! The reference is embedded at build time (`build.rs`): the server runs from an installed binary,
//! anywhere, and answers from the content it was built with; `--content DIR` serves a checkout's
//! `content/` instead, for writers checking their pages. The tools are in `tools`; this is only
//! the protocol, through rmcp, over the line reader in `stdio`.

mod stdio;
mod tools;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;

use atlas_content::ContentFiles;
use rmcp::model::{
    CallToolRequestParams, CallToolResponse, CallToolResult, ContentBlock, CustomRequest, CustomResult, ErrorCode,
    Implementation, InitializeRequestParams, ListToolsResult, PaginatedRequestParams, ServerCapabilities, ServerConfig,
    Tool,
};
use rmcp::service::RequestContext;
use rmcp::{ErrorData, RoleServer, ServerHandler, ServiceExt};
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::args::McpArgs;
use atlas_input::{cap_quoted, quote};
pub use tools::{Atlas, CallError};

pub fn run(args: McpArgs) -> Result<(), String> {
    let atlas = match args.content {
        None => Atlas::embedded()?,
        Some(content) => Atlas::from_files(&ContentFiles::read(&content).map_err(atlas_content::report)?)?,
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|err| format!("cannot start the server's runtime: {err}"))?;
    runtime.block_on(async {
        let stdio = stdio::Stdio::start().map_err(|err| format!("cannot read standard input: {err}"))?;
        let service =
            Server::new(atlas).serve(stdio).await.map_err(|err| format!("the MCP client did not initialize: {err}"))?;
        service.waiting().await.map_err(|err| format!("the server stopped: {err}"))?;
        Ok(())
    })
}

#[derive(Clone)]
struct Server {
    atlas: Arc<Atlas>,
    tools: Arc<Vec<Tool>>,
}

impl Server {
    fn new(atlas: Atlas) -> Server {
        let tools = atlas
            .tools()
            .into_iter()
            .map(|spec| Tool::new(spec.name, spec.description, Arc::new(spec.input_schema)))
            .collect();
        Server { atlas: Arc::new(atlas), tools: Arc::new(tools) }
    }
}

impl ServerHandler for Server {
    fn get_info(&self) -> ServerConfig {
        ServerConfig::new(ServerCapabilities::builder().enable_tools().build())
            .with_server_info(Implementation::new("modal-atlas", env!("CARGO_PKG_VERSION")))
            .with_instructions(self.atlas.instructions())
    }

    async fn list_tools(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListToolsResult, ErrorData> {
        Ok(ListToolsResult::with_all_items(self.tools.as_ref().clone()))
    }

    async fn call_tool(
        &self,
        request: CallToolRequestParams,
        _context: RequestContext<RoleServer>,
    ) -> Result<CallToolResponse, ErrorData> {
        let arguments = serde_json::Value::Object(request.arguments.unwrap_or_default());
        // A bug in an engine must not take the server down with it.
        let outcome = catch_unwind(AssertUnwindSafe(|| self.atlas.call(&request.name, arguments)))
            .unwrap_or_else(|_| Err(CallError::Tool(format!("{}: internal error; please report it", request.name))));
        match outcome {
            Ok(text) => Ok(CallToolResult::success(vec![ContentBlock::text(text)]).into()),
            Err(CallError::Tool(message)) => Ok(CallToolResult::error(vec![ContentBlock::text(message)]).into()),
            Err(CallError::UnknownTool(name)) => {
                let names: Vec<&str> = self.tools.iter().map(|tool| tool.name.as_ref()).collect();
                Err(ErrorData::invalid_params(
                    format!("no tool {}: expected one of {}", quote(&name), names.join(", ")),
                    None,
                ))
            }
        }
    }

    /// rmcp hands over as custom a request whose method it does not know, and one of a method it
    /// knows whose params do not have that method's shape: the second is the caller's mistake in
    /// the params (-32602, with what is wrong), not an unknown method.
    async fn on_custom_request(
        &self,
        request: CustomRequest,
        _context: RequestContext<RoleServer>,
    ) -> Result<CustomResult, ErrorData> {
        let params = request.params.as_ref();
        let problem = match request.method.as_str() {
            "tools/call" => tool_call_problem(params),
            "tools/list" => params_problem::<PaginatedRequestParams>("tools/list", params),
            "initialize" => params_problem::<InitializeRequestParams>("initialize", params),
            method => {
                return Err(ErrorData::new(
                    ErrorCode::METHOD_NOT_FOUND,
                    format!(
                        "no method {}: this server answers initialize, ping, tools/list and tools/call",
                        quote(method)
                    ),
                    None,
                ));
            }
        };
        Err(ErrorData::invalid_params(problem, None))
    }
}

/// What is wrong with the params of a `tools/call` that rmcp could not read.
fn tool_call_problem(params: Option<&Value>) -> String {
    let Some(Value::Object(params)) = params else {
        return format!(
            "tools/call: expected params with the tool's `name` and its `arguments` (an object), found {}",
            params.map_or("none", kind)
        );
    };
    match (params.get("name"), params.get("arguments")) {
        (Some(Value::String(_)), Some(arguments)) if !arguments.is_object() => format!(
            "tools/call: `arguments`: expected an object of the tool's arguments (see tools/list), found {}",
            kind(arguments)
        ),
        (Some(Value::String(_)), _) => {
            params_problem::<CallToolRequestParams>("tools/call", Some(&Value::Object(params.clone())))
        }
        (name, _) => format!(
            "tools/call: `name`: expected the tool's name as a string (see tools/list), found {}",
            name.map_or("none", kind)
        ),
    }
}

/// Why `params` are not a `T`, as serde says (with the values it quotes shortened).
fn params_problem<T: DeserializeOwned>(method: &str, params: Option<&Value>) -> String {
    match serde_json::from_value::<T>(params.cloned().unwrap_or(Value::Null)) {
        Err(err) => format!("{method}: {}", cap_quoted(&err.to_string())),
        Ok(_) => format!("{method}: the params are not what MCP gives this method"),
    }
}

/// What kind of JSON value `value` is, for messages.
fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
