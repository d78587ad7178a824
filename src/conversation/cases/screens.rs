//! The result of a check, the user's cases, and following a case up.

use crate::case::{CaseStatus, CaseView, RejectReason};
use crate::conversation::base::buttons::Id;
use crate::conversation::base::reply::{Button, Effect, Out, Reply};
use crate::conversation::base::state::{Position as P, State};
use crate::conversation::base::vocab::Ctx;
use crate::conversation::cases::card::{
    active, case_buttons, case_data, key_for, missing, result_buttons_for, row,
};
use crate::conversation::check::finish::finish;
use crate::conversation::check::flow;
use crate::conversation::check::question;
use serde_json::{Value, json};

pub(crate) fn show(s: &mut State, ctx: &Ctx, out: &mut Out) {
    let case = active(s, ctx);
    match (s.at, case) {
        (P::Cases, _) => list(s, ctx, out),
        (P::ConfirmDelete, _) => {
            out.say(Reply::key("delete.confirm").buttons(vec![row(&[Id::DeleteYes, Id::DeleteNo])]))
        }
        (P::Result, Some(c)) => out
            .say(Reply::new(&key_for("quote", c), case_data(c, ctx)).buttons(result_buttons_for(c, ctx.now))),
        (P::CaseView, Some(c)) => {
            out.say(Reply::new("case", case_data(c, ctx)).buttons(case_buttons(c, ctx)))
        }
        (P::SupportSaid | P::FollowInstance, Some(c)) => {
            crate::conversation::follow::fresh::ask(s, c, ctx, out)
        }
        (P::SubmittedAt, Some(c)) if s.follow.fresh => {
            crate::conversation::follow::fresh::ask(s, c, ctx, out)
        }
        (P::SubmittedAt, Some(_)) => {
            let key = match s.follow.intent {
                Some(crate::conversation::base::state::Intent::Withdrawal) => "q.withdrawal_at",
                _ => "q.submitted_at",
            };
            out.say(Reply::key(key).buttons(vec![row(&[Id::WhenNow, Id::NavBack])]))
        }
        (P::Rejection, Some(_)) => out.say(
            Reply::new("q.rejection", json!({ "requote": s.follow.requote })).buttons(
                RejectReason::OFFERED
                    .iter()
                    .map(|r| vec![Button::new(crate::conversation::cases::card::reject_id(*r))])
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
/// "Follow up a refund": the case to follow, or, with none but an
/// unfinished check, what happened (each follow-up works without an
/// estimate) — never the check's next question.
pub(crate) fn follow(s: &mut State, ctx: &Ctx, out: &mut Out) {
    let followed: Vec<&CaseView> = ctx
        .cases
        .iter()
        .filter(|c| c.data.assessment.is_some() || c.status != CaseStatus::Draft)
        .collect();
    match followed.as_slice() {
        [] => {
            let rows = ["submitted", "not_arrived", "rejected", "different_amount"]
                .iter()
                .map(|name| {
                    vec![Button::with(
                        format!("wish:{name}"),
                        &format!("btn.wish.{name}"),
                        Value::Null,
                    )]
                })
                .chain([row(&[Id::MenuMain])])
                .collect();
            out.say(Reply::key("follow.which").buttons(rows));
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
                return out.say(question::ask(s, ctx));
            }
            s.at = P::CaseView;
            out.say(Reply::new("case", case_data(c, ctx)).buttons(case_buttons(c, ctx)));
            out.effects.push(Effect::Picture {
                number: n,
                estimate: false,
            });
        }
        None => missing(n, ctx, out),
    }
}
