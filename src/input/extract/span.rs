//! The message as the reader sees it: normalised (full-width to ASCII),
//! ASCII-lowercased, with every byte mapped back to the original text so a
//! fact's words are always the user's own, and with the parts already read
//! marked so no number is read twice.

use std::ops::Range;

use regex::Regex;

use crate::input::text::normalize_char;

/// A built-in pattern, compiled.
pub(super) fn re(pattern: &str) -> Regex {
    // The patterns are constants covered by the tests, never user text.
    Regex::new(pattern).unwrap_or_else(|e| panic!("bad built-in pattern {pattern}: {e}"))
}

/// Stands in for text already read, in [`Text::masked`]; never in user text
/// after normalisation since [`Text::new`] drops it.
pub(super) const MASK: char = '\u{1}';

pub(super) struct Text<'a> {
    original: &'a str,
    /// Normalised, ASCII-lowercased text.
    pub(super) norm: String,
    /// For each byte of `norm`: the original byte range of its character.
    origin: Vec<Range<usize>>,
    taken: Vec<bool>,
}

impl<'a> Text<'a> {
    pub(super) fn new(original: &'a str) -> Text<'a> {
        let mut norm = String::with_capacity(original.len());
        let mut origin = Vec::with_capacity(original.len());
        let mut prev = None;
        let mut chars = original.char_indices().peekable();
        while let Some((at, c)) = chars.next() {
            // In a sentence the Chinese comma between ASCII digits ends a
            // clause ("不是200，200是原价": two amounts, not 200,200); between
            // full-width digits it is a thousands separator ("１，２００").
            let next = chars.peek().map(|(_, n)| *n);
            let between = |d: Option<char>| d.is_some_and(|d| d.is_ascii_digit());
            let clause_end = c == '，' && between(prev) && between(next);
            prev = Some(c);
            let Some(n) = (if clause_end { Some(';') } else { normalize_char(c) }) else {
                continue;
            };
            // Control characters (NUL included) read as a space.
            let n = if n.is_control() {
                ' '
            } else {
                n.to_ascii_lowercase()
            };
            norm.push(n);
            for _ in 0..n.len_utf8() {
                origin.push(at..at + c.len_utf8());
            }
        }
        let taken = vec![false; norm.len()];
        Text {
            original,
            norm,
            origin,
            taken,
        }
    }

    /// The original words behind `range` of the normalised text.
    pub(super) fn words(&self, range: &Range<usize>) -> String {
        let (Some(first), Some(last)) = (
            self.origin.get(range.start),
            range.end.checked_sub(1).and_then(|e| self.origin.get(e)),
        ) else {
            return String::new();
        };
        self.original
            .get(first.start..last.end)
            .unwrap_or_default()
            .to_string()
    }

    pub(super) fn is_free(&self, range: &Range<usize>) -> bool {
        self.taken
            .get(range.clone())
            .is_some_and(|t| !t.iter().any(|b| *b))
    }

    pub(super) fn take(&mut self, range: &Range<usize>) {
        if let Some(t) = self.taken.get_mut(range.clone()) {
            t.iter_mut().for_each(|b| *b = true);
        }
    }

    /// `norm` with every character already read replaced by [`MASK`]s of
    /// the same byte length, so positions stay valid.
    pub(super) fn masked(&self) -> String {
        let mut out = String::with_capacity(self.norm.len());
        for (at, c) in self.norm.char_indices() {
            if self.taken.get(at).copied().unwrap_or(false) {
                out.extend(std::iter::repeat_n(MASK, c.len_utf8()));
            } else {
                out.push(c);
            }
        }
        out
    }
}

/// At most the first `max` bytes of `s`, cut at a character boundary.
pub(super) fn head(s: &str, max: usize) -> &str {
    let mut end = max.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// At most the last `max` bytes of `s`, cut at a character boundary.
pub(super) fn tail(s: &str, max: usize) -> &str {
    let mut start = s.len().saturating_sub(max);
    while !s.is_char_boundary(start) {
        start += 1;
    }
    &s[start..]
}

/// Characters that end a clause (after normalisation).
pub(super) const BOUNDARIES: [char; 9] = ['。', ',', ';', '!', '?', '\n', '；', '、', '…'];

/// The characters between two positions with whitespace removed, and
/// whether a clause boundary (full stop, comma, line break...) lies there.
pub(super) fn gap(s: &str, range: Range<usize>) -> Option<(usize, bool)> {
    let between = s.get(range)?;
    let boundary = between.contains(BOUNDARIES);
    // A value already read counts as one word however long it is.
    let mut count = 0;
    let mut previous = ' ';
    for c in between.chars().filter(|c| !c.is_whitespace()) {
        if c != MASK || previous != MASK {
            count += 1;
        }
        previous = c;
    }
    Some((count, boundary))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_come_from_the_original_text() {
        let t = Text::new("实付８００元 ok");
        let at = t.norm.find("800元").unwrap();
        assert_eq!(t.words(&(at..at + "800元".len())), "８００元");
    }

    #[test]
    fn taken_text_is_masked_with_the_same_length() {
        let mut t = Text::new("ab 中文");
        t.take(&(3..6));
        let m = t.masked();
        assert_eq!(m.len(), t.norm.len());
        assert!(m.ends_with('文'));
        assert!(!t.is_free(&(0..4)));
    }
}
