//! The engine of `modal-atlas server`, the language server: plain Rust, no protocol types, so it
//! is tested natively and the server stays a thin layer that converts.
//!
//! - [`Workspace`] ([`workspace`]): the open documents, each checked with the project modules it
//!   imports, under the project's settings and `# noqa` comments, as `check` checks them; its
//!   safe fixes all at once; the `# noqa` edit that silences a problem.
//! - [`Api`] ([`assist`]): hover, completion and signature help on Modal names and calls.
//! - [`text`]: positions in UTF-16 code units, as editors send them, to byte offsets and back.

pub mod assist;
pub mod text;
pub mod workspace;

pub use assist::{Api, Completion, CompletionKind, Hover, SignatureHelp};
pub use text::{LinePosition, Lines, apply_change};
pub use workspace::{Checked, Host, ModuleText, NotOpen, Workspace, noqa_edit};
