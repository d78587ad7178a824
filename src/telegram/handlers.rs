//! Update handlers: map Telegram updates to app messages and send the replies.

use super::TgBot;
use super::send::{retry, send_response, send_text};
use crate::app::{App, Message as AppMessage};
use crate::render::{Lang, plain};
use crate::store::UserKey;
use std::sync::Arc;
use teloxide::prelude::*;
use teloxide::types::{ChatAction, MessageKind};

fn user_key(id: UserId) -> UserKey {
    UserKey::new("telegram", id.0 as i64)
}

/// Handle one app message for one chat and send what it produced; true when
/// the message was a press on an expired keyboard (nothing was done).
async fn run(
    bot: &TgBot,
    app: &App,
    upd: &Update,
    chat: ChatId,
    from: &teloxide::types::User,
    msg: AppMessage,
) -> bool {
    let lang = from.language_code.as_deref();
    let _ = bot.send_chat_action(chat, ChatAction::Typing).await;
    let user = user_key(from.id);
    match app.handle(&user, chat.0, Some(upd.id.0 as i64), lang, msg).await {
        Ok(Some(r)) if r.expired => return true,
        Ok(Some(r)) => send_response(bot, chat, &r).await,
        Ok(None) => tracing::info!("update {} was handled before; ignored", upd.id.0),
        Err(e) => {
            tracing::error!("chat {}: {e}", chat.0);
            let text = app.renderer.text(Lang::from_client(lang), "tg.error", ());
            send_text(bot, chat, &text).await;
        }
    }
    false
}

pub async fn on_message(bot: TgBot, msg: Message, upd: Update, app: Arc<App>) -> ResponseResult<()> {
    let Some(from) = msg.from.clone() else {
        return Ok(());
    };
    let lang = Lang::from_client(from.language_code.as_deref());
    if !msg.chat.is_private() {
        send_text(&bot, msg.chat.id, &app.renderer.text(lang, "tg.private_only", ())).await;
        return Ok(());
    }
    match (&msg.kind, msg.text()) {
        (MessageKind::Common(_), Some(text)) => {
            run(
                &bot,
                &app,
                &upd,
                msg.chat.id,
                &from,
                AppMessage::Text(text.to_owned()),
            )
            .await;
        }
        _ => send_text(&bot, msg.chat.id, &app.renderer.text(lang, "tg.unsupported", ())).await,
    }
    Ok(())
}

pub async fn on_callback(bot: TgBot, q: CallbackQuery, upd: Update, app: Arc<App>) -> ResponseResult<()> {
    let mut expired = false;
    if let (Some(message), Some(data)) = (q.message.as_ref(), q.data.clone()) {
        let chat = message.chat().id;
        // Remove the pressed keyboard so a second press cannot act again.
        if let Err(e) = bot.edit_message_reply_markup(chat, message.id()).await {
            tracing::debug!("could not remove the keyboard: {e}");
        }
        expired = run(&bot, &app, &upd, chat, &q.from, AppMessage::Button(data)).await;
    }
    // Always answer, so the button stops spinning; an old button says so.
    let lang = Lang::from_client(q.from.language_code.as_deref());
    let note = expired.then(|| plain(&app.renderer.text(lang, "tg.expired", ())));
    let answered = retry(|| {
        let mut req = bot.answer_callback_query(q.id.clone());
        if let Some(text) = note.clone() {
            req = req.text(text);
        }
        async move { req.await }
    })
    .await;
    if let Err(e) = answered {
        tracing::warn!("answerCallbackQuery failed: {e}");
    }
    Ok(())
}

/// An edited message does not replay a step.
pub async fn on_edited(msg: Message) -> ResponseResult<()> {
    tracing::debug!("edited message {} in chat {} ignored", msg.id.0, msg.chat.id.0);
    Ok(())
}
