//! getMe and the updates: every builder deserialized by teloxide, offsets,
//! limits, redelivery and long polling.

use super::*;

#[tokio::test]
async fn get_me_answers_a_full_bot_user() {
    let api = FakeBotApi::start().await;
    let me: Me = call(&api, "getMe", json!({})).await;
    assert_eq!(
        (me.id.0, me.is_bot, me.username()),
        (123456, true, FakeBotApi::BOT_USERNAME)
    );
    let me = bot(&api).get_me().await.unwrap();
    assert!(me.can_join_groups);
    let calls = api.calls();
    assert_eq!(
        calls
            .iter()
            .map(|c| (c.method.as_str(), c.status))
            .collect::<Vec<_>>(),
        [("getMe", 200); 2]
    );
    let (status, reply) = post(&api, "getme", json!({})).await;
    assert_eq!(
        (status, reply["ok"].clone()),
        (200, json!(true)),
        "method names are case-insensitive"
    );
    let wrong = reqwest::get(format!("{}/bot1:WRONG/getMe", api.api_url()))
        .await
        .unwrap();
    assert_eq!(wrong.status().as_u16(), 401);
}

#[tokio::test]
async fn every_update_builder_deserializes_into_teloxide_updates() {
    let api = FakeBotApi::start().await;
    let sent: Message = call(
        &api,
        "sendMessage",
        json!({"chat_id": USER, "text": "Pick",
        "reply_markup": {"inline_keyboard": [[{"text": "Yes", "callback_data": "yes"}]]}}),
    )
    .await;
    let ids = [
        api.user_text(USER, "/start now", Some("ru")),
        api.user_press(USER, sent.id.0 as i64, "yes"),
        api.user_photo(USER),
        api.user_sticker(USER),
        api.group_text(-777, USER, "hello group"),
        api.edited_text(USER, 5, "edited"),
    ];
    assert!(ids.windows(2).all(|w| w[1] == w[0] + 1), "monotonic ids {ids:?}");
    let raw: Vec<Value> = call(&api, "getUpdates", json!({"offset": 0})).await;
    assert_eq!(
        raw[0]["message"]["entities"][0],
        json!({"type": "bot_command", "offset": 0, "length": 6})
    );
    let updates = bot(&api).get_updates().await.unwrap();
    assert_eq!(updates.iter().map(|u| u.id.0 as i64).collect::<Vec<_>>(), ids);
    let message = |u: &Update| match &u.kind {
        UpdateKind::Message(m) | UpdateKind::EditedMessage(m) => m.clone(),
        other => panic!("not a message: {other:?}"),
    };
    let text = message(&updates[0]);
    assert_eq!(
        (text.text(), text.chat.id.0, text.chat.is_private()),
        (Some("/start now"), USER, true)
    );
    assert_eq!(text.from.as_ref().unwrap().language_code.as_deref(), Some("ru"));
    let UpdateKind::CallbackQuery(query) = &updates[1].kind else {
        panic!("{:?}", updates[1])
    };
    assert_eq!(
        (query.id.0.as_str(), query.data.as_deref(), query.from.id.0),
        ("cb2", Some("yes"), USER as u64)
    );
    let on = query.regular_message().expect("the message the keyboard was on");
    assert_eq!(
        (on.id, on.text(), on.reply_markup()),
        (sent.id, Some("Pick"), Some(&keyboard("yes")))
    );
    assert!(message(&updates[2]).photo().is_some());
    assert!(message(&updates[3]).sticker().is_some());
    let group = message(&updates[4]);
    assert_eq!(
        (group.chat.is_group(), group.chat.id.0, group.text()),
        (true, -777, Some("hello group"))
    );
    assert!(matches!(updates[5].kind, UpdateKind::EditedMessage(_)));
    assert_eq!(message(&updates[5]).id.0, 5);
    assert!(message(&updates[5]).edit_date().is_some());
}

#[tokio::test]
async fn get_updates_honours_offset_limit_and_redelivery() {
    let api = FakeBotApi::start().await;
    let a = api.user_text(USER, "a", None);
    let b = api.user_text(USER, "b", None);
    let c = api.user_text(USER, "c", None);
    let ids = |v: Vec<Update>| v.iter().map(|u| u.id.0 as i64).collect::<Vec<i64>>();
    let none: [i64; 0] = [];
    assert_eq!(
        ids(call(&api, "getUpdates", json!({"offset": 0, "limit": 2})).await),
        [a, b]
    );
    assert_eq!(ids(call(&api, "getUpdates", json!({"offset": b})).await), [b, c]);
    assert_eq!(
        ids(call(&api, "getUpdates", json!({"offset": c + 1, "timeout": 0})).await),
        none
    );
    assert_eq!(api.pending_updates(), 0);
    api.push_raw(
        json!({"update_id": b, "message": {"message_id": 9, "date": 1, "text": "again",
        "chat": {"id": USER, "type": "private", "first_name": "U"}}}),
    );
    assert_eq!(
        ids(call(&api, "getUpdates", json!({"offset": c + 1})).await),
        [b],
        "redelivered once"
    );
    assert_eq!(
        ids(call(&api, "getUpdates", json!({"offset": c + 1})).await),
        none
    );
    let d = api.user_text(USER, "d", None);
    let e = api.user_text(USER, "e", None);
    assert_eq!(
        ids(call(&api, "getUpdates", json!({"offset": -1})).await),
        [e],
        "negative offset"
    );
    assert!(d < e);
}

#[tokio::test]
async fn get_updates_long_polls() {
    let api = FakeBotApi::start().await;
    let started = Instant::now();
    let empty: Vec<Update> = call(&api, "getUpdates", json!({"timeout": 1})).await;
    assert!(empty.is_empty());
    assert!(
        (900..1800).contains(&started.elapsed().as_millis()),
        "{:?}",
        started.elapsed()
    );

    let started = Instant::now();
    let empty: Vec<Update> = call(&api, "getUpdates", json!({"timeout": 30})).await;
    assert!(empty.is_empty());
    let waited = started.elapsed().as_millis();
    assert!(
        (1900..2800).contains(&waited),
        "timeout is capped at 2 s: {waited}"
    );

    let started = Instant::now();
    let api = std::sync::Arc::new(api);
    let pusher = api.clone();
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(300)).await;
        pusher.user_text(USER, "late", None);
    });
    let updates = bot(&api).get_updates().timeout(10).await.unwrap();
    assert_eq!(updates.len(), 1);
    assert!(
        started.elapsed() < Duration::from_millis(1200),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(
        api.calls_of("getUpdates")[2],
        json!({"timeout": 10}),
        "teloxide sends timeout in seconds"
    );
}
