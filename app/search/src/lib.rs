//! Search for Modal Atlas, with no dependencies but the project's input conventions, and no I/O: the build feeds it sections of text
//! and writes the bytes it encodes; the browser decodes those bytes once and answers every
//! keystroke from memory.
//!
//! - [`tokenize`] splits text into terms the way readers type them: code tokens whole
//!   (`scaledown_window`, `modal.cron`, `h100:4`) and also by their parts, words lower-cased
//!   and lightly stemmed (`sandboxes` → `sandbox`).
//! - [`IndexBuilder`] collects sections and encodes the [`Index`]: a front-coded term list with
//!   postings that say in which field (page title, heading, body) each term occurs.
//! - [`Index::search`] ranks sections: exact matches before prefix matches before typo matches,
//!   then by field (title, heading, body) and BM25 weight.
//! - [`excerpt`] cuts a short passage of a section around the matched words, for display.
//! - [`url_query`] is the results page's state in its URL.

mod bytes;
mod excerpt;
mod index;
mod query;
mod tokenize;
pub mod url_query;

pub use bytes::DecodeError;
pub use excerpt::{Segment, excerpt};
pub use index::{Doc, Index, IndexBuilder, Page, TextStore};
pub use query::{Hit, MatchKind};
pub use tokenize::{Token, tokenize};
