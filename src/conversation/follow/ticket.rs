//! A ticket number said in any message ("工单号T20261126-0831") is kept
//! with the case the message is about and quoted in its letters from then
//! on; the reply says so first.

use crate::conversation::base::reply::{Effect, Out, Reply};
use crate::conversation::base::state::State;
use crate::conversation::base::vocab::Ctx;
use crate::conversation::cases::card;
use crate::input;
use serde_json::json;

/// Keeps the ticket `t` names with the case this step saved, else the one
/// on screen; nothing when it is already kept or there is no case.
pub(crate) fn keep(s: &State, t: &str, ctx: &Ctx, out: &mut Out) {
    let Some(ticket) = input::ticket_number(t) else {
        return;
    };
    let saved = out.effects.iter_mut().rev().find_map(|e| match e {
        Effect::SaveCase { number, data, .. } => Some((*number, data)),
        _ => None,
    });
    let n = match saved {
        Some((n, data)) => {
            // Kept before this message: nothing to say.
            let before = ctx.case(n).and_then(|c| c.data.ticket.as_deref());
            // The formal complaint's number is the ladder's, not the request's.
            if before == Some(ticket.as_str()) || data.escalation.ticket.as_deref() == Some(ticket.as_str()) {
                return;
            }
            data.ticket = Some(ticket.clone());
            n
        }
        None => {
            let Some(c) = card::active(s, ctx) else {
                return;
            };
            if c.data.ticket.as_deref() == Some(ticket.as_str())
                || c.data.escalation.ticket.as_deref() == Some(ticket.as_str())
            {
                return;
            }
            let mut data = c.data.clone();
            data.ticket = Some(ticket.clone());
            out.effects.push(Effect::SaveCase {
                number: c.number,
                status: c.status,
                data: Box::new(data),
            });
            c.number
        }
    };
    out.replies
        .insert(0, Reply::new("ticket.noted", json!({ "ticket": ticket, "n": n })));
}
