//! The server's end of stdio: LSP's framing (`Content-Length` headers, then a JSON-RPC body)
//! read on a thread, written by another, with an answer for every frame. lsp-server's own reader
//! ends the connection at the first body that does not parse and allocates whatever length a
//! header claims; here a body that is not JSON (or not UTF-8) gets a parse error (-32700) with
//! a null id, JSON that is not a message an invalid-request error (-32600) with its id when it
//! has one, a frame over [`MAX_FRAME_BYTES`] is skipped unread with a parse error, and a run of
//! bytes that are no header gets one parse error; either way the server reads on. Standard
//! output carries nothing but these frames, each written whole by the writing thread.

use std::io::{self, BufRead, Read, Write};
use std::thread::{self, JoinHandle};

use crossbeam_channel::{Receiver, Sender};
use lsp_server::{ErrorCode, Message};
use serde_json::{Value, json};

use atlas_input::cap_quoted;

/// The longest frame read: a document at twice the checker's 10 MB limit, every character
/// escaped, fits.
pub const MAX_FRAME_BYTES: usize = 64 * 1024 * 1024;

/// The longest header line: real ones are under 100 bytes.
const MAX_HEADER_BYTES: u64 = 1024;

/// Standard input's messages, the sender of standard output's bodies, and the writing thread,
/// which [`finish`] ends once what was sent is written. The reading thread ends with the input.
pub fn start() -> (Receiver<Message>, Sender<Vec<u8>>, JoinHandle<()>) {
    let (to_writer, bodies) = crossbeam_channel::unbounded::<Vec<u8>>();
    let (to_server, messages) = crossbeam_channel::bounded::<Message>(16);
    let writer = thread::spawn(move || {
        let mut stdout = io::stdout().lock();
        // An empty body is `finish`'s: no message is empty.
        for body in bodies.iter().take_while(|body| !body.is_empty()) {
            let written = write!(stdout, "Content-Length: {}\r\n\r\n", body.len())
                .and_then(|()| stdout.write_all(&body))
                .and_then(|()| stdout.flush());
            // The client is gone: nothing more can reach it.
            if written.is_err() {
                break;
            }
        }
    });
    let replies = to_writer.clone();
    thread::spawn(move || read(&mut io::stdin().lock(), &to_server, &replies));
    (messages, to_writer, writer)
}

/// Waits until what was sent to `out` is written, so the last answers reach the client before
/// the process ends.
pub fn finish(out: &Sender<Vec<u8>>, writer: JoinHandle<()>) {
    if out.send(Vec::new()).is_ok() {
        let _ = writer.join();
    }
}

/// The body of `message`, as the writing thread takes it.
pub fn body(message: &Message) -> Vec<u8> {
    let mut framed = Vec::new();
    // Writing to a vector cannot fail.
    let _ = message.write(&mut framed);
    let start = framed.windows(4).position(|window| window == b"\r\n\r\n").map_or(0, |at| at + 4);
    framed.split_off(start)
}

/// Reads frames from `input` until it ends (or the server stops listening).
pub fn read(input: &mut impl BufRead, messages: &Sender<Message>, replies: &Sender<Vec<u8>>) {
    // Set while bytes that are no header are skipped, so a run of them gets one answer.
    let mut lost = false;
    loop {
        let frame = match frame(input) {
            Ok(Frame::End) => return,
            Ok(Frame::Body(body)) => body,
            Ok(Frame::Skipped(problem)) => {
                lost = false;
                send_error(replies, Value::Null, ErrorCode::ParseError, problem);
                continue;
            }
            Ok(Frame::NotAHeader(problem)) => {
                if !lost {
                    send_error(replies, Value::Null, ErrorCode::ParseError, problem);
                }
                lost = true;
                continue;
            }
            // Standard input itself failed: the client is gone.
            Err(_) => return,
        };
        lost = false;
        match parse(&frame) {
            Ok(message) => {
                if messages.send(message).is_err() {
                    return;
                }
            }
            Err((id, code, problem)) => send_error(replies, id, code, problem),
        }
    }
}

enum Frame {
    Body(Vec<u8>),
    /// A frame over the size limit, skipped: why.
    Skipped(String),
    /// A line that is not a header, or headers without a length: why.
    NotAHeader(String),
    End,
}

fn frame(input: &mut impl BufRead) -> io::Result<Frame> {
    let mut length: Option<usize> = None;
    loop {
        let mut line = Vec::new();
        input.by_ref().take(MAX_HEADER_BYTES).read_until(b'\n', &mut line)?;
        if line.is_empty() {
            return Ok(Frame::End);
        }
        if !line.ends_with(b"\n") {
            return Ok(Frame::NotAHeader(format!(
                "expected a header line such as `Content-Length: 52`, got {} bytes without a line end",
                line.len()
            )));
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            break;
        }
        let Some((name, value)) = text.split_once(':') else {
            return Ok(Frame::NotAHeader(format!("expected a header `Name: value`, got {}", cap_quoted(text))));
        };
        if name.trim().eq_ignore_ascii_case("Content-Length") {
            match value.trim().parse::<u64>() {
                Ok(bytes) => length = Some(usize::try_from(bytes).unwrap_or(usize::MAX)),
                Err(_) => {
                    return Ok(Frame::NotAHeader(format!(
                        "expected a number of bytes in Content-Length, got {}",
                        cap_quoted(value.trim())
                    )));
                }
            }
        }
    }
    let Some(length) = length else {
        return Ok(Frame::NotAHeader("expected a Content-Length header before the blank line".into()));
    };
    if length > MAX_FRAME_BYTES {
        io::copy(&mut input.by_ref().take(length as u64), &mut io::sink())?;
        return Ok(Frame::Skipped(format!(
            "a message of {length} bytes is over the limit of {MAX_FRAME_BYTES} bytes: skipped unread"
        )));
    }
    let mut body = Vec::with_capacity(length);
    input.by_ref().take(length as u64).read_to_end(&mut body)?;
    if body.len() < length {
        return Ok(Frame::End);
    }
    Ok(Frame::Body(body))
}

/// A message, or the id, code and reason of the error that answers it.
fn parse(body: &[u8]) -> Result<Message, (Value, ErrorCode, String)> {
    let value: Value = serde_json::from_slice(body).map_err(|err| {
        (
            Value::Null,
            ErrorCode::ParseError,
            format!("expected a JSON-RPC message in UTF-8 JSON: {}", cap_quoted(&err.to_string())),
        )
    })?;
    let id = value.get("id").cloned().filter(|id| id.is_string() || id.is_number()).unwrap_or(Value::Null);
    let expected = "expected a request (id, method, params), a notification (method, params) or a response (id, \
                    result or error)";
    // serde would take `{"id": 5}` for a response with neither a result nor an error.
    let answers = ["method", "result", "error"].iter().any(|key| value.get(key).is_some());
    if !answers {
        return Err((id, ErrorCode::InvalidRequest, format!("{expected}: got no method")));
    }
    serde_json::from_value(value)
        .map_err(|err| (id, ErrorCode::InvalidRequest, format!("{expected}: {}", cap_quoted(&err.to_string()))))
}

fn send_error(replies: &Sender<Vec<u8>>, id: Value, code: ErrorCode, message: String) {
    let reply = json!({"jsonrpc": "2.0", "id": id, "error": {"code": code as i32, "message": message}});
    let _ = replies.send(reply.to_string().into_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn framed(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    /// What reading `input` gives: the methods of the messages, and the error replies.
    fn read_all(input: &[u8]) -> (Vec<String>, Vec<Value>) {
        let (to_server, messages) = crossbeam_channel::unbounded();
        let (to_writer, replies) = crossbeam_channel::unbounded();
        read(&mut io::Cursor::new(input), &to_server, &to_writer);
        drop((to_server, to_writer));
        let methods = messages
            .iter()
            .map(|message| match message {
                Message::Request(request) => request.method,
                Message::Notification(notification) => notification.method,
                Message::Response(_) => "response".into(),
            })
            .collect();
        (methods, replies.iter().map(|reply| serde_json::from_slice(&reply).unwrap()).collect())
    }

    #[test]
    fn every_bad_frame_is_answered_and_reading_goes_on() {
        let good = framed(r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#);
        let mut input = Vec::new();
        input.extend(framed("{not json").bytes());
        input.extend(framed(r#"{"jsonrpc":"2.0","id":7,"params":{}}"#).bytes());
        input.extend(b"Content-Length: 4\r\n\r\n\xff\xfe\x00\x01");
        input.extend(b"\x00\x01binary garbage without a line end".repeat(100));
        input.extend(b"\n");
        input.extend(good.bytes());
        // Skipped to the end of the input, which it claims.
        input.extend(b"Content-Length: 99999999999\r\n\r\n");
        let (methods, replies) = read_all(&input);
        assert_eq!(methods, ["initialized"], "{replies:?}");
        let codes: Vec<i64> = replies.iter().map(|reply| reply["error"]["code"].as_i64().unwrap()).collect();
        assert_eq!(codes, [-32700, -32600, -32700, -32700, -32700], "{replies:?}");
        assert_eq!(replies[1]["id"], 7);
        assert!(replies.iter().all(|reply| reply["error"]["message"].as_str().unwrap().len() < 300));
    }

    #[test]
    fn a_body_cut_short_ends_the_input() {
        let (methods, replies) = read_all(b"Content-Length: 100\r\n\r\n{\"jsonrpc\"");
        assert!(methods.is_empty() && replies.is_empty());
    }
}
