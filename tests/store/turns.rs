//! One input, one transaction: resuming, duplicates, failures, concurrency.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use chrono::Utc;
use refund_assistant::store::{
    CaseRecord, Contact, Direction, Loaded, Store, StoreError, Turn, UserKey, Write,
};
use serde_json::json;

use crate::harness::{
    Blocker, answer, at, line, on_both_backends, open_case, state_of, tg, transcript_texts,
};

on_both_backends!(
    a_restart_resumes_the_conversation_where_it_was,
    a_duplicate_update_id_changes_nothing,
    a_failure_in_the_middle_of_a_turn_leaves_no_half_written_step,
    concurrent_turns_on_one_chat_run_one_after_another,
    a_turn_dropped_half_way_leaves_nothing_and_blocks_nothing,
    turns_dropped_anywhere_are_all_or_nothing,
    pruned_update_ids_can_be_handled_again,
    many_users_at_once_are_all_kept_and_a_failing_turn_takes_only_itself,
);

async fn a_restart_resumes_the_conversation_where_it_was(url: String) {
    let me = tg(42);
    let now = at("2026-03-01T10:00:00Z");
    {
        let store = Store::connect(&url).await.expect("connect");
        answer(&store, &me, Some(1), now, "monthly").await;
        answer(&store, &me, Some(2), now, "800").await;
        store
            .turn(&me, 1, Some(3), now, |l: &Loaded| {
                (
                    Write {
                        state: l.state.clone(),
                        lang: Some("en".into()),
                        ..Write::default()
                    },
                    (),
                )
            })
            .await
            .expect("turn");
        open_case(&store, &me, now, json!({ "paid": "800.00" })).await;
        store.close().await;
    }
    let store = Store::connect(&url).await.expect("connect again");
    let Turn::Done(before) = answer(&store, &me, Some(4), now, "2026-03-11").await else {
        panic!("update 4 is new");
    };
    assert_eq!(before, json!({ "answers": ["monthly", "800"] }));
    assert_eq!(
        store
            .user(&me)
            .await
            .expect("user")
            .expect("known")
            .lang
            .as_deref(),
        Some("en")
    );
    let cases = store.cases(&me).await.expect("cases");
    assert_eq!(cases.len(), 1);
    assert_eq!(cases[0].inputs, json!({ "paid": "800.00" }));
    let texts = transcript_texts(&store, &me).await;
    assert_eq!(
        texts,
        [
            "monthly",
            "ok: monthly",
            "800",
            "ok: 800",
            "new case",
            "2026-03-11",
            "ok: 2026-03-11"
        ]
    );
}

async fn a_duplicate_update_id_changes_nothing(url: String) {
    let store = Store::connect(&url).await.expect("connect");
    let me = tg(7);
    answer(&store, &me, Some(1001), at("2026-03-01T10:00:00Z"), "hello").await;
    let counts = store.table_counts().await.expect("counts");
    let user = store.user(&me).await.expect("user");

    let called = Arc::new(AtomicBool::new(false));
    let flag = called.clone();
    let again = store
        .turn(
            &me,
            1,
            Some(1001),
            at("2026-03-02T10:00:00Z"),
            move |_: &Loaded| {
                flag.store(true, Ordering::SeqCst);
                (Write::default(), ())
            },
        )
        .await
        .expect("turn");

    assert_eq!(again, Turn::Duplicate);
    assert!(
        !called.load(Ordering::SeqCst),
        "the engine must not run for a duplicate"
    );
    assert_eq!(store.table_counts().await.expect("counts"), counts);
    assert_eq!(store.user(&me).await.expect("user"), user, "last_seen stays");
    assert_eq!(state_of(&store, &me).await, Some(json!({ "answers": ["hello"] })));
    // The same number from another transport is another update.
    let console = UserKey::new("console", 7);
    assert!(matches!(
        answer(&store, &console, Some(1001), Utc::now(), "hi").await,
        Turn::Done(_)
    ));
}

async fn a_failure_in_the_middle_of_a_turn_leaves_no_half_written_step(url: String) {
    let store = Store::connect(&url).await.expect("connect");
    let me = tg(8);
    let now = at("2026-03-01T10:00:00Z");
    answer(&store, &me, Some(1), now, "first").await;
    let counts = store.table_counts().await.expect("counts");

    let failed = store
        .turn(&me, 1, Some(2), now, |_: &Loaded| {
            let contact = Contact {
                at: now,
                agent: "support".into(),
                said: "no".into(),
            };
            let write = Write {
                state: Some(json!({ "answers": ["half"] })),
                lang: Some("en".into()),
                transcript: vec![line(Direction::In, "half", now, None)],
                cases: vec![CaseRecord::draft(1, json!({}), now)],
                contacts: vec![(99, contact)],
                ..Write::default()
            };
            (write, ())
        })
        .await;

    assert!(matches!(failed, Err(StoreError::NoSuchCase(99))), "{failed:?}");
    assert_eq!(store.table_counts().await.expect("counts"), counts);
    assert_eq!(store.transcript(&me, 1).await.expect("transcript").len(), 2);
    assert_eq!(store.user(&me).await.expect("user").expect("known").lang, None);
    assert!(store.cases(&me).await.expect("cases").is_empty());
    // The update id was not recorded: the retry runs, on the old state.
    let retry = answer(&store, &me, Some(2), now, "second").await;
    assert_eq!(retry, Turn::Done(json!({ "answers": ["first"] })));
}

/// A turn whose future is dropped while it waits on the database (a
/// cancelled request, a timeout) writes nothing, and the next turn runs as
/// usual. The turn is held by another connection's lock, so it is dropped
/// half-way however loaded the machine is (on PostgreSQL after its claim).
async fn a_turn_dropped_half_way_leaves_nothing_and_blocks_nothing(url: String) {
    let store = Store::connect(&url).await.expect("connect");
    let me = tg(9);
    let now = at("2026-03-01T10:00:00Z");
    answer(&store, &me, Some(1), now, "first").await;
    let counts = store.table_counts().await.expect("counts");
    let blocker = Blocker::hold(&url).await;
    let turn = store.turn(&me, 1, Some(2), now, |_: &Loaded| {
        let write = Write {
            state: Some(json!({ "answers": ["dropped"] })),
            ..Write::default()
        };
        (write, ())
    });
    let finished = tokio::time::timeout(Duration::from_millis(300), turn).await;
    assert!(
        finished.is_err(),
        "the turn was meant to wait for the blocker: {finished:?}"
    );
    blocker.release().await;
    let next = tokio::time::timeout(
        Duration::from_secs(10),
        answer(&store, &me, Some(2), now, "second"),
    )
    .await
    .expect("the next turn is not blocked");
    assert_eq!(next, Turn::Done(json!({ "answers": ["first"] })));
    assert_eq!(
        state_of(&store, &me).await,
        Some(json!({ "answers": ["first", "second"] }))
    );
    let after = store.table_counts().await.expect("counts");
    assert_eq!(transcript_rows(&after), transcript_rows(&counts).map(|n| n + 2));
}

/// Turns dropped after one poll stop wherever that poll got to: on a loaded
/// machine that can be past their commit. Each is all or nothing, and none
/// blocks the next turn.
async fn turns_dropped_anywhere_are_all_or_nothing(url: String) {
    let store = Store::connect(&url).await.expect("connect");
    let me = tg(9);
    let now = at("2026-03-01T10:00:00Z");
    answer(&store, &me, Some(1), now, "first").await;
    let counts = store.table_counts().await.expect("counts");
    for _ in 0..3 {
        let turn = store.turn(&me, 1, Some(2), now, |_: &Loaded| {
            let write = Write {
                state: Some(json!({ "answers": ["dropped"] })),
                ..Write::default()
            };
            (write, ())
        });
        tokio::select! {
            biased;
            _ = turn => {}
            _ = std::future::ready(()) => {}
        }
    }
    let next = tokio::time::timeout(
        Duration::from_secs(10),
        answer(&store, &me, Some(2), now, "second"),
    )
    .await
    .expect("the next turn is not blocked");
    let (state, added) = match next {
        // None of them committed.
        Turn::Done(before) => {
            assert_eq!(before, json!({ "answers": ["first"] }));
            (json!({ "answers": ["first", "second"] }), 2)
        }
        // One committed all it had to write: the update is handled, its state kept.
        Turn::Duplicate => (json!({ "answers": ["dropped"] }), 0),
    };
    assert_eq!(state_of(&store, &me).await, Some(state));
    let after = store.table_counts().await.expect("counts");
    assert_eq!(
        transcript_rows(&after),
        transcript_rows(&counts).map(|n| n + added)
    );
    let third = answer(&store, &me, Some(3), now, "third").await;
    assert!(matches!(third, Turn::Done(_)), "{third:?}");
}

fn transcript_rows(counts: &[(&str, u64)]) -> Option<u64> {
    counts.iter().find(|(t, _)| *t == "transcript").map(|(_, n)| *n)
}

async fn concurrent_turns_on_one_chat_run_one_after_another(url: String) {
    let store = Store::connect(&url).await.expect("connect");
    let me = tg(9);
    let tasks: Vec<_> = (0..10)
        .map(|i| {
            let (store, me) = (store.clone(), me.clone());
            tokio::spawn(async move {
                store
                    .turn(&me, 1, Some(i), Utc::now(), |l: &Loaded| {
                        let seen = l.state.as_ref().and_then(|s| s["counter"].as_i64()).unwrap_or(0);
                        // Widen the window a lost update would need.
                        std::thread::sleep(Duration::from_millis(20));
                        (
                            Write {
                                state: Some(json!({ "counter": seen + 1 })),
                                ..Write::default()
                            },
                            seen,
                        )
                    })
                    .await
                    .expect("turn")
            })
        })
        .collect();
    let mut seen = Vec::new();
    for task in tasks {
        match task.await.expect("task") {
            Turn::Done(n) => seen.push(n),
            Turn::Duplicate => panic!("distinct update ids"),
        }
    }
    seen.sort_unstable();
    assert_eq!(
        seen,
        (0..10).collect::<Vec<i64>>(),
        "each turn saw the one before"
    );
    assert_eq!(state_of(&store, &me).await, Some(json!({ "counter": 10 })));
}

async fn pruned_update_ids_can_be_handled_again(url: String) {
    let store = Store::connect(&url).await.expect("connect");
    let me = tg(10);
    answer(&store, &me, Some(5), at("2026-03-01T10:00:00Z"), "a").await;
    answer(&store, &me, Some(6), at("2026-03-03T10:00:00Z"), "b").await;
    assert_eq!(
        store
            .prune_handled_updates(at("2026-03-02T10:00:00Z"))
            .await
            .expect("prune"),
        1
    );
    assert!(matches!(
        answer(&store, &me, Some(5), Utc::now(), "c").await,
        Turn::Done(_)
    ));
    assert_eq!(
        answer(&store, &me, Some(6), Utc::now(), "d").await,
        Turn::Duplicate
    );
}

/// Turns of many users at once (on SQLite they share commits, see the
/// store's writer): each is kept, across a reopening of the store, and the
/// one that fails leaves nothing while the others around it stay.
async fn many_users_at_once_are_all_kept_and_a_failing_turn_takes_only_itself(url: String) {
    let store = Store::connect(&url).await.expect("connect");
    let now = at("2026-03-01T10:00:00Z");
    const FAILING: i64 = 113;
    let tasks: Vec<_> = (100..140)
        .map(|id| {
            let store = store.clone();
            tokio::spawn(async move {
                let me = tg(id);
                store
                    .turn(&me, 1, Some(id), now, move |_: &Loaded| {
                        let mut write = Write {
                            state: Some(json!({ "answers": [id] })),
                            transcript: vec![line(Direction::In, &format!("from {id}"), now, None)],
                            ..Write::default()
                        };
                        if id == FAILING {
                            // A contact for a case that does not exist.
                            let contact = Contact {
                                at: now,
                                agent: "support".into(),
                                said: "no".into(),
                            };
                            write.contacts = vec![(99, contact)];
                        }
                        (write, id)
                    })
                    .await
            })
        })
        .collect();
    for (id, task) in (100..140).zip(tasks) {
        let result = task.await.expect("task");
        if id == FAILING {
            assert!(matches!(result, Err(StoreError::NoSuchCase(99))), "{result:?}");
        } else {
            assert!(matches!(result, Ok(Turn::Done(n)) if n == id), "{id}: {result:?}");
        }
    }
    store.close().await;
    let store = Store::connect(&url).await.expect("reopen");
    for id in 100..140 {
        let lines = store.transcript(&tg(id), 1).await.expect("transcript");
        if id == FAILING {
            assert!(lines.is_empty(), "{id}: {lines:?}");
            assert_eq!(store.user(&tg(id)).await.expect("user"), None);
        } else {
            assert_eq!(lines.len(), 1, "{id}");
            assert_eq!(state_of(&store, &tg(id)).await, Some(json!({ "answers": [id] })));
        }
    }
}
