//! The byte format's building blocks: LEB128 integers and length-prefixed UTF-8 strings.

use std::fmt;

/// Why bytes could not be read as an index: they are damaged, truncated, or from another version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    pub offset: usize,
    pub expected: &'static str,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "search index is damaged: expected {} at byte {}", self.expected, self.offset)
    }
}

impl std::error::Error for DecodeError {}

#[derive(Default)]
pub(crate) struct Writer {
    pub bytes: Vec<u8>,
}

impl Writer {
    pub fn uint(&mut self, mut value: u64) {
        loop {
            let low = (value & 0x7f) as u8;
            value >>= 7;
            if value == 0 {
                self.bytes.push(low);
                return;
            }
            self.bytes.push(low | 0x80);
        }
    }

    pub fn usize(&mut self, value: usize) {
        self.uint(value as u64);
    }

    pub fn str(&mut self, text: &str) {
        self.usize(text.len());
        self.bytes.extend_from_slice(text.as_bytes());
    }

    pub fn raw(&mut self, bytes: &[u8]) {
        self.bytes.extend_from_slice(bytes);
    }
}

pub(crate) struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Self {
        Reader { bytes, at: 0 }
    }

    fn fail<T>(&self, expected: &'static str) -> Result<T, DecodeError> {
        Err(DecodeError { offset: self.at, expected })
    }

    pub fn uint(&mut self) -> Result<u64, DecodeError> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let Some(&byte) = self.bytes.get(self.at) else { return self.fail("an integer") };
            self.at += 1;
            value |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Ok(value);
            }
        }
        self.fail("an integer of at most 64 bits")
    }

    /// An integer used as a count or index, bounded so damaged bytes cannot ask for huge memory.
    pub fn usize_below(&mut self, limit: usize, expected: &'static str) -> Result<usize, DecodeError> {
        let at = self.at;
        match self.uint()? {
            value if (value as usize) < limit && value <= usize::MAX as u64 => Ok(value as usize),
            _ => Err(DecodeError { offset: at, expected }),
        }
    }

    pub fn take(&mut self, len: usize, expected: &'static str) -> Result<&'a [u8], DecodeError> {
        match self.bytes.get(self.at..self.at.saturating_add(len)) {
            Some(slice) => {
                self.at += len;
                Ok(slice)
            }
            None => self.fail(expected),
        }
    }

    pub fn str(&mut self) -> Result<&'a str, DecodeError> {
        let len = self.usize_below(self.remaining() + 1, "a string length within the data")?;
        let at = self.at;
        let bytes = self.take(len, "string bytes")?;
        std::str::from_utf8(bytes).map_err(|_| DecodeError { offset: at, expected: "UTF-8 text" })
    }

    pub fn remaining(&self) -> usize {
        self.bytes.len() - self.at
    }

    pub fn finish(&self) -> Result<(), DecodeError> {
        if self.remaining() == 0 { Ok(()) } else { self.fail("the end of the data") }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_and_strings_round_trip() {
        let mut writer = Writer::default();
        for value in [0, 1, 127, 128, 300, u64::MAX] {
            writer.uint(value);
        }
        writer.str("modal.Cron ✓");
        let mut reader = Reader::new(&writer.bytes);
        for value in [0, 1, 127, 128, 300, u64::MAX] {
            assert_eq!(reader.uint().unwrap(), value);
        }
        assert_eq!(reader.str().unwrap(), "modal.Cron ✓");
        reader.finish().unwrap();
    }

    #[test]
    fn truncated_and_oversized_data_fail_with_their_offset() {
        assert_eq!(Reader::new(&[0x80]).uint().unwrap_err(), DecodeError { offset: 1, expected: "an integer" });
        assert_eq!(Reader::new(&[0x05, b'a']).str().unwrap_err().expected, "a string length within the data");
        assert_eq!(Reader::new(&[0xff; 11]).uint().unwrap_err().expected, "an integer of at most 64 bits");
    }
}
