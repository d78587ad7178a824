//! What a user's step asks of the operator inbox: a case handed off (its
//! topic, created once, and the card), the user's message relayed to the
//! topic, the user back with the bot, the topics of erased data deleted.

use super::card::{self, desk_lang, thread};
use crate::app::{App, Desk, DeskWork, Message as AppMessage, Response};
use crate::conversation::DeskInput;
use crate::ops::{self, Counter};
use crate::store::{Author, HandOff, Opened, UserKey};
use crate::telegram::send::{post_in_topic, send_response, send_text};
use crate::telegram::tg::Tg;
use serde_json::json;
use teloxide::prelude::*;
use teloxide::types::{ChatId, Message};

/// Carries out what the step asked of the operator inbox (nothing without one).
pub(crate) async fn after_step(
    tg: &Tg,
    app: &App,
    user: &UserKey,
    chat: ChatId,
    msg: Option<&Message>,
    r: &Response,
) {
    let Some(desk) = app.desk else { return };
    for work in &r.desk {
        match work {
            DeskWork::Open(n) => open(tg, app, desk, user, chat, *n).await,
            DeskWork::Relay(n) => {
                if let Some(msg) = msg {
                    relay(tg, app, user, msg, *n).await
                }
            }
            DeskWork::Back(n) => back(tg, app, user, *n).await,
            DeskWork::Unmask(n) => unmask(tg, app, user, *n).await,
            DeskWork::Erased(handoffs) => erased(tg, app, chat, r, handoffs).await,
        }
    }
}

/// The open hand-offs, as the store counts them, on the gauge.
pub(super) async fn count_open(app: &App) {
    match app.store.open_handoff_count().await {
        Ok(n) => ops::handoffs_open(n.max(0) as u64),
        Err(e) => tracing::debug!("open hand-offs not counted: {e}"),
    }
}

/// The user is told the inbox could not take the case; the chat is the bot's again.
async fn inbox_failed(tg: &Tg, app: &App, user: &UserKey, chat: ChatId, h: Option<&HandOff>) {
    if let Some(h) = h {
        let _ = app.store.close_handoff(h.id, (app.clock)()).await;
    }
    let msg = AppMessage::Desk(DeskInput::Unreachable);
    if let Ok(Some(r)) = app.handle(user, chat.0, None, None, msg).await {
        let _ = send_response(tg, chat, &r).await;
    }
}

/// The case handed off: the hand-off row (insert-or-get, so one topic per
/// case whatever the replicas), the topic created (or reopened), the card.
async fn open(tg: &Tg, app: &App, desk: Desk, user: &UserKey, chat: ChatId, n: i64) {
    let now = (app.clock)();
    let due = desk.reply_within.due(&app.calendar, now);
    let opened = app
        .store
        .open_handoff(user, chat.0, n, desk.chat_id, now, due)
        .await;
    let mut h = match opened {
        Ok(Some(Opened::New(h) | Opened::Reopened(h))) => h,
        Ok(Some(Opened::AlreadyOpen(_)) | None) => return,
        Err(e) => {
            tracing::error!("hand-off of chat {} not stored: {e}", chat.0);
            return inbox_failed(tg, app, user, chat, None).await;
        }
    };
    ops::count(Counter::HandoffsOpened, 1);
    let inbox = ChatId(desk.chat_id);
    if let Some(topic) = h.topic {
        // Closed when it was handed back; an open topic answers an error.
        if let Err(e) = tg.bot.reopen_forum_topic(inbox, thread(topic)).await {
            tracing::debug!("reopenForumTopic: {e}");
        }
        if card::post(tg, app, &h).await {
            return count_open(app).await;
        }
        // The old topic takes nothing (deleted by hand): a new one.
        tracing::warn!("hand-off {}: its topic is gone, a new one is made", h.id);
    }
    let name = card::topic_name(app, &h).await;
    let created = match tg.bot.create_forum_topic(inbox, name).await {
        Ok(t) => i64::from(t.thread_id.0.0),
        Err(e) => {
            tracing::error!("createForumTopic in the operator inbox failed: {e}");
            return inbox_failed(tg, app, user, chat, Some(&h)).await;
        }
    };
    if let Err(e) = app.store.set_handoff_topic(h.id, created).await {
        tracing::error!("hand-off {}: its topic was not stored: {e}", h.id);
    }
    h.topic = Some(created);
    card::post(tg, app, &h).await;
    count_open(app).await;
}

/// What the user sent, copied into the case's topic and kept with the hand-off.
async fn relay(tg: &Tg, app: &App, user: &UserKey, msg: &Message, n: i64) {
    match app.store.handoff_of(user, n).await {
        Ok(Some(h)) if h.open => copy(tg, app, &h, msg).await,
        Ok(_) => tracing::warn!("chat {}: a relay with no open hand-off", msg.chat.id.0),
        Err(e) => tracing::error!("chat {}: hand-off not read: {e}", msg.chat.id.0),
    }
}

/// A message the bot itself cannot read (a sticker, a voice message): while
/// a person has the user's case, it goes to them. Whether it went.
pub(crate) async fn relay_other(tg: &Tg, app: &App, user: &UserKey, msg: &Message) -> bool {
    if app.desk.is_none() {
        return false;
    }
    let open = match app.store.handoffs_of_user(user).await {
        Ok(all) => all.into_iter().find(|h| h.open && h.topic.is_some()),
        Err(e) => {
            tracing::error!("chat {}: hand-offs not read: {e}", msg.chat.id.0);
            None
        }
    };
    match open {
        Some(h) => {
            copy(tg, app, &h, msg).await;
            true
        }
        None => false,
    }
}

/// Copies the user's message into the hand-off's topic and keeps a line of it.
async fn copy(tg: &Tg, app: &App, h: &HandOff, msg: &Message) {
    let Some(topic) = h.topic else {
        return tracing::warn!("hand-off {}: no topic yet, message not relayed", h.id);
    };
    let copy = tg
        .bot
        .copy_message(ChatId(h.operator_chat), msg.chat.id, msg.id)
        .message_thread_id(thread(topic));
    if let Err(e) = copy.await {
        tracing::warn!("hand-off {}: the user's message was not relayed: {e}", h.id);
        return;
    }
    let kept = match (msg.text(), msg.document(), msg.photo()) {
        (Some(t), _, _) => t.to_owned(),
        (None, Some(d), _) => format!("[{}]", d.file_name.as_deref().unwrap_or("file")),
        (None, None, Some(_)) => "[photo]".to_owned(),
        _ => "[message]".to_owned(),
    };
    if let Err(e) = app
        .store
        .add_handoff_message(h.id, Author::User, &kept, (app.clock)())
        .await
    {
        tracing::warn!("hand-off {}: the user's message was relayed, not kept: {e}", h.id);
    }
}

/// The user agreed: the card again, unmasked, for the person.
async fn unmask(tg: &Tg, app: &App, user: &UserKey, n: i64) {
    let Ok(Some(mut h)) = app.store.handoff_of(user, n).await else {
        return;
    };
    if !h.open {
        return;
    }
    if let Err(e) = app.store.unmask_handoff(h.id).await {
        return tracing::error!("hand-off {}: the user's consent was not stored: {e}", h.id);
    }
    h.unmasked = true;
    card::post(tg, app, &h).await;
}

/// The user went back to the bot: the topic is told and closed.
async fn back(tg: &Tg, app: &App, user: &UserKey, n: i64) {
    let Ok(Some(h)) = app.store.handoff_of(user, n).await else {
        return;
    };
    if !matches!(app.store.close_handoff(h.id, (app.clock)()).await, Ok(true)) {
        return;
    }
    ops::count(Counter::HandoffsClosed, 1);
    count_open(app).await;
    let Some(topic) = h.topic else { return };
    let inbox = ChatId(h.operator_chat);
    let note = app
        .renderer
        .text(desk_lang(app), "desk.user_back", json!({ "n": n }));
    let _ = post_in_topic(tg, inbox, thread(topic), &note).await;
    if let Err(e) = tg.bot.close_forum_topic(inbox, thread(topic)).await {
        tracing::debug!("closeForumTopic: {e}");
    }
}

/// The user's data was erased: each of their topics is deleted (with every
/// message relayed into it); the user is told which could not be.
async fn erased(tg: &Tg, app: &App, chat: ChatId, r: &Response, handoffs: &[HandOff]) {
    let mut kept = Vec::new();
    for h in handoffs {
        if h.open {
            ops::count(Counter::HandoffsClosed, 1);
        }
        let Some(topic) = h.topic else { continue };
        if let Err(e) = tg
            .bot
            .delete_forum_topic(ChatId(h.operator_chat), thread(topic))
            .await
        {
            tracing::warn!("the topic of an erased hand-off could not be deleted: {e}");
            kept.push(h.case_number);
        }
    }
    count_open(app).await;
    if !kept.is_empty() {
        let text = app
            .renderer
            .text(r.lang, "tg.handoff_not_deleted", json!({ "cases": kept }));
        send_text(tg, chat, &text).await;
    }
}
