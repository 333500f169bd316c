//! `modal-atlas bench-server`: the language server as an editor meets it, through its own stdio:
//! the first pass over a generated project (every file opened, until each has its diagnostics),
//! then keystrokes in a 300-line module, each timed from the change sent to its diagnostics
//! received.

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::time::Instant;

use serde_json::{Value, json};

use crate::args::BenchServerArgs;

/// The server in a child process, spoken to as a client does.
struct Client {
    child: Child,
    input: ChildStdin,
    output: BufReader<ChildStdout>,
}

impl Client {
    fn start() -> Result<Client, String> {
        let exe = std::env::current_exe().map_err(|err| format!("cannot find this program: {err}"))?;
        let mut child = Command::new(exe)
            .arg("server")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(|err| format!("cannot start the server: {err}"))?;
        let input = child.stdin.take().ok_or("no stdin")?;
        let output = BufReader::new(child.stdout.take().ok_or("no stdout")?);
        Ok(Client { child, input, output })
    }

    fn send(&mut self, message: Value) -> Result<(), String> {
        let body = message.to_string();
        write!(self.input, "Content-Length: {}\r\n\r\n{body}", body.len())
            .and_then(|()| self.input.flush())
            .map_err(|err| format!("cannot write to the server: {err}"))
    }

    fn receive(&mut self) -> Result<Value, String> {
        let mut length = 0;
        loop {
            let mut line = String::new();
            if self.output.read_line(&mut line).map_err(|err| err.to_string())? == 0 {
                return Err("the server closed its output".into());
            }
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(value) = line.strip_prefix("Content-Length: ") {
                length = value.parse().map_err(|_| format!("a bad header from the server: {line}"))?;
            }
        }
        let mut body = vec![0; length];
        self.output.read_exact(&mut body).map_err(|err| err.to_string())?;
        serde_json::from_slice(&body).map_err(|err| err.to_string())
    }

    /// Reads until the diagnostics of `uri` arrive.
    fn diagnostics_of(&mut self, uri: &str) -> Result<usize, String> {
        loop {
            let message = self.receive()?;
            if message["method"] == "textDocument/publishDiagnostics" && message["params"]["uri"] == uri {
                return Ok(message["params"]["diagnostics"].as_array().map_or(0, Vec::len));
            }
        }
    }

    fn open(&mut self, uri: &str, text: &str) -> Result<(), String> {
        let document = json!({"uri": uri, "languageId": "python", "version": 1, "text": text});
        self.send(json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": document}}))
    }
}

fn uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

fn python_files(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            python_files(&path, found);
        } else if path.extension().is_some_and(|ext| ext == "py") {
            found.push(path);
        }
    }
}

pub fn run(args: BenchServerArgs) -> Result<(), String> {
    let BenchServerArgs { files, lines, keystrokes, dir } = args;
    crate::bench_project::write(&dir, files)?;
    let dir = fs::canonicalize(&dir).map_err(|err| format!("cannot read {}: {err}", dir.display()))?;
    let mut paths = Vec::new();
    python_files(&dir, &mut paths);
    paths.sort();

    let mut client = Client::start()?;
    let params = json!({"capabilities": {}, "rootUri": uri(&dir)});
    client.send(json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": params}))?;
    while client.receive()?.get("id") != Some(&json!(1)) {}
    client.send(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}))?;

    let started = Instant::now();
    let mut problems = 0;
    for path in &paths {
        let text = fs::read_to_string(path).map_err(|err| format!("cannot read {}: {err}", path.display()))?;
        client.open(&uri(path), &text)?;
        problems += client.diagnostics_of(&uri(path))?;
    }
    let first_pass = started.elapsed().as_secs_f64() * 1000.0;

    // The module is typed into where it lies in the project; each keystroke adds a character at
    // the end of a line in its middle, or takes it away again.
    let module = crate::bench_check::module(lines);
    let module_uri = uri(&dir.join("pkg/typing.py"));
    client.open(&module_uri, &module)?;
    client.diagnostics_of(&module_uri)?;
    let line = module.lines().count() / 2;
    let end = module.lines().nth(line).map_or(0, |text| text.encode_utf16().count());
    let mut times: Vec<f64> = Vec::new();
    for keystroke in 0..keystrokes.max(1) {
        let (range, text) = if keystroke % 2 == 0 {
            (json!({"start": {"line": line, "character": end}, "end": {"line": line, "character": end}}), " ")
        } else {
            (json!({"start": {"line": line, "character": end}, "end": {"line": line, "character": end + 1}}), "")
        };
        let change = json!({
            "textDocument": {"uri": module_uri, "version": keystroke + 2},
            "contentChanges": [{"range": range, "text": text}],
        });
        let started = Instant::now();
        client.send(json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": change}))?;
        client.diagnostics_of(&module_uri)?;
        times.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);

    client.send(json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}))?;
    while client.receive()?.get("id") != Some(&json!(2)) {}
    client.send(json!({"jsonrpc": "2.0", "method": "exit"}))?;
    let _ = client.child.wait();
    println!("first pass over {} files ({}): {first_pass:.0} ms, {problems} problems", paths.len(), dir.display());
    println!(
        "keystroke to diagnostics in a {}-line module, {} keystrokes: p50 {:.2} ms, p95 {:.2} ms",
        module.lines().count(),
        times.len(),
        times[times.len() / 2],
        times[times.len() * 95 / 100]
    );
    Ok(())
}
