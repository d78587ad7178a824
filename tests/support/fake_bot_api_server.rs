//! The fake Bot API's HTTP side: routing a request to its method, injected
//! failures, the answer and its recording, and `getUpdates` long polling.

use std::collections::VecDeque;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use tokio::time::Instant;

use super::{Call, Event, FakeBotApi, Shared, state, wire};

pub(super) async fn handle(State(shared): State<Arc<Shared>>, request: Request) -> Response {
    let at = Instant::now();
    let path = request.uri().path().to_owned();
    let query = request.uri().query().map(str::to_owned);
    let content_type = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok());
    let content_type = content_type.unwrap_or_default().to_ascii_lowercase();
    let bytes = axum::body::to_bytes(request.into_body(), 64 << 20)
        .await
        .unwrap_or_default();
    let prefix = format!("/bot{}/", FakeBotApi::TOKEN);
    // `getFile`'s download link: `/file/bot<token>/<file_path>`.
    if let Some(file_path) = path.strip_prefix(&format!("/file{prefix}")) {
        // teloxide sends the file path as one segment (`files%2F<id>`).
        let file_path = file_path.replace("%2F", "/").replace("%2f", "/");
        let file_path = file_path.as_str();
        let id = file_path.strip_prefix("files/").unwrap_or(file_path).to_owned();
        let (bytes, streamed) = {
            let mut inner = shared.lock();
            let (_, bytes) = inner.file(&id);
            let streamed = inner.streamed.get(&id).cloned();
            if inner.history {
                inner.calls.push(Call {
                    method: "downloadFile".to_owned(),
                    body: json!({ "file_path": file_path }),
                    status: 200,
                    at,
                });
            }
            (bytes, streamed)
        };
        shared.new_call.notify_waiters();
        if let Some(s) = streamed {
            return (StatusCode::OK, axum::body::Body::from_stream(made_up(s))).into_response();
        }
        return (StatusCode::OK, bytes).into_response();
    }
    let (status, json) = match path
        .strip_prefix(&prefix)
        .filter(|m| !m.is_empty() && !m.contains('/'))
    {
        Some(method) => {
            let body = wire::parse_body(&content_type, &bytes, query.as_deref());
            answer(&shared, method, body, at).await
        }
        None if path.starts_with("/bot") => wire::error(401, "Unauthorized", None),
        None => wire::error(404, "Not Found", None),
    };
    if !shared.delay.is_zero() {
        tokio::time::sleep(shared.delay).await;
    }
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    match json {
        Value::String(page) => (status, [(header::CONTENT_TYPE, "text/html")], page).into_response(),
        json => (status, axum::Json(json)).into_response(),
    }
}

async fn answer(shared: &Shared, method: &str, body: Value, at: Instant) -> wire::Reply {
    let lower = method.to_ascii_lowercase();
    let mut poll = None;
    let reply = {
        let mut inner = shared.lock();
        let page = inner.pages.get_mut(&lower).filter(|n| **n > 0).map(|n| *n -= 1);
        let failure = match page {
            Some(()) => Some((0, None)),
            None => inner.failures.get_mut(&lower).and_then(VecDeque::pop_front),
        };
        let reply = match failure {
            Some((0, _)) => wire::echo_page(method),
            Some((code, retry_after)) => wire::injected(code, retry_after),
            None if lower == "getupdates" && inner.webhook.is_some() => wire::error(
                409,
                "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
                None,
            ),
            None if lower == "getupdates" => {
                inner.confirm(body.get("offset").and_then(Value::as_i64).unwrap_or(0));
                let limit = body
                    .get("limit")
                    .and_then(Value::as_u64)
                    .filter(|&l| l > 0)
                    .unwrap_or(100);
                let timeout = body.get("timeout").and_then(Value::as_u64).unwrap_or(0).min(2);
                poll = Some((limit as usize, Duration::from_secs(timeout)));
                (200, Value::Null)
            }
            None => inner.apply(&lower, &body).map_or_else(|e| e, wire::ok),
        };
        // teloxide sends PascalCase names (`/SendMessage`); record Telegram's camelCase.
        let method = method[..1].to_ascii_lowercase() + &method[1..];
        if let Some(events) = &*shared.events.lock().unwrap_or_else(|e| e.into_inner()) {
            let result = &reply.1["result"];
            let _ = events.send(Event {
                method: method.clone(),
                chat_id: state::chat_id(&body).ok(),
                message_id: result["message_id"].as_i64(),
                reply_markup: result.get("reply_markup").cloned(),
                at,
            });
        }
        if inner.history {
            let status = reply.0;
            inner.calls.push(Call {
                method,
                body,
                status,
                at,
            });
        }
        reply
    };
    shared.new_call.notify_waiters();
    match poll {
        Some((limit, timeout)) => wire::ok(long_poll(shared, limit, timeout).await),
        None => reply,
    }
}

async fn long_poll(shared: &Shared, limit: usize, timeout: Duration) -> Value {
    let deadline = Instant::now() + timeout;
    loop {
        let notified = shared.new_update.notified();
        tokio::pin!(notified);
        notified.as_mut().enable();
        {
            let mut inner = shared.lock();
            if !inner.queue.is_empty() || Instant::now() >= deadline {
                let batch = inner.queue.iter_mut().take(limit).map(|q| {
                    q.force = false;
                    q.update.clone()
                });
                return Value::Array(batch.collect());
            }
        }
        let _ = tokio::time::timeout_at(deadline, notified).await;
    }
}

/// The download of a streamed file, made up chunk by chunk as the connection
/// takes it, and counted.
fn made_up(s: state::Streamed) -> impl futures_util::Stream<Item = Result<Vec<u8>, std::io::Error>> {
    const CHUNK: u64 = 64 * 1024;
    futures_util::stream::unfold(0u64, move |at| {
        let s = s.clone();
        async move {
            if at >= s.len {
                return None;
            }
            let n = CHUNK.min(s.len - at);
            let mut chunk = vec![0u8; n as usize];
            for (i, b) in s.head.iter().enumerate().skip(at as usize).take(n as usize) {
                chunk[i - at as usize] = *b;
            }
            s.sent.fetch_add(n, std::sync::atomic::Ordering::Relaxed);
            Some((Ok(chunk), at + n))
        }
    })
}
