//! Seeded hostile inputs for the property tests: the readers of every tool's URL state must take
//! any query without a panic, write back what reads back the same, and quote what they refuse
//! briefly.

use std::fmt::Debug;
use std::panic::{self, AssertUnwindSafe};

use crate::{Params, ToolQuery};

/// The longest message a refused value may produce: a quoted excerpt and a list of choices.
pub const MAX_MESSAGE_CHARS: usize = 400;

/// A small, seeded generator (xorshift64*): the same inputs on every run, so a failure repeats.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number below `bound` (which must not be 0).
    pub fn below(&mut self, bound: usize) -> usize {
        (self.next_u64() % bound as u64) as usize
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Pieces values are made of: what careless and hostile people type, and what tools accept.
const PIECES: &[&str] = &[
    "",
    " ",
    "0",
    "1",
    "-1",
    "10",
    "100",
    "1e308",
    "-0",
    "NaN",
    "inf",
    "0.5",
    ".",
    "..",
    "99999999999999999999",
    "*",
    "*/15",
    "1-5",
    "1,15",
    ",",
    "-",
    "/",
    "?",
    "L",
    "W",
    "#",
    "@daily",
    "@reboot",
    "mon",
    "JAN",
    "UTC",
    "America/New_York",
    "Europe/Paris",
    "../../etc",
    "%",
    "%2F",
    "+",
    "&",
    "=",
    "<script>",
    "\"",
    "'",
    "`",
    "\\",
    "\n",
    "\t",
    "\u{0}",
    "\u{feff}",
    "é",
    "🦀",
    "\u{202e}",
    "A100",
    "H100:8",
    "L4",
    "bf16",
    "int4",
    "always",
    "requests",
    "batch",
    "broad",
    "narrow",
    "starter",
    "team",
    "period",
    "cron",
    "1.2",
    "1.6",
    "2026-03-08T00:00",
    "2026-03-08T00:00:00Z",
    "+05:60",
    "9999-12-31T23:59:59Z",
];

/// A value made of a few pieces; now and then (one in 4096) a long one of up to 100 KB.
pub fn value(rng: &mut Rng) -> String {
    if rng.below(4096) == 0 {
        return rng.pick(PIECES).repeat(1 + rng.below(100_000));
    }
    (0..rng.below(5)).map(|_| *rng.pick(PIECES)).collect()
}

/// Parameters named from `names` (the tool's own) and now and then something else.
pub fn params(rng: &mut Rng, names: &[&str]) -> Params {
    (0..rng.below(12))
        .map(|_| {
            let name = if rng.below(8) == 0 { value(rng) } else { rng.pick(names).to_string() };
            (name, value(rng))
        })
        .collect()
}

/// Reads `count` generated queries of `Q` (seeded by `seed`) and returns the first that breaks
/// the reader's invariant: a panic, a message longer than [`MAX_MESSAGE_CHARS`], or parameters
/// written back that do not read back as the same query with no problem.
pub fn check_reader<Q: ToolQuery + PartialEq + Debug>(
    context: &Q::Context,
    names: &[&str],
    count: u64,
    seed: u64,
) -> Result<(), String> {
    let mut rng = Rng::new(seed);
    for n in 0..count {
        let given = params(&mut rng, names);
        let outcome = panic::catch_unwind(AssertUnwindSafe(|| {
            let read = Q::read(&given, context);
            if let Some(problem) = read.problems.iter().find(|p| p.message.chars().count() > MAX_MESSAGE_CHARS) {
                return Err(format!(
                    "a message of {} characters: {}",
                    problem.message.chars().count(),
                    problem.message
                ));
            }
            let written = read.query.params(context);
            let again = Q::read(&Params::parse(&written.encode()), context);
            if again.query != read.query || !again.problems.is_empty() {
                return Err(format!(
                    "wrote {:?}, which reads back as {:?} ({:?})",
                    written.encode(),
                    again.query,
                    again.problems
                ));
            }
            Ok(())
        }));
        let failure = match outcome {
            Ok(Ok(())) => continue,
            Ok(Err(failure)) => failure,
            Err(_) => "a panic".to_string(),
        };
        let shown: String = given.encode().chars().take(2000).collect();
        return Err(format!("input {n} ({shown}): {failure}"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Read;

    #[test]
    fn queries_survive_being_written_and_read_again() {
        let mut rng = Rng::new(7);
        for _ in 0..100_000 {
            let given = params(&mut rng, &["expr", "tz"]);
            assert_eq!(Params::parse(&given.encode()), given);
        }
    }

    /// A reader that breaks the invariant must be caught, or the property tests prove nothing.
    #[derive(Debug, PartialEq)]
    struct ForgetsTheZone(String);

    impl ToolQuery for ForgetsTheZone {
        type Context = ();

        fn read(params: &Params, _: &()) -> Read<Self> {
            Read { query: ForgetsTheZone(params.get("tz").unwrap_or("UTC").into()), problems: Vec::new() }
        }
        fn params(&self, _: &()) -> Params {
            Params::new()
        }
    }

    #[test]
    fn a_reader_that_does_not_read_back_what_it_wrote_is_caught() {
        let failure = check_reader::<ForgetsTheZone>(&(), &["tz"], 1000, 1).unwrap_err();
        assert!(failure.contains("reads back as"), "{failure}");
    }
}
