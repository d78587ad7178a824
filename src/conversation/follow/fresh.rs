//! A follow-up for someone who never did a check here: "my refund was
//! rejected", "the money hasn't arrived", "they paid less", "I submitted".
//! A case is opened for it, and only what that follow-up needs is asked, in
//! the order that helps most: what support said (kept as written), the
//! instance or the provider, the date it needs, the amount received. Facts
//! of the first message count as answers. At the end comes the letter, and
//! the estimate is offered as a way to make it stronger, never as a gate.

use crate::case::{CaseStatus, CaseView, RejectReason};
use crate::conversation::Intent;
use crate::conversation::base::buttons::Id;
use crate::conversation::base::reply::{Button, Effect, Out, Reply};
use crate::conversation::base::state::{Intent as Flow, Position as P, State};
use crate::conversation::base::vocab::Ctx;
use crate::conversation::cases::card::{case_data, key_for};
use crate::conversation::check::facts;
use crate::conversation::check::flow;
use crate::conversation::check::question;
use crate::conversation::read::rejection::Said;
use crate::input;
use serde_json::json;

/// The follow-up an intent asks for.
pub(crate) fn flow_of(i: Intent) -> Flow {
    match i {
        Intent::Rejected => Flow::Rejected,
        Intent::NotArrived => Flow::NotArrived,
        Intent::DifferentAmount => Flow::Different,
        _ => Flow::Submitted,
    }
}

/// The questions of each follow-up, in the order they are asked.
fn plan(f: Flow) -> &'static [P] {
    match f {
        Flow::Rejected => &[P::SupportSaid, P::FollowInstance, P::SubmittedAt],
        Flow::NotArrived => &[P::FollowInstance, P::SubmittedAt],
        Flow::Different => &[P::FollowInstance, P::Received],
        Flow::Submitted | Flow::Withdrawal => &[P::FollowInstance, P::SubmittedAt],
    }
}

/// Whether the question still has to be asked for this case.
fn open(p: P, c: &CaseView, s: &State) -> bool {
    if s.follow.skipped.contains(&p) {
        return false;
    }
    let d = &c.data;
    match p {
        P::SupportSaid => d.support_said.is_none() && d.rejection.is_none(),
        P::FollowInstance => d.draft.instance.is_none() && d.draft.provider.is_none(),
        // "我11月16号在控制台把…退订了…一直没收到": the day the money's clock
        // runs from is told; no request's day is asked on top of it.
        P::SubmittedAt => {
            d.submitted_at.is_none()
                && d.withdrawal_at.is_none()
                && d.approved_at.is_none()
                && !(s.follow.intent == Some(Flow::NotArrived) && d.draft.delete_at.is_some())
        }
        P::Received => d.received.is_none(),
        _ => false,
    }
}

/// Opens a case for the follow-up, puts in the facts of the message, and
/// asks the first question it needs.
/// `reuse`: a draft case of the same server (or the check in progress),
/// which the follow-up continues instead of opening another.
pub(crate) fn start(
    s: &mut State,
    i: Intent,
    (text, read, said): (&str, &input::Extracted, &Said),
    reuse: Option<&CaseView>,
    ctx: &Ctx,
    out: &mut Out,
) {
    let number = reuse.map_or_else(|| ctx.next_case_number(), |c| c.number);
    let f = flow_of(i);
    s.case_no = Some(number);
    s.draft = reuse.map(|c| c.data.draft.clone()).unwrap_or_default();
    s.history = vec![P::Menu];
    s.fixing = None;
    s.follow = crate::conversation::base::state::FollowDraft {
        intent: Some(f),
        fresh: true,
        appeal_refused: s.follow.appeal_refused,
        ..Default::default()
    };
    let found = &read.facts;
    let mut applied = facts::apply(&mut s.draft, found, ctx.now);
    // "我们公司在UCloud的服务器…": the cloud named, where no ID says it.
    crate::conversation::check::cloud::named(&mut s.draft, text, false, ctx, &mut applied);
    if s.draft.applicant.is_none() {
        s.draft.applicant = ctx.intents.dialogue.applicant(text);
    }
    let mut c = reuse
        .cloned()
        .unwrap_or_else(|| blank(number, CaseStatus::Draft, ctx));
    c.data.draft = s.draft.clone();
    c.data.policy = s.draft.profile(ctx.profile);
    let now_approved =
        crate::conversation::follow::fresh_told::told(&mut c, f, (text, read, said), s.lang(), ctx);
    out.effects.push(Effect::SaveCase {
        number,
        status: c.status,
        data: Box::new(c.data.clone()),
    });
    if reuse.is_none() {
        out.effects.push(Effect::Event {
            number,
            status: CaseStatus::Draft,
            note: None,
        });
    }
    if now_approved {
        out.effects.push(Effect::Event {
            number,
            status: CaseStatus::Approved,
            note: None,
        });
    }
    out.say(Reply::new(
        "fresh.opened",
        json!({ "n": number, "flow": f, "same": reuse.is_some(), "appealed": s.follow.appeal_refused }),
    ));
    if !applied.lines.is_empty() {
        out.say(facts::reply(&applied));
    }
    advance(s, c, ctx, out);
}

/// "退款被拒，申诉也被驳回，11月10日已经向优刻得正式投诉，想向工信部投诉":
/// someone new who has already complained formally. A case is opened as
/// refused, with the facts and support's words of the message, the complaint
/// is kept with its date and ticket, and the ladder is shown from there.
pub(crate) fn complained(s: &mut State, text: &str, ctx: &Ctx, out: &mut Out) {
    complained_on(s, None, text, ctx, out)
}

/// As [`complained`], on the case being followed up when there is one (its
/// answers kept); the first refusal's day and the request's are the story's.
pub(crate) fn complained_on(s: &mut State, reuse: Option<&CaseView>, text: &str, ctx: &Ctx, out: &mut Out) {
    let read = input::extract(text, s.lang(), ctx.now);
    let found = read.facts.clone();
    let said = ctx.intents.rejection.read(text);
    let number = reuse.map_or_else(|| ctx.next_case_number(), |c| c.number);
    s.case_no = Some(number);
    s.draft = reuse.map(|c| c.data.draft.clone()).unwrap_or_default();
    s.history = vec![P::Menu];
    s.fixing = None;
    s.follow = Default::default();
    let applied = facts::apply(&mut s.draft, &found, ctx.now);
    crate::conversation::check::cloud::named(&mut s.draft, text, false, ctx, &mut Default::default());
    let mut c = reuse
        .cloned()
        .unwrap_or_else(|| blank(number, CaseStatus::Rejected, ctx));
    c.status = CaseStatus::Rejected;
    c.data.draft = s.draft.clone();
    c.data.policy = s.draft.profile(ctx.profile);
    // The first answer said is the first refusal; the request's day too.
    let past = |w: &input::When| (w.at <= ctx.now).then_some(w.at);
    use crate::conversation::read::act::Event;
    let fold = crate::conversation::read::words::fold;
    c.data.rejected_at = text
        .split(['，', ',', '。', '；', ';', '！', '!', '？', '?'])
        .filter(|k| {
            matches!(
                ctx.intents.dialogue.event(&fold(k)),
                Some((Event::Rejected | Event::AppealRefused, false))
            )
        })
        .filter_map(|k| input::one_past_date(k, s.lang(), ctx.now))
        .min()
        .or(c.data.rejected_at);
    c.data.submitted_at = found
        .iter()
        .find_map(|f| match &f.fact {
            input::Fact::Submitted(w) => past(w),
            _ => None,
        })
        .or(c.data.submitted_at);
    c.data.rejection = Some(said.reason.unwrap_or(RejectReason::Other));
    c.data.support_paraphrased = said.words.is_some() && !ctx.intents.rejection.is_quoted(text);
    c.data.support_said = said.words;
    out.effects.push(Effect::SaveCase {
        number,
        status: CaseStatus::Rejected,
        data: Box::new(c.data.clone()),
    });
    out.effects.push(Effect::Event {
        number,
        status: CaseStatus::Rejected,
        note: c.data.rejection.map(|r| r.as_str().to_owned()),
    });
    out.say(Reply::new(
        "fresh.opened",
        json!({ "n": number, "flow": "complained", "same": false }),
    ));
    if !applied.lines.is_empty() {
        out.say(facts::reply(&applied));
    }
    crate::conversation::ladder::logged::reported(s, &c, text, ctx, out);
}

/// After an answer: the next question, or the end of the follow-up.
pub(crate) fn advance(s: &mut State, mut c: CaseView, ctx: &Ctx, out: &mut Out) {
    let Some(f) = s.follow.intent else {
        return conclude(s, Flow::Submitted, c, ctx, out);
    };
    c.data.draft = s.draft.clone();
    if c.data.draft.provider().is_some() {
        c.data.policy = c.data.draft.profile(ctx.profile);
    }
    match plan(f).iter().copied().find(|p| open(*p, &c, s)) {
        Some(p) => {
            out.effects.push(Effect::SaveCase {
                number: c.number,
                status: c.status,
                data: Box::new(c.data.clone()),
            });
            if s.at != p {
                s.history.push(s.at);
            }
            s.at = p;
            ask(s, &c, ctx, out);
        }
        None => conclude(s, f, c, ctx, out),
    }
}

/// The question at `s.at` of a fresh follow-up.
pub(crate) fn ask(s: &State, c: &CaseView, ctx: &Ctx, out: &mut Out) {
    let row = |ids: &[Id]| ids.iter().map(|i| Button::new(*i)).collect::<Vec<_>>();
    let f = s.follow.intent.unwrap_or(Flow::Submitted);
    let data = json!({ "flow": f, "n": c.number });
    let reply = match s.at {
        P::SupportSaid => Reply::new("q.support_said", data).buttons(
            RejectReason::OFFERED
                .iter()
                .map(|r| vec![Button::new(crate::conversation::cases::card::reject_id(*r))])
                .chain([row(&[Id::FollowSkip])])
                .collect(),
        ),
        P::FollowInstance => Reply::new("q.follow_instance", data).buttons(vec![
            row(&[Id::ProviderUcloud, Id::ProviderTencent]),
            row(&[Id::ProviderHuawei, Id::ProviderAliyun]),
            row(&[Id::FollowSkip]),
        ]),
        P::SubmittedAt => {
            Reply::new("q.submitted_at", data).buttons(vec![row(&[Id::WhenNow, Id::FollowSkip])])
        }
        P::Received => Reply::new("q.received", case_data(c, ctx)).buttons(vec![row(&[Id::NavBack])]),
        _ => return,
    };
    out.say(reply);
}

/// What the follow-up ends with: the status, the letter for it, and the
/// estimate offered when there is none yet.
fn conclude(s: &mut State, f: Flow, mut c: CaseView, ctx: &Ctx, out: &mut Out) {
    s.follow.fresh = false;
    s.follow.intent = None;
    s.follow.skipped.clear();
    let (status, key) = match f {
        Flow::Rejected => (CaseStatus::Rejected, "appeal"),
        Flow::NotArrived => (CaseStatus::Submitted, "followup.not_arrived"),
        Flow::Different => (CaseStatus::Submitted, "followup.different"),
        Flow::Submitted | Flow::Withdrawal => (CaseStatus::Submitted, "followup.submitted"),
    };
    // An approval told ("approved … but nothing arrived") stays the status.
    let status = match c.status {
        CaseStatus::Approved if f != Flow::Rejected => CaseStatus::Approved,
        _ => status,
    };
    let changed = c.status != status;
    c.status = status;
    if f == Flow::Rejected && c.data.rejection.is_none() {
        c.data.rejection = Some(RejectReason::Other);
    }
    let note = (f == Flow::Rejected)
        .then(|| c.data.rejection.map(|r| r.as_str().to_owned()))
        .flatten();
    out.effects.push(Effect::SaveCase {
        number: c.number,
        status,
        data: Box::new(c.data.clone()),
    });
    // "被拒了两次": the refusal and the appeal's, and the ladder from there (not an appeal to write).
    let appealed = f == Flow::Rejected && std::mem::take(&mut s.follow.appeal_refused);
    let times = if appealed { 2 } else { usize::from(changed) };
    for _ in 0..times {
        out.effects.push(Effect::Event {
            number: c.number,
            status,
            note: note.clone(),
        });
        c.events.push(crate::case::EventView {
            status,
            at: ctx.now,
            note: note.clone(),
        });
    }
    if appealed {
        s.at = P::CaseView;
        s.history = vec![P::Menu];
        out.say(Reply::new("ladder.appeal_refused", json!({ "n": c.number })));
        return crate::conversation::ladder::escalate::offer(s, &c, ctx, out);
    }
    let mut data = case_data(&c, ctx);
    if f == Flow::NotArrived {
        data["overdue"] = json!(crate::conversation::cases::letters::overdue(&c, ctx));
    }
    out.say(Reply::new(&key_for(key, &c), data));
    s.at = P::CaseView;
    s.history = vec![P::Menu];
    let key = if c.data.assessment.is_none() {
        "fresh.offer_estimate"
    } else {
        "case.what_next"
    };
    let questions = flow::questions_left(&s.draft);
    // Whether a text to send was shown above (not for a submission noted,
    // nor for money that is in the balance already).
    let letter = match f {
        Flow::Rejected | Flow::Different => true,
        Flow::NotArrived => crate::case::stage(&c, ctx.now) != crate::case::Stage::InBalance,
        Flow::Submitted | Flow::Withdrawal => false,
    };
    out.say(
        Reply::new(
            key,
            json!({ "n": c.number, "questions": questions, "flow": f, "letter": letter }),
        )
        .buttons(crate::conversation::cases::card::case_buttons(&c, ctx)),
    );
}

/// "Work out what I should have got": the check, for this case, from its
/// first open question; the letters are written again with the figure.
pub(crate) fn estimate(s: &mut State, c: &CaseView, ctx: &Ctx, out: &mut Out) {
    s.draft = c.data.draft.clone();
    s.history = vec![P::CaseView];
    s.at = flow::first_open(&s.draft);
    if s.at == P::Result {
        return crate::conversation::check::finish::finish(s, ctx, out);
    }
    out.say(question::ask(s, ctx));
}

/// A case not yet saved: its number, its status, nothing else.
fn blank(number: i64, status: CaseStatus, ctx: &Ctx) -> CaseView {
    CaseView {
        number,
        status,
        data: Default::default(),
        events: vec![],
        contacts: vec![],
        created_at: ctx.now,
    }
}
