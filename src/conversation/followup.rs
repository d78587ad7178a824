//! Following a case up: submitted, rejected, a different amount, not arrived,
//! refunded, the support-contact log, and erasing the user's data.

use super::buttons::Id;
use super::cases::{active, case_buttons, case_data, key_for, result_buttons, show, window};
use super::compound;
use super::questions::{Answer, Took};
use super::state::{Intent, Position as P, State};
use super::{Ctx, Effect, Out, Reply, show as show_any};
use crate::case::{CaseStatus, CaseView, ContactView, RejectReason};
use crate::input;
use crate::policy::{
    self,
    timeline::{self, Progress},
};
use chrono::{DateTime, Utc};
use serde_json::{Value, json};

fn ask_at(s: &mut State, p: P, ctx: &Ctx, out: &mut Out) {
    s.history.push(s.at);
    s.at = p;
    show(s, ctx, out);
}

fn back_to_case(s: &mut State, ctx: &Ctx, out: &mut Out, case: &CaseView) {
    s.at = P::CaseView;
    s.history = vec![P::Menu];
    s.follow = Default::default();
    out.say(Reply::new("case.what_next", json!({ "n": case.number })).buttons(case_buttons(case)));
    let _ = ctx;
}

fn wrong(r: Reply, s: &mut State, ctx: &Ctx, out: &mut Out) {
    out.say(r);
    show_any(s, ctx, out);
}

fn took_reply(t: Took) -> Reply {
    match t {
        Took::Wrong(r) | Took::Stay(r) => r,
        Took::Next(r) => r.unwrap_or_else(|| Reply::key("nav.use_buttons")),
    }
}

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
        (P::CaseView | P::Result, Some(Id::FollowEstimate)) => super::fresh::estimate(s, &case, ctx, out),
        (P::ConfirmDelete, _) => confirm_delete(s, a, ctx, out),
        (P::Result | P::CaseView, Some(id @ (Id::ResultSteps | Id::ResultRequest | Id::ResultEvidence))) => {
            let key = match id {
                Id::ResultSteps => "steps",
                Id::ResultRequest => "request_text",
                _ => "evidence",
            };
            out.say(Reply::new(&key_for(key, &case), case_data(&case, ctx)));
            // A short line with the buttons again, not the whole result.
            let buttons = if s.at == P::Result {
                result_buttons(&case.data.draft)
            } else {
                case_buttons(&case)
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
            s.at = match super::flow::first_open(&s.draft) {
                P::Result => super::flow::first_refine(&s.draft),
                open => open,
            };
            out.say(super::flow::ask(s, ctx));
        }
        (P::Result | P::CaseView, Some(Id::ResultSubmitted | Id::FollowSubmitted)) => {
            s.follow.intent = Some(Intent::Submitted);
            ask_at(s, P::SubmittedAt, ctx, out);
        }
        (P::CaseView, Some(Id::FollowRejected)) => ask_at(s, P::Rejection, ctx, out),
        (P::CaseView, Some(Id::FollowDifferent)) => ask_at(s, P::Received, ctx, out),
        (P::CaseView, Some(Id::FollowNotArrived)) => match case.data.submitted_at {
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
        (P::SubmittedAt, b) => {
            let at = match when(b, text, ctx).and_then(|t| not_before_case(&case, t)) {
                Ok(t) => t,
                Err(r) => return wrong(r, s, ctx, out),
            };
            let mut c = case.clone();
            c.data.submitted_at = Some(at);
            // The windows now count from the submission.
            let deleted = c.data.draft.delete_at.unwrap_or(at);
            let requested = c.data.draft.request == Some(crate::policy::RequestKind::Requested);
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
        (P::Rejection, None) => match compound::free_text(text) {
            Ok(said) => rejected(s, &case, None, Some(said), ctx, out),
            Err(t) => wrong(took_reply(t), s, ctx, out),
        },
        (P::Received, None) => match input::parse_amount(text, true) {
            Ok(got) => {
                let mut c = case.clone();
                c.data.received = Some(got);
                save(out, &c, None, None);
                let expected = c
                    .data
                    .assessment
                    .as_ref()
                    .map(|a| a.quote.refund)
                    .unwrap_or_default();
                let _ = expected;
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

/// The expected and received amounts side by side, for the letter.
pub(crate) fn difference(data: &mut Value, c: &CaseView, got: rust_decimal::Decimal) {
    let expected = c
        .data
        .assessment
        .as_ref()
        .and_then(|a| a.quote.figure().map(|_| a.quote.refund));
    data["received"] = json!(policy::cents(got));
    data["expected"] = json!(expected.map(policy::cents));
    if let Some(e) = expected {
        data["difference"] = json!(policy::cents((e - got).abs()));
        data["less"] = json!(got < e);
    }
}

/// A rejection recorded, with its reason or support's words: the appeal.
fn rejected(
    s: &mut State,
    case: &CaseView,
    r: Option<RejectReason>,
    said: Option<String>,
    ctx: &Ctx,
    out: &mut Out,
) {
    // Refused again after the appeal: the ladder's next steps.
    let appealed = case.status == CaseStatus::Rejected;
    let mut c = case.clone();
    c.data.rejection = Some(r.unwrap_or(RejectReason::Other));
    if said.is_some() {
        c.data.support_said = said;
    }
    c.status = CaseStatus::Rejected;
    let note = c.data.rejection.map(|r| r.as_str().to_owned());
    save(out, &c, Some(CaseStatus::Rejected), note);
    if appealed {
        out.say(Reply::new("ladder.appeal_refused", json!({ "n": c.number })));
        return super::escalate::offer(s, &c, ctx, out);
    }
    let data = case_data(&c, ctx);
    out.say(Reply::new(&key_for("appeal", &c), data));
    back_to_case(s, ctx, out, &c);
}

/// An answer to a question of a follow-up opened without an estimate;
/// `None` when the answer is not one of those (the usual arms take it).
fn fresh_answer(
    s: &mut State,
    case: &CaseView,
    pressed: Option<Id>,
    text: &str,
    ctx: &Ctx,
    out: &mut Out,
) -> Option<()> {
    use crate::policy::Provider;
    let mut c = case.clone();
    let skip = pressed == Some(Id::FollowSkip);
    match (s.at, pressed) {
        (P::SupportSaid | P::FollowInstance | P::SubmittedAt, Some(Id::FollowSkip)) => {}
        (P::SupportSaid, Some(id)) => match RejectReason::ALL.into_iter().find(|r| reject_id(*r) == id) {
            Some(r) => c.data.rejection = Some(r),
            None => {
                wrong(Reply::key("nav.stale_button"), s, ctx, out);
                return Some(());
            }
        },
        (P::SupportSaid, None) => match compound::free_text(text) {
            Ok(said) => c.data.support_said = Some(said),
            Err(t) => {
                wrong(took_reply(t), s, ctx, out);
                return Some(());
            }
        },
        (P::FollowInstance, Some(id)) => {
            let p = match id {
                Id::ProviderUcloud => Provider::Ucloud,
                Id::ProviderTencent => Provider::Tencent,
                Id::ProviderHuawei => Provider::Huawei,
                Id::ProviderAliyun => Provider::Aliyun,
                _ => {
                    wrong(Reply::key("nav.stale_button"), s, ctx, out);
                    return Some(());
                }
            };
            s.draft.provider = Some(p);
        }
        (P::FollowInstance, None) => match input::parse_instance_id(text) {
            Ok(id) => s.draft.instance = Some(id),
            Err(e) => {
                wrong(input_error(e.key(), e.params()), s, ctx, out);
                return Some(());
            }
        },
        (P::SubmittedAt, b) => match when(b, text, ctx).and_then(|t| not_before_case(case, t)) {
            Ok(t) => c.data.submitted_at = Some(t),
            Err(r) => {
                wrong(r, s, ctx, out);
                return Some(());
            }
        },
        (P::Received, None) => match input::parse_amount(text, true) {
            Ok(got) => c.data.received = Some(got),
            Err(e) => {
                wrong(input_error(e.key(), e.params()), s, ctx, out);
                return Some(());
            }
        },
        _ => return None,
    }
    if skip {
        s.follow.skipped.push(s.at);
    }
    super::fresh::advance(s, c, ctx, out);
    Some(())
}

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
    let Some(case) = super::cases::latest(s, ctx).and_then(|n| ctx.case(n)) else {
        let found = input::extract(t, s.lang(), ctx.now).facts;
        return super::fresh::start(s, intent, &found, ctx, out);
    };
    s.case_no = Some(case.number);
    s.draft = case.data.draft.clone();
    s.history = vec![P::Menu];
    s.follow = Default::default();
    s.at = P::CaseView;
    out.say(
        Reply::new(
            "intent.for_case",
            json!({ "n": case.number, "instance_id": case.data.draft.instance }),
        )
        .buttons(vec![vec![super::Button::new(Id::MenuCases)]]),
    );
    let id = match intent {
        I::Rejected => Id::FollowRejected,
        I::NotArrived => Id::FollowNotArrived,
        I::DifferentAmount => Id::FollowDifferent,
        _ => Id::FollowSubmitted,
    };
    answer(s, Answer::Button(id.as_str()), ctx, out);
}

/// "Just now" or a past date and time typed by the user.
/// The button for a rejection reason.
pub(crate) fn reject_id(r: RejectReason) -> Id {
    match r {
        RejectReason::NotEligible => Id::RejectNotEligible,
        RejectReason::UsageAbnormal => Id::RejectUsageAbnormal,
        RejectReason::Customised => Id::RejectCustomised,
        RejectReason::Other => Id::RejectOther,
    }
}

fn when(button: Option<Id>, text: &str, ctx: &Ctx) -> Result<DateTime<Utc>, Reply> {
    match button {
        Some(Id::WhenNow) => Ok(ctx.now),
        Some(_) => Err(Reply::key("nav.stale_button")),
        None => input::parse_past_datetime(text, ctx.now).map_err(|e| input_error(e.key(), e.params())),
    }
}

/// A submission comes after the purchase it refers to, and after the deletion
/// unless the refund is asked from support (which may come first).
fn not_before_case(c: &CaseView, at: DateTime<Utc>) -> Result<DateTime<Utc>, Reply> {
    let d = &c.data.draft;
    let deletion = d
        .delete_at
        .filter(|_| d.request != Some(policy::RequestKind::Requested));
    let earlier = [("purchase", d.start), ("deletion", deletion)]
        .into_iter()
        .find_map(|(which, t)| t.filter(|t| at < *t).map(|t| (which, t)));
    match earlier {
        Some((which, t)) => Err(Reply::new(
            "guard.submitted_before_case",
            json!({ "which": which, "at": at, "date": t }),
        )),
        None => Ok(at),
    }
}

fn input_error(key: &str, params: Vec<(&'static str, String)>) -> Reply {
    let data: serde_json::Map<String, Value> = params
        .into_iter()
        .map(|(k, v)| (k.to_owned(), json!(v)))
        .collect();
    Reply::new(key, Value::Object(data))
}

fn not_arrived(s: &mut State, c: &CaseView, ctx: &Ctx, out: &mut Out) {
    let late = c
        .data
        .submitted_at
        .and_then(|sub| window(&c.data, sub, ctx))
        .map(|w| {
            matches!(
                timeline::progress(ctx.calendar, &w, ctx.now),
                Progress::Overdue { .. }
            )
        })
        .unwrap_or(false);
    let mut data = case_data(c, ctx);
    data["overdue"] = json!(late);
    out.say(Reply::new(&key_for("followup.not_arrived", c), data));
    back_to_case(s, ctx, out, c);
}

/// Save the case, with a status event when the status changed.
fn save(out: &mut Out, c: &CaseView, event: Option<CaseStatus>, note: Option<String>) {
    out.effects.push(Effect::SaveCase {
        number: c.number,
        status: c.status,
        data: Box::new(c.data.clone()),
    });
    if let Some(status) = event {
        out.effects.push(Effect::Event {
            number: c.number,
            status,
            note,
        });
    }
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
