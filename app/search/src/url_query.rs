//! The search results page's state in its URL (`/search/?q=scaledown`), by the convention of
//! [`atlas_input::ToolQuery`]: any text is a query, so reading never refuses anything.

use atlas_input::{Params, Read, ToolQuery};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchQuery {
    pub q: String,
}

impl ToolQuery for SearchQuery {
    type Context = ();

    fn read(params: &Params, _: &()) -> Read<SearchQuery> {
        Read { query: SearchQuery { q: params.get("q").unwrap_or_default().to_string() }, problems: Vec::new() }
    }

    fn params(&self, _: &()) -> Params {
        [("q", self.q.as_str())].into_iter().filter(|(_, q)| !q.is_empty()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use atlas_input::fuzz::{Rng, params};

    #[test]
    fn a_million_hostile_queries_read_without_a_panic_and_read_back_the_same() {
        atlas_input::fuzz::check_reader::<SearchQuery>(&(), &["q"], 1_000_000, 23).unwrap();
    }

    #[test]
    fn hostile_queries_are_answered_without_a_panic() {
        let mut builder = crate::IndexBuilder::new();
        let page = builder.add_page("gpus", "GPUs");
        builder.add_section(page, "", "GPUs", "Pick a GPU with gpu=\"H100:4\" and scaledown_window.");
        let (index, _) = builder.build();
        let mut rng = Rng::new(24);
        for _ in 0..100_000 {
            let query = SearchQuery::read(&params(&mut rng, &["q"]), &()).query;
            assert!(index.search(&query.q, 10).len() <= 1);
        }
    }
}
