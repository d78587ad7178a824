//! Self-test of the fake Telegram Bot API used by the end-to-end bot tests:
//! plain HTTP requests, plus a real teloxide `Bot` pointed at the fake, with every
//! answer deserialized into teloxide's types. The tests live in
//! `tests/bot/fake_api/`, by area.

use crate::fake_bot_api;

#[path = "fake_api/dispatch.rs"]
mod dispatch;
#[path = "fake_api/messages.rs"]
mod messages;
#[path = "fake_api/updates.rs"]
mod updates;

use std::time::{Duration, Instant};

use fake_bot_api::FakeBotApi;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use teloxide::prelude::*;
use teloxide::types::{
    BotCommand, InlineKeyboardButton, InlineKeyboardMarkup, InputFile, Me, Message, MessageId, ParseMode,
    True, Update, UpdateKind, WebhookInfo,
};
use teloxide::update_listeners::webhooks;
use teloxide::{ApiError, RequestError};

const USER: i64 = 4242;

async fn post(api: &FakeBotApi, method: &str, body: Value) -> (u16, Value) {
    let response = reqwest::Client::new()
        .post(api.method_url(method))
        .json(&body)
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.json().await.unwrap())
}

/// POSTs and deserializes `result` into `T`, checking the Telegram envelope.
async fn call<T: DeserializeOwned>(api: &FakeBotApi, method: &str, body: Value) -> T {
    let (status, reply) = post(api, method, body).await;
    assert_eq!((status, &reply["ok"]), (200, &json!(true)), "{method}: {reply}");
    serde_json::from_value(reply["result"].clone()).unwrap_or_else(|e| panic!("{method}: {e}: {reply}"))
}

fn bot(api: &FakeBotApi) -> Bot {
    Bot::new(FakeBotApi::TOKEN).set_api_url(api.api_url().parse().unwrap())
}

fn keyboard(data: &str) -> InlineKeyboardMarkup {
    InlineKeyboardMarkup::new([[InlineKeyboardButton::callback("Yes", data)]])
}
