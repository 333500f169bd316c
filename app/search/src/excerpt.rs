//! A short passage of a section around the words a search matched, for showing under a result.

use crate::tokenize::tokenize;

/// A piece of an excerpt; `highlight` marks the matched words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub text: String,
    pub highlight: bool,
}

/// Characters of context shown before the first match.
const LEAD: usize = 40;

/// Up to about `max_chars` characters of `text`, starting a little before the first token whose
/// term is in `terms` (which must be sorted), with every such token highlighted. Cut ends get `…`.
pub fn excerpt(text: &str, terms: &[String], max_chars: usize) -> Vec<Segment> {
    let mut spans: Vec<(usize, usize)> = tokenize(text)
        .into_iter()
        .filter(|token| terms.binary_search(&token.term).is_ok())
        .map(|token| (token.start, token.end))
        .collect();
    spans.sort_unstable();
    let first = spans.first().map_or(0, |span| span.0);
    let start = word_start_before(text, first, LEAD);
    let end = char_boundary_after(text, start, max_chars);

    let mut segments = Vec::new();
    let mut at = start;
    let mut push = |from: usize, to: usize, highlight: bool| {
        if from < to {
            segments.push(Segment { text: text[from..to].to_string(), highlight });
        }
    };
    for (span_start, span_end) in spans {
        if span_end <= at || span_start >= end {
            continue;
        }
        let span_start = span_start.max(at);
        push(at, span_start, false);
        push(span_start, span_end.min(end), true);
        at = span_end.min(end);
    }
    push(at, end, false);
    if start > 0 {
        segments.insert(0, Segment { text: "…".into(), highlight: false });
    }
    if end < text.len() {
        segments.push(Segment { text: "…".into(), highlight: false });
    }
    segments
}

/// A byte offset at most `lead` characters before `at`, moved forward to the start of a word.
fn word_start_before(text: &str, at: usize, lead: usize) -> usize {
    let before = &text[..at];
    let Some((start, _)) = before.char_indices().rev().nth(lead.saturating_sub(1)) else { return 0 };
    match text[start..at].find(char::is_whitespace) {
        Some(space) => start + space + 1,
        None => start,
    }
}

/// The byte offset `max_chars` characters after `start`, or the end of `text`.
fn char_boundary_after(text: &str, start: usize, max_chars: usize) -> usize {
    text[start..].char_indices().nth(max_chars).map_or(text.len(), |(offset, _)| start + offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(segments: &[Segment]) -> String {
        segments.iter().map(|s| if s.highlight { format!("[{}]", s.text) } else { s.text.clone() }).collect()
    }

    #[test]
    fn highlights_matched_words_and_parts() {
        let terms = vec!["cron".to_string(), "modal.cron".to_string()];
        let text = "Schedules use modal.Cron with a cron string.";
        assert_eq!(render(&excerpt(text, &terms, 200)), "Schedules use [modal.Cron] with a [cron] string.");
    }

    #[test]
    fn starts_near_the_first_match_and_marks_cuts() {
        let text = format!("{} the timezone argument {}", "word ".repeat(40), "tail ".repeat(40));
        let shown = render(&excerpt(&text, &["timezone".to_string()], 60));
        assert!(shown.starts_with("…word"), "{shown}");
        assert!(shown.contains("[timezone]"));
        assert!(shown.ends_with('…'));
    }

    #[test]
    fn works_on_any_text() {
        assert_eq!(render(&excerpt("", &[], 50)), "");
        assert_eq!(render(&excerpt("東京 東京", &["東京".to_string()], 3)), "[東京] …");
        assert_eq!(render(&excerpt("no match here", &["zzz".to_string()], 5)), "no ma…");
    }
}
