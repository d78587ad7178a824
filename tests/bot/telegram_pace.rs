//! How fast the bot answers and how it paces itself, against the fake Bot API:
//! Telegram's sending limits held (with tokio's clock paused where the time is
//! simulated), a quick user never stalled, a press answered with its reply,
//! a 429 holding back only its chat, an unreachable Bot API at start waited for.

use crate::fake_bot_api;
use crate::running;

use fake_bot_api::{Call, FakeBotApi, Options};
use refund_assistant::telegram::limiter::CHAT_BURST;
use refund_assistant::telegram::{BotConfig, Tg, send_text};
use running::*;
use std::collections::HashMap;
use std::time::Duration;
use teloxide::prelude::*;
use tokio::time::Instant;

fn bot(api: &FakeBotApi) -> Bot {
    Bot::new(FakeBotApi::TOKEN).set_api_url(api.api_url().parse().expect("url"))
}

fn sends(api: &FakeBotApi) -> Vec<Call> {
    let calls = api.calls().into_iter();
    calls
        .filter(|c| c.method == "sendMessage" && c.status == 200)
        .collect()
}

/// 200 messages, 4 to each of 50 chats, every chat's in order, all at once.
async fn burst(tg: &Tg) {
    let tasks = (0..50i64).map(|chat| {
        let tg = tg.clone();
        tokio::spawn(async move {
            for i in 0..4 {
                send_text(&tg, ChatId(1000 + chat), &format!("message {i}")).await;
            }
        })
    });
    for t in tasks.collect::<Vec<_>>() {
        t.await.expect("sender");
    }
}

#[tokio::test(start_paused = true)]
async fn a_burst_to_fifty_chats_holds_thirty_a_second_and_one_a_second_per_chat() {
    let api = FakeBotApi::start().await;
    let tg = Tg::new(bot(&api), 30);
    let start = Instant::now();
    burst(&tg).await;
    let sent = sends(&api);
    assert_eq!(sent.len(), 200);
    let at: Vec<Duration> = sent.iter().map(|c| c.at - start).collect();
    // Overall: no second holds much more than 30 (the burst is 6).
    for (i, t) in at.iter().enumerate() {
        let in_window = at[i..]
            .iter()
            .take_while(|u| **u < *t + Duration::from_secs(1))
            .count();
        assert!(in_window <= 40, "{in_window} messages within a second from {t:?}");
    }
    let span = at[at.len() - 1] - at[0];
    assert!(span >= Duration::from_secs(6), "200 messages took only {span:?}");
    // Per chat: never more than the short burst within a second.
    let mut per_chat: HashMap<i64, Vec<Duration>> = HashMap::new();
    for (c, t) in sent.iter().zip(&at) {
        per_chat
            .entry(c.body["chat_id"].as_i64().expect("chat"))
            .or_default()
            .push(*t);
    }
    assert_eq!(per_chat.len(), 50);
    for times in per_chat.values() {
        for w in times.windows(CHAT_BURST as usize + 1) {
            assert!(w[w.len() - 1] - w[0] >= Duration::from_millis(900), "{times:?}");
        }
    }
}

#[tokio::test(start_paused = true)]
async fn one_chat_gets_a_short_burst_then_about_one_a_second() {
    let api = FakeBotApi::start().await;
    let tg = Tg::new(bot(&api), 30);
    let start = Instant::now();
    for i in 0..10 {
        send_text(&tg, ChatId(77), &format!("message {i}")).await;
    }
    let at: Vec<Duration> = sends(&api).iter().map(|c| c.at - start).collect();
    assert!(at[CHAT_BURST as usize - 1] < Duration::from_millis(100), "{at:?}");
    for pair in at[CHAT_BURST as usize - 1..].windows(2) {
        let gap = pair[1] - pair[0];
        assert!(
            gap >= Duration::from_millis(900) && gap <= Duration::from_millis(1200),
            "{at:?}"
        );
    }
}

#[tokio::test]
async fn with_the_rate_limit_off_a_burst_goes_out_at_once() {
    let api = FakeBotApi::start().await;
    let tg = Tg::new(bot(&api), 0);
    let start = std::time::Instant::now();
    burst(&tg).await;
    assert_eq!(sends(&api).len(), 200);
    // Limited, the same burst takes over 6 s.
    assert!(start.elapsed() < Duration::from_secs(4), "{:?}", start.elapsed());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn thirty_quick_messages_in_one_chat_are_all_answered_none_long_after_the_last() {
    let dir = tempfile::tempdir().expect("dir");
    let bot = start_with(
        FakeBotApi::start().await,
        &dir.path().join("bot.db"),
        BotConfig::default(),
    )
    .await;
    for _ in 0..30 {
        bot.api.user_text(USER, "/help", Some("zh-CN"));
    }
    let all = bot
        .api
        .wait_for(|_| bot.sent().len() >= 30, Duration::from_secs(60))
        .await;
    assert!(all, "answered {} of 30", bot.sent().len());
    let at: Vec<Instant> = sends(&bot.api).iter().map(|c| c.at).collect();
    for pair in at.windows(2) {
        let gap = pair[1] - pair[0];
        assert!(
            gap <= Duration::from_millis(1500),
            "a reply waited {gap:?} behind the one before"
        );
    }
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_press_is_answered_together_with_its_reply_not_after_it() {
    let dir = tempfile::tempdir().expect("dir");
    let delay = Duration::from_millis(300);
    let api = FakeBotApi::start_with(Options {
        delay,
        ..Options::default()
    })
    .await;
    let cfg = BotConfig {
        rate_limit: 0,
        ..BotConfig::default()
    };
    let bot = start_with(api, &dir.path().join("bot.db"), cfg).await;
    bot.text("/start").await;
    let before = bot.api.calls().len();
    bot.press("menu:new").await;
    let done = |c: &[Call]| {
        let has = |m: &str| c[before..].iter().any(|c| c.method == m);
        has("editMessageReplyMarkup") && has("answerCallbackQuery")
    };
    assert!(bot.api.wait_for(done, WAIT).await);
    let calls = bot.api.calls()[before..].to_vec();
    let index = |m: &str| {
        calls
            .iter()
            .position(|c| c.method == m)
            .unwrap_or_else(|| panic!("no {m}"))
    };
    let (answer, reply, removal) = (
        index("answerCallbackQuery"),
        index("sendMessage"),
        index("editMessageReplyMarkup"),
    );
    // The answer is started first, together with the reply and the removal:
    // on separate connections they may arrive in either order, but none
    // waits for another's round trip (before, the answer came after the
    // reply's, and the removal a round trip ahead of everything).
    let first = calls[answer].at.min(calls[reply].at).min(calls[removal].at);
    let last = calls[answer].at.max(calls[reply].at).max(calls[removal].at);
    assert!(last - first < delay / 2, "{:?}: {calls:?}", last - first);
    // A fast step shows no "typing…".
    assert!(calls.iter().all(|c| c.method != "sendChatAction"));
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_429_holds_back_only_the_chat_it_was_about() {
    let dir = tempfile::tempdir().expect("dir");
    let bot = start_with(
        FakeBotApi::start().await,
        &dir.path().join("bot.db"),
        BotConfig::default(),
    )
    .await;
    bot.api.fail_next("sendMessage", 429, Some(2));
    bot.api.user_text(USER, "/start", Some("zh-CN"));
    let refused = |c: &[Call]| c.iter().any(|c| c.method == "sendMessage" && c.status == 429);
    assert!(bot.api.wait_for(refused, WAIT).await);
    let other = USER + 1;
    bot.api.user_text(other, "/start", Some("zh-CN"));
    let both = |_: &[Call]| !bot.api.sent(USER).is_empty() && !bot.api.sent(other).is_empty();
    assert!(bot.api.wait_for(both, WAIT).await);
    let calls = bot.api.calls();
    let at = |chat: i64, status: u16| {
        let found = calls.iter().find(|c| {
            c.method == "sendMessage" && c.status == status && c.body["chat_id"].as_i64() == Some(chat)
        });
        found.map(|c| c.at).expect("call")
    };
    let (held, retried, other_sent) = (at(USER, 429), at(USER, 200), at(other, 200));
    assert!(retried - held >= Duration::from_secs(2), "retry_after waited out");
    assert!(other_sent < retried, "the other chat was not held back");
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_bot_waits_for_an_unreachable_bot_api_and_then_works() {
    let dir = tempfile::tempdir().expect("dir");
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("free port");
    let store = refund_assistant::store::Store::connect(&refund_assistant::store::sqlite_url(
        &dir.path().join("bot.db"),
    ))
    .await
    .expect("store");
    let app =
        refund_assistant::app::App::new(store, refund_assistant::app::App::system_clock()).expect("app");
    let url = format!("http://{port}").parse().expect("url");
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let cfg = BotConfig {
        rate_limit: 0,
        ..BotConfig::default()
    };
    let task = tokio::spawn(async move {
        let shutdown = async move {
            let _ = rx.await;
        };
        refund_assistant::telegram::serve(Bot::new(FakeBotApi::TOKEN).set_api_url(url), app, cfg, shutdown)
            .await
    });
    tokio::time::sleep(Duration::from_millis(1200)).await;
    assert!(
        !task.is_finished(),
        "the bot keeps trying while the Bot API is unreachable"
    );
    let api = FakeBotApi::start_on(port, Options::default()).await;
    api.user_text(USER, "/start", Some("zh-CN"));
    let answered = api
        .wait_for(|_| !api.sent(USER).is_empty(), Duration::from_secs(20))
        .await;
    assert!(answered, "answered once the Bot API is reachable");
    let _ = tx.send(());
    let stopped = tokio::time::timeout(WAIT, task).await.expect("bot stops");
    stopped.expect("bot task").expect("bot ran without error");
}
