//! The storage layer. Every test runs twice: on a fresh SQLite file, and on a
//! fresh PostgreSQL database when `TEST_DATABASE_URL` is set (skipped with a
//! note otherwise; `REQUIRE_POSTGRES=1` turns a missing or unreachable
//! PostgreSQL into a failure).

//!
//! Test names read `store::<area>::<backend>::<sentence>`; the bodies live in
//! `tests/store/`.

#[path = "store/harness.rs"]
mod harness;
#[path = "store/records.rs"]
mod records;
#[path = "store/turns.rs"]
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
