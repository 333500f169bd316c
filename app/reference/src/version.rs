//! Release numbers of the client: `1.6.4`, `1.3.0.post1`, and the `1.2` a reader names as a
//! target (the whole 1.2 series).

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer};

/// `major.minor[.patch][.postN]`. A version written without a patch number stands for its
/// series: it compares as `.0` but [`Version::matches`] takes any patch.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Version {
    pub major: u32,
    pub minor: u32,
    pub patch: Option<u32>,
    pub post: u32,
}

impl Version {
    pub const fn new(major: u32, minor: u32, patch: u32) -> Version {
        Version { major, minor, patch: Some(patch), post: 0 }
    }

    /// `self` is `wanted`, or in the series `wanted` names.
    pub fn matches(&self, wanted: &Version) -> bool {
        self.major == wanted.major
            && self.minor == wanted.minor
            && wanted
                .patch
                .is_none_or(|patch| self.patch == Some(patch) && (wanted.post == 0 || self.post == wanted.post))
    }

    /// Whether a reader on `target` has what arrived in `self`. A series target stands for its
    /// first release: a reader on "1.2" may be on 1.2.0, which lacks what 1.2.3 added.
    pub fn available_in(&self, target: &Version) -> bool {
        self <= target
    }

    fn key(&self) -> (u32, u32, u32, u32) {
        (self.major, self.minor, self.patch.unwrap_or(0), self.post)
    }
}

impl Ord for Version {
    fn cmp(&self, other: &Self) -> Ordering {
        self.key().cmp(&other.key())
    }
}

impl PartialOrd for Version {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.major, self.minor)?;
        if let Some(patch) = self.patch {
            write!(f, ".{patch}")?;
        }
        if self.post > 0 {
            write!(f, ".post{}", self.post)?;
        }
        Ok(())
    }
}

/// Why a version did not parse: what was expected, and what was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionError(String);

impl fmt::Display for VersionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for VersionError {}

impl FromStr for Version {
    type Err = VersionError;

    fn from_str(text: &str) -> Result<Version, VersionError> {
        let expected = || {
            VersionError(format!(
                "`{text}` is not a version: expected major.minor or major.minor.patch, such as `1.2` or `1.6.4`"
            ))
        };
        let mut parts = text.trim().split('.');
        let number = |part: Option<&str>| -> Result<u32, VersionError> {
            let part = part.ok_or_else(expected)?;
            if part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()) || part.len() > 6 {
                return Err(expected());
            }
            part.parse().map_err(|_| expected())
        };
        let major = number(parts.next())?;
        let minor = number(parts.next())?;
        let patch = parts.next().map(|part| number(Some(part))).transpose()?;
        let post = match parts.next() {
            Some(post) if patch.is_some() => number(post.strip_prefix("post"))?,
            Some(_) => return Err(expected()),
            None => 0,
        };
        if parts.next().is_some() {
            return Err(expected());
        }
        Ok(Version { major, minor, patch, post })
    }
}

impl<'de> Deserialize<'de> for Version {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Version, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(text: &str) -> Version {
        text.parse().unwrap()
    }

    #[test]
    fn parses_releases_and_series() {
        assert_eq!(v("1.6.4"), Version::new(1, 6, 4));
        assert_eq!(v("1.3.0.post1").post, 1);
        assert_eq!(v("1.2").patch, None);
        assert_eq!(v("1.3.0.post1").to_string(), "1.3.0.post1");
        assert_eq!(v("1.2").to_string(), "1.2");
    }

    #[test]
    fn orders_as_releases_do() {
        assert!(v("1.3.0") < v("1.3.0.post1"));
        assert!(v("1.3.0.post1") < v("1.3.1"));
        assert!(v("1.10.0") > v("1.9.9"));
        assert!(v("1.2") < v("1.2.1"));
        assert!(v("1.2.0").available_in(&v("1.2")));
        assert!(!v("1.2.3").available_in(&v("1.2")));
    }

    #[test]
    fn a_series_matches_its_releases() {
        assert!(v("1.2.6").matches(&v("1.2")));
        assert!(!v("1.3.0").matches(&v("1.2")));
        assert!(v("1.2.6").matches(&v("1.2.6")));
        assert!(!v("1.2.5").matches(&v("1.2.6")));
    }

    #[test]
    fn refuses_what_is_not_a_version_and_says_what_it_wanted() {
        for bad in ["", "1", "1.", "a.b", "1.2.3.4", "1.2.x", "1.2.3.rc1", "-1.2", "1..2", "99999999.1"] {
            let err = bad.parse::<Version>().unwrap_err();
            assert!(err.to_string().contains("expected major.minor"), "{bad}: {err}");
        }
    }
}
