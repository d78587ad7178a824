//! "I was only training a ML model", "服务器是用来跑模型训练的": on a case
//! refused for abnormal use, the person's own account of what the server
//! did goes into the appeal in place of "ordinary purposes"
//! (`CaseData.usage_told`; said at the case's screen: `usage_told`).

use crate::case::{CaseView, RejectReason};
use crate::conversation::base::vocab::Ctx;
use crate::conversation::read::clauses::contains_any;
use crate::conversation::read::words::fold;

/// The longest account kept, in characters.
const MAX: usize = 300;

/// The sentence of `t` that says what the server was used for, if one does
/// (a question never does).
pub(crate) fn said(t: &str, ctx: &Ctx) -> Option<String> {
    let words = &ctx.intents.dialogue.case.usage;
    let sentence = t
        .split_inclusive(['。', '！', '？', '.', '!', '?', '\n'])
        .find(|p| contains_any(&fold(p), words) && !p.trim_end().ends_with(['?', '？']))?;
    // What follows a colon is the account ("I want the letter to say: I used…").
    let sentence = sentence.rsplit_once([':', '：']).map_or(sentence, |(_, a)| a);
    let kept = sentence
        .trim()
        .trim_start_matches(|c: char| c == ',' || c == '，' || c.is_whitespace())
        .trim_end_matches(['.', '。', '!', '！']);
    // ("but I never mined anything, …": the account, not the "but" before it.)
    let kept = ["but ", "But ", "但是", "但", "可是"]
        .iter()
        .find_map(|w| kept.strip_prefix(w))
        .unwrap_or(kept)
        .trim();
    (kept.chars().filter(|c| c.is_alphanumeric()).count() >= 8).then(|| kept.chars().take(MAX).collect())
}

/// Puts the account on a case refused for abnormal use; whether it did.
pub(crate) fn put(c: &mut CaseView, t: &str, ctx: &Ctx) -> bool {
    if c.data.rejection != Some(RejectReason::UsageAbnormal) {
        return false;
    }
    let Some(account) = said(t, ctx) else {
        return false;
    };
    c.data.usage_told = Some(account);
    true
}
