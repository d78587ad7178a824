//! Reminders in the store: planned with the case, claimed once per user,
//! marked sent with the transcript line, reclaimed after a lease.

use chrono::{DateTime, Duration, Utc};
use refund_assistant::case::CaseStatus;
use refund_assistant::reminders::{Kind, Planned};
use refund_assistant::store::{Claimed, Direction, Loaded, Replan, Store, UserKey, Write};
use serde_json::json;

use crate::harness::{at, line, on_both_backends, open_case, tg};

on_both_backends!(
    a_due_reminder_is_claimed_once_and_marked_sent_with_its_transcript_line,
    a_claim_not_marked_sent_is_claimed_again_after_its_lease,
    at_most_one_reminder_message_a_user_a_day_and_none_at_night,
    stopped_closed_and_blocked_get_no_reminders,
    replanning_replaces_what_was_not_sent,
    two_claimers_at_once_claim_each_user_once,
    the_operator_listing_shows_what_is_due,
);

const LEASE: i64 = 300;

fn lease() -> Duration {
    Duration::seconds(LEASE)
}

fn plan(kind: Kind, seq: u32, due: DateTime<Utc>) -> Planned {
    Planned { kind, seq, due }
}

/// Writes a turn that replans (and maybe stops) case `number`.
async fn write(store: &Store, user: &UserKey, now: DateTime<Utc>, w: Write) {
    store
        .turn(user, 1, None, now, move |loaded: &Loaded| {
            (
                Write {
                    state: loaded.state.clone(),
                    ..w
                },
                (),
            )
        })
        .await
        .expect("turn");
}

async fn replan(store: &Store, user: &UserKey, now: DateTime<Utc>, case: i64, planned: Vec<Planned>) {
    let w = Write {
        replans: vec![Replan { case, plan: planned }],
        ..Write::default()
    };
    write(store, user, now, w).await;
}

/// A user with one case and the given reminders on it.
async fn user_with(store: &Store, id: i64, planned: Vec<Planned>) -> (UserKey, i64) {
    let user = tg(id);
    let now = at("2026-03-01T01:00:00Z");
    let n = open_case(store, &user, now, json!({})).await;
    replan(store, &user, now, n, planned).await;
    (user, n)
}

async fn mark_sent(store: &Store, c: &Claimed, now: DateTime<Utc>) {
    let l = line(Direction::Out, "reminder", now, Some(c.reminders[0].case));
    store
        .reminders_sent(c, c.user.external_id, &l)
        .await
        .expect("mark sent");
}

// 10:00 Beijing is 02:00 UTC.
const DAY_TEN: &str = "2026-03-02T02:00:00Z";

async fn a_due_reminder_is_claimed_once_and_marked_sent_with_its_transcript_line(url: String) {
    let store = Store::connect(&url).await.expect("connect");
    let now = at(DAY_TEN);
    let (user, n) = user_with(
        &store,
        1,
        vec![
            plan(Kind::Review, 0, now - Duration::hours(1)),
            plan(Kind::PlannedDeletion, 0, now - Duration::minutes(5)),
            plan(Kind::ReviewOverdue, 1, now + Duration::days(3)),
        ],
    )
    .await;
    let claimed = store
        .claim_reminders("telegram", now, lease(), 10)
        .await
        .expect("claim");
    assert_eq!(claimed.len(), 1);
    let c = &claimed[0];
    assert_eq!(c.user, user);
    let kinds: Vec<Kind> = c.reminders.iter().map(|r| r.kind).collect();
    assert_eq!(
        kinds,
        [Kind::Review, Kind::PlannedDeletion],
        "both due ones, one message"
    );
    assert!(c.reminders.iter().all(|r| r.case == n));
    // Leased: a second claimer gets nothing.
    assert!(
        store
            .claim_reminders("telegram", now, lease(), 10)
            .await
            .expect("claim")
            .is_empty()
    );
    mark_sent(&store, c, now).await;
    // Sent: never again, even after the lease.
    let later = now + Duration::hours(2);
    assert!(
        store
            .claim_reminders("telegram", later, lease(), 10)
            .await
            .expect("claim")
            .is_empty()
    );
    let lines = store.transcript(&user, 1).await.expect("transcript");
    assert!(
        lines
            .iter()
            .any(|l| l.text == "reminder" && l.direction == Direction::Out)
    );
    // The one still to come is listed for the user.
    let left = store.scheduled_reminders(&user).await.expect("scheduled");
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].kind, Kind::ReviewOverdue);
}

async fn a_claim_not_marked_sent_is_claimed_again_after_its_lease(url: String) {
    let store = Store::connect(&url).await.expect("connect");
    let now = at(DAY_TEN);
    user_with(&store, 1, vec![plan(Kind::Withdrawal, 0, now)]).await;
    // The claimer dies here, before sending.
    assert_eq!(
        store
            .claim_reminders("telegram", now, lease(), 10)
            .await
            .expect("claim")
            .len(),
        1
    );
    let before_lease = now + Duration::seconds(LEASE - 1);
    assert!(
        store
            .claim_reminders("telegram", before_lease, lease(), 10)
            .await
            .expect("claim")
            .is_empty()
    );
    let after_lease = now + Duration::seconds(LEASE + 1);
    let again = store
        .claim_reminders("telegram", after_lease, lease(), 10)
        .await
        .expect("claim");
    assert_eq!(again.len(), 1, "the reminder goes out after the lease");
    assert_eq!(again[0].reminders[0].kind, Kind::Withdrawal);
}

async fn at_most_one_reminder_message_a_user_a_day_and_none_at_night(url: String) {
    let store = Store::connect(&url).await.expect("connect");
    let ten = at(DAY_TEN);
    let three_pm = at("2026-03-02T07:00:00Z");
    let (user, n) = user_with(&store, 1, vec![plan(Kind::Review, 0, ten)]).await;
    let c = store
        .claim_reminders("telegram", ten, lease(), 10)
        .await
        .expect("claim");
    mark_sent(&store, &c[0], ten).await;
    // Another reminder due this afternoon waits for tomorrow morning.
    replan(
        &store,
        &user,
        ten,
        n,
        vec![plan(Kind::Review, 0, ten), plan(Kind::ReviewOverdue, 1, three_pm)],
    )
    .await;
    assert!(
        store
            .claim_reminders("telegram", three_pm, lease(), 10)
            .await
            .expect("claim")
            .is_empty()
    );
    // 22:00 Beijing: night.
    let night = at("2026-03-02T14:00:00Z");
    assert!(
        store
            .claim_reminders("telegram", night, lease(), 10)
            .await
            .expect("claim")
            .is_empty()
    );
    // 08:59 Beijing next day: still night.
    assert!(
        store
            .claim_reminders("telegram", at("2026-03-03T00:59:00Z"), lease(), 10)
            .await
            .expect("claim")
            .is_empty()
    );
    let nine = at("2026-03-03T01:00:00Z");
    let next = store
        .claim_reminders("telegram", nine, lease(), 10)
        .await
        .expect("claim");
    assert_eq!(next.len(), 1);
    assert_eq!(next[0].reminders[0].kind, Kind::ReviewOverdue);
}

async fn stopped_closed_and_blocked_get_no_reminders(url: String) {
    let store = Store::connect(&url).await.expect("connect");
    let now = at(DAY_TEN);
    let (stopped, n1) = user_with(&store, 1, vec![plan(Kind::Review, 0, now)]).await;
    let (closed, n2) = user_with(&store, 2, vec![plan(Kind::Review, 0, now)]).await;
    let (blocked, _) = user_with(&store, 3, vec![plan(Kind::Review, 0, now)]).await;
    let (one_off, n4) = user_with(
        &store,
        4,
        vec![plan(Kind::Review, 0, now), plan(Kind::ReviewOverdue, 1, now)],
    )
    .await;
    write(
        &store,
        &stopped,
        now,
        Write {
            stop_case_reminders: vec![n1],
            ..Write::default()
        },
    )
    .await;
    // A later replan does not bring them back.
    replan(&store, &stopped, now, n1, vec![plan(Kind::Review, 0, now)]).await;
    let mut case = store.cases(&closed).await.expect("cases")[0].clone();
    assert_eq!(case.number, n2);
    case.status = CaseStatus::Closed;
    write(
        &store,
        &closed,
        now,
        Write {
            cases: vec![case],
            ..Write::default()
        },
    )
    .await;
    let blocked_id = store.user(&blocked).await.expect("user").expect("known").id;
    store.user_blocked(blocked_id, now).await.expect("blocked");
    let first = store.scheduled_reminders(&one_off).await.expect("scheduled")[0].id;
    write(
        &store,
        &one_off,
        now,
        Write {
            stop_reminders: vec![first],
            ..Write::default()
        },
    )
    .await;
    let claimed = store
        .claim_reminders("telegram", now, lease(), 10)
        .await
        .expect("claim");
    assert_eq!(claimed.len(), 1, "only the user who stopped one of two");
    assert_eq!(claimed[0].user, one_off);
    assert_eq!(claimed[0].reminders.len(), 1);
    assert_eq!(claimed[0].reminders[0].kind, Kind::ReviewOverdue);
    assert_eq!(claimed[0].reminders[0].case, n4);
    assert!(
        store
            .scheduled_reminders(&stopped)
            .await
            .expect("scheduled")
            .is_empty()
    );
}

async fn replanning_replaces_what_was_not_sent(url: String) {
    let store = Store::connect(&url).await.expect("connect");
    let now = at(DAY_TEN);
    let (user, n) = user_with(
        &store,
        1,
        vec![
            plan(Kind::Review, 0, now),
            plan(Kind::ReviewOverdue, 1, now + Duration::days(4)),
        ],
    )
    .await;
    let c = store
        .claim_reminders("telegram", now, lease(), 10)
        .await
        .expect("claim");
    mark_sent(&store, &c[0], now).await;
    // The user moved the submission date: a new plan, the sent one stays sent.
    let new_plan = vec![
        plan(Kind::Review, 0, now + Duration::days(1)),
        plan(Kind::ReviewOverdue, 1, now + Duration::days(6)),
    ];
    replan(&store, &user, now, n, new_plan).await;
    let left = store.scheduled_reminders(&user).await.expect("scheduled");
    assert_eq!(left.len(), 1, "the sent review reminder is not planned again");
    assert_eq!(left[0].due, now + Duration::days(6));
}

async fn two_claimers_at_once_claim_each_user_once(url: String) {
    let store = Store::connect(&url).await.expect("connect");
    let now = at(DAY_TEN);
    let users = 30;
    for id in 1..=users {
        user_with(&store, id, vec![plan(Kind::Withdrawal, 0, now)]).await;
    }
    let claimer = |store: Store| async move {
        let mut mine = Vec::new();
        loop {
            let batch = store
                .claim_reminders("telegram", now, lease(), 4)
                .await
                .expect("claim");
            if batch.is_empty() {
                break;
            }
            for c in batch {
                mark_sent(&store, &c, now).await;
                mine.push(c.user.external_id);
            }
        }
        mine
    };
    let (a, b) = tokio::join!(
        tokio::spawn(claimer(store.clone())),
        tokio::spawn(claimer(store.clone()))
    );
    let (a, b) = (a.expect("claimer a"), b.expect("claimer b"));
    let mut all: Vec<i64> = a.iter().chain(b.iter()).copied().collect();
    all.sort_unstable();
    eprintln!("claimer a sent {}, claimer b sent {}", a.len(), b.len());
    assert_eq!(all, (1..=users).collect::<Vec<_>>(), "each user exactly once");
}

async fn the_operator_listing_shows_what_is_due(url: String) {
    let store = Store::connect(&url).await.expect("connect");
    let now = at(DAY_TEN);
    let (user, n) = user_with(
        &store,
        7,
        vec![
            plan(Kind::Review, 0, now),
            plan(Kind::ExpiryAhead, 0, now + Duration::days(9)),
        ],
    )
    .await;
    let due = store.due_reminders(now).await.expect("due");
    assert_eq!(due.len(), 1);
    assert_eq!(due[0].user, user);
    assert_eq!(due[0].reminder.case, n);
    assert_eq!(due[0].reminder.kind, Kind::Review);
    assert_eq!(
        store
            .due_reminders(now + Duration::days(10))
            .await
            .expect("due")
            .len(),
        2
    );
    // Listing sends and claims nothing.
    assert_eq!(
        store
            .claim_reminders("telegram", now, lease(), 10)
            .await
            .expect("claim")
            .len(),
        1
    );
}
