//! "I was only training a ML model", "服务器是用来跑模型训练的": on a case
//! refused for abnormal use, the person's own account of what the server
//! did goes into the appeal in place of "ordinary purposes"
//! (`CaseData.usage_told`); other questions in the message are answered.

use crate::case::{CaseStatus, CaseView, RejectReason};
use crate::conversation::base::reply::{Out, Reply};
use crate::conversation::base::state::{Position as P, State};
use crate::conversation::base::vocab::Ctx;
use crate::conversation::cases::card;
use crate::conversation::read::clauses::{contains_any, split};
use crate::conversation::read::words::fold;
use serde_json::json;

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

/// Acted on at a refused case's screen when the message tells the use, else false.
pub(crate) fn told(s: &mut State, t: &str, ctx: &Ctx, out: &mut Out) -> bool {
    if !matches!(s.at, P::CaseView | P::Result | P::Ladder) {
        return false;
    }
    let Some(c) = card::active(s, ctx).filter(|c| c.status == CaseStatus::Rejected) else {
        return false;
    };
    let mut c = c.clone();
    if !put(&mut c, t, ctx) {
        return false;
    }
    crate::conversation::follow::follow_steps::save(out, &c, None, None);
    let d = &ctx.intents.dialogue;
    let others: Vec<String> = split(t)
        .into_iter()
        .filter(|k| {
            d.words.asks(k)
                && !contains_any(&k.folded, &d.case.usage)
                && !contains_any(&k.folded, &d.letter_add)
        })
        .map(|k| k.text)
        .collect();
    if !others.is_empty() {
        crate::conversation::ask::answer(s, &others.join("\n"), ctx, out);
    }
    out.say(Reply::new("letter.usage_noted", json!({ "n": c.number })));
    crate::conversation::follow::note::again(s, &c, ctx, out);
    true
}
