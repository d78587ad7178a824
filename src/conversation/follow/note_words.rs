//! The words a letter is asked to add, read out of the message asking.

use crate::conversation::read::clauses::contains_any;
use crate::conversation::read::words::fold;

/// The longest note kept from one message, in characters.
pub(super) const MAX_NOTE: usize = 300;

/// The words to add: what follows the last colon (what is in quotes there),
/// without the sentence that asks for it; else what is in quotes.
pub(super) fn words(t: &str, phrases: &[String]) -> Option<String> {
    // "会不会写“投诉”不太好": a word quoted in a question is no sentence to add.
    let quoted = |t: &str| {
        crate::conversation::read::rejection::quoted(t)
            .filter(|q| q.chars().filter(|c| c.is_alphanumeric()).count() >= 4)
    };
    // "can I add that support already approved it on 2026-11-09?": what
    // follows "add that" in its own sentence is the note.
    let that = t
        .split_inclusive(['。', '！', '？', '.', '!', '?'])
        .find_map(|part| {
            let lower = part.to_lowercase();
            ["add that ", "mention that ", "include that ", "say that "]
                .iter()
                .find_map(|m| lower.find(m).map(|at| part[at + m.len()..].trim()))
        })
        .map(|n| n.trim_end_matches(['?', '？', '.', '。', '!', '！']).trim())
        // (A fact with its day or figure; "add that the arrears are paid"
        // is asked for in the letter's own words.)
        .filter(|n| {
            n.chars().filter(|c| c.is_alphanumeric()).count() >= 4 && n.chars().any(|c| c.is_ascii_digit())
        });
    if let Some(note) = that {
        return Some(note.chars().take(MAX_NOTE).collect());
    }
    let Some(after) = t.rsplit_once(['：', ':']).map(|(_, a)| a) else {
        return quoted(t);
    };
    if let Some(q) = quoted(after) {
        return Some(q);
    }
    // (A question is for the bot, never words for the letter.)
    let kept: String = after
        .split_inclusive(['。', '！', '？', '.', '!', '?'])
        .filter(|part| !contains_any(&fold(part), phrases) && !part.trim_end().ends_with(['?', '？']))
        .collect();
    let kept = kept.trim();
    if kept.chars().filter(|c| c.is_alphanumeric()).count() >= 4 {
        return Some(kept.chars().take(MAX_NOTE).collect());
    }
    quoted(t)
}

/// Whether two sentences make one point: at least half the character pairs
/// of the shorter are in the longer ("100G标准数据盘…不是定制" and "唯一附加项
/// 是…100G标准数据盘…不是定制配置").
pub(super) fn same_point(a: &str, b: &str) -> bool {
    let pairs = |t: &str| -> std::collections::HashSet<(char, char)> {
        let cs: Vec<char> = t.chars().filter(|c| c.is_alphanumeric()).collect();
        cs.windows(2).map(|w| (w[0], w[1])).collect()
    };
    let (a, b) = (pairs(a), pairs(b));
    let shorter = a.len().min(b.len());
    shorter > 0 && a.intersection(&b).count() * 2 >= shorter
}
