//! Text to terms. Readers search for code as they would type it, so a code token is kept whole
//! as well as split: `@modal.enter()` gives `modal.enter`, `modal` and `enter`.

/// A term found in text, with where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub term: String,
    /// Byte range in the source text of the run this term came from.
    pub start: usize,
    pub end: usize,
    /// True for the whole form of a code token (`scaledown_window`), false for words and parts.
    pub whole: bool,
}

/// Words too common to help a search; they are neither indexed nor required in queries.
const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "if", "in", "into", "is", "it", "its", "of", "on",
    "or", "so", "that", "the", "this", "to", "was", "with", "you", "your",
];

/// Characters that join the parts of a code token: `scaledown_window`, `modal.Cron`, `H100:4`,
/// `A100-80GB`, `/data/input`, `B200+`, `H100!`.
fn is_joiner(ch: char) -> bool {
    matches!(ch, '_' | '.' | ':' | '-' | '/' | '@' | '!' | '+')
}

fn is_word_char(ch: char) -> bool {
    ch.is_alphanumeric()
}

pub fn is_stop_word(term: &str) -> bool {
    STOP_WORDS.binary_search(&term).is_ok()
}

/// Splits `text` into terms: every word, every code token whole and by parts.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some(&(start, ch)) = chars.peek() {
        if !is_word_char(ch) && !is_joiner(ch) {
            chars.next();
            continue;
        }
        let mut end = start;
        while let Some(&(at, ch)) = chars.peek() {
            if !is_word_char(ch) && !is_joiner(ch) {
                break;
            }
            end = at + ch.len_utf8();
            chars.next();
        }
        push_run(&text[start..end], start, &mut tokens);
    }
    tokens
}

/// One run of word and joiner characters: trimmed of joiners that are punctuation at its edges,
/// then emitted whole (if it joins parts) and by parts.
fn push_run(run: &str, offset: usize, tokens: &mut Vec<Token>) {
    let keeps_trailing_mark = run.chars().any(|ch| ch.is_ascii_digit());
    let trimmed_start = run.len() - run.trim_start_matches(is_joiner).len();
    let core = run.trim_start_matches(is_joiner).trim_end_matches(|ch: char| {
        // `H100!` and `B200+` are GPU names; a `!` after a word is just punctuation.
        is_joiner(ch) && !(keeps_trailing_mark && (ch == '!' || ch == '+'))
    });
    if core.is_empty() {
        return;
    }
    let start = offset + trimmed_start;
    let end = start + core.len();
    let parts: Vec<(usize, &str)> = core
        .split(is_joiner)
        .scan(0, |at, part| {
            let here = *at;
            *at += part.len() + 1;
            Some((here, part))
        })
        .filter(|(_, part)| !part.is_empty())
        .collect();
    if parts.len() > 1 || core.len() != parts.first().map_or(0, |(_, part)| part.len()) {
        tokens.push(Token { term: core.to_lowercase(), start, end, whole: true });
    }
    for (at, part) in &parts {
        let (at, part) = (*at, *part);
        let term = normalise_word(part);
        let long_enough = term.len() >= 2 || term.chars().all(|ch| ch.is_ascii_digit());
        if long_enough && !is_stop_word(&term) {
            tokens.push(Token { term, start: start + at, end: start + at + part.len(), whole: false });
        }
    }
    // `modal.web_endpoint` is also found as `web_endpoint`: attribute paths are searched by their
    // tail. Tails without a joiner are already there as parts.
    for (at, _) in core.match_indices('.') {
        let tail = &core[at + 1..];
        if tail.contains(is_joiner) && !tail.starts_with(is_joiner) {
            tokens.push(Token { term: tail.to_lowercase(), start: start + at + 1, end, whole: true });
        }
    }
}

/// Lower-cases a word and strips a plural ending, so `Sandboxes`, `sandboxs` and `sandbox` meet.
pub fn normalise_word(word: &str) -> String {
    let lower = word.to_lowercase();
    if lower.len() < 4 || !lower.chars().all(|ch| ch.is_alphabetic()) {
        return lower;
    }
    for (suffix, replacement) in [("ies", "y"), ("sses", "ss"), ("xes", "x"), ("ches", "ch"), ("shes", "sh")] {
        if let Some(stem) = lower.strip_suffix(suffix) {
            return format!("{stem}{replacement}");
        }
    }
    // `status` and `analysis` keep their s; `gpus` and `cpus` lose it.
    let singular_ends_in_s =
        lower.ends_with("ss") || (lower.len() > 4 && (lower.ends_with("us") || lower.ends_with("is")));
    if lower.ends_with('s') && !singular_ends_in_s {
        return lower[..lower.len() - 1].to_string();
    }
    lower
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str) -> Vec<String> {
        tokenize(text).into_iter().map(|token| token.term).collect()
    }

    #[test]
    fn code_tokens_are_kept_whole_and_split() {
        assert_eq!(terms("scaledown_window"), ["scaledown_window", "scaledown", "window"]);
        assert_eq!(terms("@modal.enter()"), ["modal.enter", "modal", "enter"]);
        assert_eq!(terms("gpu=\"H100:4\""), ["gpu", "h100:4", "h100", "4"]);
        assert_eq!(terms("MODAL_ENVIRONMENT=staging"), ["modal_environment", "modal", "environment", "staging"]);
        assert_eq!(terms("A100-80GB"), ["a100-80gb", "a100", "80gb"]);
        assert_eq!(
            terms("modal.Image.uv_pip_install"),
            [
                "modal.image.uv_pip_install",
                "modal",
                "image",
                "uv",
                "pip",
                "install",
                "image.uv_pip_install",
                "uv_pip_install"
            ]
        );
    }

    #[test]
    fn gpu_marks_stay_but_sentence_punctuation_goes() {
        assert_eq!(terms("use H100! or B200+"), ["use", "h100!", "h100", "b200+", "b200"]);
        assert_eq!(terms("Deploy it now! Then call modal."), ["deploy", "now", "then", "call", "modal"]);
    }

    #[test]
    fn words_are_lower_cased_stemmed_and_stop_words_dropped() {
        assert_eq!(terms("The Sandboxes and Queues of the GPUs"), ["sandbox", "queue", "gpu"]);
        assert_eq!(terms("retries classes status"), ["retry", "class", "status"]);
    }

    #[test]
    fn spans_point_into_the_source() {
        let text = "see `modal.Cron` here";
        let whole = tokenize(text).into_iter().find(|token| token.whole).unwrap();
        assert_eq!(&text[whole.start..whole.end], "modal.Cron");
        let cron = tokenize(text).into_iter().find(|token| token.term == "cron").unwrap();
        assert_eq!(&text[cron.start..cron.end], "Cron");
    }

    #[test]
    fn any_unicode_and_punctuation_is_safe() {
        assert!(terms("!!! ... --- @@@ ///").is_empty());
        assert_eq!(terms("Zeitzone für Köln — 東京"), ["zeitzone", "für", "köln", "東京"]);
        // Combining marks without a base letter are not word characters: no term, no panic.
        assert!(terms("\u{301}\u{301}").is_empty());
    }
}
