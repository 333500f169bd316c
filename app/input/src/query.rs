//! The convention every tool's URL state follows.

use crate::Params;

/// A value of the URL that the tool could not take, shown on the field it belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The parameter's name, which is also how the tool finds the field to mark.
    pub name: &'static str,
    /// What was found and what is allowed, with the value quoted by [`crate::quote`].
    pub message: String,
}

/// A query as read from a URL, and what of the URL it could not take.
#[derive(Debug, Clone, PartialEq)]
pub struct Read<Q> {
    pub query: Q,
    pub problems: Vec<Problem>,
}

/// A tool's state as its URL carries it.
///
/// Invariant: reading never fails: a value the tool cannot take leaves its default in place
/// and adds a [`Problem`]; and what [`ToolQuery::params`] writes reads back as the same query,
/// with no problem. Text a field checks itself (a cron expression, a number) is kept as typed,
/// for the field to show with its own message.
pub trait ToolQuery: Sized {
    /// What reading needs besides the URL: the calculator's price data, which says which GPU
    /// and plan ids exist; `()` for the others.
    type Context;

    fn read(params: &Params, context: &Self::Context) -> Read<Self>;
    /// The parameters, defaults left out, in a fixed order.
    fn params(&self, context: &Self::Context) -> Params;
}
