//! `refund-assistant reminders`: the operator's listing of what is due, on the
//! real binary against a real SQLite file.

use std::process::Command;

use chrono::{DateTime, Duration, Utc};
use refund_assistant::reminders::{Kind, Planned};
use refund_assistant::store::{CaseRecord, Loaded, Replan, Store, UserKey, Write, sqlite_url};
use serde_json::{Value, json};

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s)
        .expect("RFC 3339")
        .with_timezone(&Utc)
}

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_refund-assistant"))
}

/// A database with one user, case 1, and two reminders (one due at 10:00
/// Beijing on 16 March 2026, one three days later).
async fn seeded(path: &std::path::Path) {
    let store = Store::connect(&sqlite_url(path)).await.expect("connect");
    let now = at("2026-03-10T02:00:00Z");
    let due = at("2026-03-16T02:00:00Z");
    store
        .turn(&UserKey::new("telegram", 42), 42, None, now, move |_: &Loaded| {
            let write = Write {
                cases: vec![CaseRecord::draft(1, json!({}), now)],
                replans: vec![Replan {
                    case: 1,
                    plan: vec![
                        Planned {
                            kind: Kind::Review,
                            seq: 0,
                            due,
                        },
                        Planned {
                            kind: Kind::ReviewOverdue,
                            seq: 1,
                            due: due + Duration::days(3),
                        },
                    ],
                }],
                ..Write::default()
            };
            (write, ())
        })
        .await
        .expect("turn");
    store.close().await;
}

#[tokio::test]
async fn lists_what_is_due_at_a_moment_as_json_lines_without_sending() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("r.db");
    seeded(&db).await;
    let out = bin()
        .args(["reminders", "--db"])
        .arg(&db)
        .args(["--at", "2026-03-16 10:00", "--json"])
        .output()
        .expect("run");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let rows: Vec<Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    assert_eq!(
        rows,
        vec![json!({ "case": 1, "user": "telegram:42", "kind": "review", "due": "2026-03-16T02:00:00Z" })]
    );
    // Listing changed nothing: the same reminder is still due.
    let again = bin()
        .args(["reminders", "--db"])
        .arg(&db)
        .args(["--at", "2026-03-19 10:00", "--json"])
        .output()
        .expect("run");
    assert_eq!(String::from_utf8_lossy(&again.stdout).lines().count(), 2);
}

#[tokio::test]
async fn text_listing_and_nothing_due() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("r.db");
    seeded(&db).await;
    let out = bin()
        .args(["reminders", "--lang", "en", "--db"])
        .arg(&db)
        .args(["--at", "2026-03-16T02:00:00Z"])
        .output()
        .expect("run");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("#1\ttelegram:42\treview"), "{stdout}");
    let none = bin()
        .args(["reminders", "--lang", "en", "--db"])
        .arg(&db)
        .args(["--at", "2026-03-01"])
        .output()
        .expect("run");
    assert_eq!(
        String::from_utf8_lossy(&none.stdout).trim(),
        "No reminders are due."
    );
}

#[test]
fn a_bad_moment_is_one_line_and_exit_2() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = bin()
        .args(["reminders", "--lang", "en", "--db"])
        .arg(dir.path().join("r.db"))
        .args(["--at", "next tuesdayish"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    assert!(stderr.contains("--at"), "{stderr}");
}
