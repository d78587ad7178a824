//! A message cut into clauses: at sentence ends, at a comma before a
//! question, at spaces between Chinese words; never inside quotation marks
//! (support's words quoted are one piece, whatever they hold).

use crate::conversation::read::words::fold;

/// One clause of a message: its own words, folded, and whether it ended with a question mark.
#[derive(Clone, Debug, PartialEq)]
pub struct Clause {
    pub text: String,
    pub folded: String,
    pub mark: bool,
}

/// Splits a message at sentence ends (。！？!?；; and new lines) and, in Chinese, at spaces
/// between words ("没被拒啊 我还没申请呢"), keeping instance IDs, dates and amounts whole (a
/// space next to a digit or a Latin letter does not split).
pub fn split(text: &str) -> Vec<Clause> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let chars: Vec<char> = text.chars().collect();
    // The closing mark of the quote the text is in, if it is in one.
    let mut closes: Option<char> = None;
    for (i, &c) in chars.iter().enumerate() {
        if let Some(close) = closes {
            closes = (c != close).then_some(close);
            cur.push(c);
            continue;
        }
        if let Some(close) = closing_mark(c, &chars[i + 1..]) {
            closes = Some(close);
            cur.push(c);
            continue;
        }
        let end = matches!(c, '。' | '！' | '？' | '!' | '?' | '；' | ';' | '\n')
            || (c == '.' && chars.get(i + 1).is_some_and(|n| n.is_whitespace()))
            || (c == ',' && asks_next(&chars[i + 1..]))
            || (matches!(c, '，' | ',') && opens_question(&chars[i + 1..]));
        let soft =
            c.is_whitespace() && is_cjk(prev_non_space(&chars, i)) && is_cjk(next_non_space(&chars, i));
        if end || soft {
            push(&mut out, &cur, matches!(c, '？' | '?'));
            cur.clear();
        } else {
            cur.push(c);
        }
    }
    push(&mut out, &cur, false);
    out
}

/// English words that open a question: a comma before one ends a clause ("nov 20ish, does…").
const OPENERS: [&str; 18] = [
    "does", "do", "did", "can", "could", "is", "are", "was", "should", "would", "will", "what", "where",
    "when", "why", "how", "which", "who",
];

/// "是11月20号退订的，请问退订就算删除吧？", "…被拒了两次，我是想问下一步怎么办": a question opened after a comma.
fn opens_question(rest: &[char]) -> bool {
    let next: String = rest.iter().take(5).collect();
    let openers = "请问|想问|问一下|问下|另外问|我想问|我是想问|我就想问";
    openers.split('|').any(|w| next.trim_start().starts_with(w))
}

fn asks_next(rest: &[char]) -> bool {
    let next: String = rest.iter().collect();
    let word = next
        .trim_start()
        .trim_start_matches("and ")
        .split(|c: char| !c.is_ascii_alphabetic())
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    OPENERS.contains(&word.as_str())
}

fn push(out: &mut Vec<Clause>, text: &str, mark: bool) {
    let t = text.trim();
    if t.is_empty() {
        // "?" alone marks the clause before it.
        if mark && let Some(last) = out.last_mut() {
            last.mark = true;
        }
        return;
    }
    // "所以我能拿回275.54 是这意思吧", "过了14号没到再催 对不": a tag question after a space asks
    // about the clause before it.
    let tag = ["对不", "对吗", "对么", "是不", "是吗"].contains(&t.trim_end_matches(['?', '？']));
    if let Some(last) = out.last_mut()
        && t.chars().count() <= 5
        && (t.ends_with('吧') || tag)
    {
        last.text = format!("{} {t}", last.text);
        last.folded = fold(&last.text);
        last.mark |= mark || tag;
        return;
    }
    out.push(Clause {
        text: t.to_owned(),
        folded: fold(t),
        mark,
    });
}

fn prev_non_space(chars: &[char], i: usize) -> Option<char> {
    chars[..i].iter().rev().find(|c| !c.is_whitespace()).copied()
}

fn next_non_space(chars: &[char], i: usize) -> Option<char> {
    chars[i + 1..].iter().find(|c| !c.is_whitespace()).copied()
}

/// A Chinese character (a space between two of them separates clauses).
pub fn is_cjk(c: Option<char>) -> bool {
    c.is_some_and(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c) || ('\u{3400}'..='\u{4DBF}').contains(&c))
}

/// The mark that closes a quote opened by `c`, when `rest` closes it: an
/// unbalanced mark opens nothing.
fn closing_mark(c: char, rest: &[char]) -> Option<char> {
    let close = match c {
        '“' => '”',
        '「' => '」',
        '『' => '』',
        '"' => '"',
        _ => return None,
    };
    rest.contains(&close).then_some(close)
}

/// The text without what it quotes: what the person asks is in their own
/// words ("客服说“您确定吗？”" asks nothing).
pub fn unquoted(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let mut closes: Option<char> = None;
    for (i, &c) in chars.iter().enumerate() {
        match closes {
            Some(close) => closes = (c != close).then_some(close),
            None => match closing_mark(c, &chars[i + 1..]) {
                Some(close) => closes = Some(close),
                None => out.push(c),
            },
        }
    }
    out
}
