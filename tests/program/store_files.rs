//! The SQLite file itself: who may read it, what an erasure leaves behind,
//! and which URLs create it.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Command;

use chrono::Utc;
use refund_assistant::store::{Direction, Loaded, Store, TranscriptLine, UserKey, Write, sqlite_url};
use serde_json::json;

const SECRET: &str = "the-reason-nobody-else-may-read uhost-9z8y7x6w";

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .permissions()
        .mode()
        & 0o777
}

fn companion(db: &Path, suffix: &str) -> std::path::PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(suffix);
    name.into()
}

/// Says `text` once: state, transcript in and out, all holding the text.
async fn say(store: &Store, user: &UserKey, text: &str) {
    let now = Utc::now();
    let line = |direction| TranscriptLine {
        direction,
        text: text.to_owned(),
        at: now,
        case_number: None,
    };
    store
        .turn(user, 1, None, now, |_: &Loaded| {
            let w = Write {
                state: Some(json!({ "reason": text })),
                transcript: vec![line(Direction::In), line(Direction::Out)],
                ..Write::default()
            };
            (w, ())
        })
        .await
        .expect("turn");
}

fn holds(path: &Path, needle: &str) -> bool {
    let bytes = std::fs::read(path).unwrap_or_default();
    bytes.windows(needle.len()).any(|w| w == needle.as_bytes())
}

#[tokio::test]
async fn the_folder_and_every_database_file_are_readable_by_the_owner_only() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let db = tmp.path().join("data").join("nested").join("ra.db");
    let store = Store::connect(&sqlite_url(&db)).await.expect("connect");
    say(&store, &UserKey::new("console", 1), "hello").await;
    assert_eq!(mode(&tmp.path().join("data")), 0o700);
    assert_eq!(mode(&tmp.path().join("data").join("nested")), 0o700);
    assert_eq!(mode(&db), 0o600);
    assert_eq!(mode(&companion(&db, "-wal")), 0o600);
    assert_eq!(mode(&companion(&db, "-shm")), 0o600);
    store.close().await;
}

#[tokio::test]
async fn a_database_left_readable_by_others_is_narrowed_when_opened() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let db = tmp.path().join("ra.db");
    let store = Store::connect(&sqlite_url(&db)).await.expect("connect");
    store.close().await;
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    let store = Store::connect(&sqlite_url(&db)).await.expect("reconnect");
    assert_eq!(mode(&db), 0o600);
    store.close().await;
}

#[tokio::test]
async fn erased_text_is_gone_from_the_database_file_and_its_log() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let db = tmp.path().join("ra.db");
    let store = Store::connect(&sqlite_url(&db)).await.expect("connect");
    let me = UserKey::new("console", 1);
    let other = UserKey::new("console", 2);
    say(&store, &other, "someone else's words stay").await;
    for _ in 0..20 {
        say(&store, &me, SECRET).await;
    }
    assert!(
        holds(&db, SECRET) || holds(&companion(&db, "-wal"), SECRET),
        "the text was written"
    );
    store.delete_user(&me).await.expect("delete");
    for file in [db.clone(), companion(&db, "-wal")] {
        assert!(
            !holds(&file, SECRET),
            "{} still holds the erased text",
            file.display()
        );
    }
    assert_eq!(store.transcript(&other, 1).await.expect("read").len(), 2);
    store.close().await;
    assert!(!holds(&db, SECRET), "still gone after closing");
}

#[tokio::test]
async fn a_sqlite_url_without_a_mode_creates_the_file() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let db = tmp.path().join("new.db");
    let url = format!("sqlite://{}", db.display());
    let store = Store::connect(&url).await.expect("connect creates the file");
    assert_eq!(mode(&db), 0o600);
    store.close().await;
    let db2 = tmp.path().join("new2.db");
    let store = Store::connect(&format!("sqlite:{}", db2.display()))
        .await
        .expect("the short form too");
    assert!(db2.exists());
    store.close().await;
}

#[test]
fn the_binary_creates_a_database_named_by_a_sqlite_url() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let from_flag = tmp.path().join("flag").join("new.db");
    let from_env = tmp.path().join("env").join("new.db");
    let bin = env!("CARGO_BIN_EXE_refund-assistant");
    let out = Command::new(bin)
        .args(["migrate", "--db", &format!("sqlite://{}", from_flag.display())])
        .env_remove("DATABASE_URL")
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = Command::new(bin)
        .arg("migrate")
        .env("DATABASE_URL", format!("sqlite://{}", from_env.display()))
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    for db in [&from_flag, &from_env] {
        assert_eq!(mode(db), 0o600, "{}", db.display());
        assert_eq!(mode(db.parent().expect("folder")), 0o700);
    }
}

#[test]
fn the_default_data_folder_is_created_for_the_owner_only() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = Command::new(env!("CARGO_BIN_EXE_refund-assistant"))
        .arg("migrate")
        .env_remove("DATABASE_URL")
        .env("XDG_DATA_HOME", tmp.path())
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let dir = tmp.path().join("refund-assistant");
    assert_eq!(mode(&dir), 0o700);
    assert_eq!(mode(&dir.join("refund-assistant.db")), 0o600);
}
