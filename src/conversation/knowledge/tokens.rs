//! How a question is cut into the terms BM25 counts: folded like every
//! message (`intent::fold`: lower case, full width as ASCII), Chinese as
//! single characters and pairs of neighbours (no word segmentation needed:
//! "实例ID是啥" → 实, 例, 实例, id, 啥, 是啥), everything else as words
//! by their stems (Snowball's English stemmer: "refunded" → "refund") and
//! pairs of neighbouring words ("how long"), a decimal point inside a number
//! kept ("1.5"). Words that only hold a
//! sentence together (的, 吗, 是; the, do, my) count only inside a pair:
//! alone they say nothing of the topic and would tie every question to
//! every paraphrase.

use crate::conversation::read::words::fold;
use rust_stemmers::{Algorithm, Stemmer};
use std::sync::LazyLock;

/// English words to their stems ("refunded", "refunds" → "refund";
/// "deletion", "deleting" → "delet"), Snowball's English stemmer.
static STEMMER: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::English));

/// The tokenizer the BM25 index and the queries share.
#[derive(Clone, Copy, Debug, Default)]
pub struct Terms;

impl bm25::Tokenizer for Terms {
    /// A document is one paraphrase a line: each line is cut on its own.
    fn tokenize(&self, input_text: &str) -> Vec<String> {
        input_text.lines().flat_map(terms).collect()
    }
}

/// A Chinese (Han) character, or one of the CJK marks used inside words.
fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}')
}

/// Chinese characters that carry no topic on their own.
const HAN_GLUE: &str =
    "的了吗呢啊吧呀是我你他她它们么什怎哪能要还会有在不可以这那个一就都给和把被啥为吧嘛哦呗";

/// English words that carry no topic on their own.
const GLUE: &[&str] = &[
    "a", "an", "the", "is", "are", "was", "be", "do", "does", "did", "has", "have", "i", "my", "me", "you",
    "your", "it", "its", "it's", "to", "of", "in", "on", "at", "for", "and", "or", "this", "that", "there",
    "what", "what's", "how", "can", "will", "would", "should", "with", "so", "if", "any", "still", "i'm",
    "after", "from",
];

fn is_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '\''
}

/// The terms of a text, in order.
pub fn terms(text: &str) -> Vec<String> {
    let folded = fold(text);
    let chars: Vec<char> = folded.chars().collect();
    let mut out = Vec::new();
    // The current run of words (a run ends at Chinese text).
    let mut words: Vec<Word> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if is_han(c) {
            word_terms(&mut words, &mut out);
            let start = i;
            while i < chars.len() && is_han(chars[i]) {
                i += 1;
            }
            han_terms(&chars[start..i], &mut out);
        } else if is_word(c) {
            let start = i;
            // A point between two digits stays in the number ("1.5").
            while i < chars.len()
                && (is_word(chars[i])
                    || (chars[i] == '.'
                        && i > start
                        && chars[i - 1].is_ascii_digit()
                        && chars.get(i + 1).is_some_and(char::is_ascii_digit)))
            {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            let word = word.trim_matches('\'');
            words.push(Word {
                glue: GLUE.contains(&word),
                stem: stem(word),
            });
        } else {
            // Punctuation ends a run of words; a space does not.
            if c != ' ' {
                word_terms(&mut words, &mut out);
            }
            i += 1;
        }
    }
    word_terms(&mut words, &mut out);
    out.retain(|t| !t.is_empty());
    out
}

/// An English word as a term: its stem, and whether it only holds the
/// sentence together.
struct Word {
    glue: bool,
    stem: String,
}

/// Each word that carries a topic, and each pair of neighbours; the run is
/// emptied.
fn word_terms(words: &mut Vec<Word>, out: &mut Vec<String>) {
    for w in words.iter().filter(|w| !w.glue) {
        out.push(w.stem.clone());
    }
    for pair in words.windows(2) {
        out.push(format!("{} {}", pair[0].stem, pair[1].stem));
    }
    words.clear();
}

/// Each character that carries a topic, and each pair of neighbours.
fn han_terms(run: &[char], out: &mut Vec<String>) {
    for c in run.iter().filter(|c| !HAN_GLUE.contains(**c)) {
        out.push(c.to_string());
    }
    for pair in run.windows(2) {
        out.push(pair.iter().collect());
    }
}

/// A word's stem; a word with a digit (an ID, "1.5", "12300") as it is.
fn stem(word: &str) -> String {
    if word.chars().any(|c| c.is_ascii_digit()) {
        return word.to_owned();
    }
    STEMMER.stem(word).into_owned()
}

#[cfg(test)]
mod tests {
    use super::terms;

    #[test]
    fn chinese_is_cut_into_characters_and_pairs_and_the_rest_into_words() {
        assert_eq!(terms("实例ID是啥？"), ["实", "例", "实例", "id", "是啥"]);
        assert_eq!(
            terms("Where are the ＩＤs?"),
            ["where", "id", "where are", "are the", "the id"]
        );
        assert_eq!(
            terms("refunds in 2 hours"),
            ["refund", "2", "hour", "refund in", "in 2", "2 hour"]
        );
        assert_eq!(terms("× 1.5 是什么"), ["1.5", "是什", "什么"]);
        // Punctuation ends a run of words: no pair across the hyphen.
        assert_eq!(terms("uhost-1a2b3c4d"), ["uhost", "1a2b3c4d"]);
        assert_eq!(terms("deleting, deleted"), ["delet", "delet"]);
        assert!(terms("？！").is_empty());
    }
}
