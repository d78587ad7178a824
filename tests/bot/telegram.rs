//! The Telegram bot end to end over real HTTP, against a fake Bot API server:
//! the real `serve` entry point (the code `refund-assistant bot` runs), the real
//! store on a temporary SQLite file.

use crate::fake_bot_api;

use crate::running;

use fake_bot_api::{FakeBotApi, Sent};
use refund_assistant::store::UserKey;
use refund_assistant::telegram::BotConfig;
use running::*;
use serde_json::json;
use std::time::Duration;

pub(crate) const TYPED_AND_PRESSED: [(&str, &str); 20] = [
    ("press", "menu:new"),
    ("text", "按月"),
    ("press", "account:items"),
    ("press", "arrears:no"),
    ("press", "violation:no"),
    ("text", "没有定制"),
    ("press", "applicant:owner"),
    ("text", "uhost 1a2b3c4d"),
    ("text", "uhost-1a2b3c4d"),
    ("text", "2026年3月1日"),
    ("text", "2026-03-31"),
    ("text", "¥800"),
    ("text", "2026-03-11 00:00"),
    ("press", "result:refine"),
    ("text", "不是"),
    ("press", "voucher:none"),
    ("press", "gift:none"),
    ("press", "overage:none"),
    ("press", "vas:none"),
    ("press", "request:self-service"),
];

pub(crate) async fn walk(bot: &Running, steps: &[(&str, &str)]) -> String {
    let mut last = String::new();
    for (kind, what) in steps {
        last = match *kind {
            "press" => bot.press(what).await,
            _ => bot.text(what).await,
        };
    }
    last
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_whole_refund_conversation_reaches_the_right_figure() {
    let dir = tempfile::tempdir().expect("dir");
    let bot = start(&dir.path().join("bot.db")).await;
    let welcome = bot.text("/start").await;
    assert!(welcome.contains("退款助手"), "{welcome}");
    let mid = walk(&bot, &TYPED_AND_PRESSED[..8]).await;
    assert!(
        mid.contains("uhost-1a2b3c4d"),
        "the bad id is answered with the suggestion: {mid}"
    );
    walk(&bot, &TYPED_AND_PRESSED[8..]).await;
    let quote = bot.press("reason:business_change").await;
    assert!(quote.contains("预计退款 ¥400.00"), "{quote}");
    // Every message was HTML with every user value escaped (the fake refuses bad HTML).
    let calls = bot.api.calls();
    assert!(
        calls
            .iter()
            .filter(|c| c.method == "sendMessage")
            .all(|c| c.status == 200 && c.body["parse_mode"] == "HTML")
    );
    // Every press was answered and its keyboard removed.
    // (The removal goes out together with the answer and the reply: wait for both.)
    let removed =
        |c: &[fake_bot_api::Call]| c.iter().filter(|c| c.method == "editMessageReplyMarkup").count() == 12;
    bot.api
        .wait_for(|c| bot.api.answered_callbacks().len() == 12 && removed(c), WAIT)
        .await;
    assert_eq!(bot.api.answered_callbacks().len(), 12);
    let edits = bot.api.calls_of("editMessageReplyMarkup").len();
    assert_eq!(edits, 12);
    // Callback data stays under Telegram's 64 bytes.
    for m in bot.sent() {
        for row in keyboard(&m).cloned().unwrap_or_default() {
            for b in row.as_array().cloned().unwrap_or_default() {
                assert!(b["callback_data"].as_str().is_some_and(|d| d.len() < 64), "{b}");
            }
        }
    }
    // The command menu was set in both languages.
    assert!(bot.api.commands(None).is_some());
    assert!(bot.api.commands(Some("en")).is_some());
    // /export arrives as a document.
    let doc = bot.export(1).await;
    assert_eq!(doc["document"]["file_name"], "refund-case-1.md");
    assert!(
        doc["document"]["content"]
            .as_str()
            .is_some_and(|c| c.contains("¥400.00"))
    );
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_restart_in_the_middle_resumes_where_the_user_was() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("bot.db");
    let bot = start(&db).await;
    bot.text("/start").await;
    walk(&bot, &TYPED_AND_PRESSED[..10]).await;
    let api = bot.stop().await;
    let bot = start_with(api, &db, unlimited()).await;
    // The next answer is taken as the answer to the same question (the end date).
    walk(&bot, &TYPED_AND_PRESSED[10..]).await;
    let quote = bot.text("业务调整").await;
    assert!(quote.contains("预计退款 ¥400.00"), "{quote}");
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_same_update_delivered_twice_is_handled_once() {
    let dir = tempfile::tempdir().expect("dir");
    let bot = start(&dir.path().join("bot.db")).await;
    bot.text("/start").await;
    let update = json!({
        "update_id": 900,
        "message": {
            "message_id": 9000, "date": 1_780_000_000,
            "chat": { "id": USER, "type": "private", "first_name": "Li" },
            "from": { "id": USER, "is_bot": false, "first_name": "Li", "language_code": "zh-CN" },
            "text": "开始退款评估"
        }
    });
    let before = bot.sent().len();
    bot.api.push_raw(update.clone());
    bot.answer(before).await;
    let after_first = bot.sent().len();
    bot.api.push_raw(update);
    // Wait until the redelivery was fetched, then a little for any reply.
    bot.api.wait_for(|_| bot.api.pending_updates() == 0, WAIT).await;
    tokio::time::sleep(Duration::from_millis(700)).await;
    assert_eq!(
        bot.sent().len(),
        after_first,
        "a redelivered update is answered once"
    );
    let cases = bot
        .store
        .cases(&UserKey::new("telegram", USER))
        .await
        .expect("cases");
    assert_eq!(cases.len(), 1, "one check started, not two");
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reply_over_4096_characters_is_split_on_lines_with_the_keyboard_last() {
    let dir = tempfile::tempdir().expect("dir");
    let bot = start(&dir.path().join("bot.db")).await;
    bot.text("/start").await;
    walk(&bot, &TYPED_AND_PRESSED[..18]).await;
    // Ten value-added services with long names: the question listing them
    // grows past 5,000 characters.
    for i in 0..10 {
        let name = format!("服务{i}{}", "很长的名字<&>".repeat(60));
        bot.text(&format!("{name} 10")).await;
    }
    let sent = bot.sent();
    let last_turn: Vec<&Sent> = sent
        .iter()
        .rev()
        .skip(1)
        .take_while(|m| keyboard(m).is_none())
        .collect();
    let total: usize = sent.last().map_or(0, |m| m.text.chars().count())
        + last_turn.iter().map(|m| m.text.chars().count()).sum::<usize>();
    assert!(total > 5000, "the reply is long: {total}");
    assert!(!last_turn.is_empty(), "it came in more than one message");
    for m in &sent {
        assert!(m.text.chars().count() <= 4096);
    }
    // All accepted by the fake's HTML parser (the user's < & > were escaped).
    assert!(
        bot.api
            .calls()
            .iter()
            .filter(|c| c.method == "sendMessage")
            .all(|c| c.status == 200)
    );
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_button_pressed_twice_acts_once() {
    let dir = tempfile::tempdir().expect("dir");
    let bot = start(&dir.path().join("bot.db")).await;
    bot.text("/start").await;
    let (message_id, data) = find_button(&bot.sent(), "menu:new").expect("menu button");
    let before = bot.sent().len();
    bot.api.user_press(USER, message_id, &data);
    bot.answer(before).await;
    let after = bot.sent().len();
    bot.api.user_press(USER, message_id, &data);
    bot.api
        .wait_for(|_| bot.api.answered_callbacks().len() == 2, WAIT)
        .await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(bot.sent().len(), after, "the second press changes nothing");
    let answers = bot.api.calls_of("answerCallbackQuery");
    let last = answers
        .last()
        .and_then(|a| a["text"].as_str())
        .unwrap_or_default()
        .to_owned();
    assert!(
        last.contains("已失效"),
        "the old button says it expired: {answers:?}"
    );
    let cases = bot
        .store
        .cases(&UserKey::new("telegram", USER))
        .await
        .expect("cases");
    assert_eq!(cases.len(), 1);
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn photos_stickers_groups_and_edits_get_polite_answers_and_replay_nothing() {
    let dir = tempfile::tempdir().expect("dir");
    let bot = start(&dir.path().join("bot.db")).await;
    bot.text("/start").await;
    let n = bot.sent().len();
    // A photo with no case open: which case is it for?
    bot.api.user_photo(USER);
    bot.api.wait_for(|_| bot.api.sent(USER).len() > n, WAIT).await;
    assert!(bot.sent().last().is_some_and(|m| m.text.contains("哪个案例")));
    bot.api.user_sticker(USER);
    bot.api.wait_for(|_| bot.api.sent(USER).len() > n + 1, WAIT).await;
    assert!(bot.sent().last().is_some_and(|m| m.text.contains("文字和按钮")));
    bot.api.group_text(-100, USER, "/start");
    bot.api.wait_for(|_| !bot.api.sent(-100).is_empty(), WAIT).await;
    assert!(bot.api.sent(-100)[0].text.contains("私聊"));
    let before = bot.sent().len();
    let last = bot.sent().last().map(|m| m.message_id).unwrap_or(1);
    bot.api.edited_text(USER, last, "/restart");
    bot.api.wait_for(|_| bot.api.pending_updates() == 0, WAIT).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(
        bot.sent().len(),
        before,
        "an edited message does not replay a step"
    );
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn retry_after_is_waited_out_and_a_failed_command_menu_does_not_stop_the_bot() {
    let dir = tempfile::tempdir().expect("dir");
    let api = FakeBotApi::start().await;
    api.fail_next("setMyCommands", 400, None);
    let bot = start_with(api, &dir.path().join("bot.db"), unlimited()).await;
    bot.api.fail_next("sendMessage", 429, Some(1));
    let welcome = bot.text("/start").await;
    assert!(welcome.contains("退款助手"));
    assert!(
        bot.api
            .calls()
            .iter()
            .any(|c| c.method == "sendMessage" && c.status == 429)
    );
    // The deep link opens the user's case.
    bot.press("menu:new").await;
    let deep = bot.text("/start case_1").await;
    assert!(deep.contains("案例 #1"), "{deep}");
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn webhook_mode_accepts_the_right_secret_and_refuses_a_wrong_one() {
    let dir = tempfile::tempdir().expect("dir");
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .expect("port")
        .local_addr()
        .expect("addr")
        .port();
    let addr: std::net::SocketAddr = format!("127.0.0.1:{port}").parse().expect("addr");
    let url: url::Url = format!("http://127.0.0.1:{port}/telegram").parse().expect("url");
    let cfg = BotConfig {
        webhook: Some(url.clone()),
        listen: Some(addr),
        secret: Some("s3cret-token".into()),
        rate_limit: 0,
        ctrlc: false,
        remind_every: None,
    };
    let bot = start_with(FakeBotApi::start().await, &dir.path().join("bot.db"), cfg).await;
    assert!(
        bot.api.wait_for(|_| bot.api.webhook().is_some(), WAIT).await,
        "setWebhook called"
    );
    let (hook, secret) = bot.api.webhook().expect("webhook");
    assert_eq!(hook, url.as_str());
    assert_eq!(secret.as_deref(), Some("s3cret-token"));
    let client = reqwest::Client::new();
    // The server starts listening right after setWebhook.
    let mut health = None;
    for _ in 0..100 {
        if let Ok(r) = client
            .get(format!("http://127.0.0.1:{port}/healthz"))
            .send()
            .await
        {
            health = Some(r.status());
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(health.map(|s| s.as_u16()), Some(200));
    // The right secret: accepted and answered.
    bot.api.user_text(USER, "/start", Some("en"));
    assert_eq!(bot.api.deliver_webhook(None).await, vec![200]);
    bot.api.wait_for(|_| !bot.api.sent(USER).is_empty(), WAIT).await;
    assert!(bot.sent()[0].text.contains("Refund Assistant") || bot.sent()[0].text.contains("refund"));
    // A wrong one: 401, and nothing happens.
    let wrong = client
        .post(url.as_str())
        .header("X-Telegram-Bot-Api-Secret-Token", "wrong")
        .json(&json!({ "update_id": 77, "message": { "message_id": 1, "date": 1, "chat": { "id": USER, "type": "private", "first_name": "x" }, "text": "/start" } }))
        .send()
        .await
        .expect("post");
    assert_eq!(wrong.status(), 401);
    bot.stop().await;
}
