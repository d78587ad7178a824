//! The storage layer. Every test runs twice: on a fresh SQLite file, and on a
//! fresh PostgreSQL database when `TEST_DATABASE_URL` is set (skipped with a
//! note otherwise; `REQUIRE_POSTGRES=1` turns a missing or unreachable
//! PostgreSQL into a failure). Hostile input and arbitrary bytes through the
//! real `App` on both backends live here too (`hardening`, `fuzz_app`).
//!
//! Test names read `<area>::<backend>::<sentence>`; the bodies live in
//! `tests/store/`.

mod app;
mod evidence_files;
mod fuzz_app;
mod handoffs;
mod hardening;
mod harness;
mod prune;
mod records;
mod reminders;
mod retention;
mod turns;

use refund_assistant::store::{Store, StoreError};

use harness::with_database;

#[tokio::test]
async fn a_connection_error_does_not_show_the_password() {
    let err = Store::connect("postgres://bot:hunter2@127.0.0.1:1/ra")
        .await
        .expect_err("nothing listens on port 1");
    assert!(!format!("{err} {err:?}").contains("hunter2"), "{err:?}");
    assert!(err.to_string().contains("bot:***@127.0.0.1:1"), "{err}");
}

#[tokio::test]
async fn an_unknown_scheme_is_refused() {
    let err = Store::connect("mysql://u:pw@h/db")
        .await
        .expect_err("unsupported");
    assert!(
        matches!(err, StoreError::UnsupportedUrl(ref u) if !u.contains("pw")),
        "{err:?}"
    );
}

#[tokio::test]
async fn an_in_memory_database_keeps_its_data_while_the_store_is_open() {
    let store = Store::connect("sqlite::memory:").await.expect("connect");
    let me = harness::tg(1);
    for i in 0..3 {
        harness::answer(&store, &me, Some(i), chrono::Utc::now(), "hi").await;
    }
    assert_eq!(store.transcript(&me, 1).await.expect("transcript").len(), 6);
    let other = Store::connect("sqlite::memory:").await.expect("connect");
    assert!(
        other.transcript(&me, 1).await.expect("transcript").is_empty(),
        "each store has its own"
    );
}

#[test]
fn the_test_database_url_swaps_only_the_name() {
    assert_eq!(
        with_database("postgres://postgres@127.0.0.1:5432/test", "x"),
        "postgres://postgres@127.0.0.1:5432/x"
    );
    assert_eq!(
        with_database("postgres://u:p@h/test?sslmode=disable", "x"),
        "postgres://u:p@h/x?sslmode=disable"
    );
    assert_eq!(with_database("postgresql://h:5432", "x"), "postgresql://h:5432/x");
}
