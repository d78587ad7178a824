//! Retention: finished cases older than the limit go, with their history.

use refund_assistant::case::CaseStatus;
use refund_assistant::reminders::{Kind, Planned};
use refund_assistant::store::{CaseRecord, Direction, Replan, Store, Write};
use serde_json::json;

use crate::harness::{
    at, case_numbers, erase_finished, line, on_both_backends, tg, transcript_texts, write_turn,
};

on_both_backends!(cases_closed_before_the_limit_are_erased_with_their_transcript);

async fn cases_closed_before_the_limit_are_erased_with_their_transcript(url: String) {
    let store = Store::connect(&url).await.expect("connect");
    let me = tg(1);
    let long_ago = at("2026-01-05T02:00:00Z");
    let now = at("2026-03-05T02:00:00Z");
    let mut closed = CaseRecord::draft(1, json!({ "secret": "uhost-closed01" }), long_ago);
    closed.status = CaseStatus::Refunded;
    let open = CaseRecord::draft(2, json!({}), long_ago);
    let write = Write {
        cases: vec![closed, open],
        transcript: vec![
            line(Direction::In, "about case 1", long_ago, Some(1)),
            line(Direction::In, "about case 2", long_ago, Some(2)),
            line(Direction::In, "no case", long_ago, None),
        ],
        replans: vec![Replan {
            case: 1,
            plan: vec![Planned {
                kind: Kind::Withdrawal,
                seq: 0,
                due: now,
            }],
        }],
        ..Write::default()
    };
    write_turn(&store, &me, long_ago, write).await;
    // Nothing is older than 90 days yet.
    assert_eq!(erase_finished(&store, now, 90).await, 0);
    assert_eq!(erase_finished(&store, now, 30).await, 1);
    assert_eq!(case_numbers(&store, &me).await, [2], "the open case stays");
    assert_eq!(transcript_texts(&store, &me).await, ["about case 2", "no case"]);
    let counts = store.table_counts().await.expect("counts");
    assert!(counts.contains(&("reminders", 0)), "{counts:?}");
}
