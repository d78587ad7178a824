//! Tests of the writer's group commit: turns sharing one commit, a failed
//! or dropped one undone alone, and turns lost with their connection.

use std::str::FromStr;

use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{Connection, Row, SqliteConnection};

use super::conn::Writer;
use super::gate::{Gate, Guard};
use super::turn::{TurnEnd, TurnStart};
use crate::store::error::StoreError;

async fn gate(dir: &tempfile::TempDir) -> Gate {
    let url = format!("sqlite://{}", dir.path().join("w.db").display());
    let options = SqliteConnectOptions::from_str(&url)
        .unwrap()
        .create_if_missing(true)
        .journal_mode(sqlx::sqlite::SqliteJournalMode::Wal);
    let gate = Gate::connect(options).await.unwrap();
    let mut w = gate.lock().await.unwrap();
    sqlx::query("CREATE TABLE t (x INTEGER)")
        .execute(w.conn())
        .await
        .unwrap();
    drop(w);
    gate
}

/// A turn inserting `x`, ended as [`Writer::turn_end`] says.
async fn turn(gate: &Gate, x: i64) -> Guard {
    let mut w = gate.lock_turn().await.unwrap();
    let start = match w.take_turn_start() {
        TurnStart::Begin => "BEGIN IMMEDIATE; SAVEPOINT turn;",
        TurnStart::Join => "SAVEPOINT turn;",
    };
    let text = format!("{start} INSERT INTO t VALUES ({x})");
    sqlx::raw_sql(sqlx::AssertSqlSafe(text))
        .execute(w.conn())
        .await
        .unwrap();
    w
}

async fn end(w: &mut Guard) -> TurnEnd {
    let end = w.turn_end();
    sqlx::query(end.sql()).execute(w.conn()).await.unwrap();
    w.turn_released(end);
    end
}

async fn rows(dir: &tempfile::TempDir) -> Vec<i64> {
    let url = format!("sqlite://{}", dir.path().join("w.db").display());
    let mut c = SqliteConnection::connect(&url).await.unwrap();
    let rows = sqlx::query("SELECT x FROM t ORDER BY x")
        .fetch_all(&mut c)
        .await
        .unwrap();
    rows.iter().map(|r| r.get(0)).collect()
}

/// Lets the tasks spawned so far reach their first wait.
async fn settle() {
    for _ in 0..10 {
        tokio::task::yield_now().await;
    }
}

#[tokio::test]
async fn a_lone_turn_commits_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let gate = gate(&dir).await;
    let mut a = turn(&gate, 1).await;
    assert_eq!(end(&mut a).await, TurnEnd::Commit);
    Writer::durable(a).await.unwrap();
    assert_eq!(rows(&dir).await, [1]);
    assert_eq!(gate.lock().await.unwrap().number, 1);
}

#[tokio::test]
async fn turns_ending_while_others_wait_share_one_commit_and_a_failed_one_is_undone_alone() {
    let dir = tempfile::tempdir().unwrap();
    let gate = gate(&dir).await;
    let mut a = turn(&gate, 1).await;
    // B and C queue behind A.
    let (g, h) = (gate.clone(), gate.clone());
    let b = tokio::spawn(async move {
        let mut b = turn(&g, 2).await;
        assert_eq!(end(&mut b).await, TurnEnd::Release);
        Writer::durable(b).await
    });
    settle().await;
    let c = tokio::spawn(async move {
        let mut c = turn(&h, 3).await;
        // C fails: undone to its savepoint, A and B stay.
        c.rollback().await.unwrap();
    });
    settle().await;
    assert_eq!(end(&mut a).await, TurnEnd::Release, "others are waiting");
    let a = tokio::spawn(Writer::durable(a));
    a.await.unwrap().unwrap();
    c.await.unwrap();
    b.await.unwrap().unwrap();
    assert_eq!(rows(&dir).await, [1, 2]);
    assert_eq!(gate.lock().await.unwrap().number, 1, "one transaction for both");
}

#[tokio::test]
async fn a_turn_dropped_in_a_group_is_undone_and_the_others_committed() {
    let dir = tempfile::tempdir().unwrap();
    let gate = gate(&dir).await;
    let mut a = turn(&gate, 1).await;
    let g = gate.clone();
    let b = tokio::spawn(async move {
        // Dropped half-way: its savepoint is still open.
        drop(turn(&g, 2).await);
    });
    settle().await;
    assert_eq!(end(&mut a).await, TurnEnd::Release);
    Writer::durable(a).await.unwrap();
    b.await.unwrap();
    assert_eq!(rows(&dir).await, [1]);
    // The writer goes on: a lone turn commits.
    let mut d = turn(&gate, 4).await;
    assert_eq!(end(&mut d).await, TurnEnd::Commit);
    Writer::durable(d).await.unwrap();
    assert_eq!(rows(&dir).await, [1, 4]);
}

#[tokio::test]
async fn turns_of_a_transaction_lost_with_its_connection_are_told() {
    let dir = tempfile::tempdir().unwrap();
    let gate = gate(&dir).await;
    let mut a = turn(&gate, 1).await;
    let g = gate.clone();
    let b = tokio::spawn(async move {
        // The connection fails under B.
        let mut b = turn(&g, 2).await;
        b.broken = true;
    });
    settle().await;
    assert_eq!(end(&mut a).await, TurnEnd::Release);
    assert!(matches!(Writer::durable(a).await, Err(StoreError::Lost)));
    b.await.unwrap();
    assert_eq!(rows(&dir).await, Vec::<i64>::new());
    // The new connection works.
    let mut d = turn(&gate, 4).await;
    end(&mut d).await;
    Writer::durable(d).await.unwrap();
    assert_eq!(rows(&dir).await, [4]);
}
