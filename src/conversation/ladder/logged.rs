//! A formal complaint to the provider, however it was logged: the ladder's
//! button, a `complained` event, a contact record that reads as one ("已向
//!优刻得投诉了，工单 CS20261110-0457"), or a report in words with its date and
//! ticket number. Each counts for the ladder's clocks.

use super::complaint::ticket_in;
use crate::case::{CaseStatus, CaseView};
use crate::conversation::base::reply::{Effect, Out, Reply};
use crate::conversation::base::state::State;
use crate::conversation::base::vocab::Ctx;
use crate::input::{self, UnclearKind};
use crate::policy::escalation;
use crate::policy::timeline::local_date;
use chrono::{DateTime, Utc};
use serde_json::json;

/// The day a message says a thing happened: a past date it gives, else now.
fn said_on(text: &str, ctx: &Ctx, lang: crate::render::Lang) -> DateTime<Utc> {
    let read = input::extract(text, lang, ctx.now);
    let with_role = read.facts.iter().find_map(|f| f.fact.when().map(|w| w.at));
    let without = read
        .unclear
        .iter()
        .filter(|u| u.kind == UnclearKind::DateWithoutRole)
        .find_map(|u| input::parse_past_datetime(&u.words, ctx.now).ok());
    without
        .or(with_role)
        .filter(|at| *at <= ctx.now)
        .unwrap_or(ctx.now)
}

/// "…11-09 拒绝。12-05 开了正式投诉工单 TS…": in a story of several days,
/// the day of the sentence that reports the complaint.
fn complained_on(text: &str, ctx: &Ctx, lang: crate::render::Lang) -> DateTime<Utc> {
    let d = &ctx.intents.dialogue;
    crate::conversation::read::clauses::split(text)
        .iter()
        .find(|k| d.reports(&k.folded, crate::conversation::read::act::Event::Complained))
        .and_then(|k| input::one_past_date(&k.text, lang, ctx.now))
        .unwrap_or_else(|| said_on(text, ctx, lang))
}

/// "我已向优刻得正式投诉，11月10日，工单 …": the complaint kept on the case
/// it is about (its date and ticket as said), then the ladder from there.
pub(crate) fn reported(s: &mut State, c: &CaseView, text: &str, ctx: &Ctx, out: &mut Out) {
    let at = complained_on(text, ctx, s.lang());
    let ticket = ticket_in(text);
    let mut data = c.data.clone();
    data.escalation.complained_at = Some(at);
    data.escalation.ticket = ticket.clone().or(data.escalation.ticket);
    out.effects.push(Effect::SaveCase {
        number: c.number,
        status: c.status,
        data: Box::new(data.clone()),
    });
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
    let mut c = c.clone();
    c.data = data;
    super::escalate::offer(s, &c, ctx, out);
}
