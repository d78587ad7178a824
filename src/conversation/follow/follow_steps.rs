//! The small steps every follow-up screen takes: ask a question, go back to
//! the case, say what was wrong, read a time, save the case.

use crate::case::{CaseStatus, CaseView};
use crate::conversation::base::answer::Took;
use crate::conversation::base::buttons::Id;
use crate::conversation::base::reply::{Effect, Out, Reply};
use crate::conversation::base::state::{Position as P, State};
use crate::conversation::base::vocab::Ctx;
use crate::conversation::cases::card::case_buttons;
use crate::conversation::cases::screens::show;
use crate::conversation::screen::show as show_any;
use crate::input;
use crate::policy;
use chrono::{DateTime, Utc};
use serde_json::{Value, json};

pub(crate) fn ask_at(s: &mut State, p: P, ctx: &Ctx, out: &mut Out) {
    s.history.push(s.at);
    s.at = p;
    show(s, ctx, out);
}

pub(crate) fn back_to_case(s: &mut State, ctx: &Ctx, out: &mut Out, case: &CaseView) {
    s.at = P::CaseView;
    s.history = vec![P::Menu];
    s.follow = Default::default();
    out.say(Reply::new("case.what_next", json!({ "n": case.number })).buttons(case_buttons(case, ctx)));
    let _ = ctx;
}

pub(crate) fn wrong(r: Reply, s: &mut State, ctx: &Ctx, out: &mut Out) {
    out.say(r);
    show_any(s, ctx, out);
}

pub(crate) fn took_reply(t: Took) -> Reply {
    match t {
        Took::Wrong(r) | Took::Stay(r) => r,
        Took::Next(r) => r.unwrap_or_else(|| Reply::key("nav.use_buttons")),
    }
}

/// "Just now" or a past date and time typed by the user.
pub(crate) fn when(button: Option<Id>, text: &str, ctx: &Ctx) -> Result<DateTime<Utc>, Reply> {
    match button {
        Some(Id::WhenNow) => Ok(ctx.now),
        Some(_) => Err(Reply::key("nav.stale_button")),
        // "2026年11月23日，刚才已经告诉过您了": the one date of a sentence.
        None => input::parse_past_datetime(text, ctx.now)
            .or_else(|e| input::one_past_date(text, crate::render::Lang::default(), ctx.now).ok_or(e))
            .or_else(|e| first_of_several(text, ctx).ok_or(e))
            .map_err(|e| input_error(e.key(), e.params())),
    }
}

/// "11月18日我提的工单，11月20日客服回复的": of several past days in a
/// sentence, the first, when it began.
pub(crate) fn first_of_several(text: &str, ctx: &Ctx) -> Option<DateTime<Utc>> {
    input::extract(text, crate::render::Lang::default(), ctx.now)
        .unclear
        .iter()
        .filter(|u| {
            matches!(
                u.kind,
                input::UnclearKind::DateWithoutRole | input::UnclearKind::ConflictingDates
            )
        })
        .filter_map(|u| input::parse_past_datetime(&u.words, ctx.now).ok())
        .min()
}

/// A submission comes after the purchase it refers to, and after the deletion
/// unless the refund is asked from support (which may come first).
pub(crate) fn not_before_case(c: &CaseView, at: DateTime<Utc>) -> Result<DateTime<Utc>, Reply> {
    let d = &c.data.draft;
    let deletion = d
        .delete_at
        .filter(|_| d.request != Some(policy::RequestKind::Requested) && !d.not_deleted);
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

pub(crate) fn input_error(key: &str, params: Vec<(&'static str, String)>) -> Reply {
    let data: serde_json::Map<String, Value> = params
        .into_iter()
        .map(|(k, v)| (k.to_owned(), json!(v)))
        .collect();
    Reply::new(key, Value::Object(data))
}

/// Save the case, with a status event when the status changed.
pub(crate) fn save(out: &mut Out, c: &CaseView, event: Option<CaseStatus>, note: Option<String>) {
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
