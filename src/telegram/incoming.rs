//! What comes in before a handler sees it: an update the bot cannot read is
//! logged by its id, size and the reason (never its body, which holds what
//! the user typed) and counted, instead of teloxide's error line with the
//! whole update; in webhook mode, a request without the right secret is 401,
//! an empty or malformed secret header included.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use futures_util::StreamExt;
use futures_util::future::{Ready, ready};
use futures_util::stream::FilterMap;
use serde_json::Value;
use std::sync::Arc;
use teloxide::stop::StopToken;
use teloxide::types::{AllowedUpdate, CallbackQuery, Message, Update, UpdateKind};
use teloxide::update_listeners::{AsUpdateStream, UpdateListener};

/// The header Telegram sends the webhook secret in.
const SECRET_HEADER: &str = "x-telegram-bot-api-secret-token";
/// The largest webhook body read (Telegram's updates are a few KB).
const MAX_BODY: usize = 1 << 20;
/// The longest reason logged for an update that could not be read.
const MAX_REASON: usize = 200;

/// The reason a value could not be read, with the quoted parts of serde's
/// message (values taken from the update: user text, perhaps) left out.
fn reason(e: &serde_json::Error) -> String {
    let mut out = String::new();
    let mut quoted = false;
    for c in e.to_string().chars() {
        if c == '"' {
            if !quoted {
                out.push_str("\"…\"");
            }
            quoted = !quoted;
        } else if !quoted {
            out.push(c);
        }
    }
    if out.chars().count() > MAX_REASON {
        out = out.chars().take(MAX_REASON).collect::<String>() + "…";
    }
    out
}

/// Why teloxide could not read an update it kept as `UpdateKind::Error`.
fn why(update: &Value) -> String {
    let Some((kind, inner)) = update
        .as_object()
        .and_then(|o| o.iter().find(|(k, _)| k.as_str() != "update_id"))
    else {
        return "no update kind".to_owned();
    };
    let parsed = match kind.as_str() {
        "message"
        | "edited_message"
        | "channel_post"
        | "edited_channel_post"
        | "business_message"
        | "edited_business_message" => serde_json::from_value::<Message>(inner.clone()).map(drop),
        "callback_query" => serde_json::from_value::<CallbackQuery>(inner.clone()).map(drop),
        _ => return format!("{kind}: a kind this bot does not read"),
    };
    match parsed {
        Ok(()) => format!("{kind}: not readable"),
        Err(e) => format!("{kind}: {}", reason(&e)),
    }
}

/// Logs (without its body) and counts an update that could not be read.
fn malformed(id: Option<i64>, size: usize, why: &str) {
    let id = id.map_or_else(|| "without an id".to_owned(), |id| id.to_string());
    tracing::warn!("update {id} could not be read and was skipped ({size} bytes): {why}");
    crate::ops::count(crate::ops::Counter::MalformedUpdates, 1);
}

/// The update, or `None` (logged and counted) when teloxide could not read it.
fn screen<E>(update: Result<Update, E>) -> Ready<Option<Result<Update, E>>> {
    ready(match update {
        Ok(Update {
            id,
            kind: UpdateKind::Error(body),
        }) => {
            let size = serde_json::to_vec(&body).map_or(0, |b| b.len());
            malformed(Some(i64::from(id.0)), size, &why(&body));
            None
        }
        other => Some(other),
    })
}

/// An update listener that drops, logs and counts the updates teloxide could
/// not read, so the dispatcher never prints one whole.
pub struct Screened<L>(pub L);

type Screen<E> = fn(Result<Update, E>) -> Ready<Option<Result<Update, E>>>;

impl<'a, L> AsUpdateStream<'a> for Screened<L>
where
    L: AsUpdateStream<'a>,
    L::StreamErr: Send + 'a,
{
    type StreamErr = L::StreamErr;
    type Stream = FilterMap<L::Stream, Ready<Option<Result<Update, L::StreamErr>>>, Screen<L::StreamErr>>;

    fn as_stream(&'a mut self) -> Self::Stream {
        self.0.as_stream().filter_map(screen as Screen<L::StreamErr>)
    }
}

impl<L> UpdateListener for Screened<L>
where
    L: UpdateListener,
    L::Err: Send + 'static,
{
    type Err = L::Err;

    fn stop_token(&mut self) -> StopToken {
        self.0.stop_token()
    }

    fn hint_allowed_updates(&mut self, hint: &mut dyn Iterator<Item = AllowedUpdate>) {
        self.0.hint_allowed_updates(hint);
    }
}

/// In front of the webhook route: the secret header must be the secret
/// (compared in constant time), else 401 whatever the header holds; a body
/// that is not an update at all is logged by its size and answered 200 (so
/// Telegram does not send it again), never handed to teloxide, which would
/// log it whole.
pub async fn webhook_guard(State(secret): State<Arc<str>>, request: Request, next: Next) -> Response {
    use subtle::ConstantTimeEq;
    let given = request.headers().get(SECRET_HEADER).map(|v| v.as_bytes());
    let right = given.is_some_and(|g| bool::from(g.ct_eq(secret.as_bytes())));
    if !right {
        return StatusCode::UNAUTHORIZED.into_response();
    }
    let (parts, body) = request.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_BODY).await else {
        return StatusCode::PAYLOAD_TOO_LARGE.into_response();
    };
    if let Err(e) = serde_json::from_slice::<Update>(&bytes) {
        let id = serde_json::from_slice::<Value>(&bytes)
            .ok()
            .and_then(|v| v.get("update_id").and_then(Value::as_i64));
        malformed(id, bytes.len(), &reason(&e));
        return StatusCode::OK.into_response();
    }
    next.run(Request::from_parts(parts, Body::from(bytes))).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_reason_leaves_out_what_the_update_said() {
        let e = serde_json::from_value::<Message>(json!({
            "message_id": 1, "date": "my card 4111 1111", "chat": { "id": 1, "type": "private" },
            "text": "secret"
        }))
        .expect_err("a date that is text");
        let r = reason(&e);
        assert!(!r.contains("4111") && r.contains("invalid type"), "{r}");
    }

    #[test]
    fn an_update_of_a_kind_not_read_says_so() {
        let w = why(&json!({ "update_id": 3, "future_kind": { "text": "secret" } }));
        assert!(w.starts_with("future_kind") && !w.contains("secret"), "{w}");
    }
}
