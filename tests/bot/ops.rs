//! `/healthz` and `/metrics`: the operator's view, served on loopback.

use crate::running;

use std::collections::BTreeMap;

use refund_assistant::ops::{self, ApiError, ApiMethod, Counter, ReminderState, UpdateKind, UpdateOutcome};
use refund_assistant::store::{Store, sqlite_url};

async fn spawn(store: Store) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move { axum::serve(listener, ops::router(store)).await });
    format!("http://{addr}")
}

/// Parses Prometheus text: every sample line is `name{labels} value`, and
/// every `# TYPE` names a known type. Returns the samples by series.
fn parse(text: &str) -> BTreeMap<String, f64> {
    let sample = regex::Regex::new(r#"^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\{[a-zA-Z_][a-zA-Z0-9_]*="[^"]*"(?:,[a-zA-Z_][a-zA-Z0-9_]*="[^"]*")*\})?) (\S+)$"#)
        .expect("pattern");
    let mut out = BTreeMap::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        if let Some(rest) = line.strip_prefix("# TYPE ") {
            let kind = rest.split_whitespace().nth(1).unwrap_or_default();
            assert!(
                ["counter", "gauge", "histogram", "summary", "untyped"].contains(&kind),
                "{line}"
            );
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        let caps = sample
            .captures(line)
            .unwrap_or_else(|| panic!("not Prometheus text: {line}"));
        let value: f64 = caps[2].parse().unwrap_or_else(|_| panic!("bad value: {line}"));
        out.insert(caps[1].to_owned(), value);
    }
    out
}

async fn scrape(base: &str) -> BTreeMap<String, f64> {
    let resp = reqwest::get(format!("{base}/metrics"))
        .await
        .expect("GET /metrics");
    assert_eq!(resp.status(), 200);
    parse(&resp.text().await.expect("body"))
}

#[tokio::test]
async fn metrics_parse_as_prometheus_text_and_move_with_the_traffic() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::connect(&sqlite_url(&dir.path().join("m.db")))
        .await
        .expect("connect");
    let base = spawn(store).await;
    ops::update(
        UpdateKind::Text,
        UpdateOutcome::Ok,
        std::time::Duration::from_millis(3),
    );
    ops::api_call(ApiMethod::SendMessage, None);
    ops::api_call(ApiMethod::SendMessage, Some(ApiError::RetryAfter));
    ops::count(Counter::CasesCreated, 1);
    ops::reminders(ReminderState::Sent, 2);
    let before = scrape(&base).await;
    let key = r#"refund_updates_total{kind="text",outcome="ok"}"#;
    let first = before
        .get(key)
        .copied()
        .unwrap_or_else(|| panic!("{key} missing: {before:?}"));
    assert!(
        before.contains_key("refund_step_duration_seconds_count"),
        "{before:?}"
    );
    assert!(before.contains_key(r#"refund_bot_api_429_total{method="sendMessage"}"#));
    for _ in 0..3 {
        ops::update(
            UpdateKind::Text,
            UpdateOutcome::Ok,
            std::time::Duration::from_millis(1),
        );
    }
    let after = scrape(&base).await;
    assert_eq!(after.get(key).copied(), Some(first + 3.0));
    // The step histogram is the process's: the other tests of this binary
    // take steps at the same time, so it moves by at least these three.
    let step = "refund_step_duration_seconds_count";
    let (b, a) = (before.get(step).copied(), after.get(step).copied());
    assert!(
        matches!((b, a), (Some(b), Some(a)) if a >= b + 3.0),
        "{b:?} → {a:?}"
    );
}

#[tokio::test]
async fn healthz_is_503_when_the_database_does_not_answer() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::connect(&sqlite_url(&dir.path().join("h.db")))
        .await
        .expect("connect");
    let base = spawn(store.clone()).await;
    let ok = reqwest::get(format!("{base}/healthz")).await.expect("GET");
    assert_eq!(ok.status(), 200);
    store.close().await;
    let down = reqwest::get(format!("{base}/healthz")).await.expect("GET");
    assert_eq!(down.status(), 503);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_bots_own_traffic_moves_the_counters() {
    let dir = tempfile::tempdir().expect("temp dir");
    let bot = running::start(&dir.path().join("bot.db")).await;
    let base = spawn(bot.store.clone()).await;
    let before = scrape(&base).await;
    let updates = r#"refund_updates_total{kind="command",outcome="ok"}"#;
    let sends = r#"refund_bot_api_calls_total{method="sendMessage"}"#;
    let created = "refund_cases_created_total";
    let quotes = "refund_quotes_computed_total";
    let get = |m: &BTreeMap<String, f64>, k: &str| m.get(k).copied().unwrap_or(0.0);
    bot.text("/start").await;
    bot.text("uhost-1a2b3c4d 2026-03-01 买的，包月，到期 2026-03-31，实付 800 元，2026-03-11 删除了")
        .await;
    bot.press("account:none").await;
    // A call is counted when its answer is back, which may be a moment
    // after the fake Bot API showed the test the call: scrape until counted.
    let moved = |after: &BTreeMap<String, f64>| {
        get(after, updates) >= get(&before, updates) + 1.0
            && get(after, sends) >= get(&before, sends) + 3.0
            && get(after, created) >= get(&before, created) + 1.0
            && get(after, quotes) >= get(&before, quotes) + 1.0
    };
    let mut after = scrape(&base).await;
    for _ in 0..50 {
        if moved(&after) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        after = scrape(&base).await;
    }
    assert!(moved(&after), "before {before:?}\nafter {after:?}");
    bot.stop().await;
}
