//! Nothing promised goes unkept: a hand-off nobody answered by its due time
//! (working hours, `OPERATOR_REPLY_WITHIN`) gets a reminder in its topic,
//! and the user is told honestly, with the choice to wait or go back to the
//! bot. Each is claimed once in the store, whatever the replicas.

use super::card::{desk_lang, thread};
use super::topic::count_open;
use crate::app::{App, Message as AppMessage};
use crate::conversation::DeskInput;
use crate::store::StoreError;
use crate::telegram::send::{post_in_topic, send_response};
use crate::telegram::tg::Tg;
use serde_json::json;
use teloxide::types::ChatId;

/// Hand-offs claimed per pass.
const BATCH: i64 = 20;

/// One pass: the overdue hand-offs reminded; returns how many.
pub async fn pass(tg: &Tg, app: &App) -> Result<usize, StoreError> {
    if app.desk.is_none() {
        return Ok(0);
    }
    let now = (app.clock)();
    let overdue = app.store.claim_overdue_handoffs(now, BATCH).await?;
    for h in &overdue {
        if let Some(topic) = h.topic {
            let late = now - h.opened_at;
            let data = json!({ "n": h.case_number, "minutes": late.num_minutes() });
            let text = app.renderer.text(desk_lang(app), "desk.overdue", data);
            let _ = post_in_topic(tg, ChatId(h.operator_chat), thread(topic), &text).await;
        }
        let msg = AppMessage::Desk(DeskInput::Overdue);
        match app.handle(&h.user, h.chat_id, None, None, msg).await {
            Ok(Some(r)) if !r.unsaved && !r.replies.is_empty() => {
                let _ = send_response(tg, ChatId(h.chat_id), &r).await;
            }
            Ok(_) => {}
            Err(e) => tracing::warn!("hand-off {}: the user was not told it is late: {e}", h.id),
        }
    }
    count_open(app).await;
    Ok(overdue.len())
}
