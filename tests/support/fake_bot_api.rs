//! A fake Telegram Bot API server for end-to-end tests (test-only).
//!
//! Point teloxide at it with `Bot::new(FakeBotApi::TOKEN).set_api_url(api.api_url().parse()?)`
//! or `TELOXIDE_TOKEN` / `TELOXIDE_API_URL`. Requests are `POST /bot<TOKEN>/<method>`
//! (method names matched case-insensitively, like Telegram), answered with
//! `{"ok":true,"result":..}` or `{"ok":false,"error_code":..,"description":..}`.
//! teloxide sends PascalCase names (`/SendMessage`); `calls()` records camelCase.
//! Real results for getMe, getUpdates, sendMessage, sendDocument, sendPhoto, editMessageText,
//! editMessageReplyMarkup, get/setWebhook(Info), deleteWebhook, get/set/deleteMyCommands,
//! answerCallbackQuery, createForumTopic, close/reopen/deleteForumTopic (in supergroups
//! only) and copyMessage; any other method is recorded and answered `true`.
//! getUpdates long-polls at most 2 s; a 5xx from `fail_next` makes teloxide sleep 10 s.
//! `Options` adds a round-trip delay to every answer, and (for benchmarks) keeps
//! only each chat's last few messages and reports each call on a channel.
#![allow(dead_code)]

#[path = "fake_bot_api_server.rs"]
mod server;
#[path = "fake_bot_api_state.rs"]
mod state;
#[path = "fake_bot_api_users.rs"]
mod users;
#[path = "fake_bot_api_wire.rs"]
mod wire;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use serde_json::{Value, json};
use tokio::sync::Notify;
use tokio::time::Instant;

use state::{Inner, Queued};

/// The plain text Telegram keeps for an HTML-formatted text, or the parse error.
pub fn html_to_plain(text: &str) -> Result<String, String> {
    wire::parse_html(text)
}

/// One request the bot made. `method` is in Telegram's camelCase (`sendMessage`)
/// whatever the case on the wire; `status` is the HTTP status the fake answered.
#[derive(Debug, Clone, PartialEq)]
pub struct Call {
    pub method: String,
    pub body: Value,
    pub status: u16,
    /// When the request arrived (tokio's clock: paused in tests that pause it).
    pub at: Instant,
}

/// How the fake behaves.
#[derive(Debug, Clone)]
pub struct Options {
    /// Added before every answer: the network round trip to Telegram.
    pub delay: Duration,
    /// Keep every call and message (false: only each chat's last four messages).
    pub history: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            delay: Duration::ZERO,
            history: true,
        }
    }
}

/// A call as reported on the `events` channel: the chat it was about (if any),
/// the message it sent (id and keyboard), when it arrived.
#[derive(Debug, Clone)]
pub struct Event {
    pub method: String,
    pub chat_id: Option<i64>,
    pub message_id: Option<i64>,
    pub reply_markup: Option<Value>,
    pub at: Instant,
}

/// A message the bot sent, as it currently stands (edits applied).
#[derive(Debug, Clone, PartialEq)]
pub struct Sent {
    pub message_id: i64,
    /// Raw text as sent (HTML tags kept); the caption for documents.
    pub text: String,
    pub parse_mode: Option<String>,
    pub reply_markup: Option<Value>,
    /// For `sendDocument` and `sendPhoto`: `{"file_name": .., "content": ..,
    /// "size": .., "head": the first 24 bytes in hex}`.
    pub document: Option<Value>,
    /// The forum topic it went to (`message_thread_id`), if any.
    pub thread: Option<i64>,
    /// For `copyMessage`: the chat and message copied.
    pub copy_of: Option<(i64, i64)>,
}

/// A forum topic the bot created: its chat, id, name and state.
#[derive(Debug, Clone, PartialEq)]
pub struct Topic {
    pub chat_id: i64,
    pub thread: i64,
    pub name: String,
    pub closed: bool,
    pub deleted: bool,
}

struct Shared {
    inner: Mutex<Inner>,
    new_update: Notify,
    new_call: Notify,
    delay: Duration,
    events: Mutex<Option<tokio::sync::mpsc::UnboundedSender<Event>>>,
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
        Self::start_with(Options::default()).await
    }

    pub async fn start_with(options: Options) -> FakeBotApi {
        Self::start_on("127.0.0.1:0".parse().expect("address"), options).await
    }

    /// On a given address (to come up where a bot already looks for it).
    pub async fn start_on(addr: SocketAddr, options: Options) -> FakeBotApi {
        let shared = Arc::new(Shared {
            inner: Mutex::new(Inner {
                next_update_id: 1,
                next_message_id: 1,
                history: options.history,
                ..Inner::default()
            }),
            new_update: Notify::new(),
            new_call: Notify::new(),
            delay: options.delay,
            events: Mutex::new(None),
        });
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .expect("bind fake Bot API");
        let addr = listener.local_addr().expect("fake Bot API address");
        let app = axum::Router::new()
            .fallback(server::handle)
            .with_state(shared.clone());
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

    /// The next call of `method` is answered like a broken proxy: a 502 HTML
    /// page (not JSON) that echoes the request path, token included.
    pub fn echo_page_next(&self, method: &str) {
        let mut inner = self.shared.lock();
        *inner.pages.entry(method.to_ascii_lowercase()).or_default() += 1;
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
        self.shared.lock().sent(chat_id)
    }

    /// Every later call, reported as it arrives (one subscriber).
    pub fn events(&self) -> tokio::sync::mpsc::UnboundedReceiver<Event> {
        let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
        *self.shared.events.lock().unwrap_or_else(|e| e.into_inner()) = Some(tx);
        rx
    }

    /// Waits until `pred` holds for the calls so far (re-checked after every call,
    /// once the fake's state reflects it); false on timeout.
    pub async fn wait_for(&self, pred: impl Fn(&[Call]) -> bool, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        loop {
            let notified = self.shared.new_call.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            // `pred` runs on a copy, so it may itself call `sent()`, `calls()`...
            if pred(&self.calls()) {
                return true;
            }
            if tokio::time::timeout_at(deadline, notified).await.is_err() {
                return pred(&self.calls());
            }
        }
    }

    /// The forum topics the bot created, in order.
    pub fn topics(&self) -> Vec<Topic> {
        self.shared.lock().topics.clone()
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
