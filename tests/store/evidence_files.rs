//! Evidence files go with the rows that refer to them: retention removes
//! the files of the cases it erases (a file another case still lists stays),
//! `/delete_my_data` removes the user's folder.

use refund_assistant::case::CaseStatus;
use refund_assistant::store::{CaseRecord, Store, Write};
use serde_json::json;

use crate::harness::{at, erase_finished, on_both_backends, tg, write_turn};

on_both_backends!(erased_cases_and_users_take_their_evidence_files_with_them);

async fn erased_cases_and_users_take_their_evidence_files_with_them(url: String) {
    let dir = tempfile::tempdir().expect("dir");
    let store = Store::connect(&url)
        .await
        .expect("connect")
        .with_evidence_dir(dir.path().join("evidence"));
    let me = tg(1);
    let files = store.evidence().clone();
    let only_closed = files.put(&me, b"the closed case's screenshot").expect("put");
    let only_open = files.put(&me, b"the open case's screenshot").expect("put");
    let both = files.put(&me, b"a payment record in both cases").expect("put");
    let long_ago = at("2026-01-05T02:00:00Z");
    let now = at("2026-03-05T02:00:00Z");
    let mut closed = CaseRecord::draft(
        1,
        json!({ "evidence": [{ "sha256": only_closed }, { "sha256": both }] }),
        long_ago,
    );
    closed.status = CaseStatus::Closed;
    let open = CaseRecord::draft(
        2,
        json!({ "evidence": [{ "sha256": only_open }, { "sha256": both }] }),
        long_ago,
    );
    let write = Write {
        cases: vec![closed, open],
        ..Write::default()
    };
    write_turn(&store, &me, long_ago, write).await;
    assert_eq!(erase_finished(&store, now, 30).await, 1);
    assert!(
        !files.path_of(&me, &only_closed).exists(),
        "the erased case's file goes"
    );
    assert!(
        files.path_of(&me, &only_open).exists(),
        "the open case's file stays"
    );
    assert!(
        files.path_of(&me, &both).exists(),
        "a file the open case lists stays"
    );
    store.delete_user(&me).await.expect("delete");
    assert!(
        !files.user_dir(&me).exists(),
        "/delete_my_data removes the folder"
    );
}
