//! Reminders through Telegram: the loop of `refund-assistant bot` against the
//! fake Bot API, with the app's clock moved by the test; exactly once with
//! two schedulers on one database; a claim left by a dead scheduler goes out
//! after its lease; a user who blocked the bot gets no more.

use crate::fake_bot_api;
use crate::running;

use chrono::{DateTime, Duration as Span, Utc};
use fake_bot_api::FakeBotApi;
use refund_assistant::app::App;
use refund_assistant::reminders::{Kind, Planned};
use refund_assistant::store::{CaseRecord, Loaded, Replan, Store, UserKey, Write, sqlite_url};
use refund_assistant::telegram::{BotConfig, Tg, remind};
use running::*;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use teloxide::prelude::*;

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).expect("time").to_utc()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_submitted_case_is_reminded_in_the_chat_and_not_yet_opens_the_not_arrived_flow() {
    let dir = tempfile::tempdir().expect("temp dir");
    // 10:00 Beijing on 11 March 2026.
    let clock = Arc::new(Mutex::new(at("2026-03-11T02:00:00Z")));
    let read = clock.clone();
    let cfg = BotConfig {
        remind_every: Some(Duration::from_millis(200)),
        ..unlimited()
    };
    let bot = start_at(
        FakeBotApi::start().await,
        &dir.path().join("bot.db"),
        cfg,
        Arc::new(move || *read.lock().expect("clock")),
    )
    .await;
    bot.text("/start").await;
    bot.text("uhost-1a2b3c4d 2026-03-01 买的，包月，到期 2026-03-31，实付 800 元，2026-03-11 删除了")
        .await;
    bot.press("account:none").await;
    bot.press("result:submitted").await;
    let done = bot.press("when:now").await;
    assert!(done.contains("已记下"), "{done}");
    // Deleted on UCloud, the money is in the balance: the reminder is the
    // withdrawal's, once one is asked for.
    bot.press("withdrawal:1").await;
    let asked = bot.press("when:now").await;
    assert!(asked.contains("申请了提现"), "{asked}");
    let plan = bot
        .store
        .scheduled_reminders(&UserKey::new("telegram", USER))
        .await
        .expect("scheduled");
    assert_eq!(plan[0].kind, Kind::Withdrawal);
    let before = bot.sent().len();
    *clock.lock().expect("clock") = plan[0].due;
    let reminder = bot.answer(before).await;
    assert!(reminder.contains("钱到了吗"), "{reminder}");
    for id in ["remind:arrived", "remind:not_yet", "remind:stop"] {
        assert!(find_button(&bot.sent(), id).is_some(), "{id}");
    }
    // The message goes out first and is recorded right after (so a crash in
    // between sends it again rather than never): press once it is recorded.
    let recorded = async {
        while !bot
            .store
            .due_reminders(plan[0].due)
            .await
            .expect("due")
            .is_empty()
        {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    };
    tokio::time::timeout(WAIT, recorded)
        .await
        .expect("the reminder is recorded");
    let answer = bot.press("remind:not_yet").await;
    assert!(answer.contains("先查这几处"), "{answer}");
    // One message only, however often the loop wakes.
    tokio::time::sleep(Duration::from_millis(400)).await;
    let reminders = bot.sent().iter().filter(|m| m.text.contains("钱到了吗")).count();
    assert_eq!(reminders, 1);
    bot.stop().await;
}

/// A database with `users` users, each with case 1 and a withdrawal reminder due at `due`.
async fn seeded(url: &str, users: i64, due: DateTime<Utc>) -> Store {
    let store = Store::connect(url).await.expect("store");
    for id in 1..=users {
        let then = due - Span::days(10);
        store
            .turn(
                &UserKey::new("telegram", id),
                id,
                None,
                then,
                move |_: &Loaded| {
                    let w = Write {
                        cases: vec![CaseRecord::draft(1, serde_json::json!({}), then)],
                        replans: vec![Replan {
                            case: 1,
                            plan: vec![Planned {
                                kind: Kind::Withdrawal,
                                seq: 0,
                                due,
                            }],
                        }],
                        ..Write::default()
                    };
                    (w, ())
                },
            )
            .await
            .expect("seed");
    }
    store
}

/// A fresh PostgreSQL database when `TEST_DATABASE_URL` is set, else `None`
/// (an error under `REQUIRE_POSTGRES=1`).
async fn postgres_url() -> Option<String> {
    use sqlx::{Connection, PgConnection};
    let require = std::env::var("REQUIRE_POSTGRES").is_ok_and(|v| v == "1");
    let Some(base) = std::env::var("TEST_DATABASE_URL").ok().filter(|u| !u.is_empty()) else {
        assert!(!require, "REQUIRE_POSTGRES=1 but TEST_DATABASE_URL is not set");
        eprintln!("skipped on PostgreSQL: TEST_DATABASE_URL is not set");
        return None;
    };
    let mut admin = PgConnection::connect(&base).await.expect("PostgreSQL reachable");
    let name = format!(
        "ra_remind_{}_{}",
        std::process::id(),
        Utc::now().timestamp_micros()
    );
    sqlx::raw_sql(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&mut admin)
        .await
        .expect("create database");
    let (head, _) = base.rsplit_once('/').expect("a database in the URL");
    Some(format!("{head}/{name}"))
}

async fn drop_database(url: &str) {
    use sqlx::{Connection, PgConnection};
    let (head, name) = url.rsplit_once('/').expect("a database in the URL");
    let admin_url = std::env::var("TEST_DATABASE_URL").unwrap_or_else(|_| format!("{head}/postgres"));
    if let Ok(mut admin) = PgConnection::connect(&admin_url).await {
        let drop = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        let _ = sqlx::raw_sql(sqlx::AssertSqlSafe(drop)).execute(&mut admin).await;
    }
}

fn scheduler(api: &FakeBotApi, store: Store, now: DateTime<Utc>) -> (Tg, App) {
    let bot = Bot::new(FakeBotApi::TOKEN).set_api_url(api.api_url().parse().expect("url"));
    (
        Tg::new(bot, 0),
        App::new(store, Arc::new(move || now)).expect("app"),
    )
}

async fn exactly_once(url: &str) {
    let due = at("2026-03-16T02:00:00Z");
    // More users than one claim takes, so the two interleave.
    let users = 130;
    let store = seeded(url, users, due).await;
    let api = FakeBotApi::start().await;
    let (tg_a, app_a) = scheduler(&api, store.clone(), due);
    let (tg_b, app_b) = scheduler(&api, Store::connect(url).await.expect("second replica"), due);
    let (a, b) = tokio::join!(remind::pass(&tg_a, &app_a), remind::pass(&tg_b, &app_b));
    let (a, b) = (a.expect("pass a"), b.expect("pass b"));
    eprintln!(
        "{url_kind}: scheduler a sent {a}, scheduler b sent {b}",
        url_kind = &url[..8]
    );
    assert_eq!(a + b, users as usize);
    for id in 1..=users {
        let n = api
            .sent(id)
            .iter()
            .filter(|m| m.text.contains("Has it arrived?") || m.text.contains("钱到了吗"))
            .count();
        assert_eq!(n, 1, "user {id} got {n} reminders");
    }
    // Nothing left for a third pass.
    assert_eq!(remind::pass(&tg_a, &app_a).await.expect("pass"), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_schedulers_on_one_postgresql_database_send_each_reminder_once() {
    let Some(url) = postgres_url().await else { return };
    exactly_once(&url).await;
    drop_database(&url).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_schedulers_on_one_sqlite_file_send_each_reminder_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    exactly_once(&sqlite_url(&dir.path().join("r.db"))).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_claim_left_by_a_dead_scheduler_goes_out_after_its_lease() {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = sqlite_url(&dir.path().join("r.db"));
    let due = at("2026-03-16T02:00:00Z");
    let store = seeded(&url, 1, due).await;
    // The first scheduler claims, then dies before sending.
    let claimed = store
        .claim_reminders("telegram", due, remind::LEASE, 10)
        .await
        .expect("claim");
    assert_eq!(claimed.len(), 1);
    let api = FakeBotApi::start().await;
    let (tg, app) = scheduler(&api, store.clone(), due + Span::minutes(1));
    assert_eq!(remind::pass(&tg, &app).await.expect("pass"), 0, "still leased");
    let later = due + remind::LEASE + Span::seconds(1);
    let (tg, app) = scheduler(&api, store.clone(), later);
    assert_eq!(remind::pass(&tg, &app).await.expect("pass"), 1, "after the lease");
    assert_eq!(api.sent(1).len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_user_who_blocked_the_bot_gets_no_more_reminders() {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = sqlite_url(&dir.path().join("r.db"));
    let due = at("2026-03-16T02:00:00Z");
    let store = seeded(&url, 1, due).await;
    let api = FakeBotApi::start().await;
    api.fail_next("sendMessage", 403, None);
    let (tg, app) = scheduler(&api, store.clone(), due);
    assert_eq!(remind::pass(&tg, &app).await.expect("pass"), 0);
    let next_day = due + Span::days(1);
    let (tg, app) = scheduler(&api, store.clone(), next_day);
    assert_eq!(
        remind::pass(&tg, &app).await.expect("pass"),
        0,
        "blocked: never again"
    );
    assert!(api.sent(1).is_empty());
    assert!(store.due_reminders(next_day).await.expect("due").is_empty());
    // The data stays.
    assert_eq!(
        store
            .cases(&UserKey::new("telegram", 1))
            .await
            .expect("cases")
            .len(),
        1
    );
}
