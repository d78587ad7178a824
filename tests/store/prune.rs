//! Handled update ids are forgotten after Telegram's redelivery window, on a
//! timer, and replicas pruning at once do not get in each other's way.

use std::time::Duration;

use chrono::{TimeDelta, Utc};
use refund_assistant::cli::startup::{KEEP_HANDLED, spawn_pruner};
use refund_assistant::store::{Store, Turn};

use crate::harness::{answer, on_both_backends, tg};

on_both_backends!(
    the_pruning_timer_forgets_ids_older_than_the_redelivery_window,
    replicas_pruning_at_once_each_succeed_and_prune_every_row_once,
);

async fn handled(store: &Store) -> u64 {
    let counts = store.table_counts().await.expect("counts");
    counts
        .iter()
        .find(|(t, _)| *t == "handled_updates")
        .map_or(0, |(_, n)| *n)
}

/// Records `old` updates from two days ago and `new` ones from an hour ago.
async fn record(store: &Store, old: i64, new: i64) {
    let me = tg(1);
    for id in 0..old {
        answer(store, &me, Some(id), Utc::now() - TimeDelta::hours(48), "old").await;
    }
    for id in old..old + new {
        answer(store, &me, Some(id), Utc::now() - TimeDelta::hours(1), "new").await;
    }
}

async fn the_pruning_timer_forgets_ids_older_than_the_redelivery_window(url: String) {
    let store = Store::connect(&url).await.expect("connect");
    record(&store, 3, 2).await;
    assert_eq!(handled(&store).await, 5);
    let pruner = spawn_pruner(store.clone(), Duration::from_millis(50), KEEP_HANDLED);
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    while handled(&store).await != 2 {
        assert!(tokio::time::Instant::now() < deadline, "not pruned in time");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    pruner.abort();
    // A recent id is still recognised as handled; a forgotten one is not.
    let me = tg(1);
    assert!(matches!(
        answer(&store, &me, Some(4), Utc::now(), "again").await,
        Turn::Duplicate
    ));
    assert!(matches!(
        answer(&store, &me, Some(0), Utc::now(), "again").await,
        Turn::Done(_)
    ));
}

async fn replicas_pruning_at_once_each_succeed_and_prune_every_row_once(url: String) {
    let a = Store::connect(&url).await.expect("replica a");
    let b = Store::connect(&url).await.expect("replica b");
    record(&a, 40, 1).await;
    let before = Utc::now() - KEEP_HANDLED;
    let mut total = 0;
    for _ in 0..3 {
        let (x, y) = tokio::join!(a.prune_handled_updates(before), b.prune_handled_updates(before));
        total += x.expect("replica a prunes") + y.expect("replica b prunes");
    }
    assert_eq!(total, 40);
    assert_eq!(handled(&a).await, 1);
}
