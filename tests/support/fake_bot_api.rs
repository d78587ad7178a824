//! A fake Telegram Bot API server for end-to-end tests (test-only).
//!
//! Point teloxide at it with `Bot::new(FakeBotApi::TOKEN).set_api_url(api.api_url().parse()?)`
//! or `TELOXIDE_TOKEN` / `TELOXIDE_API_URL`. Requests are `POST /bot<TOKEN>/<method>`
//! (method names matched case-insensitively, like Telegram), answered with
//! `{"ok":true,"result":..}` or `{"ok":false,"error_code":..,"description":..}`.
#![allow(dead_code)]

#[path = "fake_bot_api_wire.rs"]
mod wire;

use std::collections::{HashMap, HashSet, VecDeque};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use tokio::sync::Notify;
use tokio::time::Instant;

/// The plain text Telegram keeps for an HTML-formatted text, or the parse error.
pub fn html_to_plain(text: &str) -> Result<String, String> {
    wire::parse_html(text)
}

/// One request the bot made. `status` is the HTTP status the fake answered with.
#[derive(Debug, Clone, PartialEq)]
pub struct Call {
    pub method: String,
    pub body: Value,
    pub status: u16,
}

/// A message the bot sent, as it currently stands (edits applied).
#[derive(Debug, Clone, PartialEq)]
pub struct Sent {
    pub message_id: i64,
    /// Raw text as sent (HTML tags kept); the caption for documents.
    pub text: String,
    pub parse_mode: Option<String>,
    pub reply_markup: Option<Value>,
    /// For `sendDocument`: `{"file_name": .., "content": ..}`.
    pub document: Option<Value>,
}

struct Queued {
    update: Value,
    /// Set by `push_raw`: delivered once even if its id is below the offset.
    force: bool,
}

#[derive(Default)]
struct Inner {
    next_update_id: i64,
    next_message_id: i64,
    queue: VecDeque<Queued>,
    messages: Vec<(i64, Sent)>,
    calls: Vec<Call>,
    failures: HashMap<String, VecDeque<(u16, Option<u32>)>>,
    callbacks: HashSet<String>,
    answered: Vec<String>,
    commands: HashMap<String, Value>,
    webhook: Option<(String, Option<String>)>,
}

struct Shared {
    inner: Mutex<Inner>,
    new_update: Notify,
    new_call: Notify,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }
}

pub struct FakeBotApi {
    shared: Arc<Shared>,
    addr: SocketAddr,
    server: tokio::task::JoinHandle<()>,
}

impl Drop for FakeBotApi {
    fn drop(&mut self) {
        self.server.abort();
    }
}

impl FakeBotApi {
    pub const TOKEN: &'static str = "123456:TEST-TOKEN";
    pub const BOT_ID: i64 = wire::BOT_ID;
    pub const BOT_USERNAME: &'static str = wire::BOT_USERNAME;

    pub async fn start() -> FakeBotApi {
        let shared = Arc::new(Shared {
            inner: Mutex::new(Inner {
                next_update_id: 1,
                next_message_id: 1,
                ..Inner::default()
            }),
            new_update: Notify::new(),
            new_call: Notify::new(),
        });
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind fake Bot API");
        let addr = listener.local_addr().expect("fake Bot API address");
        let app = axum::Router::new().fallback(handle).with_state(shared.clone());
        let server = tokio::spawn(async move {
            axum::serve(listener, app).await.expect("fake Bot API server");
        });
        FakeBotApi { shared, addr, server }
    }

    /// Base URL without a trailing slash, e.g. `http://127.0.0.1:40123`.
    pub fn api_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// `{api_url}/bot{TOKEN}/{method}`, for plain HTTP requests.
    pub fn method_url(&self, method: &str) -> String {
        format!("{}/bot{}/{method}", self.api_url(), Self::TOKEN)
    }

    pub fn user_text(&self, user_id: i64, text: &str, language_code: Option<&str>) -> i64 {
        let from = wire::user(user_id, language_code);
        self.push_message("message", user_id, from, wire::text_content(text))
    }

    /// A press on an inline button of bot message `message_id` in the private chat
    /// with `user_id`. The callback query id is `"cb<update_id>"`.
    pub fn user_press(&self, user_id: i64, message_id: i64, data: &str) -> i64 {
        let mut inner = self.shared.lock();
        let id = inner.take_update_id();
        let message = inner.message_json(user_id, message_id);
        let callback_id = format!("cb{id}");
        inner.callbacks.insert(callback_id.clone());
        let update = json!({ "update_id": id, "callback_query": {
            "id": callback_id, "from": wire::user(user_id, None), "message": message,
            "chat_instance": format!("instance-{user_id}"), "data": data } });
        self.enqueue(inner, update, false);
        id
    }

    pub fn user_photo(&self, user_id: i64) -> i64 {
        let seq = self.shared.lock().next_update_id;
        self.push_message(
            "message",
            user_id,
            wire::user(user_id, None),
            wire::photo_content(seq),
        )
    }

    pub fn user_sticker(&self, user_id: i64) -> i64 {
        let seq = self.shared.lock().next_update_id;
        self.push_message(
            "message",
            user_id,
            wire::user(user_id, None),
            wire::sticker_content(seq),
        )
    }

    pub fn group_text(&self, chat_id: i64, user_id: i64, text: &str) -> i64 {
        self.push_message(
            "message",
            chat_id,
            wire::user(user_id, None),
            wire::text_content(text),
        )
    }

    /// The user edited their earlier message `message_id` (in the private chat).
    pub fn edited_text(&self, user_id: i64, message_id: i64, text: &str) -> i64 {
        let mut inner = self.shared.lock();
        let id = inner.take_update_id();
        let mut message = wire::message(
            message_id,
            user_id,
            wire::user(user_id, None),
            wire::text_content(text),
        );
        message["date"] = json!(wire::now() - 60);
        message["edit_date"] = json!(wire::now());
        self.enqueue(
            inner,
            json!({ "update_id": id, "edited_message": message }),
            false,
        );
        id
    }

    /// Queues `update` as-is. It is delivered at least once even when its
    /// `update_id` is below the offset the bot has confirmed (a redelivery).
    pub fn push_raw(&self, update: Value) {
        let inner = self.shared.lock();
        self.enqueue(inner, update, true);
    }

    /// The next call of `method` fails with `error_code` (429 carries
    /// `parameters.retry_after`, 1 if not given). Several calls queue up.
    pub fn fail_next(&self, method: &str, error_code: u16, retry_after: Option<u32>) {
        let mut inner = self.shared.lock();
        let queue = inner.failures.entry(method.to_ascii_lowercase()).or_default();
        queue.push_back((error_code, retry_after));
    }

    pub fn calls(&self) -> Vec<Call> {
        self.shared.lock().calls.clone()
    }

    /// Bodies of the calls of one method, in order.
    pub fn calls_of(&self, method: &str) -> Vec<Value> {
        let inner = self.shared.lock();
        let calls = inner
            .calls
            .iter()
            .filter(|c| c.method.eq_ignore_ascii_case(method));
        calls.map(|c| c.body.clone()).collect()
    }

    pub fn sent(&self, chat_id: i64) -> Vec<Sent> {
        let inner = self.shared.lock();
        let sent = inner.messages.iter().filter(|(chat, _)| *chat == chat_id);
        sent.map(|(_, s)| s.clone()).collect()
    }

    /// Waits until `pred` holds for the calls so far (re-checked on every call).
    pub async fn wait_for(&self, pred: impl Fn(&[Call]) -> bool, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        loop {
            let notified = self.shared.new_call.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            if pred(&self.shared.lock().calls) {
                return true;
            }
            if tokio::time::timeout_at(deadline, notified).await.is_err() {
                return pred(&self.shared.lock().calls);
            }
        }
    }

    pub fn answered_callbacks(&self) -> Vec<String> {
        self.shared.lock().answered.clone()
    }

    /// `(url, secret_token)` from the last `setWebhook`, until `deleteWebhook`.
    pub fn webhook(&self) -> Option<(String, Option<String>)> {
        self.shared.lock().webhook.clone()
    }

    /// Commands stored by `setMyCommands` for `language_code` (None = default).
    pub fn commands(&self, language_code: Option<&str>) -> Option<Value> {
        self.shared
            .lock()
            .commands
            .get(language_code.unwrap_or(""))
            .cloned()
    }

    /// Updates still queued (not yet confirmed by a `getUpdates` offset).
    pub fn pending_updates(&self) -> usize {
        self.shared.lock().queue.len()
    }

    /// Drains the queued updates and POSTs each, like Telegram, to `to` (or the
    /// webhook URL) with the `X-Telegram-Bot-Api-Secret-Token` header; returns the
    /// HTTP statuses (0 when the request failed).
    pub async fn deliver_webhook(&self, to: Option<&str>) -> Vec<u16> {
        let (url, secret) = self.webhook().unwrap_or_default();
        let url = to.map_or(url, str::to_owned);
        let updates: Vec<Value> = self.shared.lock().queue.drain(..).map(|q| q.update).collect();
        let client = reqwest::Client::new();
        let mut statuses = Vec::new();
        for update in updates {
            let mut request = client.post(&url).json(&update);
            if let Some(secret) = &secret {
                request = request.header("X-Telegram-Bot-Api-Secret-Token", secret);
            }
            statuses.push(request.send().await.map_or(0, |r| r.status().as_u16()));
        }
        statuses
    }

    fn push_message(&self, kind: &str, chat_id: i64, from: Value, content: Value) -> i64 {
        let mut inner = self.shared.lock();
        let id = inner.take_update_id();
        let message_id = inner.take_message_id();
        let mut update = json!({ "update_id": id });
        update[kind] = wire::message(message_id, chat_id, from, content);
        self.enqueue(inner, update, false);
        id
    }

    fn enqueue(&self, mut inner: MutexGuard<'_, Inner>, update: Value, force: bool) {
        inner.queue.push_back(Queued { update, force });
        drop(inner);
        self.shared.new_update.notify_waiters();
    }
}

impl Inner {
    fn take_update_id(&mut self) -> i64 {
        self.next_update_id += 1;
        self.next_update_id - 1
    }

    fn take_message_id(&mut self) -> i64 {
        self.next_message_id += 1;
        self.next_message_id - 1
    }

    fn message_json(&self, chat_id: i64, message_id: i64) -> Value {
        let found = self
            .messages
            .iter()
            .find(|(c, s)| *c == chat_id && s.message_id == message_id);
        let Some((_, sent)) = found else {
            let content = wire::text_content("(message)");
            return wire::message(message_id, chat_id, wire::bot_user(), content);
        };
        let plain = wire::check_text(&sent.text, sent.parse_mode.as_deref(), usize::MAX, true);
        let plain = plain.unwrap_or_else(|_| sent.text.clone());
        let mut content = match &sent.document {
            Some(doc) => {
                let mut c = wire::document_content(message_id, doc["file_name"].as_str().unwrap_or(""), 0);
                c["caption"] = json!(plain);
                c
            }
            None => json!({ "text": plain }),
        };
        if let Some(markup) = wire::inline_markup(sent.reply_markup.as_ref()) {
            content["reply_markup"] = markup;
        }
        wire::message(message_id, chat_id, wire::bot_user(), content)
    }

    fn apply(&mut self, method: &str, body: &Value) -> Result<Value, wire::Reply> {
        let text = |key: &str| body.get(key).and_then(Value::as_str);
        match method {
            "getme" => Ok(wire::me()),
            "sendmessage" => {
                let chat_id = chat_id(body)?;
                let sent_text = text("text").unwrap_or_default();
                wire::check_text(sent_text, text("parse_mode"), 4096, false)?;
                self.record_sent(chat_id, sent_text, body, None)
            }
            "senddocument" => {
                let chat_id = chat_id(body)?;
                let caption = text("caption").unwrap_or_default();
                wire::check_text(caption, text("parse_mode"), 1024, true)?;
                let document = match body.get("document") {
                    Some(Value::String(id)) => json!({ "file_name": id, "content": "" }),
                    Some(doc) => doc.clone(),
                    None => return Err(wire::bad("there is no document in the request")),
                };
                self.record_sent(chat_id, caption, body, Some(document))
            }
            "editmessagetext" | "editmessagereplymarkup" => self.edit(method == "editmessagetext", body),
            "answercallbackquery" => {
                let id = text("callback_query_id").unwrap_or_default().to_owned();
                if !self.callbacks.contains(&id) {
                    let msg = "query is too old and response timeout expired or query ID is invalid";
                    return Err(wire::bad(msg));
                }
                self.answered.push(id);
                Ok(json!(true))
            }
            "setmycommands" => {
                let commands = body.get("commands").cloned().unwrap_or(json!([]));
                self.commands
                    .insert(text("language_code").unwrap_or("").to_owned(), commands);
                Ok(json!(true))
            }
            "getmycommands" => Ok(self
                .commands
                .get(text("language_code").unwrap_or(""))
                .cloned()
                .unwrap_or(json!([]))),
            "deletemycommands" => Ok(json!(
                self.commands
                    .remove(text("language_code").unwrap_or(""))
                    .is_some()
            )),
            "setwebhook" => {
                let url = text("url").unwrap_or_default();
                self.webhook =
                    (!url.is_empty()).then(|| (url.to_owned(), text("secret_token").map(str::to_owned)));
                self.drop_pending_if_asked(body);
                Ok(json!(true))
            }
            "deletewebhook" => {
                self.webhook = None;
                self.drop_pending_if_asked(body);
                Ok(json!(true))
            }
            "getwebhookinfo" => Ok(json!({
                "url": self.webhook.as_ref().map_or("", |w| w.0.as_str()),
                "has_custom_certificate": false,
                "pending_update_count": self.queue.len(),
            })),
            _ => Ok(json!(true)),
        }
    }

    fn drop_pending_if_asked(&mut self, body: &Value) {
        if body.get("drop_pending_updates") == Some(&json!(true)) {
            self.queue.clear();
        }
    }

    fn record_sent(
        &mut self,
        chat_id: i64,
        text: &str,
        body: &Value,
        doc: Option<Value>,
    ) -> Result<Value, wire::Reply> {
        let message_id = self.take_message_id();
        let parse_mode = body.get("parse_mode").and_then(Value::as_str).map(str::to_owned);
        let reply_markup = body.get("reply_markup").filter(|m| !m.is_null()).cloned();
        let sent = Sent {
            message_id,
            text: text.to_owned(),
            parse_mode,
            reply_markup,
            document: doc,
        };
        self.messages.push((chat_id, sent));
        Ok(self.message_json(chat_id, message_id))
    }

    fn edit(&mut self, with_text: bool, body: &Value) -> Result<Value, wire::Reply> {
        if body.get("inline_message_id").is_some() {
            return Ok(json!(true));
        }
        let chat_id = chat_id(body)?;
        let message_id = body.get("message_id").and_then(Value::as_i64).unwrap_or_default();
        let found = self
            .messages
            .iter_mut()
            .find(|(c, s)| *c == chat_id && s.message_id == message_id);
        let Some((_, sent)) = found else {
            return Err(wire::bad("message to edit not found"));
        };
        let mut edited = sent.clone();
        if with_text {
            if sent.document.is_some() {
                return Err(wire::bad("there is no text in the message to edit"));
            }
            let text = body.get("text").and_then(Value::as_str).unwrap_or_default();
            let parse_mode = body.get("parse_mode").and_then(Value::as_str);
            wire::check_text(text, parse_mode, 4096, false)?;
            (edited.text, edited.parse_mode) = (text.to_owned(), parse_mode.map(str::to_owned));
        }
        // Like Telegram, an edit without an inline keyboard removes the current one.
        edited.reply_markup = wire::inline_markup(body.get("reply_markup"));
        if edited == *sent {
            return Err(wire::bad(
                "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message",
            ));
        }
        *sent = edited;
        let mut message = self.message_json(chat_id, message_id);
        message["edit_date"] = json!(wire::now());
        Ok(message)
    }

    /// Applies the `getUpdates` offset: drops confirmed updates (id < offset,
    /// or all but the last `-offset` ones for a negative offset).
    fn confirm(&mut self, offset: i64) {
        if offset < 0 {
            let keep = offset.unsigned_abs() as usize;
            let drop_count = self.queue.len().saturating_sub(keep);
            self.queue.drain(..drop_count);
        } else if offset > 0 {
            let id = |q: &Queued| q.update["update_id"].as_i64().unwrap_or_default();
            self.queue.retain(|q| q.force || id(q) >= offset);
        }
    }
}

fn chat_id(body: &Value) -> Result<i64, wire::Reply> {
    match body.get("chat_id") {
        Some(Value::Number(n)) => n.as_i64(),
        Some(Value::String(s)) => s.parse().ok(),
        _ => None,
    }
    .ok_or_else(|| wire::bad("chat not found"))
}

async fn handle(State(shared): State<Arc<Shared>>, request: Request) -> Response {
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
    let (status, json) = match path
        .strip_prefix(&prefix)
        .filter(|m| !m.is_empty() && !m.contains('/'))
    {
        Some(method) => {
            let body = wire::parse_body(&content_type, &bytes, query.as_deref());
            answer(&shared, method, body).await
        }
        None if path.starts_with("/bot") => wire::error(401, "Unauthorized", None),
        None => wire::error(404, "Not Found", None),
    };
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (status, axum::Json(json)).into_response()
}

async fn answer(shared: &Shared, method: &str, body: Value) -> wire::Reply {
    let lower = method.to_ascii_lowercase();
    let mut poll = None;
    let reply = {
        let mut inner = shared.lock();
        let failure = inner.failures.get_mut(&lower).and_then(VecDeque::pop_front);
        let reply = match failure {
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
        inner.calls.push(Call {
            method: method.to_owned(),
            body,
            status: reply.0,
        });
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
