//! The server's end of stdio: one JSON-RPC message a line in, one a line out, with an answer
//! for every line. rmcp's own stdio transport drops a line that does not parse without a word,
//! which leaves the client waiting for ever; here a line that is not JSON gets a parse error
//! (-32700) with a null id, and JSON that is not a message an invalid-request error (-32600),
//! with its id when it has one (a notification gets nothing, as JSON-RPC says); either way the
//! server reads on.
//!
//! Lines are read on a thread of their own and parsed as they arrive, so a line that stops being
//! JSON early (5 MB of text) is skipped without being kept, brackets nested past serde_json's
//! limit of 128 stop the parse before they could exhaust the stack, and no line is read past
//! [`MAX_LINE_BYTES`]. Standard output is written by one task, a whole message at a time, so
//! replies never interleave and nothing else reaches it.

use std::io::{self, BufRead, Read};

use rmcp::RoleServer;
use rmcp::model::ErrorCode;
use rmcp::service::{RxJsonRpcMessage, TxJsonRpcMessage};
use rmcp::transport::Transport;
use serde_json::{Value, json};
use tokio::io::AsyncWriteExt;
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

use atlas_input::cap_quoted;

/// The longest line read, as rmcp's own transport: a `check_code` call at the checker's limit
/// of 256 KB is a few times smaller, even with every character escaped.
pub const MAX_LINE_BYTES: usize = 16 * 1024 * 1024;

/// Messages read ahead of the server before the reading thread waits.
const READ_AHEAD: usize = 16;

/// Standard input and output as an rmcp transport.
pub struct Stdio {
    incoming: mpsc::Receiver<Incoming>,
    /// Lines for the writing task; `None` once closed.
    outgoing: Option<mpsc::UnboundedSender<Vec<u8>>>,
    writer: Option<JoinHandle<()>>,
}

/// What a line of input was.
enum Incoming {
    Message(Box<RxJsonRpcMessage<RoleServer>>),
    /// The error that answers a line that was not a message.
    Reply(Vec<u8>),
}

/// What reading a line gave.
enum Line {
    Incoming(Incoming),
    /// A blank line, or a notification that is not one this server knows.
    Nothing,
    End,
}

impl Stdio {
    /// Reads standard input on a thread and writes standard output from a task of the current
    /// tokio runtime.
    pub fn start() -> io::Result<Stdio> {
        let (incoming_sender, incoming) = mpsc::channel(READ_AHEAD);
        // The thread's stack holds serde's recursion into messages up to serde_json's depth limit.
        std::thread::Builder::new().name("mcp-stdin".into()).stack_size(8 * 1024 * 1024).spawn(move || {
            let mut input = io::BufReader::with_capacity(64 * 1024, io::stdin().lock());
            loop {
                match read_line(&mut input) {
                    Ok(Line::Incoming(item)) => {
                        if incoming_sender.blocking_send(item).is_err() {
                            return;
                        }
                    }
                    Ok(Line::Nothing) => {}
                    // At the end of input or on a read error the server is done: dropping
                    // the sender ends `receive`.
                    Ok(Line::End) | Err(_) => return,
                }
            }
        })?;
        let (outgoing, lines) = mpsc::unbounded_channel();
        let writer = tokio::spawn(write_lines(lines));
        Ok(Stdio { incoming, outgoing: Some(outgoing), writer: Some(writer) })
    }

    fn write(&self, line: Vec<u8>) -> io::Result<()> {
        let closed = || io::Error::new(io::ErrorKind::BrokenPipe, "standard output is closed");
        self.outgoing.as_ref().ok_or_else(closed)?.send(line).map_err(|_| closed())
    }
}

async fn write_lines(mut lines: mpsc::UnboundedReceiver<Vec<u8>>) {
    let mut output = tokio::io::stdout();
    while let Some(line) = lines.recv().await {
        if output.write_all(&line).await.is_err() || output.flush().await.is_err() {
            return;
        }
    }
}

impl Transport<RoleServer> for Stdio {
    type Error = io::Error;

    fn send(
        &mut self,
        item: TxJsonRpcMessage<RoleServer>,
    ) -> impl Future<Output = Result<(), Self::Error>> + Send + 'static {
        let sent = serde_json::to_vec(&item).map_err(io::Error::from).and_then(|mut line| {
            line.push(b'\n');
            self.write(line)
        });
        std::future::ready(sent)
    }

    async fn receive(&mut self) -> Option<RxJsonRpcMessage<RoleServer>> {
        loop {
            match self.incoming.recv().await? {
                Incoming::Message(message) => return Some(*message),
                Incoming::Reply(line) => self.write(line).ok()?,
            }
        }
    }

    async fn close(&mut self) -> Result<(), Self::Error> {
        // The writer ends once every line sent before is written.
        self.outgoing = None;
        match self.writer.take() {
            Some(writer) => writer.await.map_err(io::Error::other),
            None => Ok(()),
        }
    }
}

/// Reads one line of `input` and says what it was.
fn read_line(input: &mut impl BufRead) -> io::Result<Line> {
    // Blank lines and a byte order mark are skipped, as rmcp's transport skips them.
    loop {
        let available = input.fill_buf()?;
        match available.first() {
            None => return Ok(Line::End),
            Some(b'\n') => {
                input.consume(1);
                return Ok(Line::Nothing);
            }
            Some(b' ' | b'\t' | b'\r') => input.consume(1),
            Some(0xEF) if available.starts_with(b"\xEF\xBB\xBF") => input.consume(3),
            Some(_) => break,
        }
    }
    let mut line = LineReader { input, read: 0, ended: false, overlong: false, failed: None };
    // Parsed as the bytes arrive: a line that is not JSON stops being read at its first wrong byte.
    let parsed = serde_json::from_reader::<_, Value>(&mut line);
    line.skip_rest()?;
    if let Some(err) = line.failed {
        return Err(err);
    }
    let value = match parsed {
        Ok(value) => value,
        Err(_) if line.overlong => {
            return Ok(reply(
                ErrorCode::PARSE_ERROR,
                Value::Null,
                format!("Parse error: the line is longer than {MAX_LINE_BYTES} bytes, the most this server reads"),
            ));
        }
        Err(err) => {
            return Ok(reply(
                ErrorCode::PARSE_ERROR,
                Value::Null,
                format!("Parse error: not JSON ({err}); expected one JSON-RPC message a line"),
            ));
        }
    };
    // What an error needs to know of the value, found before the value is handed over.
    let id = value.get("id").filter(|id| id.is_string() || id.is_number()).cloned().unwrap_or(Value::Null);
    let notification = value.get("method").is_some_and(Value::is_string) && value.get("id").is_none();
    match serde_json::from_value::<RxJsonRpcMessage<RoleServer>>(value) {
        Ok(message) => Ok(Line::Incoming(Incoming::Message(Box::new(message)))),
        // Notifications are never answered, not even with an error; the MCP SDKs skip those they
        // do not know.
        Err(_) if notification => Ok(Line::Nothing),
        Err(err) => Ok(reply(
            ErrorCode::INVALID_REQUEST,
            id,
            format!(
                "Invalid request: not a JSON-RPC 2.0 message ({}); expected `jsonrpc`, `id` and `method` (and `params`)",
                cap_quoted(&err.to_string())
            ),
        )),
    }
}

fn reply(code: ErrorCode, id: Value, message: String) -> Line {
    let error = json!({ "jsonrpc": "2.0", "id": id, "error": { "code": code.0, "message": message } });
    let mut line = serde_json::to_vec(&error).expect("a JSON value serializes");
    line.push(b'\n');
    Line::Incoming(Incoming::Reply(line))
}

/// One line of the input as a reader: it ends at the newline (which it consumes) and fails past
/// [`MAX_LINE_BYTES`].
struct LineReader<'a, R> {
    input: &'a mut R,
    read: usize,
    ended: bool,
    overlong: bool,
    /// An error of the input itself, which ends the server.
    failed: Option<io::Error>,
}

impl<R: BufRead> Read for LineReader<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.ended || buf.is_empty() {
            return Ok(0);
        }
        let available = match self.input.fill_buf() {
            Ok(available) => available,
            Err(err) => {
                let kind = err.kind();
                self.failed = Some(err);
                return Err(kind.into());
            }
        };
        if available.is_empty() {
            self.ended = true;
            return Ok(0);
        }
        // Only as far as `buf` reaches: serde_json asks for a byte at a time.
        let window = &available[..available.len().min(buf.len())];
        let (take, newline) = match window.iter().position(|&byte| byte == b'\n') {
            Some(at) => (at, true),
            None => (window.len(), false),
        };
        if self.read + take > MAX_LINE_BYTES {
            self.overlong = true;
            return Err(io::Error::new(io::ErrorKind::InvalidData, "the line is too long"));
        }
        buf[..take].copy_from_slice(&window[..take]);
        self.input.consume(take + usize::from(newline));
        self.read += take;
        self.ended = newline;
        Ok(take)
    }
}

impl<R: BufRead> LineReader<'_, R> {
    /// Consumes what is left of the line without keeping it.
    fn skip_rest(&mut self) -> io::Result<()> {
        while !self.ended {
            let available = self.input.fill_buf()?;
            if available.is_empty() {
                break;
            }
            match available.iter().position(|&byte| byte == b'\n') {
                Some(at) => {
                    self.input.consume(at + 1);
                    self.ended = true;
                }
                None => {
                    let all = available.len();
                    self.input.consume(all);
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What each line of `input` was: a message's method, an error reply's code and id, or
    /// nothing.
    fn lines(input: &[u8]) -> Vec<String> {
        let mut input = io::BufReader::with_capacity(8, input);
        let mut seen = Vec::new();
        loop {
            match read_line(&mut input).expect("reads") {
                Line::End => return seen,
                Line::Nothing => seen.push("nothing".into()),
                Line::Incoming(Incoming::Message(message)) => {
                    let value = serde_json::to_value(&*message).unwrap();
                    seen.push(value["method"].as_str().unwrap_or("a message").to_string());
                }
                Line::Incoming(Incoming::Reply(line)) => {
                    let value: Value = serde_json::from_slice(&line).unwrap();
                    seen.push(format!("{} {}", value["error"]["code"], value["id"]));
                }
            }
        }
    }

    #[test]
    fn every_line_is_a_message_an_error_reply_or_nothing() {
        let ping = br#"{"jsonrpc":"2.0","id":7,"method":"ping"}"#;
        let input = [
            &b"not json\n"[..],
            b"{\"jsonrpc\":\"2.0\",\"id\":1,\n",
            b"\n   \r\n",
            b"\xff\xfe\n",
            b"{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"} trailing\n",
            b"{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"method\":5}\n",
            b"{\"jsonrpc\":\"2.0\",\"method\":\"notifications/unknown\",\"params\":5}\n",
            b"[1, 2]\n",
            ping,
            b"\n",
            ping,
            b"\n",
        ]
        .concat();
        assert_eq!(
            lines(&input),
            [
                "-32700 null",
                "-32700 null",
                "nothing",
                "nothing",
                "-32700 null",
                "-32700 null",
                "-32600 \"a\"",
                "nothing",
                "-32600 null",
                "ping",
                "ping",
            ]
        );
    }

    #[test]
    fn deep_brackets_and_long_lines_are_refused_without_being_kept() {
        let deep = format!("{}\n", "[".repeat(100_000));
        let long = format!("\"{}\"\n", "x".repeat(MAX_LINE_BYTES + 1));
        let input =
            [deep.as_bytes(), long.as_bytes(), b"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}\n"].concat();
        assert_eq!(lines(&input), ["-32700 null", "-32700 null", "ping"]);
    }
}
