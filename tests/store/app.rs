//! The whole app path (store + engine + templates) on both backends.

use refund_assistant::app::{App, Message, Response};
use refund_assistant::conversation::{Position, State};
use refund_assistant::store::UserKey;

use crate::harness::{app, now, on_both_backends, total_rows};

on_both_backends!(
    a_restart_resumes_at_the_same_question_with_earlier_answers_kept,
    a_duplicate_update_changes_nothing,
    deleting_my_data_leaves_nothing_about_me,
    each_user_numbers_cases_from_one_and_never_sees_another_users_case,
    the_quoted_figure_comes_back_exactly_after_a_restart,
);

async fn say(app: &App, user: &UserKey, update: Option<i64>, msg: Message) -> Option<Response> {
    app.handle(user, user.external_id, update, Some("zh-CN"), msg)
        .await
        .expect("handled")
}

async fn text(app: &App, user: &UserKey, t: &str) -> String {
    let r = say(app, user, None, Message::Text(t.to_owned()))
        .await
        .expect("not a duplicate");
    r.replies.iter().map(|x| x.plain()).collect::<Vec<_>>().join("\n")
}

/// The worked example up to the quote; labels typed, as a user would.
const SCRIPT: [&str; 21] = [
    "/start",
    "开始退款评估",
    "按月",
    "逐项说明",
    "没有欠费",
    "没有违规",
    "没有定制",
    "我是账号所有者",
    "uhost-1a2b3c4d",
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

async fn state(app: &App, user: &UserKey) -> State {
    let loaded = app.store.turn(user, user.external_id, None, now(), |l| {
        (
            refund_assistant::store::Write {
                state: l.state.clone(),
                ..Default::default()
            },
            l.state.clone(),
        )
    });
    let value = match loaded.await.expect("turn") {
        refund_assistant::store::Turn::Done(v) => v,
        refund_assistant::store::Turn::Duplicate => None,
    };
    value
        .map(|v| serde_json::from_value(v).expect("state"))
        .unwrap_or_default()
}

async fn a_restart_resumes_at_the_same_question_with_earlier_answers_kept(url: String) {
    let user = UserKey::new("telegram", 42);
    let first = app(&url).await;
    for t in &SCRIPT[..10] {
        text(&first, &user, t).await;
    }
    let before = state(&first, &user).await;
    assert_eq!(before.at, Position::End);
    first.store.close().await;
    drop(first);
    let second = app(&url).await;
    let resumed = say(&second, &user, None, Message::Resume)
        .await
        .expect("response");
    let shown: String = resumed.replies.iter().map(|r| r.plain()).collect();
    assert!(shown.contains("订单到什么时候"), "{shown}");
    assert_eq!(state(&second, &user).await.draft, before.draft);
    for t in &SCRIPT[10..] {
        text(&second, &user, t).await;
    }
    let cases = second.store.cases(&user).await.expect("cases");
    assert_eq!(
        cases[0].expected_refund.map(|d| d.to_string()),
        Some("400.00".into())
    );
}

async fn a_duplicate_update_changes_nothing(url: String) {
    let user = UserKey::new("telegram", 7);
    let a = app(&url).await;
    say(&a, &user, Some(1), Message::Text("/start".into()))
        .await
        .expect("first");
    say(&a, &user, Some(2), Message::Text("开始退款评估".into()))
        .await
        .expect("second");
    let rows = total_rows(&a.store).await;
    let again = say(&a, &user, Some(2), Message::Text("开始退款评估".into())).await;
    assert!(again.is_none(), "a redelivered update is ignored");
    assert_eq!(total_rows(&a.store).await, rows);
    assert_eq!(a.store.cases(&user).await.expect("cases").len(), 1);
}

async fn deleting_my_data_leaves_nothing_about_me(url: String) {
    let me = UserKey::new("telegram", 1);
    let other = UserKey::new("telegram", 2);
    let a = app(&url).await;
    for t in SCRIPT {
        text(&a, &me, t).await;
    }
    text(&a, &other, "/start").await;
    let others_rows = a.store.user_row_count(&other).await.expect("count");
    text(&a, &me, "/delete_my_data").await;
    let r = say(&a, &me, None, Message::Text("确认删除全部数据".into()))
        .await
        .expect("response");
    assert!(r.deleted);
    assert_eq!(a.store.user_row_count(&me).await.expect("count"), 0);
    assert!(a.store.user(&me).await.expect("user").is_none());
    assert_eq!(a.store.user_row_count(&other).await.expect("count"), others_rows);
}

async fn each_user_numbers_cases_from_one_and_never_sees_another_users_case(url: String) {
    let alice = UserKey::new("telegram", 10);
    let bob = UserKey::new("telegram", 11);
    let a = app(&url).await;
    for t in SCRIPT {
        text(&a, &alice, t).await;
    }
    text(&a, &bob, "/start").await;
    let reply = text(&a, &bob, "/case 1").await;
    assert!(
        !reply.contains("uhost-1a2b3c4d"),
        "bob must not see alice's case: {reply}"
    );
    assert!(reply.contains("没有案例 #1"), "{reply}");
    text(&a, &bob, "开始退款评估").await;
    let numbers: Vec<i64> = a
        .store
        .cases(&bob)
        .await
        .expect("cases")
        .iter()
        .map(|c| c.number)
        .collect();
    assert_eq!(numbers, vec![1]);
    let export = a
        .export(&bob, 1, refund_assistant::render::Lang::ZhCn, None)
        .await
        .expect("export");
    assert!(export.is_some_and(|doc| !doc.contains("uhost-1a2b3c4d")));
}

async fn the_quoted_figure_comes_back_exactly_after_a_restart(url: String) {
    let user = UserKey::new("console", 1);
    let a = app(&url).await;
    for t in SCRIPT {
        text(&a, &user, t).await;
    }
    a.store.close().await;
    let b = app(&url).await;
    let case = text(&b, &user, "/case 1").await;
    assert!(case.contains("预计退款 ¥400.00"), "{case}");
    assert!(case.contains("已用 240/720 小时"), "{case}");
    let doc = b
        .export(&user, 1, refund_assistant::render::Lang::En, None)
        .await
        .expect("export")
        .expect("a case");
    assert!(doc.contains("¥400.00") && doc.contains("uhost-1a2b3c4d"), "{doc}");
}
