//! Text clean-up shared by the parsers.

/// Maps full-width ASCII (`８００`, `．`, `：`, `，`), the ideographic space and
/// the full-width yen sign to their ASCII forms, turns the various Unicode
/// dashes and the minus sign into `-`, drops zero-width characters, and trims.
pub(crate) fn normalize(text: &str) -> String {
    let mapped: String = text.chars().filter_map(normalize_char).collect();
    mapped.trim().to_string()
}

/// What [`normalize`] makes of one character (`None`: dropped), for callers
/// that must map positions in the cleaned text back to the original.
pub(crate) fn normalize_char(c: char) -> Option<char> {
    match c {
        '\u{FF01}'..='\u{FF5E}' => Some(char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)),
        '\u{3000}' => Some(' '),
        '\u{FFE5}' => Some('¥'),
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE63}' => Some('-'),
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' => None,
        _ => Some(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_ascii_becomes_ascii() {
        assert_eq!(normalize("８００．５０"), "800.50");
        assert_eq!(normalize("１，２００"), "1,200");
        assert_eq!(normalize("１４：００"), "14:00");
        assert_eq!(normalize("ＵＨＯＳＴ－１"), "UHOST-1");
    }

    #[test]
    fn ideographic_and_zero_width_spaces_are_cleaned() {
        assert_eq!(normalize("\u{3000}800\u{200B}元\u{3000}"), "800元");
    }

    #[test]
    fn dashes_and_the_full_width_yen_sign_are_unified() {
        assert_eq!(normalize("uhost—1a2b3c4d"), "uhost-1a2b3c4d");
        assert_eq!(normalize("−5"), "-5");
        assert_eq!(normalize("￥800"), "¥800");
    }
}

/// The last `n` characters of `s` (all of it when shorter): the words just
/// before a found phrase, where a negation or a "少了" would sit.
pub fn last_chars(s: &str, n: usize) -> &str {
    match n.checked_sub(1) {
        Some(k) => s.char_indices().rev().nth(k).map_or(s, |(i, _)| &s[i..]),
        None => "",
    }
}

/// Where `needle` is found in `hay`, left to right, without overlaps (as
/// `str::match_indices`). The phrase lists are short words looked for in
/// short messages, hundreds per message: a first-byte scan (`memchr`) and a
/// compare costs far less than setting up `str`'s general searcher for
/// each (the largest item of a typed step's profile). A whole UTF-8 needle
/// can only match where a character starts.
pub fn find_iter<'a>(hay: &'a str, needle: &'a str) -> impl Iterator<Item = usize> + 'a {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let mut from = 0;
    std::iter::from_fn(move || {
        let first = *n.first()?;
        while from + n.len() <= h.len() {
            let at = from + memchr::memchr(first, &h[from..=h.len() - n.len()])?;
            if h[at..at + n.len()] == *n {
                from = at + n.len();
                return Some(at);
            }
            from = at + 1;
        }
        None
    })
}

#[cfg(test)]
mod find_tests {
    use super::find_iter;

    #[test]
    fn finds_what_match_indices_finds() {
        for (hay, needle) in [
            ("退款还没到账，到账了吗", "到账"),
            ("aaaa", "aa"),
            ("hi this is", "is"),
            ("短", "短文本"),
            ("", "x"),
            ("abc", ""),
            ("¥800 and ¥900", "¥9"),
        ] {
            let want: Vec<usize> = if needle.is_empty() {
                Vec::new()
            } else {
                hay.match_indices(needle).map(|(at, _)| at).collect()
            };
            assert_eq!(
                find_iter(hay, needle).collect::<Vec<_>>(),
                want,
                "{hay} / {needle}"
            );
        }
    }
}

#[cfg(test)]
mod last_chars_tests {
    use super::last_chars;

    #[test]
    fn the_last_characters_not_bytes() {
        assert_eq!(last_chars("余额只多了", 3), "只多了");
        assert_eq!(last_chars("ab", 6), "ab");
        assert_eq!(last_chars("abc", 0), "");
    }
}
