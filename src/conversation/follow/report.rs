//! What a person reports about a case, in any wording: the only way a
//! case's status changes from typed text (a question never does). And what
//! they deny ("我还没申请呢"): nothing changes, and a status the bot
//! recorded for that event can be taken back.

use crate::case::{CaseStatus, CaseView};
use crate::conversation::ask;
use crate::conversation::base::answer::Answer;
use crate::conversation::base::buttons::Id;
use crate::conversation::base::reply::{Button, Effect, Out, Reply};
use crate::conversation::base::state::State;
use crate::conversation::base::vocab::Ctx;
use crate::conversation::cases::card;
use crate::conversation::follow::{follow_intent, followup};
use crate::conversation::read::act::Event;
use crate::conversation::read::intent::Intent;
use serde_json::json;

/// A reported event, acted on for the case it is about.
pub(crate) fn report(s: &mut State, e: Event, t: &str, ctx: &Ctx, out: &mut Out) {
    // "第一次被拒是10月20号" on a case that has gone on to a formal
    // complaint: its history, told again, not a new refusal (nor a new case).
    if matches!(e, Event::Rejected | Event::AppealRefused)
        && let Some(c) = card::about(s, ctx)
        && c.data.escalation.complained_at.is_some()
    {
        out.say(Reply::new("report.already", json!({ "n": c.number, "event": e })));
        return ask::resume(s, ctx, out);
    }
    // "实际只退了412.50元…这个差额要找谁？" on a case that holds that very
    // amount: nothing new to record; its question is answered.
    let words = &ctx.intents.dialogue.words;
    let asked = words.asking(t);
    if e == Event::Different
        && !asked.is_empty()
        && let Some(c) = card::about(s, ctx).filter(|c| c.data.received.is_some())
        && crate::input::extract(t, s.lang(), ctx.now)
            .came_amount(t, &ctx.intents.dialogue.came)
            .is_none_or(|got| Some(got) == c.data.received)
    {
        ask::answer(s, &asked.join(" "), ctx, out);
        return ask::resume(s, ctx, out);
    }
    // "…还是被拒了就可以去？" on a case refused already: a question about that
    // refusal, not a second one.
    if e == Event::Rejected
        && !asked.is_empty()
        && card::about(s, ctx).is_some_and(|c| c.status == crate::case::CaseStatus::Rejected)
    {
        ask::answer(s, &asked.join(" "), ctx, out);
        return ask::resume(s, ctx, out);
    }
    s.follow.appeal_refused = e == Event::AppealRefused;
    let intent = match e {
        Event::Rejected | Event::AppealRefused => Intent::Rejected,
        Event::NotArrived => Intent::NotArrived,
        Event::Different => Intent::DifferentAmount,
        // "提交时间是 2026-12-03" on a refused case: the request's day, and
        // the appeal again (the case stays refused).
        Event::Submitted if crate::conversation::follow::note::into_letter(s, t, ctx, out) => return,
        // "I sent the request on the 26th" about a refused case: the day is
        // asked for its letter (the Submitted flow would say the money is in
        // the balance).
        Event::Submitted
            if let Some(c) =
                card::about(s, ctx).filter(|c| c.status == crate::case::CaseStatus::Rejected) =>
        {
            s.case_no = Some(c.number);
            s.draft = c.data.draft.clone();
            s.follow = Default::default();
            s.at = crate::conversation::base::state::Position::CaseView;
            return crate::conversation::follow::follow_steps::ask_at(
                s,
                crate::conversation::base::state::Position::SubmittedAt,
                ctx,
                out,
            );
        }
        Event::Submitted => Intent::Submitted,
        Event::Arrived => return arrived(s, t, ctx, out),
        // Said as what support was told at a contact being logged: the
        // contact (its date is the complaint's, for the ladder).
        Event::Complained if s.at == crate::conversation::base::state::Position::ContactSaid => {
            return followup::answer(s, Answer::Text(t), ctx, out);
        }
        Event::Complained if let Some(c) = card::about(s, ctx) => {
            return crate::conversation::ladder::logged::reported(s, c, t, ctx, out);
        }
        // Refused, appealed and complained, told at once by someone new:
        // a case at the ladder, not the first questions of a rejection.
        Event::Complained => return crate::conversation::follow::fresh::complained(s, t, ctx, out),
        // "11月23日申请了提现，到今天还没到账" from someone without a case:
        // a case for the withdrawal, with the facts of the message.
        // "11月26号我提的提现": its day, when the message gives it; else asked.
        Event::WithdrawalRequested if let Some(c) = card::about(s, ctx) => {
            let read = crate::input::extract(t, s.lang(), ctx.now);
            let day = read.facts.iter().find_map(|f| match f.fact {
                crate::input::Fact::Withdrawal(w) if w.at <= ctx.now => Some(w.at),
                _ => None,
            });
            use crate::conversation::follow::balance;
            return match day {
                Some(at) => {
                    s.case_no = Some(c.number);
                    s.draft = c.data.draft.clone();
                    balance::withdrawal_asked(s, c, at, t, ctx, out)
                }
                // "提现工单号是TX… 这个写进去": the day is on the case
                // already; the withdrawal's chase-up again, not its day asked.
                None if c.data.withdrawal_at.is_some() && crate::input::ticket_number(t).is_some() => {
                    follow_intent::for_intent(s, Intent::NotArrived, t, ctx, out)
                }
                None => balance::ask_withdrawal(s, c, ctx, out),
            };
        }
        Event::WithdrawalRequested => {
            let folded = crate::conversation::read::words::fold(t);
            match ctx.intents.dialogue.reports(&folded, Event::NotArrived) {
                true => Intent::NotArrived,
                false => Intent::Submitted,
            }
        }
        Event::Deleted => return noted(s, e, ctx, out),
    };
    follow_intent::for_intent(s, intent, t, ctx, out);
    answered_beside(s, t, ctx, out);
}

/// "…Could you please help me write an appeal? Also, what evidence should I
/// attach, and should I delete the server now…?": once the report's letter
/// is shown, the questions beside it that the knowledge base knows are
/// answered (the letter asked for is the report's own, and so is "how do I
/// appeal").
fn answered_beside(s: &mut State, t: &str, ctx: &Ctx, out: &mut Out) {
    use crate::conversation::base::state::Position as P;
    use crate::conversation::read::clauses::contains_any;
    if !matches!(s.at, P::CaseView | P::Result | P::Ladder) {
        return;
    }
    let d = &ctx.intents.dialogue;
    let sure: Vec<String> = d
        .words
        .asking(t)
        .into_iter()
        .filter(|q| !contains_any(&crate::conversation::read::words::fold(q), &d.write))
        // ("请问这种情况我该怎么申诉？" is the letter's own question, not the chances of one.)
        .filter(|q| match ctx.intents.knowledge.lookup(q) {
            crate::conversation::knowledge::Lookup::Sure(t) => {
                t != crate::conversation::knowledge::Topic::Chances
            }
            // One the base is unsure of, only about a subject it knows ("…should I
            // delete the server now…"; not "这个时长正常吗", which the letter answers).
            crate::conversation::knowledge::Lookup::Unsure(t, _) => {
                t != crate::conversation::knowledge::Topic::Chances
                    && contains_any(&crate::conversation::read::words::fold(q), &d.words.subject)
            }
            crate::conversation::knowledge::Lookup::Nothing => false,
        })
        .collect();
    if sure.is_empty() {
        return;
    }
    // The case as this step left it (its refusal, its facts), not yet stored.
    let mut cases = ctx.cases.to_vec();
    let saved = out.effects.iter().rev().find_map(|e| match e {
        Effect::SaveCase { number, status, data } if Some(*number) == s.case_no => {
            Some((*number, *status, data.clone()))
        }
        _ => None,
    });
    if let Some((number, status, data)) = saved {
        match cases.iter_mut().find(|c| c.number == number) {
            Some(c) => (c.status, c.data) = (status, *data),
            None => cases.push(CaseView {
                number,
                status,
                data: *data,
                events: Vec::new(),
                contacts: Vec::new(),
                created_at: ctx.now,
            }),
        }
    }
    let ctx = Ctx {
        cases: &cases,
        ..*ctx
    };
    // Each on its own: one the base is unsure of is still answered, its
    // likelier topic first.
    for q in &sure {
        ask::answer(s, q, &ctx, out);
    }
}

/// "钱到账了": the case it is about is closed as refunded.
fn arrived(s: &mut State, t: &str, ctx: &Ctx, out: &mut Out) {
    // "95 came back to my balance" in the middle of a check: what came, to compare with the estimate.
    if crate::conversation::check::flow::is_check(s.at)
        && let Some(got) =
            crate::input::extract(t, s.lang(), ctx.now).came_amount(t, &ctx.intents.dialogue.came)
    {
        s.follow.came = Some(got);
        out.say(Reply::new("check.came_noted", json!({ "got": got })));
        return ask::resume(s, ctx, out);
    }
    let Some(case) = card::about(s, ctx) else {
        out.say(Reply::key("report.arrived_no_case"));
        return ask::resume(s, ctx, out);
    };
    // "钱已经退到余额了…我就是要那个催客服的信" on a withdrawal asked for: the
    // refund reached the balance long ago; the withdrawal is what is late.
    let d = &ctx.intents.dialogue;
    let folded = crate::conversation::read::words::fold(t);
    let balance_only = crate::conversation::read::clauses::contains_any(&folded, &d.balance)
        && !crate::conversation::read::clauses::contains_any(&folded, &d.channel);
    if case.data.withdrawal_at.is_some() && balance_only {
        return crate::conversation::follow::not_arrived::not_arrived(s, case, ctx, out);
    }
    s.case_no = Some(case.number);
    s.draft = case.data.draft.clone();
    // "客服说退了312.50到余额" on an estimate of ¥166.30: what came, compared.
    let figure = case
        .data
        .assessment
        .as_ref()
        .and_then(|a| a.quote.figure().map(|_| a.quote.refund));
    if let (Some(e), Ok(got)) = (figure, crate::input::amount_said(t, ctx.now))
        && got != e
    {
        s.at = crate::conversation::base::state::Position::Received;
        return followup::answer(s, Answer::Text(t), ctx, out);
    }
    s.at = crate::conversation::base::state::Position::CaseView;
    followup::answer(s, Answer::Button(Id::FollowRefunded.as_str()), ctx, out)
}

/// An event the case keeps as said, with its screen again. A deletion
/// reported on a case estimated before it makes the deletion a fact (the
/// letters say "deleted" from then on, not "not deleted yet").
fn noted(s: &mut State, e: Event, ctx: &Ctx, out: &mut Out) {
    if e == Event::Deleted
        && let Some(c) = card::about(s, ctx)
        && c.data.draft.not_deleted
    {
        let mut data = c.data.clone();
        data.draft.not_deleted = false;
        if s.case_no == Some(c.number) {
            s.draft.not_deleted = false;
        }
        out.effects.push(Effect::SaveCase {
            number: c.number,
            status: c.status,
            data: Box::new(data),
        });
    }
    out.say(Reply::new("report.noted", json!({ "event": e, "n": s.case_no })));
    ask::resume(s, ctx, out)
}

/// "没被拒啊 我还没申请呢": nothing changes; where the case says the event
/// happened, a button takes that back.
pub(crate) fn denial(s: &mut State, e: Event, ctx: &Ctx, out: &mut Out) {
    let status = match e {
        Event::Rejected | Event::AppealRefused => Some(CaseStatus::Rejected),
        Event::Submitted => Some(CaseStatus::Submitted),
        Event::Arrived => Some(CaseStatus::Refunded),
        _ => None,
    };
    let case = card::about(s, ctx);
    // "服务器没删，现在还在运行": a deletion the case records (from a date
    // said for something else) is taken back; the estimate, if any, stays.
    if e == Event::Deleted
        && let Some(c) = case.filter(|c| !c.data.draft.not_deleted && c.data.assessment.is_none())
    {
        let mut c = c.clone();
        c.data.draft.not_deleted = true;
        c.data.draft.delete_at = None;
        crate::conversation::follow::follow_steps::save(out, &c, None, None);
        s.draft = c.data.draft.clone();
        out.say(Reply::new(
            "report.denied",
            json!({ "event": e, "n": c.number, "fixed": true }),
        ));
        return crate::conversation::follow::note::again(s, &c, ctx, out);
    }
    let wrong = case.filter(|c| status.is_some_and(|st| c.status == st));
    let mut reply = Reply::new(
        "report.denied",
        json!({ "event": e, "n": wrong.map(|c| c.number), "recorded": wrong.is_some() }),
    );
    if let Some(c) = wrong {
        reply = reply.buttons(vec![vec![Button::with(
            format!("undo:{}", c.number),
            "btn.undo_status",
            json!({ "n": c.number, "status": c.status }),
        )]]);
    }
    out.say(reply);
    ask::resume(s, ctx, out)
}

/// "撤销案例 #N 的「已提交」" (`undo:N`, offered by a denial): the case
/// goes back to the status it had before, and what that status recorded (the
/// date of the request, support's refusal, the amount received) is cleared.
pub(crate) fn undo(s: &mut State, id: &str, ctx: &Ctx, out: &mut Out) -> bool {
    let Some(n) = id.strip_prefix("undo:").and_then(|n| n.parse::<i64>().ok()) else {
        return false;
    };
    let Some(case) = ctx.case(n) else {
        out.say(Reply::key("nav.stale_button"));
        ask::resume(s, ctx, out);
        return true;
    };
    let before = previous_status(case);
    let mut data = case.data.clone();
    match case.status {
        CaseStatus::Submitted => data.submitted_at = None,
        CaseStatus::Rejected => {
            data.rejection = None;
            data.support_said = None;
        }
        CaseStatus::Refunded => data.received = None,
        _ => {}
    }
    out.effects.push(Effect::SaveCase {
        number: n,
        status: before,
        data: Box::new(data),
    });
    out.effects.push(Effect::Event {
        number: n,
        status: before,
        note: None,
    });
    out.say(Reply::new(
        "report.undone",
        json!({ "n": n, "was": case.status, "now": before }),
    ));
    ask::resume(s, ctx, out);
    true
}

/// The status a case had before its current one: the last event before
/// the current status that set a status (complaints and escalations are
/// events only), else quoted or draft.
fn previous_status(case: &CaseView) -> CaseStatus {
    let settles = |st: &CaseStatus| !matches!(st, CaseStatus::Complained | CaseStatus::Escalated);
    let mut seen_current = false;
    for e in case.events.iter().rev().filter(|e| settles(&e.status)) {
        if !seen_current && e.status == case.status {
            seen_current = true;
            continue;
        }
        if e.status != case.status {
            return e.status;
        }
    }
    if case.data.assessment.is_some() {
        CaseStatus::Quoted
    } else {
        CaseStatus::Draft
    }
}
