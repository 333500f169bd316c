//! `modal-atlas mcp` fed raw lines on standard input, as a broken or hostile client could send
//! them: each gets an answer, and the server goes on serving. Every wait has a deadline, so a
//! line left unanswered fails the test instead of hanging it.

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// How long an answer may take; the server answers in milliseconds.
const DEADLINE: Duration = Duration::from_secs(20);

struct Server {
    child: Child,
    stdin: Option<ChildStdin>,
    replies: Receiver<Vec<u8>>,
}

impl Server {
    fn start() -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_modal-atlas"))
            .arg("mcp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("the server starts");
        let stdin = child.stdin.take();
        let mut stdout = BufReader::new(child.stdout.take().expect("piped"));
        let (sender, replies) = mpsc::channel();
        // Read on a thread, so that waiting for a line can have a deadline.
        std::thread::spawn(move || {
            loop {
                let mut line = Vec::new();
                match stdout.read_until(b'\n', &mut line) {
                    Ok(0) | Err(_) => return,
                    Ok(_) => {
                        if sender.send(line).is_err() {
                            return;
                        }
                    }
                }
            }
        });
        Server { child, stdin, replies }
    }

    fn send(&mut self, line: &[u8]) {
        let stdin = self.stdin.as_mut().expect("open");
        stdin.write_all(line).and_then(|()| stdin.write_all(b"\n")).and_then(|()| stdin.flush()).expect("writes");
    }

    fn request(&mut self, id: u64, method: &str, params: Value) {
        let request = json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params });
        self.send(request.to_string().as_bytes());
    }

    /// The next line the server writes, as JSON.
    fn reply(&self, after: &str) -> Value {
        let line = self
            .replies
            .recv_timeout(DEADLINE)
            .unwrap_or_else(|_| panic!("no answer within {DEADLINE:?} after {after}"));
        serde_json::from_slice(&line).unwrap_or_else(|err| panic!("the server wrote a line that is not JSON: {err}"))
    }

    fn initialize(&mut self) {
        self.request(
            1,
            "initialize",
            json!({ "protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": { "name": "test", "version": "1" } }),
        );
        assert_eq!(self.reply("initialize")["result"]["serverInfo"]["name"], "modal-atlas");
        self.send(br#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#);
    }

    fn call(&mut self, id: u64, tool: &str, arguments: Value) -> Value {
        self.request(id, "tools/call", json!({ "name": tool, "arguments": arguments }));
        let reply = self.reply(tool);
        assert_eq!(reply["id"], id, "{reply}");
        reply
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        // Closing standard input ends the server.
        self.stdin = None;
        let started = Instant::now();
        while self.child.try_wait().expect("waits").is_none() {
            if started.elapsed() > DEADLINE {
                let _ = self.child.kill();
                panic!("the server did not stop within {DEADLINE:?} of its input closing");
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

#[test]
fn malformed_lines_get_a_parse_error_and_the_server_goes_on() {
    let mut server = Server::start();
    server.initialize();
    let five_mb = "ab ".repeat(5 * 1024 * 1024 / 3);
    let deep = "[".repeat(100_000);
    let malformed: [(&str, &[u8]); 5] = [
        ("not JSON", b"hello, server"),
        ("truncated JSON", br#"{"jsonrpc": "2.0", "id": 2, "method": "tools/li"#),
        ("100,000 nested brackets", deep.as_bytes()),
        ("5 MB of text", five_mb.as_bytes()),
        ("invalid UTF-8", b"{\"jsonrpc\": \"2.0\", \"id\": \"\xff\xfe\", \"method\": \"ping\"}"),
    ];
    for (id, (what, line)) in (10..).zip(malformed) {
        server.send(line);
        let reply = server.reply(what);
        assert_eq!(reply["error"]["code"], -32700, "{what}: {reply}");
        assert_eq!(reply.get("id"), Some(&Value::Null), "{what}: a parse error has a null id: {reply}");
        assert!(reply["error"]["message"].as_str().unwrap().starts_with("Parse error: "), "{what}: {reply}");
        // And the next request is answered as if nothing had happened.
        server.request(id, "tools/list", json!({}));
        let listed = server.reply(&format!("tools/list after {what}"));
        assert_eq!(listed["id"], id, "{what}: {listed}");
        assert_eq!(listed["result"]["tools"].as_array().map(Vec::len), Some(5), "{what}: {listed}");
    }
}

#[test]
fn json_that_is_not_a_request_is_an_invalid_request() {
    let mut server = Server::start();
    server.initialize();
    server.send(br#"{"jsonrpc": "2.0", "id": 3, "method": 42}"#);
    let reply = server.reply("a number for a method");
    assert_eq!((reply["error"]["code"].as_i64(), &reply["id"]), (Some(-32600), &json!(3)), "{reply}");
    server.send(br#"[1, 2, 3]"#);
    let reply = server.reply("an array");
    assert_eq!((reply["error"]["code"].as_i64(), &reply["id"]), (Some(-32600), &Value::Null), "{reply}");
    // Params are an object or an array, in JSON-RPC: anything else is not a request.
    server.request(5, "tools/call", json!("search_docs"));
    let reply = server.reply("params that are a string");
    assert_eq!((reply["error"]["code"].as_i64(), &reply["id"]), (Some(-32600), &json!(5)), "{reply}");
    server.request(4, "no/such/method", json!({}));
    let reply = server.reply("an unknown method");
    assert_eq!(reply["error"]["code"], -32601, "{reply}");
    assert!(reply["error"]["message"].as_str().unwrap().starts_with("no method `no/such/method`"), "{reply}");
}

#[test]
fn arguments_of_the_wrong_type_are_invalid_params_with_the_reason() {
    let mut server = Server::start();
    server.initialize();
    let cases = [
        (json!({ "name": "search_docs", "arguments": "keep_warm" }), "tools/call: `arguments`: expected an object"),
        (json!({ "name": "search_docs", "arguments": [1] }), "tools/call: `arguments`: expected an object"),
        (json!({ "name": 5, "arguments": {} }), "tools/call: `name`: expected the tool's name as a string"),
        (
            json!({ "arguments": {} }),
            "tools/call: `name`: expected the tool's name as a string (see tools/list), found none",
        ),
    ];
    for (id, (params, reason)) in (20..).zip(cases) {
        server.request(id, "tools/call", params.clone());
        let reply = server.reply(&params.to_string());
        assert_eq!((reply["id"].as_u64(), reply["error"]["code"].as_i64()), (Some(id), Some(-32602)), "{reply}");
        assert!(reply["error"]["message"].as_str().unwrap().starts_with(reason), "{params}: {reply}");
    }
    // A field of the wrong type is the tool's to explain, as MCP asks, so the model can correct it.
    let reply = server.call(30, "search_docs", json!({ "query": 5 }));
    assert_eq!(reply["result"]["isError"], true, "{reply}");
    let text = reply["result"]["content"][0]["text"].as_str().unwrap();
    assert!(text.starts_with("search_docs: invalid type: integer `5`, expected a string"), "{text}");
}

#[test]
fn values_come_back_as_short_excerpts() {
    let mut server = Server::start();
    server.initialize();
    let long = "q".repeat(5_000_000);
    let excerpt = format!("`{}…` (5000000 characters)", &long[..60]);
    let calls = [
        ("search_docs", json!({ "query": long })),
        ("read_page", json!({ "page": long })),
        ("cron_next_runs", json!({ "expression": "@daily", "timezone": long })),
        ("estimate_cost", json!({ "gpu": long })),
        ("search_docs", json!({ "query": "gpu", "limit": long })),
        ("search_docs", json!({ "query": "gpu", long.as_str(): 1 })),
    ];
    for (id, (tool, arguments)) in (40..).zip(calls) {
        let reply = server.call(id, tool, arguments);
        let text = reply["result"]["content"][0]["text"].as_str().unwrap_or_default();
        assert!(text.len() < 2_000, "{tool}: the answer echoes {} bytes", text.len());
        assert!(text.contains(&excerpt) || text.contains(&excerpt.replace('`', "\"")), "{tool}: {text}");
    }
}
