//! The playground's state in its URL's query: the client release the code must run on
//! (`?target=1.2`), by the convention of [`atlas_input::ToolQuery`]. The code itself travels in
//! the fragment (`#code=`), which servers never see, so it has no length limit of theirs.

use atlas_checker::api::{CLIENT_VERSION, RELEASES, Version};
use atlas_input::{Params, Problem, Read, ToolQuery, quote};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlaygroundQuery {
    /// The first release of a series the reference covers (`1.2`); `None` is the newest client.
    pub target: Option<Version>,
}

/// The release series the reference covers, newest first (`1.6`, `1.5`, …, `1.0`).
pub fn release_series() -> Vec<Version> {
    let mut series: Vec<Version> = Vec::new();
    for release in RELEASES.iter().rev() {
        let start = Version { major: release.major, minor: release.minor, patch: None, post: 0 };
        if !series.contains(&start) {
            series.push(start);
        }
    }
    series
}

impl ToolQuery for PlaygroundQuery {
    type Context = ();

    fn read(params: &Params, _: &()) -> Read<PlaygroundQuery> {
        let wanted = params.get("target").unwrap_or("");
        if wanted.is_empty() {
            return Read { query: PlaygroundQuery::default(), problems: Vec::new() };
        }
        match wanted.parse::<Version>() {
            Ok(version) if release_series().contains(&version) => {
                Read { query: PlaygroundQuery { target: Some(version) }, problems: Vec::new() }
            }
            _ => Read {
                query: PlaygroundQuery::default(),
                problems: vec![Problem {
                    name: "target",
                    message: format!(
                        "This link's client version {} is not one the checker knows; checking against the newest, {CLIENT_VERSION}.",
                        quote(wanted)
                    ),
                }],
            },
        }
    }

    fn params(&self, _: &()) -> Params {
        self.target.iter().map(|version| ("target", version.to_string())).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(query: &str) -> Read<PlaygroundQuery> {
        PlaygroundQuery::read(&Params::parse(query), &())
    }

    #[test]
    fn a_known_series_is_read_and_written_back() {
        let link = read("target=1.2");
        assert_eq!(link.query.target.as_ref().map(ToString::to_string).as_deref(), Some("1.2"));
        assert_eq!(link.query.params(&()).encode(), "target=1.2");
        assert!(read("").query.params(&()).is_empty());
    }

    #[test]
    fn an_unknown_release_is_reported_and_the_newest_checked() {
        for wanted in ["9.9", "1.2.3", "latest", "1.", "٣.٢"] {
            let link = PlaygroundQuery::read(&Params::from_iter([("target", wanted)]), &());
            assert_eq!(link.query, PlaygroundQuery::default(), "{wanted}");
            assert_eq!(link.problems[0].name, "target");
        }
    }

    #[test]
    fn a_million_hostile_queries_read_without_a_panic_and_read_back_the_same() {
        atlas_input::fuzz::check_reader::<PlaygroundQuery>(&(), &["target"], 1_000_000, 22).unwrap();
    }
}
