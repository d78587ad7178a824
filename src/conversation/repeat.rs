//! The same letter is not sent twice in a row to a message that asked for
//! something else ("那证据呢？机器删了监控截图还能截吗", "别再发信了。就回答我一个
//! 问题：…"): the letter above is said to be unchanged, and what the message
//! asks is answered where the knowledge base knows it. Asked for again in
//! so many words ("申诉信再给我发一遍"), it is sent again.

use std::hash::{Hash, Hasher};

use crate::conversation::base::reply::{Out, Reply};
use crate::conversation::base::state::State;
use crate::conversation::base::vocab::Ctx;
use crate::conversation::read::clauses::{contains_any, split};
use crate::conversation::read::words::fold;

/// Replies that are a letter to copy.
fn letter(key: &str) -> bool {
    [
        "followup.not_arrived",
        "followup.different",
        "followup.ahead",
        "cloud_followup_",
        "appeal",
        "cloud_appeal",
        "request_text",
        "cloud_request_text",
        "ladder.letter_",
    ]
    .iter()
    .any(|k| key.starts_with(k))
}

fn digest(r: &Reply) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    r.key.hash(&mut h);
    r.data.to_string().hash(&mut h);
    h.finish()
}

/// After a step: a letter the previous step sent word for word is replaced
/// by a short note and the answer to the message's question, unless the
/// message asked for the letter again. Keeps the letter's digest in `s`.
pub(crate) fn guard(before: &State, s: &mut State, t: Option<&str>, ctx: &Ctx, out: &mut Out) {
    let sent = out.replies.iter().position(|r| letter(&r.key));
    let now = sent.map(|i| digest(&out.replies[i]));
    s.last_letter = now;
    let (Some(i), Some(t)) = (sent, t) else {
        return;
    };
    if before.last_letter != now {
        return;
    }
    let d = &ctx.intents.dialogue;
    let folded = fold(t);
    let refused = contains_any(&folded, &d.letter_refused);
    // A letter named or asked to be written ("申诉信再给我发一遍", "write me a
    // chase-up") is sent; so is one after a report that asks nothing
    // ("余额一点没变啊 离谱"): only a question gets the note instead.
    let asking: Vec<String> = split(t)
        .into_iter()
        .filter(|c| d.words.asks(c))
        .map(|c| c.text)
        .collect();
    // ("我要不要让外包写个书面说明" asks about someone else's writing.)
    let to_me = contains_any(&folded, &d.to_me);
    let wants = contains_any(&folded, &d.letter) || (contains_any(&folded, &d.write) && to_me);
    if asking.is_empty() || (wants && !refused) {
        return;
    }
    let mut answers = Out::default();
    crate::conversation::ask::answer(s, &asking.join("，"), ctx, &mut answers);
    answers.replies.retain(|r| r.key != "ask.unknown");
    let answered = !answers.replies.is_empty();
    let mut note = Reply::new("letter.unchanged", serde_json::json!({ "answered": answered }));
    note.buttons = std::mem::take(&mut out.replies[i].buttons);
    let mut replaced = vec![note];
    replaced.extend(answers.replies);
    out.replies.splice(i..=i, replaced);
}
