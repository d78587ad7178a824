//! Sending to Telegram: HTML parse mode, inline keyboards, long messages split,
//! `RetryAfter` and network errors retried.

use super::TgBot;
use super::split::{MAX_CHARS, split_html};
use crate::app::{Rendered, Response};
use std::future::Future;
use std::time::Duration;
use teloxide::RequestError;
use teloxide::payloads::SendMessageSetters;
use teloxide::prelude::*;
use teloxide::types::{ChatId, InlineKeyboardButton, InlineKeyboardMarkup, InputFile, ParseMode};

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

async fn send_html(bot: &TgBot, chat: ChatId, html: &str, markup: Option<InlineKeyboardMarkup>) {
    let parts = split_html(html, MAX_CHARS);
    let last = parts.len().saturating_sub(1);
    for (i, part) in parts.iter().enumerate() {
        let kb = if i == last { markup.clone() } else { None };
        let res = retry(|| {
            let mut req = bot.send_message(chat, part.clone()).parse_mode(ParseMode::Html);
            if let Some(kb) = kb.clone() {
                req = req.reply_markup(kb);
            }
            async move { req.await }
        })
        .await;
        if let Err(e) = res {
            tracing::error!("sendMessage to chat {} failed: {e}", chat.0);
        }
    }
}

/// Send everything a response holds. Replies without buttons (a one-line
/// reason, an error) are joined to the reply that follows, so a step arrives
/// as one message with its keyboard at the end.
pub async fn send_response(bot: &TgBot, chat: ChatId, r: &Response) {
    let mut pending = String::new();
    for (i, reply) in r.replies.iter().enumerate() {
        if !pending.is_empty() {
            pending.push_str("\n\n");
        }
        pending.push_str(&reply.html);
        let kb = keyboard(reply, r.turn);
        if kb.is_some() || i + 1 == r.replies.len() {
            send_html(bot, chat, &pending, kb).await;
            pending.clear();
        }
    }
    if let Some((n, doc)) = &r.export {
        let name = format!("refund-case-{n}.md");
        let res = retry(|| {
            let file = InputFile::memory(doc.clone().into_bytes()).file_name(name.clone());
            let req = bot.send_document(chat, file);
            async move { req.await }
        })
        .await;
        if let Err(e) = res {
            tracing::error!("sendDocument to chat {} failed: {e}", chat.0);
        }
    }
}

/// A short text outside the conversation (unsupported content, errors).
pub async fn send_text(bot: &TgBot, chat: ChatId, html: &str) {
    send_html(bot, chat, html, None).await;
}
