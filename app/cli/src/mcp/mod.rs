//! `modal-atlas mcp`: a Model Context Protocol server over stdio, so a coding assistant can search
//! and read the reference and run the checker, the cron engine and the cost estimate natively.
//!
//! The reference is embedded at build time (`build.rs`): the server runs from an installed binary,
//! anywhere, and answers from the content it was built with; `--content DIR` serves a checkout's
//! `content/` instead, for writers checking their pages. The tools are in `tools`; this is only
//! the protocol, through rmcp.

mod tools;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::sync::Arc;

use atlas_content::ContentFiles;
use rmcp::model::{
    CallToolRequestParams, CallToolResponse, CallToolResult, ContentBlock, Implementation, ListToolsResult,
    PaginatedRequestParams, ServerCapabilities, ServerConfig, Tool,
};
use rmcp::service::RequestContext;
use rmcp::{ErrorData, RoleServer, ServerHandler, ServiceExt};

use crate::args::Args;
pub use tools::{Atlas, CallError};

pub fn run(mut args: Args) -> Result<(), String> {
    let content = args.get("content", None, "");
    args.finish()?;
    let atlas = if content.is_empty() {
        Atlas::embedded()?
    } else {
        Atlas::from_files(&ContentFiles::read(Path::new(&content)).map_err(crate::prerender::report)?)?
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|err| format!("cannot start the server's runtime: {err}"))?;
    runtime.block_on(async {
        let service = Server::new(atlas)
            .serve(rmcp::transport::stdio())
            .await
            .map_err(|err| format!("the MCP client did not initialize: {err}"))?;
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
                Err(ErrorData::invalid_params(format!("no tool `{name}`: expected one of {}", names.join(", ")), None))
            }
        }
    }
}
