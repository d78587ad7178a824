//! Hostile input and broken data through the real `App`, on SQLite and on
//! PostgreSQL (when `TEST_DATABASE_URL` is set; `REQUIRE_POSTGRES=1` makes a
//! missing PostgreSQL a failure).

use crate::harness;

use refund_assistant::app::{App, Message, Response};
use refund_assistant::case::CaseStatus;
use refund_assistant::store::{Loaded, UserKey, Write};
use serde_json::json;

use harness::{app, now, on_both_backends};

on_both_backends!(
    a_nul_byte_in_an_answer_is_dropped_and_the_conversation_goes_on,
    a_reply_whose_template_fails_is_a_polite_error_naming_the_case,
    a_submission_before_the_deletion_or_purchase_is_refused_with_the_reason,
    implausible_dates_are_answered_with_the_range,
);

async fn say(app: &App, user: &UserKey, msg: Message) -> Response {
    let r = app
        .handle(user, user.external_id, None, Some("zh-CN"), msg)
        .await
        .expect("no error reaches the adapter")
        .expect("not a duplicate");
    assert!(!r.unsaved, "the store took the message");
    r
}

async fn text(app: &App, user: &UserKey, t: &str) -> String {
    let r = say(app, user, Message::Text(t.to_owned())).await;
    r.replies.iter().map(|x| x.plain()).collect::<Vec<_>>().join("\n")
}

/// Up to the question for the start of the order.
const TO_DATES: [&str; 9] = [
    "/start",
    "开始退款评估",
    "按月",
    "逐项说明",
    "没有欠费",
    "没有违规",
    "没有定制",
    "我是账号所有者",
    "uhost-1a2b3c4d",
];

/// From the start date to the quote (deleted 2026-03-11 00:00), then the
/// details asked by "细化" (refine) and the refined quote.
const TO_QUOTE: [&str; 12] = [
    "2026-03-01",
    "2026-03-31",
    "800",
    "2026-03-11 00:00",
    "细化",
    "不是活动价",
    "没用代金券",
    "没有赠金",
    "没有超出",
    "没有增值服务",
    "控制台删除，自动退费",
    "业务调整",
];

async fn a_nul_byte_in_an_answer_is_dropped_and_the_conversation_goes_on(url: String) {
    let a = app(&url).await;
    let me = UserKey::new("telegram", 3);
    for t in TO_DATES {
        text(&a, &me, t).await;
    }
    // On PostgreSQL a NUL used to fail every later turn of this chat.
    let reply = text(&a, &me, "2026-03-01\0").await;
    assert!(!reply.contains('\0'));
    text(&a, &me, "2026-03-31\u{1b}").await;
    text(&a, &me, "8\u{0}00").await;
    for t in &TO_QUOTE[3..] {
        text(&a, &me, t).await;
    }
    let transcript = a.store.transcript(&me, 3).await.expect("transcript");
    assert!(
        transcript
            .iter()
            .all(|l| !l.text.contains('\0') && !l.text.contains('\u{1b}'))
    );
    let cases = a.store.cases(&me).await.expect("cases");
    assert_eq!(
        cases[0].expected_refund.map(|d| d.to_string()),
        Some("400.00".into())
    );
    assert!(text(&a, &me, "/help").await.contains("/cases"));
}

async fn a_reply_whose_template_fails_is_a_polite_error_naming_the_case(url: String) {
    let a = app(&url).await;
    let me = UserKey::new("telegram", 4);
    for t in TO_DATES.iter().chain(TO_QUOTE.iter()) {
        text(&a, &me, t).await;
    }
    // A case written by an older version, whose submission date is year 0
    // (stored as -0001-12-31T15:54:17Z), which no date filter can show.
    let mut case = a.store.cases(&me).await.expect("cases").remove(0);
    case.status = CaseStatus::Submitted;
    case.inputs["submitted_at"] = json!("-0001-12-31T15:54:17Z");
    let write = move |loaded: &Loaded| {
        let w = Write {
            state: loaded.state.clone(),
            cases: vec![case],
            ..Write::default()
        };
        (w, ())
    };
    a.store.turn(&me, 4, None, now(), write).await.expect("seed");
    let shown = text(&a, &me, "/case 1").await;
    assert!(!shown.contains("[case"), "a bare key: {shown}");
    assert!(shown.contains("案例 1"), "names the case: {shown}");
    // The document export of such a case fails the same polite way.
    let mut case = a.store.cases(&me).await.expect("cases").remove(0);
    case.inputs["draft"]["start"] = json!("-0001-12-31T15:54:17Z");
    let write = move |loaded: &Loaded| {
        let w = Write {
            state: loaded.state.clone(),
            cases: vec![case],
            ..Write::default()
        };
        (w, ())
    };
    a.store.turn(&me, 4, None, now(), write).await.expect("seed");
    let r = say(&a, &me, Message::Text("/export 1".into())).await;
    let shown: String = r.replies.iter().map(|x| x.plain()).collect();
    assert!(r.export.is_none() && shown.contains("案例 1 的"), "{shown}");
    assert!(text(&a, &me, "/help").await.contains("/cases"));
}

async fn a_submission_before_the_deletion_or_purchase_is_refused_with_the_reason(url: String) {
    let a = app(&url).await;
    let me = UserKey::new("telegram", 5);
    for t in TO_DATES.iter().chain(TO_QUOTE.iter()) {
        text(&a, &me, t).await;
    }
    say(&a, &me, Message::Button("result:submitted".into())).await;
    let before_deletion = text(&a, &me, "2026-03-05").await;
    assert!(before_deletion.contains("删除时间"), "{before_deletion}");
    let before_purchase = text(&a, &me, "2026-02-20").await;
    assert!(before_purchase.contains("购买时间"), "{before_purchase}");
    text(&a, &me, "2026-03-11 09:00").await;
    let case = a.store.cases(&me).await.expect("cases").remove(0);
    assert_eq!(case.status, CaseStatus::Submitted);
    assert_eq!(case.inputs["submitted_at"], json!("2026-03-11T01:00:00Z"));
}

async fn implausible_dates_are_answered_with_the_range(url: String) {
    let a = app(&url).await;
    let me = UserKey::new("telegram", 6);
    for t in TO_DATES {
        text(&a, &me, t).await;
    }
    for bad in ["0000-01-01", "1970-01-01"] {
        let r = text(&a, &me, bad).await;
        assert!(r.contains("2012-01-01") && r.contains("2036-12-31"), "{bad}: {r}");
    }
    let r = text(&a, &me, "2026-03-01").await;
    assert!(!r.contains("2012-01-01"), "{r}");
}
