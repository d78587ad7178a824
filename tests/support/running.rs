//! The running bot for the end-to-end tests: the real `serve` entry point (the
//! code `refund-assistant bot` runs) against the fake Bot API, on a temporary
//! SQLite store; helpers to talk to it as a user would.
#![allow(dead_code)]

use super::fake_bot_api::{FakeBotApi, Sent};
use refund_assistant::app::App;
use refund_assistant::store::{Store, sqlite_url};
use refund_assistant::telegram::{BotConfig, serve};
use serde_json::Value;
use std::time::Duration;
use teloxide::prelude::*;
use tokio::sync::oneshot;

pub const USER: i64 = 5001;
pub const WAIT: Duration = Duration::from_secs(15);

pub struct Running {
    pub api: FakeBotApi,
    pub stop: Option<oneshot::Sender<()>>,
    pub task: tokio::task::JoinHandle<()>,
    pub store: Store,
}

/// No client-side limits: the conversation tests go as fast as the bot can.
pub fn unlimited() -> BotConfig {
    BotConfig {
        rate_limit: 0,
        ..BotConfig::default()
    }
}

pub async fn start_with(api: FakeBotApi, db: &std::path::Path, cfg: BotConfig) -> Running {
    start_at(api, db, cfg, App::system_clock()).await
}

/// Like [`start_with`], with the app's clock given (reminder tests move it).
pub async fn start_at(
    api: FakeBotApi,
    db: &std::path::Path,
    cfg: BotConfig,
    clock: refund_assistant::app::Clock,
) -> Running {
    start_desk(api, db, cfg, clock, None).await
}

/// Like [`start_at`], with an operator inbox to hand cases to.
pub async fn start_desk(
    api: FakeBotApi,
    db: &std::path::Path,
    cfg: BotConfig,
    clock: refund_assistant::app::Clock,
    desk: Option<refund_assistant::app::Desk>,
) -> Running {
    let store = Store::connect(&sqlite_url(db)).await.expect("store");
    let app = App::new(store.clone(), clock).expect("app").with_desk(desk);
    let bot = Bot::new(FakeBotApi::TOKEN).set_api_url(api.api_url().parse().expect("url"));
    let (tx, rx) = oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        let shutdown = async move {
            let _ = rx.await;
        };
        serve(bot, app, cfg, shutdown).await.expect("bot runs");
    });
    Running {
        api,
        stop: Some(tx),
        task,
        store,
    }
}

pub async fn start(db: &std::path::Path) -> Running {
    start_with(FakeBotApi::start().await, db, unlimited()).await
}

impl Running {
    pub async fn stop(mut self) -> FakeBotApi {
        if let Some(tx) = self.stop.take() {
            let _ = tx.send(());
        }
        tokio::time::timeout(WAIT, &mut self.task)
            .await
            .expect("bot stops")
            .expect("bot task");
        self.api
    }

    pub fn sent(&self) -> Vec<Sent> {
        self.api.sent(USER)
    }

    /// Wait for the bot's answer to an update: new messages, the last with a keyboard.
    pub async fn answer(&self, before: usize) -> String {
        let ok = self
            .api
            .wait_for(
                |_| {
                    let sent = self.api.sent(USER);
                    sent.len() > before && sent.last().is_some_and(|m| keyboard(m).is_some())
                },
                WAIT,
            )
            .await;
        let sent = self.sent();
        assert!(
            ok,
            "no answer; sent so far: {:?}",
            sent.iter().map(|m| &m.text).collect::<Vec<_>>()
        );
        sent[before..]
            .iter()
            .map(|m| m.text.clone())
            .collect::<Vec<_>>()
            .join("\n")
    }

    pub async fn text(&self, t: &str) -> String {
        let before = self.sent().len();
        self.api.user_text(USER, t, Some("zh-CN"));
        self.answer(before).await
    }

    /// Press the button whose id is `id` on the newest keyboard.
    pub async fn press(&self, id: &str) -> String {
        let before = self.sent().len();
        let (message_id, data) = find_button(&self.sent(), id).unwrap_or_else(|| panic!("no button {id}"));
        self.api.user_press(USER, message_id, &data);
        self.answer(before).await
    }

    /// `/export N` from the user: the `sendDocument` call the bot made for it.
    pub async fn export(&self, n: i64) -> Value {
        let before = self.api.calls_of("sendDocument").len();
        self.api.user_text(USER, &format!("/export {n}"), Some("zh-CN"));
        let got = self
            .api
            .wait_for(
                |c| c.iter().filter(|c| c.method == "sendDocument").count() > before,
                WAIT,
            )
            .await;
        assert!(got, "no document");
        self.api.calls_of("sendDocument").pop().expect("document")
    }
}

pub fn keyboard(m: &Sent) -> Option<&Vec<Value>> {
    m.reply_markup
        .as_ref()?
        .get("inline_keyboard")?
        .as_array()
        .filter(|rows| !rows.is_empty())
}

pub fn find_button(sent: &[Sent], id: &str) -> Option<(i64, String)> {
    let m = sent.iter().rev().find(|m| keyboard(m).is_some())?;
    keyboard(m)?
        .iter()
        .flat_map(|row| row.as_array().cloned().unwrap_or_default())
        .filter_map(|b| b["callback_data"].as_str().map(str::to_owned))
        .find(|d| d.split('#').next() == Some(id))
        .map(|d| (m.message_id, d))
}
