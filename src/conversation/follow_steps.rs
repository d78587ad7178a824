//! The small steps every follow-up screen takes: ask a question, go back to
//! the case, say what was wrong, read a time, save the case.

use super::answer::Took;
use super::buttons::Id;
use super::card::case_buttons;
use super::cases::show;
use super::reply::{Effect, Out, Reply};
use super::screen::show as show_any;
use super::state::{Position as P, State};
use super::vocab::Ctx;
use crate::case::{CaseStatus, CaseView};
use crate::input;
use crate::policy;
use chrono::{DateTime, Utc};
use serde_json::{Value, json};

pub(super) fn ask_at(s: &mut State, p: P, ctx: &Ctx, out: &mut Out) {
    s.history.push(s.at);
    s.at = p;
    show(s, ctx, out);
}

pub(super) fn back_to_case(s: &mut State, ctx: &Ctx, out: &mut Out, case: &CaseView) {
    s.at = P::CaseView;
    s.history = vec![P::Menu];
    s.follow = Default::default();
    out.say(Reply::new("case.what_next", json!({ "n": case.number })).buttons(case_buttons(case)));
    let _ = ctx;
}

pub(super) fn wrong(r: Reply, s: &mut State, ctx: &Ctx, out: &mut Out) {
    out.say(r);
    show_any(s, ctx, out);
}

pub(super) fn took_reply(t: Took) -> Reply {
    match t {
        Took::Wrong(r) | Took::Stay(r) => r,
        Took::Next(r) => r.unwrap_or_else(|| Reply::key("nav.use_buttons")),
    }
}

/// "Just now" or a past date and time typed by the user.
pub(super) fn when(button: Option<Id>, text: &str, ctx: &Ctx) -> Result<DateTime<Utc>, Reply> {
    match button {
        Some(Id::WhenNow) => Ok(ctx.now),
        Some(_) => Err(Reply::key("nav.stale_button")),
        None => input::parse_past_datetime(text, ctx.now).map_err(|e| input_error(e.key(), e.params())),
    }
}

/// A submission comes after the purchase it refers to, and after the deletion
/// unless the refund is asked from support (which may come first).
pub(super) fn not_before_case(c: &CaseView, at: DateTime<Utc>) -> Result<DateTime<Utc>, Reply> {
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

pub(super) fn input_error(key: &str, params: Vec<(&'static str, String)>) -> Reply {
    let data: serde_json::Map<String, Value> = params
        .into_iter()
        .map(|(k, v)| (k.to_owned(), json!(v)))
        .collect();
    Reply::new(key, Value::Object(data))
}

/// Save the case, with a status event when the status changed.
pub(super) fn save(out: &mut Out, c: &CaseView, event: Option<CaseStatus>, note: Option<String>) {
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
