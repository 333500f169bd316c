//! A URL's query as name/value pairs, read and written by the URL standard's
//! `application/x-www-form-urlencoded` rules, the ones `URLSearchParams` follows.

/// The longest query a tool writes into its URL, in bytes once encoded. Servers refuse request
/// lines over about 8 KB (HTTP 431), which would lose the input on reload; every real schedule or
/// estimate fits in a small part of this.
pub const MAX_QUERY_BYTES: usize = 2000;

/// A query's pairs, in order; a name may repeat (the first value counts).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Params {
    pairs: Vec<(String, String)>,
}

impl Params {
    pub fn new() -> Params {
        Params::default()
    }

    /// Reads a query string, with or without its leading `?`. Every string is a query: bytes
    /// that are not UTF-8 once percent-decoded become U+FFFD, as in browsers.
    pub fn parse(query: &str) -> Params {
        let query = query.strip_prefix('?').unwrap_or(query);
        let pairs = query
            .split('&')
            .filter(|pair| !pair.is_empty())
            .map(|pair| {
                let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
                (decode(name), decode(value))
            })
            .collect();
        Params { pairs }
    }

    /// The first value of `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.pairs.iter().find(|(key, _)| key == name).map(|(_, value)| value.as_str())
    }

    pub fn push(&mut self, name: impl Into<String>, value: impl Into<String>) {
        self.pairs.push((name.into(), value.into()));
    }

    pub fn pairs(&self) -> impl Iterator<Item = (&str, &str)> {
        self.pairs.iter().map(|(name, value)| (name.as_str(), value.as_str()))
    }

    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    /// The query string, without `?`.
    pub fn encode(&self) -> String {
        let mut out = String::new();
        for (at, (name, value)) in self.pairs.iter().enumerate() {
            if at > 0 {
                out.push('&');
            }
            encode_into(name, &mut out);
            out.push('=');
            encode_into(value, &mut out);
        }
        out
    }

    /// What of these pairs a URL can carry: all of them when they encode in at most `max_bytes`,
    /// else all but the longest values, left out one by one until the rest fit. Returns the pairs
    /// kept and the names left out, in their order here.
    pub fn fit(&self, max_bytes: usize) -> (Params, Vec<String>) {
        let lengths: Vec<usize> =
            self.pairs.iter().map(|(name, value)| encoded_len(name) + encoded_len(value) + 2).collect();
        let mut total: usize = lengths.iter().sum();
        let mut left_out = vec![false; self.pairs.len()];
        // A tool has a few dozen parameters at most: finding the longest each time is quick, and
        // links no sort into the tools' apps.
        while total > max_bytes + 1 {
            let longest =
                (0..lengths.len()).filter(|&at| !left_out[at]).max_by_key(|&at| (lengths[at], usize::MAX - at));
            let Some(at) = longest else { break };
            left_out[at] = true;
            total -= lengths[at];
        }
        let (mut kept, mut names) = (Params::new(), Vec::new());
        for ((name, value), out) in self.pairs.iter().zip(left_out) {
            if out {
                names.push(name.clone());
            } else {
                kept.push(name.clone(), value.clone());
            }
        }
        (kept, names)
    }
}

impl<N: Into<String>, V: Into<String>> FromIterator<(N, V)> for Params {
    fn from_iter<I: IntoIterator<Item = (N, V)>>(pairs: I) -> Params {
        Params { pairs: pairs.into_iter().map(|(name, value)| (name.into(), value.into())).collect() }
    }
}

fn is_unescaped(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || matches!(byte, b'*' | b'-' | b'.' | b'_')
}

fn encode_into(text: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for &byte in text.as_bytes() {
        if is_unescaped(byte) {
            out.push(byte as char);
        } else if byte == b' ' {
            out.push('+');
        } else {
            out.extend(['%', HEX[usize::from(byte >> 4)] as char, HEX[usize::from(byte & 15)] as char]);
        }
    }
}

fn encoded_len(text: &str) -> usize {
    text.bytes().map(|byte| if is_unescaped(byte) || byte == b' ' { 1 } else { 3 }).sum()
}

fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while at < bytes.len() {
        let byte = bytes[at];
        let hex = |offset: usize| bytes.get(at + offset).and_then(|&digit| (digit as char).to_digit(16));
        match (byte, hex(1), hex(2)) {
            (b'+', _, _) => out.push(b' '),
            (b'%', Some(high), Some(low)) => {
                out.push((high * 16 + low) as u8);
                at += 2;
            }
            _ => out.push(byte),
        }
        at += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_browsers_write() {
        let params = Params::parse("?expr=0+6+*+*+1&tz=America%2FNew_York&empty=&bare&&expr=second");
        assert_eq!(params.get("expr"), Some("0 6 * * 1"));
        assert_eq!(params.get("tz"), Some("America/New_York"));
        assert_eq!(params.get("empty"), Some(""));
        assert_eq!(params.get("bare"), Some(""));
        assert_eq!(params.get("missing"), None);
    }

    #[test]
    fn writes_as_url_search_params_does() {
        let params: Params = [("expr", "0 6 * * 1"), ("tz", "Europe/Paris"), ("q", "a&b=c é+~")].into_iter().collect();
        assert_eq!(params.encode(), "expr=0+6+*+*+1&tz=Europe%2FParis&q=a%26b%3Dc+%C3%A9%2B%7E");
        assert_eq!(Params::parse(&params.encode()), params);
    }

    #[test]
    fn broken_escapes_and_bytes_that_are_not_utf8_still_read() {
        let params = Params::parse("a=%&b=%zz&c=%FF%FE&d=100%25");
        assert_eq!(params.get("a"), Some("%"));
        assert_eq!(params.get("b"), Some("%zz"));
        assert_eq!(params.get("c"), Some("\u{FFFD}\u{FFFD}"));
        assert_eq!(params.get("d"), Some("100%"));
    }

    #[test]
    fn fit_leaves_out_the_longest_values_until_the_rest_fit() {
        let long = "x".repeat(3000);
        let params: Params = [("expr", long.as_str()), ("tz", "UTC"), ("from", "yy")].into_iter().collect();
        let (kept, left_out) = params.fit(MAX_QUERY_BYTES);
        assert_eq!(left_out, ["expr"]);
        assert_eq!(kept.encode(), "tz=UTC&from=yy");
        let (whole, none) = kept.fit(MAX_QUERY_BYTES);
        assert_eq!((whole, none), (kept, Vec::<String>::new()));
    }

    #[test]
    fn fit_counts_escaped_bytes() {
        // 700 characters of two bytes each, escaped to six: 4200 bytes in the URL.
        let params: Params = [("expr", "é".repeat(700))].into_iter().collect();
        assert_eq!(params.fit(MAX_QUERY_BYTES).1, ["expr"]);
        let fits: Params = [("expr", "é".repeat(300))].into_iter().collect();
        assert!(fits.encode().len() <= MAX_QUERY_BYTES);
        assert!(fits.fit(MAX_QUERY_BYTES).1.is_empty());
    }
}
