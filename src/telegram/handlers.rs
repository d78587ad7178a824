//! Update handlers: map Telegram updates to app messages and send the replies.
//!
//! The reply's `sendMessage` is the first call that waits on Telegram after a
//! step: a press is answered (`answerCallbackQuery`) and its keyboard removed
//! concurrently with the reply, and "typing…" shows only when a step takes
//! longer than about a second.

use super::files::Received;
use super::send::{retry, send_response, send_text, send_with_picture};
use super::tg::Tg;
use crate::app::{App, Message as AppMessage, Response};
use crate::ops::{self, UpdateKind, UpdateOutcome};
use crate::render::{Lang, plain};
use crate::store::UserKey;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;
use teloxide::prelude::*;
use teloxide::types::{ChatAction, MessageKind, UpdateId};

/// "Typing…" only for a step (with its reply) slower than this.
const TYPING_AFTER: Duration = Duration::from_secs(1);
/// Telegram shows "typing…" for 5 s; renewed this often while still working.
const TYPING_EVERY: Duration = Duration::from_secs(4);

fn user_key(id: UserId) -> UserKey {
    UserKey::new("telegram", id.0 as i64)
}

/// What a step decided.
enum Outcome {
    Reply(Box<Response>),
    /// A press on an old keyboard: nothing was done.
    Expired,
    /// A redelivered update, handled before.
    Handled,
    Failed,
}

/// Run `work`; when it takes longer than a second, show "typing…" in `chat`
/// until it is done. A fast step sends nothing extra.
async fn typing_while<T>(tg: &Tg, chat: ChatId, work: impl Future<Output = T>) -> T {
    tokio::pin!(work);
    let mut wait = TYPING_AFTER;
    loop {
        tokio::select! {
            biased;
            out = &mut work => return out,
            _ = tokio::time::sleep(wait) => {
                let req = tg.bot.send_chat_action(chat, ChatAction::Typing);
                tokio::spawn(async move {
                    if let Err(e) = req.await {
                        tracing::debug!("sendChatAction failed: {e}");
                    }
                });
                wait = TYPING_EVERY;
            }
        }
    }
}

/// The response without the replies as the conversation gave them (their
/// data as JSON, for tests and tools): sending needs only the rendered
/// text, and a chat waiting on Telegram need not hold the rest.
fn rendered_only(mut r: Response) -> Response {
    r.said = Vec::new();
    r
}

/// Handle one app message for one chat.
async fn decide(
    app: &App,
    upd: UpdateId,
    chat: ChatId,
    from: &teloxide::types::User,
    msg: AppMessage,
) -> Outcome {
    let lang = from.language_code.as_deref();
    let user = user_key(from.id);
    let kind = match msg {
        AppMessage::Button(_) => UpdateKind::Button,
        AppMessage::Text(ref t) if t.starts_with('/') => UpdateKind::Command,
        AppMessage::File(_) => UpdateKind::File,
        _ => UpdateKind::Text,
    };
    let started = std::time::Instant::now();
    let answer = app.handle(&user, chat.0, Some(upd.0 as i64), lang, msg).await;
    let (outcome, label) = match answer.map(|r| r.map(rendered_only)) {
        Ok(Some(r)) if r.expired => (Outcome::Expired, UpdateOutcome::Expired),
        Ok(Some(r)) if r.unsaved => (Outcome::Reply(Box::new(r)), UpdateOutcome::Unsaved),
        Ok(Some(r)) => (Outcome::Reply(Box::new(r)), UpdateOutcome::Ok),
        Ok(None) => {
            tracing::info!("update {} was handled before; ignored", upd.0);
            (Outcome::Handled, UpdateOutcome::Duplicate)
        }
        Err(e) => {
            tracing::error!("chat {}: {e}", chat.0);
            (Outcome::Failed, UpdateOutcome::Error)
        }
    };
    ops::update(kind, label, started.elapsed());
    outcome
}

/// Send what a step produced, in order.
async fn deliver(tg: &Tg, app: &App, chat: ChatId, lang: Lang, outcome: &Outcome) {
    match outcome {
        Outcome::Reply(r) => {
            // The picture is drawn off this path, from the moment the step
            // decided; logged where it failed, the user can send again.
            let drawing = r
                .picture
                .as_ref()
                .filter(|o| !app.sent_before(chat.0, o))
                .and_then(|o| app.draw_later(o));
            let _ = match drawing {
                Some(d) => send_with_picture(tg, chat, r, d).await,
                None => send_response(tg, chat, r).await,
            };
        }
        Outcome::Failed => send_text(tg, chat, &app.renderer.text(lang, "tg.error", ())).await,
        Outcome::Expired | Outcome::Handled => {}
    }
}

/// What the step asked of the operator inbox, once its replies are out.
async fn to_desk(tg: &Tg, app: &App, user: &UserKey, chat: ChatId, msg: Option<&Message>, outcome: &Outcome) {
    if let Outcome::Reply(r) = outcome
        && !r.desk.is_empty()
    {
        super::desk::after_step(tg, app, user, chat, msg, r).await;
    }
}

/// Queues a message behind the chat's earlier updates (see `chats`).
pub async fn on_message(tg: Tg, msg: Message, upd: Update, app: Arc<App>) -> ResponseResult<()> {
    let chats = tg.chats.clone();
    // Only the update's id goes with the job: the update holds the message
    // a second time (about 2 KB a queued job).
    chats.push(msg.chat.id, handle_message(tg, msg, upd.id, app));
    Ok(())
}

async fn handle_message(tg: Tg, msg: Message, upd: UpdateId, app: Arc<App>) {
    // Another bot's messages are not a user talking: no step, no answer.
    let Some(from) = msg.from.clone().filter(|f| !f.is_bot) else {
        return;
    };
    let lang = Lang::from_client(from.language_code.as_deref());
    let chat = msg.chat.id;
    if !msg.chat.is_private() {
        // Only the operator inbox's posts are read, and only there.
        // Boxed, as every branch but the step's: the queued job holds only
        // the largest of them (see `chats`), not the inbox's large future.
        if app.desk.is_some_and(|d| d.chat_id == chat.0) {
            return Box::pin(super::desk::on_post(tg, msg, upd, &app)).await;
        }
        Box::pin(send_text(
            &tg,
            chat,
            &app.renderer.text(lang, "tg.private_only", ()),
        ))
        .await;
        return;
    }
    let user = user_key(from.id);
    match (&msg.kind, msg.text()) {
        (MessageKind::Common(_), Some(text)) => {
            let step = AppMessage::Text(text.to_owned());
            typing_while(&tg, chat, async {
                // Boxed one after the other: a chat waiting for the database
                // holds only the step's state, not the sending's as well.
                let outcome = Box::pin(decide(&app, upd, chat, &from, step)).await;
                Box::pin(deliver(&tg, &app, chat, lang, &outcome)).await;
                Box::pin(to_desk(&tg, &app, &user, chat, Some(&msg), &outcome)).await;
            })
            .await;
        }
        (MessageKind::Common(_), None) if msg.photo().is_some() || msg.document().is_some() => {
            typing_while(&tg, chat, async {
                let file = match Box::pin(super::files::receive(&tg, &app, &msg, &user)).await {
                    Received::File(f) => f,
                    Received::Refused(key, data) => {
                        Box::pin(send_text(&tg, chat, &app.renderer.text(lang, key, data))).await;
                        return;
                    }
                    Received::Failed => {
                        let html = app.renderer.text(lang, "tg.evidence_failed", ());
                        Box::pin(send_text(&tg, chat, &html)).await;
                        return;
                    }
                };
                let outcome = Box::pin(decide(&app, upd, chat, &from, AppMessage::File(file))).await;
                Box::pin(deliver(&tg, &app, chat, lang, &outcome)).await;
                Box::pin(to_desk(&tg, &app, &user, chat, Some(&msg), &outcome)).await;
            })
            .await;
        }
        _ => {
            // A person reading the case may take what the bot cannot.
            if !Box::pin(super::desk::relay_other(&tg, &app, &user, &msg)).await {
                Box::pin(send_text(
                    &tg,
                    chat,
                    &app.renderer.text(lang, "tg.unsupported", ()),
                ))
                .await
            }
        }
    }
}

/// Answer a press, so the button stops spinning; `note` (a template key)
/// shows as a short toast (an old button, someone else's).
async fn answer_press(tg: &Tg, app: &App, q: &CallbackQuery, note: Option<&str>) {
    let lang = Lang::from_client(q.from.language_code.as_deref());
    let note = note.map(|key| plain(&app.renderer.text(lang, key, ())));
    let answered = retry(|| {
        let mut req = tg.bot.answer_callback_query(q.id.clone());
        if let Some(text) = note.clone() {
            req = req.text(text);
        }
        async move { req.await }
    })
    .await;
    if let Err(e) = answered {
        tracing::warn!("answerCallbackQuery failed: {e}");
    }
}

/// Whether the press is on a keyboard of the presser's own private chat
/// with the bot (the only chats it sends keyboards to).
fn own_chat(q: &CallbackQuery, chat: &teloxide::types::Chat) -> bool {
    chat.is_private() && chat.id.0 == q.from.id.0 as i64 && !q.from.is_bot
}

/// Queues a press behind the chat's earlier updates (see `chats`). A press
/// by someone else than the chat's user is refused with a toast and changes
/// nothing; a button without its turn (`id#turn`, as every keyboard of this
/// bot carries) is answered as expired.
pub async fn on_callback(tg: Tg, q: CallbackQuery, upd: Update, app: Arc<App>) -> ResponseResult<()> {
    let (Some(message), Some(data)) = (q.message.as_ref(), q.data.as_ref()) else {
        answer_press(&tg, &app, &q, None).await;
        return Ok(());
    };
    if !own_chat(&q, message.chat()) {
        tracing::info!("update {}: a press on another user's keyboard, refused", upd.id.0);
        ops::update(UpdateKind::Button, UpdateOutcome::Refused, Duration::ZERO);
        answer_press(&tg, &app, &q, Some("tg.not_yours")).await;
        return Ok(());
    }
    if !data.contains('#') {
        ops::update(UpdateKind::Button, UpdateOutcome::Expired, Duration::ZERO);
        answer_press(&tg, &app, &q, Some("tg.expired")).await;
        return Ok(());
    }
    let chats = tg.chats.clone();
    chats.push(message.chat().id, handle_press(tg, q, upd.id, app));
    Ok(())
}

async fn handle_press(tg: Tg, q: CallbackQuery, upd: UpdateId, app: Arc<App>) {
    let (Some(message), Some(data)) = (q.message.as_ref(), q.data.clone()) else {
        return;
    };
    let chat = message.chat().id;
    let lang = Lang::from_client(q.from.language_code.as_deref());
    typing_while(&tg, chat, async {
        // Boxed as in `on_message`.
        let outcome = Box::pin(decide(&app, upd, chat, &q.from, AppMessage::Button(data))).await;
        // Once the step has decided: the answer, the reply and the removal
        // of the pressed keyboard (so a second press cannot act again) go
        // out together; the answer is started first. A press that was not
        // saved keeps its keyboard: its turn still stands, so pressing again
        // is the way to send it again.
        let saved = match &outcome {
            Outcome::Reply(r) => !r.unsaved,
            Outcome::Failed => false,
            Outcome::Expired | Outcome::Handled => true,
        };
        let remove = async {
            if !saved {
                return;
            }
            if let Err(e) = tg.bot.edit_message_reply_markup(chat, message.id()).await {
                tracing::debug!("could not remove the keyboard: {e}");
            }
        };
        let expired = matches!(outcome, Outcome::Expired).then_some("tg.expired");
        Box::pin(async {
            tokio::join!(
                answer_press(&tg, &app, &q, expired),
                deliver(&tg, &app, chat, lang, &outcome),
                remove,
            )
        })
        .await;
        Box::pin(to_desk(&tg, &app, &user_key(q.from.id), chat, None, &outcome)).await;
    })
    .await;
}

/// An edited message does not replay a step.
pub async fn on_edited(msg: Message) -> ResponseResult<()> {
    tracing::debug!("edited message {} in chat {} ignored", msg.id.0, msg.chat.id.0);
    Ok(())
}
