//! Cases handed to a person: one hand-off (and so one topic) per case even
//! when two replicas hand the same case off at once, found back from its
//! topic, closed and reopened with its topic kept, its messages kept, the
//! overdue ones claimed once, and everything gone with the user's data.

use chrono::Duration;
use refund_assistant::app::Message;
use refund_assistant::store::{Author, Opened, Store, UserKey};

use crate::harness::{app, now, on_both_backends};

const INBOX: i64 = -1_001_234_567_890;

/// A user the store has seen (a first message creates the row).
async fn seen(url: &str, id: i64) -> UserKey {
    let a = app(url).await;
    let user = UserKey::new("telegram", id);
    a.handle(&user, id, None, Some("zh-CN"), Message::Text("你好".into()))
        .await
        .expect("handled");
    user
}

async fn two_replicas_hand_off_one_case_once(url: String) {
    let user = seen(&url, 41).await;
    let (a, b) = (
        Store::connect(&url).await.expect("a"),
        Store::connect(&url).await.expect("b"),
    );
    let due = now() + Duration::hours(4);
    let mut news = 0;
    for _ in 0..5 {
        let (x, y) = tokio::join!(
            a.open_handoff(&user, 41, 1, INBOX, now(), due),
            b.open_handoff(&user, 41, 1, INBOX, now(), due)
        );
        for o in [x.expect("a opens"), y.expect("b opens")] {
            if matches!(o, Some(Opened::New(_))) {
                news += 1;
            }
        }
    }
    assert_eq!(news, 1, "one replica creates the topic, once");
    assert_eq!(a.open_handoff_count().await.expect("count"), 1);
}

async fn a_topic_leads_back_to_its_case_and_only_its_case(url: String) {
    let (u1, u2) = (seen(&url, 51).await, seen(&url, 52).await);
    let s = Store::connect(&url).await.expect("store");
    let due = now() + Duration::hours(4);
    let Some(Opened::New(h1)) = s.open_handoff(&u1, 51, 1, INBOX, now(), due).await.expect("open") else {
        panic!("a new hand-off");
    };
    let Some(Opened::New(h2)) = s.open_handoff(&u2, 52, 0, INBOX, now(), due).await.expect("open") else {
        panic!("a new hand-off");
    };
    s.set_handoff_topic(h1.id, 700).await.expect("topic");
    s.set_handoff_topic(h2.id, 701).await.expect("topic");
    let found = s
        .handoff_by_topic(INBOX, 700)
        .await
        .expect("read")
        .expect("found");
    assert_eq!(
        (found.user, found.case_number, found.chat_id),
        (u1.clone(), 1, 51)
    );
    assert!(s.handoff_by_topic(INBOX, 999).await.expect("read").is_none());
    assert!(
        s.handoff_by_topic(-1_009_999_999_999, 700)
            .await
            .expect("read")
            .is_none()
    );

    // Closed, then opened again: the same topic.
    assert!(s.close_handoff(h1.id, now()).await.expect("close"));
    assert!(!s.close_handoff(h1.id, now()).await.expect("closed already"));
    let again = s
        .open_handoff(&u1, 51, 1, INBOX, now(), due)
        .await
        .expect("reopen");
    assert!(
        matches!(again, Some(Opened::Reopened(ref h)) if h.topic == Some(700) && h.open),
        "{again:?}"
    );
}

async fn messages_are_kept_and_the_first_reply_is_timed(url: String) {
    let user = seen(&url, 61).await;
    let s = Store::connect(&url).await.expect("store");
    let Some(Opened::New(h)) = s
        .open_handoff(&user, 61, 1, INBOX, now(), now() + Duration::hours(4))
        .await
        .expect("open")
    else {
        panic!("new");
    };
    assert_eq!(
        s.add_handoff_message(h.id, Author::User, "还在吗", now())
            .await
            .expect("kept"),
        None
    );
    let first = s
        .add_handoff_message(h.id, Author::Person, "在的", now() + Duration::minutes(30))
        .await
        .expect("kept");
    assert_eq!(first, Some(Duration::minutes(30)));
    let later = s
        .add_handoff_message(h.id, Author::Person, "好了", now() + Duration::hours(1))
        .await;
    assert_eq!(later.expect("kept"), None, "only the first reply is timed");
    s.add_handoff_message(h.id, Author::Note, "用户是财务", now())
        .await
        .expect("note");
    let kept = s.handoff_messages(h.id).await.expect("read");
    let authors: Vec<Author> = kept.iter().map(|(a, _, _)| *a).collect();
    assert_eq!(
        authors,
        [Author::User, Author::Person, Author::Person, Author::Note]
    );
}

async fn an_overdue_hand_off_is_claimed_once(url: String) {
    let user = seen(&url, 71).await;
    let s = Store::connect(&url).await.expect("store");
    let due = now() + Duration::hours(1);
    let Some(Opened::New(h)) = s
        .open_handoff(&user, 71, 1, INBOX, now(), due)
        .await
        .expect("open")
    else {
        panic!("new");
    };
    s.set_handoff_topic(h.id, 800).await.expect("topic");
    assert!(
        s.claim_overdue_handoffs(now(), 10)
            .await
            .expect("claim")
            .is_empty(),
        "not due yet"
    );
    let later = now() + Duration::hours(2);
    let (x, y) = tokio::join!(
        s.claim_overdue_handoffs(later, 10),
        s.claim_overdue_handoffs(later, 10)
    );
    assert_eq!(x.expect("x").len() + y.expect("y").len(), 1);
    assert!(
        s.claim_overdue_handoffs(later, 10)
            .await
            .expect("claim")
            .is_empty()
    );
}

async fn erasing_the_user_erases_their_hand_offs(url: String) {
    let user = seen(&url, 81).await;
    let s = Store::connect(&url).await.expect("store");
    let Some(Opened::New(h)) = s
        .open_handoff(&user, 81, 1, INBOX, now(), now() + Duration::hours(4))
        .await
        .expect("open")
    else {
        panic!("new");
    };
    s.set_handoff_topic(h.id, 900).await.expect("topic");
    s.add_handoff_message(h.id, Author::User, "我的电话 13812345678", now())
        .await
        .expect("kept");
    assert_eq!(s.handoffs_of_user(&user).await.expect("read").len(), 1);
    s.delete_user(&user).await.expect("erase");
    assert_eq!(s.user_row_count(&user).await.expect("count"), 0);
    assert!(s.handoff_by_topic(INBOX, 900).await.expect("read").is_none());
}

async fn a_finished_case_under_retention_takes_its_hand_off_along(url: String) {
    use crate::harness::{at, erase_finished, tg, write_turn};
    use refund_assistant::case::CaseStatus;
    use refund_assistant::store::{CaseRecord, Write};
    let s = Store::connect(&url).await.expect("store");
    let me = tg(1);
    let long_ago = at("2026-01-05T02:00:00Z");
    let mut closed = CaseRecord::draft(1, serde_json::json!({}), long_ago);
    closed.status = CaseStatus::Closed;
    let open = CaseRecord::draft(2, serde_json::json!({}), long_ago);
    let write = Write {
        cases: vec![closed, open],
        ..Write::default()
    };
    write_turn(&s, &me, long_ago, write).await;
    let due = long_ago + Duration::hours(4);
    for n in [1, 2] {
        let o = s
            .open_handoff(&me, 1, n, INBOX, long_ago, due)
            .await
            .expect("open");
        let Some(Opened::New(h)) = o else {
            panic!("new: {o:?}")
        };
        s.set_handoff_topic(h.id, 100 + n).await.expect("topic");
    }
    assert_eq!(erase_finished(&s, at("2026-03-05T02:00:00Z"), 30).await, 1);
    assert!(
        s.handoff_by_topic(INBOX, 101).await.expect("read").is_none(),
        "case 1's went with it"
    );
    assert!(
        s.handoff_by_topic(INBOX, 102).await.expect("read").is_some(),
        "case 2's stays"
    );
}

on_both_backends!(
    a_finished_case_under_retention_takes_its_hand_off_along,
    two_replicas_hand_off_one_case_once,
    a_topic_leads_back_to_its_case_and_only_its_case,
    messages_are_kept_and_the_first_reply_is_timed,
    an_overdue_hand_off_is_claimed_once,
    erasing_the_user_erases_their_hand_offs,
);
