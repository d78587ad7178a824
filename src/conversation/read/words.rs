//! Word lists read from the templates (`|`-separated, both languages) and
//! the folding that makes a message comparable with them.

use crate::render::{Lang, Renderer};

/// Lower case, full-width forms as ASCII, curly quotes straight, spaces
/// collapsed, no punctuation at either end, no leading slash.
pub fn fold(text: &str) -> String {
    let mapped: String = text
        .chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            '\u{2018}' | '\u{2019}' => '\'',
            _ => c,
        })
        .flat_map(char::to_lowercase)
        .collect();
    let joined = mapped.split_whitespace().collect::<Vec<_>>().join(" ");
    joined
        .trim_matches(|c: char| !c.is_alphanumeric() && c != '#')
        .trim_start_matches('/')
        .trim()
        .to_owned()
}

pub(crate) fn list(r: &Renderer, key: &str) -> Vec<String> {
    let mut out = Vec::new();
    for lang in Lang::ALL {
        if r.has(lang, key) {
            out.extend(
                r.text(lang, key, ())
                    .split('|')
                    .map(fold)
                    .filter(|w| !w.is_empty()),
            );
        }
    }
    out
}
