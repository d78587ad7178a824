//! The result of a check, the user's cases, and following a case up.

use super::questions::{self, Answer, Took};
use super::state::{Intent, Position as P, State};
use super::view::{CaseData, CaseStatus, CaseView, ContactView, RejectReason};
use super::{Button, Ctx, Effect, Out, Reply, show as show_any};
use crate::input;
use crate::policy::timeline::{self, Progress, Window};
use crate::policy::{self, Profile, RequestKind};
use chrono::{DateTime, Utc};
use serde_json::{Value, json};

fn row(ids: &[&str]) -> Vec<Button> {
    ids.iter().map(|i| Button::new(i)).collect()
}

fn result_buttons() -> Vec<Vec<Button>> {
    vec![
        row(&["result:steps", "result:request"]),
        row(&["result:evidence", "result:submitted"]),
        vec![Button::new("nav:back"), Button::new("menu:main")],
    ]
}

fn case_buttons(c: &CaseView) -> Vec<Vec<Button>> {
    let mut rows = vec![
        row(&["follow:submitted", "follow:rejected"]),
        row(&["follow:different", "follow:not_arrived"]),
        row(&["follow:refunded", "follow:contact"]),
    ];
    if c.data.assessment.is_some() {
        rows.push(row(&["result:request", "result:evidence"]));
    }
    rows.push(vec![
        Button::with(
            format!("export:{}", c.number),
            "btn.export",
            json!({ "n": c.number }),
        ),
        Button::new("menu:main"),
    ]);
    rows
}

/// The data every case template gets.
fn case_data(c: &CaseView, ctx: &Ctx) -> Value {
    let a = c.data.assessment.as_ref();
    let progress = c.data.submitted_at.and_then(|sub| {
        let w = window(&c.data, sub, ctx)?;
        Some(json!({ "window": w, "progress": timeline::progress(ctx.calendar, &w, ctx.now) }))
    });
    json!({
        "n": c.number,
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
    })
}

/// When an answer or the money is due for a case submitted at `sub`.
fn window(data: &CaseData, sub: DateTime<Utc>, ctx: &Ctx) -> Option<Window> {
    let profile = Profile::load(data.policy);
    let a = data.assessment.as_ref()?;
    let day = timeline::local_date(sub);
    let span = if data.draft.request == Some(RequestKind::Requested) {
        if a.timeline.complex {
            profile.review.complex
        } else {
            profile.review.simple
        }
    } else {
        profile.withdrawal.offline
    };
    Some(Window::new(ctx.calendar, day, span))
}

/// All answers are in: quote, save the case, show the result.
pub(crate) fn finish(s: &mut State, ctx: &Ctx, out: &mut Out) {
    let Some(facts) = s.draft.facts() else {
        s.at = questions::first_open(&s.draft);
        return out.say(questions::ask(s, ctx));
    };
    let profile = Profile::load(ctx.profile);
    let submitted = facts.at.max(ctx.now);
    let assessment = match policy::assess(&facts, &profile, ctx.calendar, submitted) {
        Ok(a) => a,
        Err(e) => {
            out.say(Reply::new("result.error", json!({ "message": e.to_string() })));
            s.at = P::Start;
            return out.say(questions::ask(s, ctx));
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
    data.policy = ctx.profile;
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
    out.say(Reply::new("quote", case_data(&view, ctx)).buttons(result_buttons()));
}

/// The case in the state, as stored (or as just computed, before storage).
fn active<'a>(s: &State, ctx: &'a Ctx) -> Option<&'a CaseView> {
    s.case_no.and_then(|n| ctx.case(n))
}

pub(crate) fn show(s: &mut State, ctx: &Ctx, out: &mut Out) {
    let case = active(s, ctx);
    match (s.at, case) {
        (P::Cases, _) => list(s, ctx, out),
        (P::ConfirmDelete, _) => {
            out.say(Reply::key("delete.confirm").buttons(vec![row(&["delete:yes", "delete:no"])]))
        }
        (P::Result, Some(c)) => out.say(Reply::new("quote", case_data(c, ctx)).buttons(result_buttons())),
        (P::CaseView, Some(c)) => out.say(Reply::new("case", case_data(c, ctx)).buttons(case_buttons(c))),
        (P::SubmittedAt, Some(_)) => {
            out.say(Reply::key("q.submitted_at").buttons(vec![row(&["when:now", "nav:back"])]))
        }
        (P::Rejection, Some(_)) => out.say(
            Reply::key("q.rejection").buttons(
                RejectReason::ALL
                    .iter()
                    .map(|r| vec![Button::new(&format!("reject:{}", r.as_str()))])
                    .collect(),
            ),
        ),
        (P::Received, Some(c)) => {
            out.say(Reply::new("q.received", case_data(c, ctx)).buttons(vec![row(&["nav:back"])]))
        }
        (P::ContactWhen, Some(_)) => {
            out.say(Reply::key("q.contact_when").buttons(vec![row(&["when:now", "nav:back"])]))
        }
        (P::ContactAgent, Some(_)) => {
            out.say(Reply::key("q.contact_agent").buttons(vec![row(&["agent:unknown", "nav:back"])]))
        }
        (P::ContactSaid, Some(_)) => out.say(Reply::key("q.contact_said").buttons(vec![row(&["nav:back"])])),
        _ => {
            s.at = P::Menu;
            out.say(Reply::key("menu").buttons(vec![row(&["menu:new", "menu:cases"])]));
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
    rows.push(row(&["menu:new", "menu:main"]));
    s.at = P::Cases;
    out.say(Reply::new("cases", json!({ "cases": items })).buttons(rows));
}

/// "Follow up a refund I submitted": the only case, or the list to choose from.
pub(crate) fn follow(s: &mut State, ctx: &Ctx, out: &mut Out) {
    match ctx.cases {
        [] => {
            out.say(Reply::key("cases.none"));
            out.say(Reply::key("menu").buttons(vec![row(&["menu:new", "menu:main"])]));
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
            .buttons(vec![row(&["menu:cases", "menu:main"])]),
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
    match (s.at, button) {
        (P::ConfirmDelete, _) => confirm_delete(s, a, ctx, out),
        (P::Result | P::CaseView, Some("result:steps")) => {
            out.say(Reply::new("steps", case_data(&case, ctx)));
            show(s, ctx, out);
        }
        (P::Result | P::CaseView, Some("result:request")) => {
            out.say(Reply::new("request_text", case_data(&case, ctx)));
            show(s, ctx, out);
        }
        (P::Result | P::CaseView, Some("result:evidence")) => {
            out.say(Reply::new("evidence", case_data(&case, ctx)));
            show(s, ctx, out);
        }
        (P::Result | P::CaseView, Some("result:submitted" | "follow:submitted")) => {
            s.follow.intent = Some(Intent::Submitted);
            ask_at(s, P::SubmittedAt, ctx, out);
        }
        (P::CaseView, Some("follow:rejected")) => ask_at(s, P::Rejection, ctx, out),
        (P::CaseView, Some("follow:different")) => ask_at(s, P::Received, ctx, out),
        (P::CaseView, Some("follow:not_arrived")) => match case.data.submitted_at {
            Some(_) => not_arrived(s, &case, ctx, out),
            None => {
                s.follow.intent = Some(Intent::NotArrived);
                out.say(Reply::key("followup.need_submitted_at"));
                ask_at(s, P::SubmittedAt, ctx, out);
            }
        },
        (P::CaseView, Some("follow:refunded")) => {
            let mut c = case.clone();
            c.status = CaseStatus::Refunded;
            save(out, &c, Some(CaseStatus::Refunded), None);
            out.say(Reply::new("followup.refunded", case_data(&c, ctx)));
            back_to_case(s, ctx, out, &c);
        }
        (P::CaseView, Some("follow:contact")) => ask_at(s, P::ContactWhen, ctx, out),
        (P::SubmittedAt, b) => {
            let at = match b {
                Some("when:now") => ctx.now,
                Some(_) => return wrong(Reply::key("nav.stale_button"), s, ctx, out),
                None => match input::parse_past_datetime(text, ctx.now) {
                    Ok(t) => t,
                    Err(e) => return wrong(input_error(e.key(), e.params()), s, ctx, out),
                },
            };
            let mut c = case.clone();
            c.data.submitted_at = Some(at);
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
            let Some(r) = RejectReason::ALL
                .into_iter()
                .find(|r| id == format!("reject:{}", r.as_str()))
            else {
                return wrong(Reply::key("nav.stale_button"), s, ctx, out);
            };
            let mut c = case.clone();
            c.data.rejection = Some(r);
            c.status = CaseStatus::Rejected;
            save(out, &c, Some(CaseStatus::Rejected), Some(r.as_str().to_owned()));
            out.say(Reply::new("appeal", case_data(&c, ctx)));
            back_to_case(s, ctx, out, &c);
        }
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
                let mut data = case_data(&c, ctx);
                data["difference"] = json!(policy::cents((expected - got).abs()));
                data["less"] = json!(got < expected);
                data["received"] = json!(policy::cents(got));
                out.say(Reply::new("followup.different", data));
                back_to_case(s, ctx, out, &c);
            }
            Err(e) => wrong(input_error(e.key(), e.params()), s, ctx, out),
        },
        (P::ContactWhen, b) => {
            let at = match b {
                Some("when:now") => ctx.now,
                Some(_) => return wrong(Reply::key("nav.stale_button"), s, ctx, out),
                None => match input::parse_past_datetime(text, ctx.now) {
                    Ok(t) => t,
                    Err(e) => return wrong(input_error(e.key(), e.params()), s, ctx, out),
                },
            };
            s.follow.contact_at = Some(at);
            ask_at(s, P::ContactAgent, ctx, out);
        }
        (P::ContactAgent, b) => {
            let agent = match b {
                Some("agent:unknown") => String::new(),
                Some(_) => return wrong(Reply::key("nav.stale_button"), s, ctx, out),
                None => match questions::free_text(text) {
                    Ok(t) => t,
                    Err(t) => return wrong(took_reply(t), s, ctx, out),
                },
            };
            s.follow.contact_agent = Some(agent);
            ask_at(s, P::ContactSaid, ctx, out);
        }
        (P::ContactSaid, None) => match questions::free_text(text) {
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
    out.say(Reply::new("followup.not_arrived", data));
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
        Answer::Button("delete:yes") => {
            out.effects.push(Effect::DeleteMyData);
            *s = State {
                lang: s.lang,
                ..State::default()
            };
            out.say(Reply::key("delete.done"));
        }
        Answer::Button("delete:no") => {
            s.at = s.history.pop().unwrap_or(P::Menu);
            out.say(Reply::key("delete.kept"));
            show_any(s, ctx, out);
        }
        _ => wrong(Reply::key("nav.use_buttons"), s, ctx, out),
    }
}
