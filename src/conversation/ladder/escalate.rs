//! The escalation ladder in the conversation: after the appeal is refused
//! too (or from a rejected case's "What else can I do?"), the next steps
//! with their preconditions checked against the case; the formal complaint
//! to the provider (its ticket number kept); the MIIT and 12315 complaint
//! texts, asking only for the fields the case does not hold; and the
//! statuses `complained` and `escalated` in the case's timeline.

use super::buttons::{btn, case_and_menu};
use crate::case::{CaseStatus, CaseView};
use crate::conversation::base::answer::Answer;
use crate::conversation::base::reply::{Button, Effect, Out, Reply};
use crate::conversation::base::state::{LadderAsk, Position as P, State};
use crate::conversation::base::vocab::Ctx;
use crate::conversation::cases::card::case_data;
use crate::policy::Provider;
use crate::policy::escalation::{self, Body, Field, Ladder, Miit, Samr, respondent};
use crate::policy::timeline::local_date;
use chrono::NaiveDate;
use serde_json::{Value, json};

/// The day the dispute arose, from the case: support's first refusal, else
/// the day the refund was asked for, else the deletion, else the case's start.
pub(crate) fn arose(c: &CaseView) -> NaiveDate {
    let complained = c.data.escalation.complained_at;
    // A refusal recorded after the complaint it led to came before it: its
    // recorded day is not the day it happened.
    let refused = c
        .data
        .rejected_at
        .or_else(|| {
            c.events
                .iter()
                .find(|e| e.status == CaseStatus::Rejected)
                .map(|e| e.at)
        })
        .filter(|at| complained.is_none_or(|k| *at <= k));
    let day = local_date(
        refused
            .or(c.data.submitted_at)
            .or(c.data.draft.delete_at)
            .unwrap_or(c.created_at),
    );
    // The dispute arose no later than the complaint about it.
    complained.map(local_date).filter(|d| *d < day).unwrap_or(day)
}

fn provider(c: &CaseView) -> Provider {
    c.data.draft.provider().unwrap_or_default()
}

/// The ladder with the case's ladder updated (the day it arose kept).
pub(super) fn with_arose(c: &CaseView) -> Ladder {
    let mut l = c.data.escalation.clone();
    l.arose = Some(arose(c));
    l
}

pub(super) fn save(c: &CaseView, ladder: Ladder, out: &mut Out) {
    let mut data = c.data.clone();
    data.escalation = ladder;
    out.effects.push(Effect::SaveCase {
        number: c.number,
        status: c.status,
        data: Box::new(data),
    });
}

/// The case `c` with `ladder` in it, as the rest of this step sees it.
pub(super) fn updated(c: &CaseView, ladder: &Ladder) -> CaseView {
    let mut c = c.clone();
    c.data.escalation = ladder.clone();
    c
}

/// The ladder for case `c`: each route with its precondition, and the
/// buttons for what can be done now.
pub(crate) fn offer(s: &mut State, c: &CaseView, ctx: &Ctx, out: &mut Out) {
    let mut ladder = with_arose(c);
    // A complaint logged as an event or a contact record counts too.
    if ladder.complained_at.is_none()
        && let Some((at, ticket)) = super::complaint::complaint(c, ctx)
    {
        ladder.complained_at = Some(at);
        ladder.ticket = ladder.ticket.or(ticket);
        ladder.arose = Some(arose(&updated(c, &ladder)));
    }
    if ladder != c.data.escalation {
        save(c, ladder.clone(), out);
    }
    s.case_no = Some(c.number);
    s.draft = c.data.draft.clone();
    s.ladder = None;
    s.at = P::Ladder;
    s.history = vec![P::Menu];
    let today = local_date(ctx.now);
    let miit = escalation::miit(&ladder, today);
    let samr = escalation::samr(&ladder, today);
    let n = c.number;
    let rows = rows(n, &ladder, today);
    out.say(
        Reply::new(
            "ladder",
            json!({
                "n": n,
                "provider": provider(c),
                "arose": ladder.arose,
                "fee_limit": ladder.arose.map(escalation::fee_limit),
                "complained_at": ladder.complained_at.map(|t| t.to_rfc3339()),
                "ticket": ladder.ticket,
                "unsatisfied": ladder.unsatisfied,
                "company": ladder.company,
                "miit": miit,
                "samr": samr,
                "sent": ladder.escalated.iter().map(|e| json!({ "body": e.body, "at": e.at.to_rfc3339() })).collect::<Vec<_>>(),
                "company_days": escalation::COMPANY_DAYS,
                "fee_months": escalation::FEE_DISPUTE_MONTHS,
            }),
        )
        .buttons(rows),
    );
}

/// What can be done now on the ladder of case `n`, as buttons (MIIT's letter is made ready
/// while the company's 15 days run, filed once they are over).
fn rows(n: i64, ladder: &Ladder, today: NaiveDate) -> Vec<Vec<Button>> {
    let miit = escalation::miit(ladder, today);
    let samr = escalation::samr(ladder, today);
    let mut rows = Vec::new();
    if ladder.complained_at.is_none() {
        rows.push(vec![btn(n, "complaint_text", "complaint_text")]);
        rows.push(vec![btn(n, "complained", "complained")]);
    } else if !ladder.unsatisfied && matches!(miit, Miit::Wait { .. }) {
        rows.push(vec![btn(n, "unsatisfied", "unsatisfied")]);
    }
    if matches!(miit, Miit::Open { .. } | Miit::Wait { .. }) {
        rows.push(vec![btn(n, "letter:miit", "letter_miit")]);
    }
    match samr {
        Samr::Ask => rows.push(vec![btn(n, "personal", "personal"), btn(n, "company", "company")]),
        Samr::Open { .. } | Samr::Company { .. } => rows.push(vec![btn(n, "letter:samr", "letter_samr")]),
        Samr::NeedsComplaint | Samr::TooLate { .. } => {}
    }
    rows.push(case_and_menu(n));
    rows
}

/// The ladder on screen again: one short line with its buttons (at a resume, or after a
/// message it does not take); the whole ladder when it was never saved.
pub(crate) fn resume(s: &mut State, ctx: &Ctx, out: &mut Out) {
    let Some(c) = s.case_no.and_then(|n| ctx.case(n)) else {
        return crate::conversation::menu::go_menu(s, out);
    };
    let ladder = with_arose(c);
    out.say(
        Reply::new("ladder.what_next", json!({ "n": c.number })).buttons(rows(
            c.number,
            &ladder,
            local_date(ctx.now),
        )),
    );
}

/// The ladder's buttons (`ladder:N`, `lad:N:action`); false for others.
pub(crate) fn button(s: &mut State, id: &str, ctx: &Ctx, out: &mut Out) -> bool {
    if let Some(c) = id
        .strip_prefix("ladder:")
        .and_then(|n| n.parse::<i64>().ok())
        .and_then(|n| ctx.case(n))
    {
        offer(s, c, ctx, out);
        return true;
    }
    let Some(rest) = id.strip_prefix("lad:") else {
        return false;
    };
    let Some((n, action)) = rest.split_once(':') else {
        return false;
    };
    let Some(c) = n.parse::<i64>().ok().and_then(|n| ctx.case(n)) else {
        return false;
    };
    s.case_no = Some(c.number);
    s.draft = c.data.draft.clone();
    let mut ladder = with_arose(c);
    match action {
        "complained" => ask(s, c, None, Field::Ticket, out),
        "complaint_text" => super::complaint_letter::write(s, c, ctx, out),
        "noticket" => complained(s, c, None, None, ctx, out),
        "unsatisfied" => {
            ladder.unsatisfied = true;
            save(c, ladder.clone(), out);
            offer(s, &updated(c, &ladder), ctx, out);
        }
        "personal" | "company" => {
            ladder.company = Some(action == "company");
            save(c, ladder.clone(), out);
            offer(s, &updated(c, &ladder), ctx, out);
        }
        a => match (a.strip_prefix("letter:"), a.strip_prefix("sent:")) {
            (Some(body), _) => match Body::parse(body) {
                Some(body) => letter(s, c, body, ctx, out),
                None => return false,
            },
            (_, Some(body)) => match Body::parse(body) {
                Some(body) => sent(s, c, body, ctx, out),
                None => return false,
            },
            _ => return false,
        },
    }
    true
}

/// Asks for one field (the ticket number, or one a letter needs).
fn ask(s: &mut State, c: &CaseView, body: Option<Body>, field: Field, out: &mut Out) {
    if s.at != P::LadderField {
        s.history.push(s.at);
    }
    s.at = P::LadderField;
    s.ladder = Some(LadderAsk {
        case: c.number,
        body,
        field,
    });
    out.say(ask_reply(c, body, field));
}

fn ask_reply(c: &CaseView, body: Option<Body>, field: Field) -> Reply {
    let n = c.number;
    let mut rows = Vec::new();
    if field == Field::Ticket {
        rows.push(vec![btn(n, "noticket", "noticket")]);
    }
    rows.push(vec![Button::with(
        format!("ladder:{n}"),
        "btn.ladder.back",
        json!({ "n": n }),
    )]);
    Reply::new(
        "ladder.ask",
        json!({ "n": n, "field": field, "body": body, "provider": provider(c) }),
    )
    .buttons(rows)
}

/// The question on screen again.
pub(crate) fn show(s: &mut State, ctx: &Ctx, out: &mut Out) {
    match s.ladder.as_ref().and_then(|a| ctx.case(a.case).map(|c| (a, c))) {
        Some((a, c)) => out.say(ask_reply(c, a.body, a.field)),
        None => crate::conversation::menu::go_menu(s, out),
    }
}

/// A typed answer to the field asked.
pub(crate) fn answer(s: &mut State, a: Answer, ctx: &Ctx, out: &mut Out) {
    let Some((ask_at, c)) = s.ladder.and_then(|a| ctx.case(a.case).map(|c| (a, c))) else {
        return crate::conversation::menu::go_menu(s, out);
    };
    let Answer::Text(t) = a else {
        out.say(Reply::key("ladder.use_buttons"));
        return show(s, ctx, out);
    };
    // The whole message, before `t` becomes the asked detail's value.
    let said = t;
    // "投诉没给我单号，11月21号投的": the ticket number in the sentence (none
    // when it has none, never the sentence), and the day it names.
    if ask_at.field == Field::Ticket {
        let ticket = super::fields::ticket_in(t);
        let rest = ticket.as_deref().map_or(t.to_owned(), |k| t.replace(k, " "));
        let on = super::fields::day_in(&rest, ctx.now);
        return complained(s, c, ticket, on, ctx, out);
    }
    // "315000，刚才说过了": the value inside the sentence; "…88号，邮编315000":
    // the postcode said with the address is kept too.
    let (value, postcode) = super::fields::value_in(ask_at.field, t.trim());
    let t = value.as_str();
    if let Some(problem) = super::fields::invalid(ask_at.field, t) {
        out.say(Reply::new(problem, json!({ "field": ask_at.field })));
        return show(s, ctx, out);
    }
    let mut ladder = with_arose(c);
    ladder.details.set(ask_at.field, t.to_owned());
    // "陈建国，电话13800138000，地址成都市…": the other details said with it.
    for (field, value) in super::fields::others_in(ask_at.field, said) {
        if ladder.details.get(field).is_none() {
            ladder.details.set(field, value);
        }
    }
    if let Some(p) = postcode
        && ladder.details.get(Field::Postcode).is_none()
    {
        ladder.details.set(Field::Postcode, p);
    }
    save(c, ladder.clone(), out);
    match ask_at.body {
        Some(body) => letter(s, &updated(c, &ladder), body, ctx, out),
        None => offer(s, &updated(c, &ladder), ctx, out),
    }
}

/// The formal complaint to the provider was made: kept with its ticket number, as `complained`.
fn complained(
    s: &mut State,
    c: &CaseView,
    ticket: Option<String>,
    on: Option<chrono::DateTime<chrono::Utc>>,
    ctx: &Ctx,
    out: &mut Out,
) {
    let mut ladder = with_arose(c);
    let at = on.unwrap_or(ctx.now);
    ladder.complained_at = Some(at);
    ladder.ticket = ticket.clone();
    save(c, ladder.clone(), out);
    out.effects.push(Effect::Event {
        number: c.number,
        status: CaseStatus::Complained,
        note: ticket.clone(),
    });
    out.say(Reply::new(
        "ladder.complained",
        json!({
            "n": c.number,
            "ticket": ticket,
            "from": escalation::company_time_up(local_date(at)),
            "today": local_date(ctx.now),
        }),
    ));
    offer(s, &updated(c, &ladder), ctx, out);
}

/// The complaint text for `body`, or the first field it still needs.
pub(super) fn letter(s: &mut State, c: &CaseView, body: Body, ctx: &Ctx, out: &mut Out) {
    let ladder = with_arose(c);
    let r = respondent(provider(c));
    let details = ladder.details.with_respondent(&r);
    if let Some(field) = details.missing(body).first().copied() {
        return ask(s, c, Some(body), field, out);
    }
    s.at = P::CaseView;
    s.ladder = None;
    let mut data = case_data(c, ctx);
    data["body"] = json!(body);
    data["details"] = json!(details);
    data["respondent_from_file"] = json!(ladder.details.respondent_name.is_none());
    data["respondent"] = json!(r);
    data["ticket"] = json!(ladder.ticket);
    data["complained_at"] = json!(ladder.complained_at.map(|t| t.to_rfc3339()));
    data["arose"] = json!(ladder.arose);
    data["today"] = json!(local_date(ctx.now));
    data["company"] = json!(ladder.company);
    data["miit_from"] = match escalation::miit(&ladder, local_date(ctx.now)) {
        Miit::Wait { from, .. } if body == Body::Miit => json!(from),
        _ => json!(null),
    };
    let n = c.number;
    out.say(
        Reply::new(&format!("ladder.letter_{}", body.as_str()), data).buttons(vec![
            vec![btn(n, &format!("sent:{}", body.as_str()), "sent")],
            vec![Button::with(
                format!("ladder:{n}"),
                "btn.ladder.back",
                json!({ "n": n }),
            )],
            case_and_menu(n),
        ]),
    );
}

/// The complaint went to `body` with its materials: `escalated`, and the clocks for its answer
/// planned as reminders.
fn sent(s: &mut State, c: &CaseView, body: Body, ctx: &Ctx, out: &mut Out) {
    let mut ladder = with_arose(c);
    if ladder.sent_to(body).is_none() {
        ladder.escalated.push(escalation::Escalated { body, at: ctx.now });
        out.effects.push(Effect::Event {
            number: c.number,
            status: CaseStatus::Escalated,
            note: Some(body.as_str().to_owned()),
        });
        save(c, ladder.clone(), out);
    }
    let day = local_date(ladder.sent_to(body).unwrap_or(ctx.now));
    let (accept_by, reply_by): (NaiveDate, Value) = match body {
        Body::Miit => (
            escalation::miit_accept_by(ctx.calendar, day),
            json!(escalation::miit_reply_by(day)),
        ),
        Body::Samr => (escalation::samr_accept_by(ctx.calendar, day), Value::Null),
    };
    s.at = P::CaseView;
    s.ladder = None;
    out.say(
        Reply::new(
            "ladder.sent",
            json!({ "n": c.number, "body": body, "accept_by": accept_by, "reply_by": reply_by }),
        )
        .buttons(vec![case_and_menu(c.number)]),
    );
}
