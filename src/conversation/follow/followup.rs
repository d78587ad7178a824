//! Following a case up: submitted, rejected, a different amount, not arrived,
//! refunded, the support-contact log, and erasing the user's data.

use crate::case::{CaseStatus, CaseView, ContactView, RejectReason, Stage, stage};
use crate::conversation::base::answer::Answer;
use crate::conversation::base::buttons::Id;
use crate::conversation::base::reply::{Effect, Out, Reply};
use crate::conversation::base::state::{Intent, Position as P, State};
use crate::conversation::base::vocab::Ctx;
use crate::conversation::cases::card::{active, case_buttons, case_data, key_for};
use crate::conversation::cases::card::{difference, reject_id};
use crate::conversation::cases::screens::show;
use crate::conversation::check::compound;
use crate::conversation::follow::balance;
use crate::conversation::follow::follow_steps::{
    ask_at, back_to_case, input_error, not_before_case, save, took_reply, when, wrong,
};
use crate::conversation::follow::fresh_answer::fresh_answer;
use crate::conversation::follow::not_arrived::not_arrived;
use crate::conversation::screen::show as show_any;
use crate::input;
use crate::policy::{self, timeline};
use serde_json::json;

pub(crate) fn answer(s: &mut State, a: Answer, ctx: &Ctx, out: &mut Out) {
    let Some(case) = active(s, ctx).cloned() else {
        if s.at == P::ConfirmDelete {
            return confirm_delete(s, a, ctx, out);
        }
        if s.at == P::Cases {
            return wrong(Reply::key("nav.use_buttons"), s, ctx, out);
        }
        s.at = P::Menu;
        return show(s, ctx, out);
    };
    let n = case.number;
    let button = match a {
        Answer::Button(id) => Some(id),
        Answer::Text(_) => None,
    };
    let text = match a {
        Answer::Text(t) => t,
        Answer::Button(_) => "",
    };
    if let Some(n) = button
        .and_then(|b| b.strip_prefix("export:"))
        .and_then(|id| id.parse::<i64>().ok())
    {
        out.effects.push(Effect::Export { number: n });
        return out.say(Reply::new("export.done", json!({ "n": n })));
    }
    let pressed = button.and_then(Id::parse);
    if s.follow.fresh
        && let Some(r) = fresh_answer(s, &case, pressed, text, ctx, out)
    {
        return r;
    }
    match (s.at, pressed) {
        (P::CaseView | P::Result, Some(Id::FollowEstimate)) => {
            crate::conversation::follow::fresh::estimate(s, &case, ctx, out)
        }
        (P::ConfirmDelete, _) => confirm_delete(s, a, ctx, out),
        // "申请文字" once the money came, or after a refusal: the letter of
        // the case's stage (the recheck, the appeal), never a new request.
        (P::Result | P::CaseView, Some(Id::ResultRequest))
            if crate::conversation::cases::letters::letter_key(&case, ctx) != "request_text" =>
        {
            crate::conversation::follow::note::again(s, &case, ctx, out)
        }
        (P::Result | P::CaseView, Some(id @ (Id::ResultSteps | Id::ResultRequest | Id::ResultEvidence))) => {
            let key = match id {
                Id::ResultSteps => "steps",
                Id::ResultRequest => "request_text",
                _ => "evidence",
            };
            out.say(Reply::new(&key_for(key, &case), case_data(&case, ctx)));
            // A short line with the buttons again, not the whole result.
            let buttons = if s.at == P::Result {
                crate::conversation::cases::card::result_buttons_for(&case, ctx.now)
            } else {
                case_buttons(&case, ctx)
            };
            out.say(Reply::new("case.what_next", json!({ "n": case.number })).buttons(buttons));
        }
        (P::Result | P::CaseView, Some(Id::ResultRefine)) => {
            // The details behind the estimate, asked one by one; the figure
            // is worked out again at the end and replaces the estimate.
            s.draft = case.data.draft.clone();
            s.history.push(s.at);
            // The other clouds: an input that stopped the figure ("don't
            // know", "not sure") is asked again first.
            if s.draft.is_cloud() {
                let d = &mut s.draft;
                if d.monthly_price == Some(None) {
                    d.monthly_price = None;
                }
                if d.cloud.first_refund == Some(policy::Tri::Unsure) {
                    d.cloud.first_refund = None;
                }
                d.declined.retain(|n| *n != policy::Need::HourlyPrice);
            }
            s.at = match crate::conversation::check::flow::first_open(&s.draft) {
                P::Result => crate::conversation::check::flow::first_refine(&s.draft),
                open => open,
            };
            out.say(crate::conversation::check::question::ask(s, ctx));
        }
        (P::Result | P::CaseView, Some(Id::ResultSubmitted | Id::FollowSubmitted)) => {
            s.follow.intent = Some(Intent::Submitted);
            ask_at(s, P::SubmittedAt, ctx, out);
        }
        (P::CaseView, Some(Id::FollowRejected)) => ask_at(s, P::Rejection, ctx, out),
        (P::CaseView, Some(Id::FollowRequote)) if case.status == CaseStatus::Rejected => {
            s.follow.requote = true;
            ask_at(s, P::Rejection, ctx, out)
        }
        (P::CaseView, Some(Id::FollowDifferent)) => ask_at(s, P::Received, ctx, out),
        // Money in a balance needs no submission date: it is there since
        // the deletion (or the withdrawal has its own).
        (P::CaseView, Some(Id::FollowNotArrived)) => match case.data.submitted_at {
            _ if matches!(
                stage(&case, ctx.now),
                Stage::InBalance | Stage::WithdrawalRequested
            ) =>
            {
                not_arrived(s, &case, ctx, out)
            }
            Some(_) => not_arrived(s, &case, ctx, out),
            None => {
                s.follow.intent = Some(Intent::NotArrived);
                out.say(Reply::key("followup.need_submitted_at"));
                ask_at(s, P::SubmittedAt, ctx, out);
            }
        },
        (P::CaseView, Some(Id::FollowRefunded)) => {
            let mut c = case.clone();
            c.status = CaseStatus::Refunded;
            save(out, &c, Some(CaseStatus::Refunded), None);
            out.say(Reply::new("followup.refunded", case_data(&c, ctx)));
            back_to_case(s, ctx, out, &c);
        }
        (P::CaseView, Some(Id::FollowContact)) => ask_at(s, P::ContactWhen, ctx, out),
        (P::CaseView | P::Result, Some(id @ (Id::LetterSofter | Id::LetterFirmer))) => {
            crate::conversation::follow::tone::retone(s, &case, id, ctx, out)
        }
        (P::SubmittedAt, b) if s.follow.intent == Some(Intent::Withdrawal) => {
            match when(b, text, ctx).and_then(|t| not_before_case(&case, t)) {
                Ok(at) => balance::withdrawal_asked(s, &case, at, text, ctx, out),
                Err(r) => wrong(r, s, ctx, out),
            }
        }
        (P::SubmittedAt, b) => {
            let at = match when(b, text, ctx).and_then(|t| not_before_case(&case, t)) {
                Ok(t) => t,
                Err(r) => return wrong(r, s, ctx, out),
            };
            let mut c = case.clone();
            c.data.submitted_at = Some(at);
            // The windows now count from the submission.
            let deleted = c.data.draft.delete_at.unwrap_or(at);
            // Asked of support before deleting: a review, not a withdrawal.
            let requested = c.data.draft.asked_of_support();
            let profile = crate::policy::Profile::load(c.data.policy);
            if let Some(a) = c.data.assessment.as_mut() {
                let complex = a.timeline.complex;
                a.timeline = timeline::timeline(ctx.calendar, profile, deleted, at, requested, complex);
                a.cloud = policy::cloud_timeline::cloud_timeline(ctx.calendar, profile, deleted, at);
            }
            let newly = matches!(c.status, CaseStatus::Draft | CaseStatus::Quoted);
            if newly {
                c.status = CaseStatus::Submitted;
            }
            save(out, &c, newly.then_some(CaseStatus::Submitted), None);
            match s.follow.intent.take() {
                Some(Intent::NotArrived) => not_arrived(s, &c, ctx, out),
                // The request's day of a refused case: its letter again, never
                // "the money is in your balance".
                _ if c.status == CaseStatus::Rejected => {
                    crate::conversation::follow::note::again(s, &c, ctx, out)
                }
                _ => {
                    out.say(Reply::new("followup.submitted", case_data(&c, ctx)));
                    back_to_case(s, ctx, out, &c);
                }
            }
        }
        (P::Rejection, Some(id)) => {
            let Some(r) = RejectReason::ALL.into_iter().find(|r| reject_id(*r) == id) else {
                return wrong(Reply::key("nav.stale_button"), s, ctx, out);
            };
            rejected(s, &case, Some(r), None, ctx, out);
        }
        // Support's own words instead of a reason button: kept as written.
        (P::Rejection, None) => match compound::free_text(&ctx.intents.rejection.support_words(text)) {
            Ok(said) => rejected(s, &case, None, Some(said), ctx, out),
            Err(t) => wrong(took_reply(t), s, ctx, out),
        },
        (P::Received, None) => match input::amount_said(text, ctx.now) {
            Ok(got) => {
                let mut c = case.clone();
                c.data.received = Some(got);
                c.data.submitted_at = c.data.submitted_at.or(s.follow.asked_on.take());
                save(out, &c, None, None);
                let mut data = case_data(&c, ctx);
                difference(&mut data, &c, got);
                out.say(Reply::new(&key_for("followup.different", &c), data));
                back_to_case(s, ctx, out, &c);
            }
            Err(e) => wrong(input_error(e.key(), e.params()), s, ctx, out),
        },
        (P::ContactWhen, b) => {
            let at = match when(b, text, ctx) {
                Ok(t) => t,
                Err(r) => return wrong(r, s, ctx, out),
            };
            s.follow.contact_at = Some(at);
            ask_at(s, P::ContactAgent, ctx, out);
        }
        (P::ContactAgent, b) => {
            let agent = match b {
                Some(Id::AgentUnknown) => String::new(),
                Some(_) => return wrong(Reply::key("nav.stale_button"), s, ctx, out),
                None => match compound::free_text(text) {
                    Ok(t) => t,
                    Err(t) => return wrong(took_reply(t), s, ctx, out),
                },
            };
            s.follow.contact_agent = Some(agent);
            ask_at(s, P::ContactSaid, ctx, out);
        }
        (P::ContactSaid, None) => match compound::free_text(text) {
            Ok(said) => {
                let contact = ContactView {
                    at: s.follow.contact_at.unwrap_or(ctx.now),
                    agent: s.follow.contact_agent.clone().unwrap_or_default(),
                    said,
                };
                out.effects.push(Effect::Contact {
                    number: n,
                    contact: contact.clone(),
                });
                let mut c = case.clone();
                c.contacts.push(contact);
                out.say(Reply::new("followup.contact_saved", case_data(&c, ctx)));
                back_to_case(s, ctx, out, &c);
            }
            Err(t) => wrong(took_reply(t), s, ctx, out),
        },
        (_, Some(_)) => wrong(Reply::key("nav.stale_button"), s, ctx, out),
        (_, None) => wrong(Reply::key("nav.use_buttons"), s, ctx, out),
    }
}

/// A rejection recorded, with its reason or support's words: the appeal.
pub(crate) fn rejected(
    s: &mut State,
    case: &CaseView,
    r: Option<RejectReason>,
    said: Option<String>,
    ctx: &Ctx,
    out: &mut Out,
) {
    // Refused again after the appeal: the ladder's next steps (not when
    // support's words of the same refusal are given again).
    // The same refusal told again the same day (a reason pressed again, to
    // see the letter) is not a second refusal.
    let today = timeline::local_date(ctx.now);
    let again_today = case.status == CaseStatus::Rejected
        && case
            .events
            .iter()
            .rev()
            .find(|e| e.status == CaseStatus::Rejected)
            .is_some_and(|e| timeline::local_date(e.at) == today);
    let told = std::mem::take(&mut s.follow.appeal_refused);
    let again_today = again_today && !told;
    // "被拒了两次" told by someone new: the appeal's refusal, on a case opened for it.
    let appealed = (case.status == CaseStatus::Rejected || told)
        && !std::mem::take(&mut s.follow.requote)
        && !again_today;
    let mut c = case.clone();
    // Support's words say the kind of reason they give, where they do.
    let read = || said.as_deref().and_then(|w| ctx.intents.rejection.read(w).reason);
    // "又拒了，还是那句话": the reason they gave before stands.
    c.data.rejection = Some(
        r.or_else(read)
            .or(case.data.rejection)
            .unwrap_or(RejectReason::Other),
    );
    if said.is_some() {
        c.data.support_said = said;
    }
    if let Some(at) = s.follow.refused_on.take() {
        c.data.rejected_at = Some(at);
    }
    c.status = CaseStatus::Rejected;
    let note = c.data.rejection.map(|r| r.as_str().to_owned());
    let event = (!again_today).then_some(CaseStatus::Rejected);
    save(out, &c, event, note.filter(|_| !again_today));
    if appealed {
        out.say(Reply::new("ladder.appeal_refused", json!({ "n": c.number })));
        return crate::conversation::ladder::escalate::offer(s, &c, ctx, out);
    }
    let data = case_data(&c, ctx);
    out.say(Reply::new(&key_for("appeal", &c), data));
    back_to_case(s, ctx, out, &c);
}

fn confirm_delete(s: &mut State, a: Answer, ctx: &Ctx, out: &mut Out) {
    match a {
        Answer::Button(b) if Id::parse(b) == Some(Id::DeleteYes) => {
            out.effects.push(Effect::DeleteMyData);
            *s = State {
                lang: s.lang,
                ..State::default()
            };
            out.say(Reply::key("delete.done"));
        }
        Answer::Button(b) if Id::parse(b) == Some(Id::DeleteNo) => {
            s.at = s.history.pop().unwrap_or(P::Menu);
            out.say(Reply::key("delete.kept"));
            show_any(s, ctx, out);
        }
        _ => wrong(Reply::key("nav.use_buttons"), s, ctx, out),
    }
}
