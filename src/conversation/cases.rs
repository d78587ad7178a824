//! The result of a check, the user's cases, and following a case up.

use super::buttons::Id;
use super::flow;
use super::state::{Position as P, State};
use super::{Button, Ctx, Effect, Out, Reply, show as show_any};
use crate::case::{CaseData, CaseStatus, CaseView, RejectReason};
use crate::policy::timeline::{self, Window};
use crate::policy::{self, FindingCode, Profile, Provider};
use chrono::{DateTime, Utc};
use serde_json::{Value, json};

pub(crate) fn row(ids: &[Id]) -> Vec<Button> {
    ids.iter().map(|i| Button::new(*i)).collect()
}

/// "Refine", named after what it asks for the case's provider.
fn refine_button(d: &crate::case::Draft) -> Button {
    match d.provider().filter(|_| d.is_cloud()) {
        Some(p) => Button::with(
            Id::ResultRefine.as_str().to_owned(),
            "btn.result.refine_cloud",
            json!({ "provider": p, "items": flow::refine_items(d, false) }),
        ),
        None => Button::new(Id::ResultRefine),
    }
}

pub(crate) fn result_buttons(d: &crate::case::Draft) -> Vec<Vec<Button>> {
    vec![
        vec![refine_button(d)],
        row(&[Id::ResultSteps, Id::ResultRequest]),
        row(&[Id::ResultEvidence, Id::ResultSubmitted]),
        vec![Button::new(Id::NavBack), Button::new(Id::MenuMain)],
    ]
}

pub(crate) fn case_buttons(c: &CaseView) -> Vec<Vec<Button>> {
    let mut rows = Vec::new();
    if c.data.assessment.is_none() {
        rows.push(vec![Button::with(
            Id::FollowEstimate.as_str().to_owned(),
            "btn.follow.estimate",
            json!({ "questions": flow::questions_left(&c.data.draft) }),
        )]);
    }
    rows.extend([
        row(&[Id::FollowSubmitted, Id::FollowRejected]),
        row(&[Id::FollowDifferent, Id::FollowNotArrived]),
        row(&[Id::FollowRefunded, Id::FollowContact]),
    ]);
    if c.status == CaseStatus::Rejected || !c.data.escalation.escalated.is_empty() {
        rows.push(vec![Button::with(
            format!("ladder:{}", c.number),
            "btn.ladder.open",
            json!({ "n": c.number }),
        )]);
    }
    if c.data.assessment.is_some() {
        rows.push(row(&[Id::ResultRequest, Id::ResultEvidence]));
        rows.push(vec![refine_button(&c.data.draft)]);
    }
    rows.push(vec![
        Button::with(
            format!("export:{}", c.number),
            "btn.export",
            json!({ "n": c.number }),
        ),
        Button::new(Id::MenuMain),
    ]);
    rows
}

/// The template of a case's message: Tencent, Huawei and Alibaba cases have
/// their own (`cloud_<key>`), naming their provider, consoles and timing.
pub(crate) fn key_for(base: &str, c: &CaseView) -> String {
    if c.data.draft.is_cloud() && base == "quote" {
        "cloud_result".to_owned()
    } else if c.data.draft.is_cloud() {
        format!("cloud_{}", base.replace('.', "_"))
    } else {
        base.to_owned()
    }
}

/// The data every case template gets.
pub(crate) fn case_data(c: &CaseView, ctx: &Ctx) -> Value {
    let mut data = case_fields(c, ctx);
    super::letters::add(&mut data, c, ctx);
    super::evidence::add(&mut data, c);
    data
}

fn case_fields(c: &CaseView, ctx: &Ctx) -> Value {
    let a = c.data.assessment.as_ref();
    let progress = c.data.submitted_at.and_then(|sub| {
        let w = window(&c.data, sub, ctx)?;
        Some(json!({ "window": w, "progress": timeline::progress(ctx.calendar, &w, ctx.now) }))
    });
    let provider = c.data.draft.provider().unwrap_or(Provider::Ucloud);
    json!({
        "n": c.number,
        "provider": provider,
        "provider_known": c.data.draft.provider().is_some(),
        "figure": a.and_then(|a| a.quote.figure()),
        "cloud": a.and_then(|a| a.cloud.as_ref()),
        "voucher_returned": a.and_then(|a| a.quote.lines.iter().find(|l| l.key == "voucher_returned")).and_then(|l| l.amount),
        "before_fee": a.is_some_and(|a| a.quote.has(FindingCode::HandlingFeeUnpublished)),
        "status": c.status,
        "draft": c.data.draft,
        "instance_id": c.data.draft.instance,
        "billing": c.data.draft.billing,
        "quote": a.map(|a| &a.quote),
        "timeline": a.map(|a| &a.timeline),
        "submitted_at": c.data.submitted_at.map(|t| t.to_rfc3339()),
        "rejection": c.data.rejection,
        "received": c.data.received,
        "next_date": c.data.next_date(),
        "events": c.events.iter().map(|e| json!({ "status": e.status, "at": e.at.to_rfc3339(), "note": e.note })).collect::<Vec<_>>(),
        "contacts": c.contacts.iter().map(|k| json!({ "at": k.at.to_rfc3339(), "agent": k.agent, "said": k.said })).collect::<Vec<_>>(),
        "followed": progress,
        "assumed": !flow::refined(&c.data.draft),
        "refine_open": flow::refine_items(&c.data.draft, true),
    })
}

/// When an answer or the money is due for a case submitted at `sub`.
pub(crate) fn window(data: &CaseData, sub: DateTime<Utc>, ctx: &Ctx) -> Option<Window> {
    crate::case::followup_window(data, sub, ctx.calendar)
}

/// All answers are in: quote, save the case, show the result.
pub(crate) fn finish(s: &mut State, ctx: &Ctx, out: &mut Out) {
    let Some(facts) = s.draft.facts() else {
        s.at = flow::first_open(&s.draft);
        return out.say(flow::ask(s, ctx));
    };
    super::offered::clear(s);
    let policy = s.draft.profile(ctx.profile);
    let profile = Profile::load(policy);
    let submitted = facts.at.max(ctx.now);
    let assessment = match policy::assess_with(&facts, &s.draft.cloud, profile, ctx.calendar, submitted) {
        Ok(a) => a,
        Err(e) => {
            // The parsers keep such cases out; say what to check, keep the
            // reason in the reply's data for the transcript.
            out.say(Reply::new("result.error", json!({ "reason": e.to_string() })));
            s.at = P::Start;
            return out.say(flow::ask(s, ctx));
        }
    };
    let number = s.case_no.unwrap_or_else(|| ctx.next_case_number());
    let existing = ctx.case(number);
    let status = match existing.map(|c| c.status) {
        Some(st) if st != CaseStatus::Draft => st,
        _ => CaseStatus::Quoted,
    };
    let mut data = existing.map(|c| c.data.clone()).unwrap_or_default();
    data.draft = s.draft.clone();
    data.policy = policy;
    data.assessment = Some(assessment);
    s.case_no = Some(number);
    s.at = P::Result;
    let view = CaseView {
        number,
        status,
        data: data.clone(),
        events: vec![],
        contacts: vec![],
        created_at: ctx.now,
    };
    out.effects.push(Effect::SaveCase {
        number,
        status,
        data: Box::new(data),
    });
    if existing.map(|c| c.status) != Some(status) {
        out.effects.push(Effect::Event {
            number,
            status,
            note: None,
        });
    }
    out.say(Reply::new(&key_for("quote", &view), case_data(&view, ctx)).buttons(result_buttons(&s.draft)));
    // A follow-up that was waiting for this figure: its letter again, now
    // with the expected amount and the breakdown.
    let letter = match status {
        CaseStatus::Rejected => Some("appeal"),
        _ if view.data.received.is_some() => Some("followup.different"),
        _ => None,
    };
    if let Some(key) = letter {
        let mut data = case_data(&view, ctx);
        if let Some(got) = view.data.received {
            super::followup::difference(&mut data, &view, got);
        }
        out.say(Reply::new(&key_for(key, &view), data));
    }
}

/// The case in the state, as stored (or as just computed, before storage).
pub(crate) fn active<'a>(s: &State, ctx: &'a Ctx) -> Option<&'a CaseView> {
    s.case_no.and_then(|n| ctx.case(n))
}

pub(crate) fn show(s: &mut State, ctx: &Ctx, out: &mut Out) {
    let case = active(s, ctx);
    match (s.at, case) {
        (P::Cases, _) => list(s, ctx, out),
        (P::ConfirmDelete, _) => {
            out.say(Reply::key("delete.confirm").buttons(vec![row(&[Id::DeleteYes, Id::DeleteNo])]))
        }
        (P::Result, Some(c)) => out
            .say(Reply::new(&key_for("quote", c), case_data(c, ctx)).buttons(result_buttons(&c.data.draft))),
        (P::CaseView, Some(c)) => out.say(Reply::new("case", case_data(c, ctx)).buttons(case_buttons(c))),
        (P::SupportSaid | P::FollowInstance, Some(c)) => super::fresh::ask(s, c, ctx, out),
        (P::SubmittedAt, Some(c)) if s.follow.fresh => super::fresh::ask(s, c, ctx, out),
        (P::SubmittedAt, Some(_)) => {
            out.say(Reply::key("q.submitted_at").buttons(vec![row(&[Id::WhenNow, Id::NavBack])]))
        }
        (P::Rejection, Some(_)) => out.say(
            Reply::key("q.rejection").buttons(
                RejectReason::ALL
                    .iter()
                    .map(|r| vec![Button::new(super::followup::reject_id(*r))])
                    .collect(),
            ),
        ),
        (P::Received, Some(c)) => {
            out.say(Reply::new("q.received", case_data(c, ctx)).buttons(vec![row(&[Id::NavBack])]))
        }
        (P::ContactWhen, Some(_)) => {
            out.say(Reply::key("q.contact_when").buttons(vec![row(&[Id::WhenNow, Id::NavBack])]))
        }
        (P::ContactAgent, Some(_)) => {
            out.say(Reply::key("q.contact_agent").buttons(vec![row(&[Id::AgentUnknown, Id::NavBack])]))
        }
        (P::ContactSaid, Some(_)) => out.say(Reply::key("q.contact_said").buttons(vec![row(&[Id::NavBack])])),
        _ => {
            s.at = P::Menu;
            out.say(Reply::key("menu").buttons(vec![row(&[Id::MenuNew, Id::MenuCases])]));
        }
    }
}

pub(crate) fn list(s: &mut State, ctx: &Ctx, out: &mut Out) {
    let mut cases: Vec<&CaseView> = ctx.cases.iter().collect();
    cases.sort_by_key(|c| std::cmp::Reverse(c.number));
    let items: Vec<Value> = cases.iter().map(|c| case_data(c, ctx)).collect();
    let mut rows: Vec<Vec<Button>> = cases
        .iter()
        .take(10)
        .map(|c| {
            vec![Button::with(
                format!("case:{}", c.number),
                "btn.open_case",
                json!({ "n": c.number }),
            )]
        })
        .collect();
    rows.push(row(&[Id::MenuNew, Id::MenuMain]));
    s.at = P::Cases;
    out.say(Reply::new("cases", json!({ "cases": items })).buttons(rows));
}

/// "Follow up a refund I submitted": the only case, or the list to choose from.
pub(crate) fn follow(s: &mut State, ctx: &Ctx, out: &mut Out) {
    match ctx.cases {
        [] => {
            out.say(Reply::key("cases.none"));
            out.say(Reply::key("menu").buttons(vec![row(&[Id::MenuNew, Id::MenuMain])]));
        }
        [only] => open(s, only.number, ctx, out),
        _ => list(s, ctx, out),
    }
}

pub(crate) fn open(s: &mut State, n: i64, ctx: &Ctx, out: &mut Out) {
    match ctx.case(n) {
        Some(c) => {
            s.case_no = Some(n);
            s.draft = c.data.draft.clone();
            s.history = vec![P::Menu];
            if c.data.assessment.is_none() && c.status == CaseStatus::Draft {
                // A check not finished yet: carry on where it stopped.
                out.say(Reply::new("cases.continue_draft", json!({ "n": n })));
                s.at = flow::first_open(&s.draft);
                if s.at == P::Result {
                    return finish(s, ctx, out);
                }
                return out.say(flow::ask(s, ctx));
            }
            s.at = P::CaseView;
            out.say(Reply::new("case", case_data(c, ctx)).buttons(case_buttons(c)));
        }
        None => missing(n, ctx, out),
    }
}

pub(crate) fn missing(n: i64, ctx: &Ctx, out: &mut Out) {
    let have: Vec<i64> = ctx.cases.iter().map(|c| c.number).collect();
    out.say(
        Reply::new("cases.missing", json!({ "n": n, "have": have }))
            .buttons(vec![row(&[Id::MenuCases, Id::MenuMain])]),
    );
}

pub(crate) fn number_arg(arg: Option<&str>) -> Option<i64> {
    arg?.trim()
        .trim_start_matches('#')
        .parse::<i64>()
        .ok()
        .filter(|n| *n > 0)
}

pub(crate) fn bad_number(s: &mut State, cmd: &str, arg: Option<&str>, ctx: &Ctx, out: &mut Out) {
    out.say(Reply::new("cases.bad_number", json!({ "cmd": cmd, "got": arg })));
    show_any(s, ctx, out);
}

/// The case a follow-up is about: the one on screen, else the most recent
/// estimated case that is not finished.
pub(crate) fn latest(s: &State, ctx: &Ctx) -> Option<i64> {
    let open = |c: &&CaseView| {
        c.data.assessment.is_some() && !matches!(c.status, CaseStatus::Refunded | CaseStatus::Closed)
    };
    active(s, ctx)
        .filter(|c| open(c) && !flow::is_check(s.at) && s.at != P::Menu)
        .or_else(|| ctx.cases.iter().filter(open).max_by_key(|c| c.number))
        .map(|c| c.number)
}
