//! Sending to Telegram: HTML parse mode, inline keyboards, long messages split,
//! each message let out by the limiter, `RetryAfter` and network errors retried.

use super::split::{MAX_CHARS, split_html};
use super::tg::Tg;
use crate::app::{Rendered, Response};
use crate::ops::{self, ApiError, ApiMethod};
use crate::picture::Picture;
use std::future::Future;
use std::time::Duration;
use teloxide::RequestError;
use teloxide::payloads::SendMessageSetters;
use teloxide::prelude::*;
use teloxide::types::{ChatId, InlineKeyboardButton, InlineKeyboardMarkup, InputFile, ParseMode, ThreadId};
use tokio::task::JoinHandle;

/// Telegram's limit for callback data.
pub const MAX_CALLBACK: usize = 64;

/// Retry a request on `RetryAfter` (after the time asked) and on network
/// errors (with a short backoff), a few times; other errors are returned.
pub async fn retry<T, F, Fut>(mut call: F) -> Result<T, RequestError>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, RequestError>>,
{
    let mut attempt = 0;
    loop {
        attempt += 1;
        match call().await {
            Err(RequestError::RetryAfter(wait)) if attempt < 4 => {
                tracing::info!("Telegram asked to retry after {:?}", wait.duration());
                tokio::time::sleep(wait.duration()).await;
            }
            Err(RequestError::Network(e)) if attempt < 4 => {
                tracing::warn!("network error talking to Telegram, retrying: {e}");
                tokio::time::sleep(Duration::from_millis(200 * attempt)).await;
            }
            other => return other,
        }
    }
}

/// Send one message to `chat` when the limiter allows; a `RetryAfter` holds
/// back that chat (only) for the time Telegram asked, then the message is
/// sent again; network errors are retried with a short backoff.
async fn send_limited<T, F, Fut>(
    tg: &Tg,
    chat: ChatId,
    method: ApiMethod,
    mut call: F,
) -> Result<T, RequestError>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, RequestError>>,
{
    let mut attempt = 0;
    loop {
        attempt += 1;
        tg.limiter.acquire(chat).await;
        let res = call().await;
        ops::api_call(method, res.as_ref().err().map(error_kind));
        match res {
            Err(RequestError::RetryAfter(wait)) if attempt < 4 => {
                tracing::info!(
                    "Telegram asked to wait {:?} before chat {}",
                    wait.duration(),
                    chat.0
                );
                tg.limiter.hold(chat, wait.duration());
            }
            Err(RequestError::Network(e)) if attempt < 4 => {
                tracing::warn!("network error talking to Telegram, retrying: {e}");
                tokio::time::sleep(Duration::from_millis(200 * attempt)).await;
            }
            other => return other,
        }
    }
}

/// A short name for a failed call, for the metrics.
pub fn error_kind(e: &RequestError) -> ApiError {
    match e {
        RequestError::RetryAfter(_) => ApiError::RetryAfter,
        RequestError::Network(_) => ApiError::Network,
        RequestError::Api(api) if blocked(api) => ApiError::Blocked,
        RequestError::Api(_) => ApiError::Api,
        _ => ApiError::Other,
    }
}

/// The user blocked the bot, or can no longer be written to.
pub fn blocked(e: &teloxide::ApiError) -> bool {
    use teloxide::ApiError as E;
    matches!(
        e,
        E::BotBlocked | E::UserDeactivated | E::CantInitiateConversation | E::BotKicked
    )
}

/// The inline keyboard of a reply; each button carries the turn it belongs to.
pub fn keyboard(r: &Rendered, turn: u64) -> Option<InlineKeyboardMarkup> {
    if r.buttons.is_empty() {
        return None;
    }
    let rows = r.buttons.iter().map(|row| {
        row.iter()
            .map(|(id, label)| {
                let data = format!("{id}#{turn}");
                debug_assert!(data.len() <= MAX_CALLBACK);
                InlineKeyboardButton::callback(label.clone(), data)
            })
            .collect::<Vec<_>>()
    });
    Some(InlineKeyboardMarkup::new(rows))
}

async fn send_html(
    tg: &Tg,
    chat: ChatId,
    html: &str,
    markup: Option<InlineKeyboardMarkup>,
) -> Result<(), RequestError> {
    send_html_in(tg, chat, None, html, markup).await
}

/// [`send_html`] into a forum topic (`thread`) of a supergroup, or the chat.
async fn send_html_in(
    tg: &Tg,
    chat: ChatId,
    thread: Option<ThreadId>,
    html: &str,
    markup: Option<InlineKeyboardMarkup>,
) -> Result<(), RequestError> {
    let parts = split_html(html, MAX_CHARS);
    let last = parts.len().saturating_sub(1);
    for (i, part) in parts.iter().enumerate() {
        let kb = if i == last { markup.clone() } else { None };
        let res = send_limited(tg, chat, ApiMethod::SendMessage, || {
            let mut req = tg
                .bot
                .send_message(chat, part.clone())
                .parse_mode(ParseMode::Html);
            if let Some(t) = thread {
                req = req.message_thread_id(t);
            }
            if let Some(kb) = kb.clone() {
                req = req.reply_markup(kb);
            }
            async move { req.await }
        })
        .await;
        if let Err(e) = res {
            tracing::error!("sendMessage to chat {} failed: {e}", chat.0);
            return Err(e);
        }
    }
    Ok(())
}

/// Send everything a response holds. Replies without buttons (a one-line
/// reason, an error) are joined to the reply that follows, so a step arrives
/// as one message with its keyboard at the end. The first failure stops the
/// rest and is returned (it is logged already).
pub async fn send_response(tg: &Tg, chat: ChatId, r: &Response) -> Result<(), RequestError> {
    let mut pending = String::new();
    for (i, reply) in r.replies.iter().enumerate() {
        if !pending.is_empty() {
            pending.push_str("\n\n");
        }
        pending.push_str(&reply.html);
        let kb = keyboard(reply, r.turn);
        if kb.is_some() || i + 1 == r.replies.len() {
            send_html(tg, chat, &pending, kb).await?;
            pending.clear();
        }
    }
    if let Some((n, doc)) = &r.export {
        let name = format!("refund-case-{n}.md");
        let res = send_limited(tg, chat, ApiMethod::SendDocument, || {
            let file = InputFile::memory(doc.clone().into_bytes()).file_name(name.clone());
            let req = tg.bot.send_document(chat, file);
            async move { req.await }
        })
        .await;
        if let Err(e) = res {
            tracing::error!("sendDocument to chat {} failed: {e}", chat.0);
            return Err(e);
        }
    }
    Ok(())
}

/// How long the replies wait for their picture: drawn by then, it goes
/// first and the text (with its buttons) after it; later, the text goes at
/// once and the picture follows as soon as it is drawn.
pub const PICTURE_WAIT: Duration = Duration::from_millis(50);

/// Telegram's longest photo caption.
const MAX_CAPTION: usize = 1024;

/// The case picture as a photo, its caption (what it shows) under it.
async fn send_photo(tg: &Tg, chat: ChatId, picture: &Picture, n: i64) -> Result<(), RequestError> {
    let caption: String = picture.caption.chars().take(MAX_CAPTION).collect();
    let res = send_limited(tg, chat, ApiMethod::SendPhoto, || {
        let file = InputFile::memory(picture.png.clone()).file_name(format!("refund-case-{n}.png"));
        let req = tg.bot.send_photo(chat, file).caption(caption.clone());
        async move { req.await }
    })
    .await;
    if let Err(e) = &res {
        tracing::error!("sendPhoto to chat {} failed: {e}", chat.0);
    }
    res.map(drop)
}

/// The replies with the case's picture being drawn (`drawing`): the picture
/// first when it is ready within [`PICTURE_WAIT`], else the text at once and
/// the picture after it; a picture that could not be drawn is left out.
pub async fn send_with_picture(
    tg: &Tg,
    chat: ChatId,
    r: &Response,
    mut drawing: JoinHandle<Option<Picture>>,
) -> Result<(), RequestError> {
    let n = r.picture.as_ref().map_or(0, |o| o.case.number);
    match tokio::time::timeout(PICTURE_WAIT, &mut drawing).await {
        Ok(Ok(Some(p))) => {
            // A photo that did not go is no reason to hold the text back.
            let _ = send_photo(tg, chat, &p, n).await;
            send_response(tg, chat, r).await
        }
        Ok(_) => send_response(tg, chat, r).await,
        Err(_) => {
            send_response(tg, chat, r).await?;
            match drawing.await {
                Ok(Some(p)) => send_photo(tg, chat, &p, n).await,
                _ => Ok(()),
            }
        }
    }
}

/// A short text outside the conversation (unsupported content, errors).
pub async fn send_text(tg: &Tg, chat: ChatId, html: &str) {
    // Logged where it failed; nothing more to do for a courtesy message.
    let _ = send_html(tg, chat, html, None).await;
}

/// A post in forum topic `thread` of `chat` (the operator inbox), split
/// like any message; the first failure is returned (logged already).
pub async fn post_in_topic(tg: &Tg, chat: ChatId, thread: ThreadId, html: &str) -> Result<(), RequestError> {
    send_html_in(tg, chat, Some(thread), html, None).await
}

/// A document (`name`, its text) in forum topic `thread` of `chat`.
pub async fn document_in_topic(
    tg: &Tg,
    chat: ChatId,
    thread: ThreadId,
    name: &str,
    text: &str,
) -> Result<(), RequestError> {
    let res = send_limited(tg, chat, ApiMethod::SendDocument, || {
        let file = InputFile::memory(text.as_bytes().to_vec()).file_name(name.to_owned());
        let req = tg.bot.send_document(chat, file).message_thread_id(thread);
        async move { req.await }
    })
    .await;
    if let Err(e) = &res {
        tracing::error!("sendDocument to chat {} failed: {e}", chat.0);
    }
    res.map(drop)
}

/// A kept file (`path` on disk, shown as `name`) in forum topic `thread` of `chat`.
pub async fn file_in_topic(
    tg: &Tg,
    chat: ChatId,
    thread: ThreadId,
    path: &std::path::Path,
    name: &str,
) -> Result<(), RequestError> {
    let res = send_limited(tg, chat, ApiMethod::SendDocument, || {
        let file = InputFile::file(path.to_owned()).file_name(name.to_owned());
        let req = tg.bot.send_document(chat, file).message_thread_id(thread);
        async move { req.await }
    })
    .await;
    if let Err(e) = &res {
        tracing::error!("sendDocument to chat {} failed: {e}", chat.0);
    }
    res.map(drop)
}
