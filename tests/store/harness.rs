//! Runs each store test on a fresh SQLite file and a fresh PostgreSQL
//! database, plus the helpers the tests share.

use std::sync::atomic::{AtomicU32, Ordering};

use std::sync::Arc;

use chrono::{DateTime, Duration, TimeZone, Utc};
use chrono_tz::Asia::Shanghai;
use refund_assistant::app::App;
use refund_assistant::case::CaseStatus;
use refund_assistant::store::{
    CaseRecord, Direction, Loaded, StatusEvent, Store, TranscriptLine, Turn, UserKey, Write, redact,
    sqlite_url,
};
use serde_json::{Value, json};
use sqlx::{AssertSqlSafe, Connection, PgConnection, SqliteConnection};

/// A fresh, empty database; dropped (PostgreSQL) or deleted (SQLite) after the test.
pub(crate) enum TestDb {
    Sqlite {
        _dir: tempfile::TempDir,
        url: String,
    },
    Postgres {
        admin: PgConnection,
        name: String,
        url: String,
    },
}

static SEQ: AtomicU32 = AtomicU32::new(0);

impl TestDb {
    fn sqlite() -> TestDb {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = sqlite_url(&dir.path().join("store.db"));
        TestDb::Sqlite { _dir: dir, url }
    }

    /// `None` when PostgreSQL is not configured or unreachable and not required.
    async fn postgres() -> Option<TestDb> {
        let require = std::env::var("REQUIRE_POSTGRES").is_ok_and(|v| v == "1");
        let Some(base) = std::env::var("TEST_DATABASE_URL").ok().filter(|u| !u.is_empty()) else {
            assert!(!require, "REQUIRE_POSTGRES=1 but TEST_DATABASE_URL is not set");
            eprintln!("postgres half skipped: TEST_DATABASE_URL is not set");
            return None;
        };
        let mut admin = match PgConnection::connect(&base).await {
            Ok(conn) => conn,
            Err(e) if require => panic!("REQUIRE_POSTGRES=1 but {} is unreachable: {e}", redact(&base)),
            Err(e) => {
                eprintln!("postgres half skipped: {} is unreachable: {e}", redact(&base));
                return None;
            }
        };
        let nanos = Utc::now().timestamp_subsec_nanos();
        let name = format!(
            "ra_test_{}_{}_{nanos}",
            std::process::id(),
            SEQ.fetch_add(1, Ordering::Relaxed)
        );
        sqlx::raw_sql(AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&mut admin)
            .await
            .expect("create the test database");
        let url = with_database(&base, &name);
        Some(TestDb::Postgres { admin, name, url })
    }

    fn url(&self) -> String {
        match self {
            TestDb::Sqlite { url, .. } | TestDb::Postgres { url, .. } => url.clone(),
        }
    }

    async fn finish(self) {
        if let TestDb::Postgres { mut admin, name, .. } = self {
            let drop = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
            if let Err(e) = sqlx::raw_sql(AssertSqlSafe(drop)).execute(&mut admin).await {
                eprintln!("could not drop test database {name}: {e}");
            }
        }
    }
}

/// `base` with its database name replaced by `name`.
pub(crate) fn with_database(base: &str, name: &str) -> String {
    let (scheme, rest) = base.split_once("://").expect("a URL with a scheme");
    let host_start = rest.rfind('@').map_or(0, |at| at + 1);
    let (query_start, query) = match rest.find('?') {
        Some(q) => (q, &rest[q..]),
        None => (rest.len(), ""),
    };
    let path_start = rest[host_start..query_start]
        .find('/')
        .map_or(query_start, |p| host_start + p);
    format!("{scheme}://{}/{name}{query}", &rest[..path_start])
}

#[derive(Clone, Copy)]
pub(crate) enum Kind {
    Sqlite,
    Postgres,
}

/// Runs `body` with the URL of a fresh database; cleans up even if it panics.
pub(crate) async fn run<Fut>(kind: Kind, body: fn(String) -> Fut)
where
    Fut: Future<Output = ()> + Send + 'static,
{
    let db = match kind {
        Kind::Sqlite => TestDb::sqlite(),
        Kind::Postgres => match TestDb::postgres().await {
            Some(db) => db,
            None => return,
        },
    };
    let outcome = tokio::spawn(body(db.url())).await;
    db.finish().await;
    if let Err(e) = outcome {
        match e.try_into_panic() {
            Ok(panic) => std::panic::resume_unwind(panic),
            Err(e) => panic!("test task failed: {e}"),
        }
    }
}

/// Declares each test once per backend: `sqlite::name` and `postgres::name`.
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() { $crate::harness::run($crate::harness::Kind::Sqlite, super::$name).await })*
        }
        mod postgres {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() { $crate::harness::run($crate::harness::Kind::Postgres, super::$name).await })*
        }
    };
}
pub(crate) use on_both_backends;

/// The fixed clock of the app tests: 11 March 2026, 10:00 in Shanghai.
pub(crate) fn now() -> DateTime<Utc> {
    Shanghai
        .with_ymd_and_hms(2026, 3, 11, 10, 0, 0)
        .single()
        .expect("valid")
        .with_timezone(&Utc)
}

/// The real application on the store at `url`, on the fixed clock.
pub(crate) async fn app(url: &str) -> App {
    let store = Store::connect(url).await.expect("connect");
    App::new(store, Arc::new(now)).expect("app")
}

pub(crate) fn at(rfc3339: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(rfc3339)
        .expect("RFC 3339")
        .with_timezone(&Utc)
}

pub(crate) fn tg(id: i64) -> UserKey {
    UserKey::new("telegram", id)
}

pub(crate) fn line(
    direction: Direction,
    text: &str,
    now: DateTime<Utc>,
    case_number: Option<i64>,
) -> TranscriptLine {
    TranscriptLine {
        direction,
        text: text.to_string(),
        at: now,
        case_number,
    }
}

/// One conversational step: appends `text` to the state's `answers`, logs it in
/// and an echo out, and returns the answers before this step.
pub(crate) async fn answer(
    store: &Store,
    user: &UserKey,
    update: Option<i64>,
    now: DateTime<Utc>,
    text: &str,
) -> Turn<Value> {
    let text = text.to_string();
    store
        .turn(user, 1, update, now, move |loaded: &Loaded| {
            let before = loaded.state.clone().unwrap_or_else(|| json!({ "answers": [] }));
            let mut state = before.clone();
            if let Some(list) = state["answers"].as_array_mut() {
                list.push(json!(text));
            }
            let transcript = vec![
                line(Direction::In, &text, now, None),
                line(Direction::Out, &format!("ok: {text}"), now, None),
            ];
            (
                Write {
                    state: Some(state),
                    transcript,
                    ..Write::default()
                },
                before,
            )
        })
        .await
        .expect("turn")
}

/// Opens a case (the user's next number) and returns its number.
pub(crate) async fn open_case(store: &Store, user: &UserKey, now: DateTime<Utc>, inputs: Value) -> i64 {
    let turn = store
        .turn(user, 1, None, now, |loaded: &Loaded| {
            let number = loaded.next_case_number();
            let case = CaseRecord::draft(number, inputs, now);
            let event = StatusEvent {
                status: CaseStatus::Draft,
                at: now,
                note: None,
            };
            let transcript = vec![line(Direction::In, "new case", now, Some(number))];
            let write = Write {
                state: loaded.state.clone(),
                transcript,
                cases: vec![case],
                events: vec![(number, event)],
                ..Write::default()
            };
            (write, number)
        })
        .await
        .expect("turn");
    match turn {
        Turn::Done(number) => number,
        Turn::Duplicate => panic!("no update id, so never a duplicate"),
    }
}

/// Writes `write` in one turn of the user's chat (no update id).
pub(crate) async fn write_turn(store: &Store, user: &UserKey, now: DateTime<Utc>, write: Write) {
    store
        .turn(user, 1, None, now, move |_: &Loaded| (write, ()))
        .await
        .expect("turn");
}

/// Retention at `now` with a limit of `days`: the number of cases erased.
pub(crate) async fn erase_finished(store: &Store, now: DateTime<Utc>, days: i64) -> u64 {
    store
        .erase_finished_cases(now - Duration::days(days))
        .await
        .expect("erase")
}

/// The numbers of the user's cases, as listed (newest first).
pub(crate) async fn case_numbers(store: &Store, user: &UserKey) -> Vec<i64> {
    store
        .cases(user)
        .await
        .expect("cases")
        .iter()
        .map(|c| c.number)
        .collect()
}

/// The texts of the chat's transcript, in order.
pub(crate) async fn transcript_texts(store: &Store, user: &UserKey) -> Vec<String> {
    store
        .transcript(user, 1)
        .await
        .expect("transcript")
        .into_iter()
        .map(|l| l.text)
        .collect()
}

/// The chat's state as the next turn would see it (written back unchanged).
pub(crate) async fn state_of(store: &Store, user: &UserKey) -> Option<Value> {
    let turn = store
        .turn(user, 1, None, Utc::now(), |loaded: &Loaded| {
            (
                Write {
                    state: loaded.state.clone(),
                    ..Write::default()
                },
                loaded.state.clone(),
            )
        })
        .await
        .expect("turn");
    match turn {
        Turn::Done(state) => state,
        Turn::Duplicate => None,
    }
}

pub(crate) async fn total_rows(store: &Store) -> u64 {
    store
        .table_counts()
        .await
        .expect("counts")
        .iter()
        .map(|(_, n)| n)
        .sum()
}

/// Another connection holding what a turn must wait for: SQLite's write lock
/// (`BEGIN IMMEDIATE`), PostgreSQL's chat state rows (`FOR UPDATE`). A turn
/// started meanwhile waits on the database until [`Blocker::release`].
pub(crate) enum Blocker {
    Sqlite(SqliteConnection),
    Postgres(PgConnection),
}

impl Blocker {
    pub(crate) async fn hold(url: &str) -> Blocker {
        if url.starts_with("sqlite:") {
            let mut conn = SqliteConnection::connect(url).await.expect("connect the blocker");
            sqlx::raw_sql("BEGIN IMMEDIATE")
                .execute(&mut conn)
                .await
                .expect("take the write lock");
            Blocker::Sqlite(conn)
        } else {
            let mut conn = PgConnection::connect(url).await.expect("connect the blocker");
            sqlx::raw_sql("BEGIN; SELECT 1 FROM chat_states FOR UPDATE")
                .execute(&mut conn)
                .await
                .expect("lock the chat states");
            Blocker::Postgres(conn)
        }
    }

    /// Closes the connection, which ends its transaction and frees the lock.
    pub(crate) async fn release(self) {
        match self {
            Blocker::Sqlite(conn) => conn.close().await,
            Blocker::Postgres(conn) => conn.close().await,
        }
        .expect("release");
    }
}
