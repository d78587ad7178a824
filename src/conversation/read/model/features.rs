//! The features of a message for the intent model: character n-grams of the
//! folded text. Shared, as source, by the trainer (`tools/intent-train`)
//! and by the bot that applies the model, so both read a message the same way.
//!
//! Folding: lower case, full-width forms as ASCII, every digit as `0` (an
//! amount or an instance ID says nothing about the intent), anything that is
//! not a letter, a digit or a CJK character as a space, spaces collapsed,
//! one space at each end. Features: every 2-, 3- and 4-character window,
//! and every single character that is not ASCII (a Chinese character is a
//! word on its own). No segmentation is needed, and a typo changes only the
//! windows it touches.

/// The folded form of a message, as the n-grams are taken from it.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push(' ');
    let mut space = true;
    for c in text.chars() {
        let c = match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        };
        for c in c.to_lowercase() {
            let c = if c.is_ascii_digit() {
                '0'
            } else if c.is_alphanumeric() && c != '\u{00B2}' {
                c
            } else {
                ' '
            };
            if c == ' ' {
                if !space {
                    out.push(' ');
                }
                space = true;
            } else {
                out.push(c);
                space = false;
            }
        }
    }
    if !space {
        out.push(' ');
    }
    out
}

/// Calls `each` once for every distinct feature of the folded text `f`, as
/// a slice of it.
pub fn each_feature(f: &str, mut each: impl FnMut(&str)) {
    let starts: Vec<usize> = f.char_indices().map(|(i, _)| i).chain([f.len()]).collect();
    let chars = starts.len() - 1;
    let mut seen: Vec<&str> = Vec::with_capacity(chars * 4);
    for i in 0..chars {
        let one = &f[starts[i]..starts[i + 1]];
        if !one.is_ascii() {
            seen.push(one);
        }
        for n in 2..=4 {
            if i + n <= chars {
                seen.push(&f[starts[i]..starts[i + n]]);
            }
        }
    }
    seen.sort_unstable();
    seen.dedup();
    for s in seen {
        // A window of spaces alone carries nothing.
        if s.trim().is_empty() {
            continue;
        }
        each(s);
    }
}
