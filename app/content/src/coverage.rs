//! Teaching coverage: which of the client's current names the teaching pages' examples use,
//! from the same uses as the API reference's "Used in" links. The site's build prints it.

use atlas_reference::{Name, Reference, Summaries};

/// The current names, sorted into three lists (each in the data's order).
#[derive(Debug, PartialEq, Eq)]
pub struct Coverage {
    /// Used by at least one current example on a teaching page.
    pub taught: Vec<String>,
    /// Used by none.
    pub untaught: Vec<String>,
    /// Named in the summaries' `[not_for_applications]` table: counted apart, taught or not.
    pub not_for_applications: Vec<String>,
}

impl Coverage {
    /// Sorts every name that is neither removed nor deprecated (nor a member of a class that is)
    /// by whether `is_used` says an example uses it.
    pub fn count(reference: &Reference, summaries: &Summaries, is_used: impl Fn(&str) -> bool) -> Coverage {
        let mut coverage = Coverage { taught: Vec::new(), untaught: Vec::new(), not_for_applications: Vec::new() };
        for name in reference.names.iter().filter(|name| !retired(reference, name)) {
            let list = if summaries.not_for_applications(&name.name).is_some() {
                &mut coverage.not_for_applications
            } else if is_used(&name.name) {
                &mut coverage.taught
            } else {
                &mut coverage.untaught
            };
            list.push(name.name.clone());
        }
        coverage
    }

    /// One line: how many names have a teaching use, of how many, and how many are set apart.
    pub fn summary(&self) -> String {
        let counted = self.taught.len() + self.untaught.len();
        // Tenths of a percent, rounded, in whole numbers so no float printing is involved.
        let tenths = (self.taught.len() * 1000 + counted / 2).checked_div(counted).unwrap_or(0);
        format!(
            "teaching coverage: {} of {counted} current names have a teaching use ({}.{}%); {} more are not for \
             applications",
            self.taught.len(),
            tenths / 10,
            tenths % 10,
            self.not_for_applications.len()
        )
    }
}

/// Removed or deprecated, itself or through the class or module it belongs to
/// (`NetworkFileSystem.listdir` goes with `NetworkFileSystem`).
fn retired(reference: &Reference, name: &Name) -> bool {
    if !name.is_current() || name.deprecated.is_some() {
        return true;
    }
    name.owner().and_then(|owner| reference.get(owner)).is_some_and(|owner| retired(reference, owner))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(name: &str, extra: &str) -> String {
        format!(r#"{{"name": "{name}", "kind": "method", "since": "1.0.0"{extra}}}"#)
    }

    fn reference() -> Reference {
        let deprecated = r#", "deprecated": {"version": "1.2.0", "date": "2025-01-01", "message": "use Volume"}"#;
        let names = [
            name("Queue", ""),
            name("Queue.put", ""),
            name("Queue.get", ""),
            name("Queue.stub", ""),
            name("Queue.lookup", r#", "removed": "1.1.0""#),
            name("Queue.old", deprecated),
            name("Store", deprecated),
            name("Store.listdir", ""),
        ];
        Reference::parse(&format!(
            r#"{{"package": "modal", "releases": [{{"version": "1.0.0", "date": "2025-01-01"}}],
                "removed_before_1_0": [], "names": [{}]}}"#,
            names.join(",")
        ))
        .unwrap()
    }

    fn summaries() -> Summaries {
        Summaries::parse(
            "[summaries]\n[not_for_applications]\n\"Queue.stub\" = \"The client's connection; internal.\"\n",
        )
        .unwrap()
    }

    #[test]
    fn current_names_are_taught_untaught_or_set_apart() {
        let used = ["Queue.put", "Queue.stub", "Queue.old", "Store.listdir"];
        let coverage = Coverage::count(&reference(), &summaries(), |name| used.contains(&name));
        assert_eq!(
            coverage,
            Coverage {
                taught: vec!["Queue.put".into()],
                // Removed and deprecated names are not counted, nor the members of a deprecated class.
                untaught: vec!["Queue".into(), "Queue.get".into()],
                not_for_applications: vec!["Queue.stub".into()],
            }
        );
        assert_eq!(
            coverage.summary(),
            "teaching coverage: 1 of 3 current names have a teaching use (33.3%); 1 more are not for applications"
        );
    }

    #[test]
    fn the_share_is_rounded_and_an_empty_reference_is_zero() {
        let coverage = Coverage::count(&reference(), &summaries(), |name| name != "Queue.get");
        assert!(
            coverage.summary().contains("2 of 3 current names have a teaching use (66.7%)"),
            "{}",
            coverage.summary()
        );
        let none = Coverage { taught: Vec::new(), untaught: Vec::new(), not_for_applications: Vec::new() };
        assert!(none.summary().contains("0 of 0 current names have a teaching use (0.0%)"), "{}", none.summary());
    }
}
