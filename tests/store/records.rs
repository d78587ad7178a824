//! What is kept: case numbering and isolation, deletion, money, times, schema.

use chrono::{NaiveDate, Utc};
use refund_assistant::case::CaseStatus;
use refund_assistant::store::{CaseRecord, Contact, Direction, Loaded, StatusEvent, Store, Turn, Write};
use rust_decimal::Decimal;
use serde_json::json;

use crate::harness::{answer, at, case_numbers, line, on_both_backends, open_case, tg, total_rows};

on_both_backends!(
    each_user_numbers_cases_from_one_and_sees_only_their_own,
    a_turn_loads_every_case_with_its_events_and_contacts,
    deleting_a_user_leaves_no_row_about_them,
    money_round_trips_exactly,
    times_round_trip_in_utc_to_the_microsecond,
    migrations_are_idempotent,
    migrate_only_prepares_a_fresh_database,
);

async fn each_user_numbers_cases_from_one_and_sees_only_their_own(url: String) {
    let store = Store::connect(&url).await.expect("connect");
    let (alice, bob) = (tg(1), tg(2));
    let now = at("2026-03-01T10:00:00Z");
    for user in [&alice, &bob] {
        for n in 1..=2 {
            let number = open_case(&store, user, now, json!({ "owner": user.external_id, "n": n })).await;
            assert_eq!(number, n);
        }
    }
    let numbers = case_numbers(&store, &alice).await;
    assert_eq!(numbers, [2, 1], "newest first");

    let bobs = store.case(&bob, 1).await.expect("case").expect("bob has case 1");
    assert_eq!(bobs.record.inputs, json!({ "owner": 2, "n": 1 }));
    assert_eq!(bobs.events.len(), 1);
    assert_eq!(bobs.transcript.len(), 1);
    assert!(store.case(&bob, 3).await.expect("case").is_none());
    assert!(
        store.case(&tg(3), 1).await.expect("case").is_none(),
        "a stranger reaches no case"
    );
}

async fn a_turn_loads_every_case_with_its_events_and_contacts(url: String) {
    let store = Store::connect(&url).await.expect("connect");
    let (alice, bob) = (tg(1), tg(2));
    let now = at("2026-03-01T10:00:00Z");
    for user in [&alice, &alice, &bob] {
        open_case(&store, user, now, json!({})).await;
    }
    // Fractions of a second, a figure and a date: each backend's reading
    // of them must give back what was written.
    let later = at("2026-03-05T10:00:00.123456Z");
    store
        .turn(&alice, 1, None, later, |l: &Loaded| {
            let mut case = l.cases.iter().find(|c| c.number == 1).expect("case 1").clone();
            case.quote = Some(json!({ "refund": "123.45" }));
            case.policy = Some("ucloud".into());
            case.policy_version = Some("2026-01".into());
            case.expected_refund = Some(Decimal::new(12345, 2));
            case.next_date = NaiveDate::from_ymd_opt(2026, 3, 12);
            case.updated_at = later;
            let event = StatusEvent {
                status: CaseStatus::Submitted,
                at: later,
                note: Some("sent".into()),
            };
            let contact = Contact {
                at: later,
                agent: "Li".into(),
                said: "received".into(),
            };
            (
                Write {
                    cases: vec![case],
                    events: vec![(1, event)],
                    contacts: vec![(1, contact)],
                    ..Write::default()
                },
                (),
            )
        })
        .await
        .expect("turn");
    let loaded = store
        .turn(&alice, 1, None, later, |l: &Loaded| (Write::default(), l.clone()))
        .await
        .expect("turn");
    let Turn::Done(loaded) = loaded else {
        panic!("no update id, so never a duplicate")
    };
    let numbers: Vec<i64> = loaded.cases.iter().map(|c| c.number).collect();
    assert_eq!(numbers, [2, 1]);
    let events: Vec<(i64, CaseStatus)> = loaded.events.iter().map(|(n, e)| (*n, e.status)).collect();
    assert_eq!(
        events,
        [
            (1, CaseStatus::Draft),
            (2, CaseStatus::Draft),
            (1, CaseStatus::Submitted)
        ]
    );
    assert_eq!(loaded.events[2].1.at, later);
    assert_eq!(loaded.events[2].1.note.as_deref(), Some("sent"));
    assert_eq!(loaded.contacts.len(), 1);
    assert_eq!(loaded.contacts[0].0, 1);
    assert_eq!(loaded.contacts[0].1.said, "received");
    assert_eq!(loaded.contacts[0].1.at, later);
    // What a turn loads equals what the case listing reads.
    assert_eq!(loaded.cases, store.cases(&alice).await.expect("cases"));
    assert_eq!(loaded.cases[1].expected_refund, Some(Decimal::new(12345, 2)));
}

async fn deleting_a_user_leaves_no_row_about_them(url: String) {
    let store = Store::connect(&url).await.expect("connect");
    let (alice, bob) = (tg(1), tg(2));
    let now = at("2026-03-01T10:00:00Z");
    for user in [&alice, &bob] {
        answer(&store, user, Some(user.external_id * 100), now, "hi").await;
        let number = open_case(&store, user, now, json!({})).await;
        store
            .turn(user, 1, None, now, |l: &Loaded| {
                let contact = Contact {
                    at: now,
                    agent: "Li".into(),
                    said: "in review".into(),
                };
                (
                    Write {
                        state: l.state.clone(),
                        contacts: vec![(number, contact)],
                        ..Write::default()
                    },
                    (),
                )
            })
            .await
            .expect("turn");
    }
    let total = total_rows(&store).await;
    let alices = store.user_row_count(&alice).await.expect("count");
    let bobs = store.user_row_count(&bob).await.expect("count");
    // user, state, case, event, contact, 3 transcript lines, 1 update id
    assert_eq!((alices, bobs), (9, 9));

    assert_eq!(store.delete_user(&alice).await.expect("delete"), alices);

    assert_eq!(store.user_row_count(&alice).await.expect("count"), 0);
    assert_eq!(
        total_rows(&store).await,
        total - alices,
        "no orphan left in any table"
    );
    assert_eq!(store.user_row_count(&bob).await.expect("count"), bobs);
    assert!(store.user(&alice).await.expect("user").is_none());
    assert_eq!(store.delete_user(&alice).await.expect("delete again"), 0);
}

async fn money_round_trips_exactly(url: String) {
    let store = Store::connect(&url).await.expect("connect");
    let me = tg(5);
    let now = at("2026-03-01T10:00:00Z");
    let amounts = ["0.01", "1234567.89", "100000000.00", "0", "-2.21", "33.750"];
    store
        .turn(&me, 1, None, now, |_: &Loaded| {
            let cases = (1..)
                .zip(amounts)
                .map(|(number, amount)| CaseRecord {
                    expected_refund: Some(amount.parse::<Decimal>().expect("decimal")),
                    ..CaseRecord::draft(number, json!({ "paid": amount }), now)
                })
                .collect();
            (
                Write {
                    cases,
                    ..Write::default()
                },
                (),
            )
        })
        .await
        .expect("turn");
    let mut cases = store.cases(&me).await.expect("cases");
    cases.reverse();
    let back: Vec<String> = cases
        .iter()
        .map(|c| c.expected_refund.expect("refund").to_string())
        .collect();
    assert_eq!(back, amounts, "value and scale survive");
}

async fn times_round_trip_in_utc_to_the_microsecond(url: String) {
    let store = Store::connect(&url).await.expect("connect");
    let me = tg(6);
    // 2026-03-01 18:30:15.123456789 in Shanghai.
    let precise = at("2026-03-01T18:30:15.123456789+08:00");
    let kept = at("2026-03-01T10:30:15.123456Z");
    let date = NaiveDate::from_ymd_opt(2026, 3, 16).expect("date");
    store
        .turn(&me, 1, None, precise, |_: &Loaded| {
            let case = CaseRecord {
                next_date: Some(date),
                ..CaseRecord::draft(1, json!({}), precise)
            };
            let event = StatusEvent {
                status: CaseStatus::Submitted,
                at: precise,
                note: Some("sent".into()),
            };
            let contact = Contact {
                at: precise,
                agent: "Wang".into(),
                said: "ok".into(),
            };
            let write = Write {
                transcript: vec![line(Direction::Out, "hi", precise, Some(1))],
                cases: vec![case],
                events: vec![(1, event)],
                contacts: vec![(1, contact)],
                ..Write::default()
            };
            (write, ())
        })
        .await
        .expect("turn");
    let user = store.user(&me).await.expect("user").expect("known");
    assert_eq!((user.first_seen, user.last_seen), (kept, kept));
    let case = store.case(&me, 1).await.expect("case").expect("case 1");
    assert_eq!((case.record.created_at, case.record.updated_at), (kept, kept));
    assert_eq!(case.record.next_date, Some(date));
    assert_eq!(case.events[0].at, kept);
    assert_eq!(case.contacts[0].at, kept);
    assert_eq!(case.transcript[0].at, kept);
}

async fn migrations_are_idempotent(url: String) {
    let store = Store::connect(&url).await.expect("connect");
    answer(&store, &tg(1), Some(1), Utc::now(), "kept").await;
    store.close().await;
    Store::migrate_only(&url).await.expect("migrate again");
    let store = Store::connect(&url).await.expect("connect again");
    assert_eq!(store.transcript(&tg(1), 1).await.expect("transcript").len(), 2);
}

async fn migrate_only_prepares_a_fresh_database(url: String) {
    Store::migrate_only(&url).await.expect("migrate");
    let store = Store::connect(&url).await.expect("connect");
    let counts = store.table_counts().await.expect("counts");
    assert_eq!(counts.len(), 8);
    assert!(counts.iter().all(|(_, n)| *n == 0), "{counts:?}");
}
