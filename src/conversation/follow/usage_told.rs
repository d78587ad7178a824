//! "I want the letter to say: I used the server to train a model…" at a
//! case refused for abnormal use: the account goes into the appeal
//! (`usage::put`), other questions in the message are answered, and the
//! letter is shown again.

use crate::case::CaseStatus;
use crate::conversation::base::reply::{Out, Reply};
use crate::conversation::base::state::{Position as P, State};
use crate::conversation::base::vocab::Ctx;
use crate::conversation::cases::card;
use crate::conversation::follow::usage::put;
use serde_json::json;

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
    crate::conversation::ask::answer_others(s, t, &[&d.case.usage, &d.letter_add], ctx, out);
    out.say(Reply::new("letter.usage_noted", json!({ "n": c.number })));
    crate::conversation::follow::note::again(s, &c, ctx, out);
    true
}
