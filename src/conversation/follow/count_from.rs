//! "Can I add a sentence asking them to calculate the refund from 2
//! December, the day I first requested it?", "能不能让他们按我申请那天算":
//! after a refusal, the appeal asks for the refund counted as of the first
//! request (the server ran on only because of the refusal). The line is the
//! letter's own (`count_from_request`); other questions in the message are
//! answered first.

use crate::case::CaseStatus;
use crate::conversation::base::reply::{Out, Reply};
use crate::conversation::base::state::{Position as P, State};
use crate::conversation::base::vocab::Ctx;
use crate::conversation::cases::card;
use crate::conversation::read::clauses::contains_any;
use crate::conversation::read::words::fold;
use serde_json::json;

/// Acted on when the message asks for it on a refused case, else false.
pub(crate) fn asked(s: &mut State, t: &str, ctx: &Ctx, out: &mut Out) -> bool {
    let d = &ctx.intents.dialogue;
    if !matches!(s.at, P::CaseView | P::Result | P::Ladder) || !contains_any(&fold(t), &d.case.count_from) {
        return false;
    }
    let Some(c) = card::active(s, ctx).filter(|c| c.status == CaseStatus::Rejected) else {
        return false;
    };
    let mut c = c.clone();
    // The day of the request, when the case does not have it yet.
    if c.data.submitted_at.is_none() {
        c.data.submitted_at = crate::input::one_past_date(t, s.lang(), ctx.now);
    }
    let Some(day) = c.data.submitted_at else {
        return false;
    };
    c.data.count_from_request = true;
    crate::conversation::follow::follow_steps::save(out, &c, None, None);
    crate::conversation::ask::answer_others(s, t, &[&d.case.count_from], ctx, out);
    out.say(Reply::new(
        "letter.count_from_noted",
        json!({ "n": c.number, "day": day.to_rfc3339() }),
    ));
    crate::conversation::follow::note::again(s, &c, ctx, out);
    true
}
