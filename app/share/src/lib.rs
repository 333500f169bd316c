//! Code in a URL: `#code=` + raw DEFLATE + base64url, so a shared link carries the code itself
//! and never depends on a server. The build writes such links under the docs' examples; the
//! playground reads and writes them in the browser.

use miniz_oxide::deflate::compress_to_vec;
use miniz_oxide::inflate::decompress_to_vec_with_limit;

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
/// Decompressed code larger than this is refused: a link cannot make the page allocate gigabytes.
const MAX_CODE_BYTES: usize = 256 * 1024;

pub fn encode(code: &str) -> String {
    base64url(&compress_to_vec(code.as_bytes(), 9))
}

/// [`encode`] without compression: DEFLATE's stored blocks, which [`decode`] (any inflater) reads.
/// For links the browser makes from a few lines of code, where the compressor's wasm would cost
/// more bytes than it saves.
pub fn encode_stored(code: &str) -> String {
    let bytes = code.as_bytes();
    let mut deflated = Vec::with_capacity(bytes.len() + 5 * (bytes.len() / usize::from(u16::MAX) + 1));
    let mut blocks = bytes.chunks(usize::from(u16::MAX)).peekable();
    if blocks.peek().is_none() {
        // One empty final block.
        deflated.extend([1, 0, 0, 0xff, 0xff]);
    }
    while let Some(block) = blocks.next() {
        // The block header: BFINAL on the last, BTYPE 00 (stored), then LEN and its complement.
        deflated.push(u8::from(blocks.peek().is_none()));
        let len = block.len() as u16;
        deflated.extend(len.to_le_bytes());
        deflated.extend((!len).to_le_bytes());
        deflated.extend(block);
    }
    base64url(&deflated)
}

fn base64url(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 4 / 3 + 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (at, byte)| n | u32::from(*byte) << (16 - 8 * at));
        for at in 0..=chunk.len() {
            out.push(ALPHABET[(n >> (18 - 6 * at) & 63) as usize] as char);
        }
    }
    out
}

pub fn decode(text: &str) -> Result<String, String> {
    let mut bytes = Vec::with_capacity(text.len() * 3 / 4);
    let mut bits = 0u32;
    let mut count = 0;
    for ch in text.bytes() {
        let value =
            ALPHABET.iter().position(|a| *a == ch).ok_or("the link's code has a character that is not base64url")?
                as u32;
        bits = bits << 6 | value;
        count += 6;
        if count >= 8 {
            count -= 8;
            bytes.push((bits >> count) as u8);
        }
    }
    let code =
        decompress_to_vec_with_limit(&bytes, MAX_CODE_BYTES).map_err(|_| "the link's code is damaged or too large")?;
    String::from_utf8(code).map_err(|_| "the link's code is not UTF-8 text".to_string())
}

/// A playground link under `base` that opens `code`.
pub fn playground_link(base: &str, code: &str) -> String {
    format!("{base}playground/#code={}", encode(code))
}

/// [`playground_link`] with the code uncompressed ([`encode_stored`]).
pub fn playground_link_stored(base: &str, code: &str) -> String {
    format!("{base}playground/#code={}", encode_stored(code))
}

/// `decorated` (a decorator and its function) as a whole module, so the playground checks it
/// as it would run.
pub fn app_module(app_name: &str, decorated: &str) -> String {
    format!("import modal\n\napp = modal.App(\"{app_name}\")\n\n\n{decorated}\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_round_trips_through_a_link() {
        for code in ["", "import modal\n", "x = '東京 🦀'\n", &"@app.function()\n".repeat(500)] {
            assert_eq!(decode(&encode(code)).unwrap(), code);
        }
        assert!(encode("import modal\n").bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
    }

    #[test]
    fn uncompressed_code_round_trips_and_reads_as_deflate() {
        let long = "x = 1\n".repeat(20_000);
        for code in ["", "import modal\n", "x = '東京 🦀'\n", &long] {
            assert_eq!(decode(&encode_stored(code)).unwrap(), code);
        }
        // 120,000 bytes take two stored blocks, each with its five-byte header.
        assert_eq!(encode_stored(&long).len(), ((long.len() + 10) * 4).div_ceil(3));
        assert!(playground_link_stored("/", "x").starts_with("/playground/#code="));
    }

    #[test]
    fn damaged_links_are_errors() {
        assert_eq!(decode("%%%").unwrap_err(), "the link's code has a character that is not base64url");
        assert_eq!(decode("AAAA").unwrap_err(), "the link's code is damaged or too large");
        // A small link that inflates past the limit is refused, not allocated.
        let bomb = encode(&" ".repeat(MAX_CODE_BYTES + 1));
        assert_eq!(decode(&bomb).unwrap_err(), "the link's code is damaged or too large");
    }

    #[test]
    fn links_sit_under_the_base_path() {
        assert!(playground_link("/atlas/", "x").starts_with("/atlas/playground/#code="));
        assert!(
            app_module("demo", "@app.function()\ndef f(): ...")
                .starts_with("import modal\n\napp = modal.App(\"demo\")")
        );
    }
}
