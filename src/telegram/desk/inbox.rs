//! Posts in the operator inbox. Only this chat's posts reach users, and a
//! post reaches only the user of its topic's case: the topic is looked up,
//! never a user named in the post. In a topic: text goes to the user marked
//! as from a person, photos and files are copied after such a line;
//! `/close` hands the case back to the bot, `/note …` keeps a note with the
//! case (never sent), `/card` posts the card again. A post in a topic with
//! no case (erased, or not a case's) is refused with a note.

use super::card::{self, desk_lang, thread};
use super::topic::count_open;
use crate::app::{App, Message as AppMessage};
use crate::conversation::DeskInput;
use crate::ops::{self, Counter};
use crate::store::{Author, HandOff};
use crate::telegram::send::{post_in_topic, send_response};
use crate::telegram::tg::Tg;
use serde_json::json;
use teloxide::prelude::*;
use teloxide::types::{ChatId, Message, MessageKind, UpdateId};

/// An operator command: its name (without `/` and `@bot`) and the rest.
fn command(text: &str) -> Option<(String, &str)> {
    let rest = text.trim_start().strip_prefix('/')?;
    let (name, arg) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
    let name = name.split('@').next().unwrap_or(name).to_ascii_lowercase();
    Some((name, arg.trim()))
}

/// A note from the bot in the topic.
async fn say(tg: &Tg, app: &App, chat: ChatId, topic: i64, key: &str, data: serde_json::Value) {
    let text = app.renderer.text(desk_lang(app), key, data);
    let _ = post_in_topic(tg, chat, thread(topic), &text).await;
}

/// One post in the operator inbox (`chat` is the inbox).
pub(crate) async fn on_post(tg: Tg, msg: Message, upd: UpdateId, app: &App) {
    if msg.from.as_ref().is_none_or(|f| f.is_bot) || !matches!(msg.kind, MessageKind::Common(_)) {
        return;
    }
    // The general topic is the operators' own.
    let Some(topic) = msg.thread_id.map(|t| i64::from(t.0.0)) else {
        return;
    };
    let chat = msg.chat.id;
    let h = match app.store.handoff_by_topic(chat.0, topic).await {
        Ok(Some(h)) => h,
        Ok(None) => return say(&tg, app, chat, topic, "desk.no_case", json!({})).await,
        Err(e) => {
            tracing::error!("operator post in topic {topic}: hand-off not read: {e}");
            return say(&tg, app, chat, topic, "desk.failed", json!({})).await;
        }
    };
    let update = Some(i64::from(upd.0));
    if let Some(text) = msg.text() {
        match command(text) {
            Some((name, _)) if name == "close" => return close(&tg, app, &h, topic, update).await,
            Some((name, note)) if name == "note" => return keep_note(&tg, app, &h, topic, note).await,
            Some((name, _)) if name == "card" => {
                card::post(&tg, app, &h).await;
                return;
            }
            Some(_) => return say(&tg, app, chat, topic, "desk.help", json!({})).await,
            None => {}
        }
        let said = DeskInput::Said(text.to_owned());
        if to_user(&tg, app, &h, topic, update, said).await {
            kept(app, &h, text).await;
        }
        return;
    }
    if msg.photo().is_some() || msg.document().is_some() {
        let caption = msg.caption().map(str::to_owned);
        if !to_user(&tg, app, &h, topic, update, DeskInput::Sent(caption.clone())).await {
            return;
        }
        let to = ChatId(h.chat_id);
        if let Err(e) = tg.bot.copy_message(to, chat, msg.id).await {
            tracing::warn!("hand-off {}: the person's file was not relayed: {e}", h.id);
            return say(&tg, app, chat, topic, "desk.not_delivered", json!({})).await;
        }
        kept(app, &h, &format!("[file] {}", caption.unwrap_or_default())).await;
        return;
    }
    say(&tg, app, chat, topic, "desk.unsupported", json!({})).await;
}

/// The person's words go to the topic's user, through the user's own
/// conversation (so the transcript and the export hold them). False when
/// nothing was sent (a redelivery, or a failure, noted in the topic).
async fn to_user(tg: &Tg, app: &App, h: &HandOff, topic: i64, update: Option<i64>, input: DeskInput) -> bool {
    let chat = ChatId(h.operator_chat);
    match app
        .handle(&h.user, h.chat_id, update, None, AppMessage::Desk(input))
        .await
    {
        Ok(Some(r)) if !r.unsaved => {
            if send_response(tg, ChatId(h.chat_id), &r).await.is_ok() {
                return true;
            }
            say(tg, app, chat, topic, "desk.not_delivered", json!({})).await;
            false
        }
        Ok(None) => false,
        Ok(Some(_)) | Err(_) => {
            say(tg, app, chat, topic, "desk.failed", json!({})).await;
            false
        }
    }
}

/// The person's reply kept with the hand-off; the first one timed.
async fn kept(app: &App, h: &HandOff, text: &str) {
    match app
        .store
        .add_handoff_message(h.id, Author::Person, text, (app.clock)())
        .await
    {
        Ok(Some(took)) => ops::handoff_first_reply(took.to_std().unwrap_or_default()),
        Ok(None) => {}
        Err(e) => tracing::warn!("hand-off {}: the person's reply was sent, not kept: {e}", h.id),
    }
}

async fn keep_note(tg: &Tg, app: &App, h: &HandOff, topic: i64, note: &str) {
    let chat = ChatId(h.operator_chat);
    if note.is_empty() {
        return say(tg, app, chat, topic, "desk.help", json!({})).await;
    }
    match app
        .store
        .add_handoff_message(h.id, Author::Note, note, (app.clock)())
        .await
    {
        Ok(_) => say(tg, app, chat, topic, "desk.noted", json!({})).await,
        Err(e) => {
            tracing::error!("hand-off {}: note not kept: {e}", h.id);
            say(tg, app, chat, topic, "desk.failed", json!({})).await
        }
    }
}

/// `/close`: the user is told the bot has the case again; the topic closes.
async fn close(tg: &Tg, app: &App, h: &HandOff, topic: i64, update: Option<i64>) {
    let chat = ChatId(h.operator_chat);
    if h.open {
        to_user(tg, app, h, topic, update, DeskInput::Closed).await;
        if matches!(app.store.close_handoff(h.id, (app.clock)()).await, Ok(true)) {
            ops::count(Counter::HandoffsClosed, 1);
        }
        count_open(app).await;
    }
    say(tg, app, chat, topic, "desk.closed", json!({ "n": h.case_number })).await;
    if let Err(e) = tg.bot.close_forum_topic(chat, thread(topic)).await {
        tracing::debug!("closeForumTopic: {e}");
    }
}
