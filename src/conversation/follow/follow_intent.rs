//! A follow-up asked for in words ("my refund was rejected").

use crate::conversation::base::answer::Answer;
use crate::conversation::base::buttons::Id;
use crate::conversation::base::reply::{Out, Reply};
use crate::conversation::base::state::{Position as P, State};
use crate::conversation::base::vocab::Ctx;
use crate::conversation::follow::followup::{answer, rejected};
use crate::conversation::read::rejection::Said;
use crate::input;
use serde_json::json;

/// A follow-up asked for in words ("my refund was rejected"): it goes to
/// the most recent open case and says which one, with a button to pick
/// another. Someone without a case gets one opened for the follow-up,
/// with the facts of their message in it.
pub(crate) fn for_intent(
    s: &mut State,
    intent: crate::conversation::Intent,
    t: &str,
    ctx: &Ctx,
    out: &mut Out,
) {
    use crate::conversation::Intent as I;
    if intent == I::Submitted && crate::conversation::follow::note::into_letter(s, t, ctx, out) {
        return;
    }
    // What the message already says of a rejection is not asked again.
    let said = match intent {
        I::Rejected => ctx.intents.rejection.read(t),
        _ => Said::default(),
    };
    let mut read = input::extract(t, s.lang(), ctx.now);
    crate::conversation::time_used::drop_time_used(s, t, &mut read, ctx);
    let found = &read.facts;
    // The case it is about: the one of the instance the message names, else
    // the latest estimated one; else the check in progress (no stray case
    // for a follow-up said halfway through a check).
    let named = found.iter().find_map(|f| match &f.fact {
        input::Fact::Instance(id) => ctx
            .cases
            .iter()
            .filter(|c| c.data.draft.instance.as_ref() == Some(id))
            .max_by_key(|c| c.number),
        _ => None,
    });
    let latest = crate::conversation::cases::card::latest(s, ctx).and_then(|n| ctx.case(n));
    // "they rejected it again" about a refused case with no estimate: the
    // appeal was refused, the ladder comes next (not the first questions).
    let refused = named
        .or(latest)
        .or_else(|| crate::conversation::cases::card::active(s, ctx))
        .filter(|c| c.status == crate::case::CaseStatus::Rejected && c.data.assessment.is_none());
    if intent == I::Rejected
        && s.follow.appeal_refused
        && let Some(case) = refused
    {
        s.case_no = Some(case.number);
        s.draft = case.data.draft.clone();
        s.history = vec![P::Menu];
        s.at = P::CaseView;
        return rejected(s, case, said.reason, said.words, ctx, out);
    }
    let Some(case) = named.or(latest).filter(|c| c.data.assessment.is_some()) else {
        // The server's own case, not yet estimated, goes on ("还是没到账，就是
        // 那台 uhost-…"), unless it is finished; else the draft on screen.
        use crate::case::CaseStatus as St;
        let reuse = named
            .filter(|c| !matches!(c.status, St::Refunded | St::Closed))
            .or_else(|| {
                crate::conversation::cases::card::active(s, ctx)
                    .filter(|c| c.data.assessment.is_none() && !matches!(c.status, St::Refunded | St::Closed))
            });
        return crate::conversation::follow::fresh::start(s, intent, (t, &read, &said), reuse, ctx, out);
    };
    s.case_no = Some(case.number);
    s.draft = case.data.draft.clone();
    s.history = vec![P::Menu];
    s.follow = crate::conversation::base::state::FollowDraft {
        appeal_refused: s.follow.appeal_refused,
        refused_on: (intent == I::Rejected)
            .then(|| read.lone_past_date(ctx.now))
            .flatten(),
        ..Default::default()
    };
    s.at = P::CaseView;
    out.say(
        Reply::new(
            "intent.for_case",
            json!({ "n": case.number, "instance_id": case.data.draft.instance }),
        )
        .buttons(vec![vec![crate::conversation::Button::new(Id::MenuCases)]]),
    );
    if !said.is_empty() {
        return rejected(s, case, said.reason, said.words, ctx, out);
    }
    let id = match intent {
        I::Rejected => Id::FollowRejected,
        I::NotArrived => Id::FollowNotArrived,
        I::DifferentAmount => Id::FollowDifferent,
        _ => Id::FollowSubmitted,
    };
    // "只退了380，这对吗": the amount that came is in the message, not asked
    // for again.
    if intent == I::DifferentAmount
        && let Some(got) = read
            .lone_amount(case.data.assessment.as_ref().map(|a| a.quote.refund))
            .or_else(|| ctx.intents.dialogue.received(t, &read))
    {
        // "我11月18日已经提过工单了…": the day support was asked.
        let ticket = input::ticket_number(t).is_some()
            || ctx.intents.dialogue.reports(
                &crate::conversation::read::words::fold(t),
                crate::conversation::read::act::Event::Submitted,
            );
        s.follow.asked_on = found
            .iter()
            .find_map(|f| match f.fact {
                input::Fact::Submitted(w) if w.at <= ctx.now => Some(w.at),
                _ => None,
            })
            .or_else(|| {
                ticket
                    .then(|| crate::conversation::follow::follow_steps::first_of_several(t, ctx))
                    .flatten()
            })
            .filter(|at| case.data.draft.delete_at.is_none_or(|d| *at >= d));
        s.history.push(s.at);
        s.at = P::Received;
        return answer(s, Answer::Text(&got.to_string()), ctx, out);
    }
    answer(s, Answer::Button(id.as_str()), ctx, out);
}
