//! Presses and senders the bot refuses, and a press it could not save, end to
//! end against the fake Bot API: the real `serve`, a temporary SQLite store.

use crate::fake_bot_api;

use crate::running;

use refund_assistant::store::{UserKey, sqlite_url};
use running::*;
use sqlx::Connection;

/// Someone who is not the chat's user.
const STRANGER: i64 = 7007;

fn last_toast(bot: &Running) -> String {
    let answers = bot.api.calls_of("answerCallbackQuery");
    let last = answers.last().and_then(|a| a["text"].as_str());
    last.unwrap_or_default().to_owned()
}

/// Waits until the callback query of update `id` is answered.
async fn answered(bot: &Running, id: i64) {
    let cb = format!("cb{id}");
    let ok = bot
        .api
        .wait_for(|_| bot.api.answered_callbacks().contains(&cb), WAIT)
        .await;
    assert!(ok, "the press was answered");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_press_on_another_users_keyboard_is_refused_with_a_toast_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("dir");
    let bot = start(&dir.path().join("bot.db")).await;
    bot.text("/start").await;
    let (message_id, data) = find_button(&bot.sent(), "menu:new").expect("menu button");
    let before = bot.sent().len();
    let id = bot.api.press_as(STRANGER, USER, message_id, &data);
    answered(&bot, id).await;
    assert!(last_toast(&bot).contains("不是给你的"), "{:?}", last_toast(&bot));
    let stranger = UserKey::new("telegram", STRANGER);
    let written = bot.store.transcript(&stranger, USER).await.expect("transcript");
    assert!(written.is_empty(), "nothing written for the presser: {written:?}");
    // The owner's own press still works, and the stranger's sent nothing.
    let answer = bot.press("menu:new").await;
    assert_eq!(bot.sent().len(), before + 1, "{answer}");
    assert!(bot.api.sent(STRANGER).is_empty());
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_button_without_its_turn_is_answered_as_expired() {
    let dir = tempfile::tempdir().expect("dir");
    let bot = start(&dir.path().join("bot.db")).await;
    bot.text("/start").await;
    let (message_id, _) = find_button(&bot.sent(), "menu:new").expect("menu button");
    let before = bot.sent().len();
    let id = bot.api.user_press(USER, message_id, "menu:new");
    answered(&bot, id).await;
    assert!(last_toast(&bot).contains("已失效"), "{:?}", last_toast(&bot));
    // The next message is answered, and the bare press left nothing before it.
    let help = bot.text("/cases").await;
    assert_eq!(bot.sent().len(), before + 1, "{help}");
    let cases = bot
        .store
        .cases(&UserKey::new("telegram", USER))
        .await
        .expect("cases");
    assert!(cases.is_empty(), "no case was started: {cases:?}");
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_message_from_a_bot_account_is_ignored() {
    let dir = tempfile::tempdir().expect("dir");
    let bot = start(&dir.path().join("bot.db")).await;
    bot.api.bot_account_text(USER, "/start");
    // Updates of one chat are handled in order: once /cases is answered,
    // the bot's message before it was handled (or ignored).
    bot.api.user_text(USER, "/cases", Some("zh-CN"));
    let answered = |_: &[fake_bot_api::Call]| bot.sent().iter().any(|m| m.text.contains("还没有"));
    assert!(bot.api.wait_for(answered, WAIT).await, "/cases is answered");
    let sent: Vec<String> = bot.sent().into_iter().map(|m| m.text).collect();
    assert_eq!(sent.len(), 1, "only /cases was answered: {sent:?}");
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_press_that_could_not_be_saved_keeps_its_keyboard() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("bot.db");
    let bot = start(&db).await;
    bot.text("/start").await;
    let (message_id, data) = find_button(&bot.sent(), "menu:new").expect("menu button");
    // Another connection holds SQLite's write lock: the press cannot be saved
    // (the store gives up after its busy timeout).
    let mut blocker = sqlx::SqliteConnection::connect(&sqlite_url(&db))
        .await
        .expect("blocker");
    sqlx::raw_sql("BEGIN IMMEDIATE")
        .execute(&mut blocker)
        .await
        .expect("lock");
    let before = bot.sent().len();
    let id = bot.api.user_press(USER, message_id, &data);
    let ok = bot
        .api
        .wait_for(|_| bot.api.sent(USER).len() > before, WAIT)
        .await;
    assert!(ok, "the user is told to send it again");
    answered(&bot, id).await;
    blocker.close().await.expect("release");
    let pressed = bot.sent().into_iter().find(|m| m.message_id == message_id);
    assert!(
        pressed.as_ref().is_some_and(|m| keyboard(m).is_some()),
        "the keyboard of the unsaved press stays: {pressed:?}"
    );
    // Pressing it again works.
    let next = bot.press("menu:new").await;
    assert!(!next.is_empty());
    bot.stop().await;
}
