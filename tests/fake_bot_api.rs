//! Self-test of the fake Telegram Bot API used by the end-to-end bot tests:
//! plain HTTP requests, plus a real teloxide `Bot` pointed at the fake, with every
//! answer deserialized into teloxide's types.

#[path = "support/fake_bot_api.rs"]
mod fake_bot_api;

use std::time::{Duration, Instant};

use fake_bot_api::FakeBotApi;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use teloxide::prelude::*;
use teloxide::types::{
    BotCommand, InlineKeyboardButton, InlineKeyboardMarkup, InputFile, Me, Message, MessageId, ParseMode,
    True, Update, UpdateKind, WebhookInfo,
};
use teloxide::update_listeners::webhooks;
use teloxide::{ApiError, RequestError};

const USER: i64 = 4242;

async fn post(api: &FakeBotApi, method: &str, body: Value) -> (u16, Value) {
    let response = reqwest::Client::new()
        .post(api.method_url(method))
        .json(&body)
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.json().await.unwrap())
}

/// POSTs and deserializes `result` into `T`, checking the Telegram envelope.
async fn call<T: DeserializeOwned>(api: &FakeBotApi, method: &str, body: Value) -> T {
    let (status, reply) = post(api, method, body).await;
    assert_eq!((status, &reply["ok"]), (200, &json!(true)), "{method}: {reply}");
    serde_json::from_value(reply["result"].clone()).unwrap_or_else(|e| panic!("{method}: {e}: {reply}"))
}

fn bot(api: &FakeBotApi) -> Bot {
    Bot::new(FakeBotApi::TOKEN).set_api_url(api.api_url().parse().unwrap())
}

fn keyboard(data: &str) -> InlineKeyboardMarkup {
    InlineKeyboardMarkup::new([[InlineKeyboardButton::callback("Yes", data)]])
}

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

#[tokio::test]
async fn messages_are_sent_edited_and_tracked() {
    let api = FakeBotApi::start().await;
    let bot = bot(&api);
    let sent = bot
        .send_message(ChatId(USER), "<b>Refund</b> &lt;due&gt;")
        .parse_mode(ParseMode::Html)
        .reply_markup(keyboard("go"))
        .await
        .unwrap();
    assert_eq!(
        sent.text(),
        Some("Refund <due>"),
        "Telegram echoes the text without tags"
    );
    assert_eq!(
        (sent.chat.id.0, sent.from.as_ref().map(|u| u.is_bot)),
        (USER, Some(true))
    );
    assert_eq!(sent.reply_markup(), Some(&keyboard("go")));
    let id = sent.id.0 as i64;
    let tracked = api.sent(USER);
    assert_eq!(
        (tracked[0].message_id, tracked[0].text.as_str()),
        (id, "<b>Refund</b> &lt;due&gt;")
    );
    assert_eq!(tracked[0].parse_mode.as_deref(), Some("HTML"));
    assert_eq!(
        tracked[0].reply_markup.as_ref().unwrap()["inline_keyboard"][0][0]["callback_data"],
        "go"
    );

    let edited = bot
        .edit_message_text(ChatId(USER), sent.id, "Step 2")
        .reply_markup(keyboard("b"))
        .await
        .unwrap();
    assert_eq!(
        (edited.text(), edited.reply_markup()),
        (Some("Step 2"), Some(&keyboard("b")))
    );
    assert!(edited.edit_date().is_some());
    let same = bot
        .edit_message_text(ChatId(USER), sent.id, "Step 2")
        .reply_markup(keyboard("b"))
        .await;
    assert!(
        matches!(same, Err(RequestError::Api(ApiError::MessageNotModified))),
        "{same:?}"
    );
    bot.edit_message_text(ChatId(USER), sent.id, "Step 3")
        .await
        .unwrap();
    assert_eq!(
        api.sent(USER)[0].reply_markup,
        None,
        "editMessageText without markup drops the keyboard"
    );
    let with_kb = bot
        .edit_message_reply_markup(ChatId(USER), sent.id)
        .reply_markup(keyboard("c"))
        .await
        .unwrap();
    assert_eq!(with_kb.reply_markup(), Some(&keyboard("c")));
    let removed: Message = call(
        &api,
        "editMessageReplyMarkup",
        json!({"chat_id": USER, "message_id": id, "reply_markup": {"inline_keyboard": []}}),
    )
    .await;
    assert_eq!(removed.reply_markup(), None);
    let last = &api.sent(USER)[0];
    assert_eq!(
        (
            last.text.as_str(),
            last.parse_mode.as_ref(),
            last.reply_markup.as_ref()
        ),
        ("Step 3", None, None)
    );
    let missing = bot.edit_message_text(ChatId(USER), MessageId(999), "x").await;
    assert!(
        matches!(missing, Err(RequestError::Api(ApiError::MessageToEditNotFound))),
        "{missing:?}"
    );
    let second = bot.send_message(ChatId(USER), "two").await.unwrap();
    assert_eq!(second.id.0 as i64, id + 1);
    assert_eq!(api.sent(USER).len(), 2);
    assert!(api.sent(USER + 1).is_empty());
}

#[tokio::test]
async fn too_long_and_malformed_html_are_refused() {
    let api = FakeBotApi::start().await;
    let send = |text: String, html: bool| {
        let mut body = json!({"chat_id": USER, "text": text});
        if html {
            body["parse_mode"] = json!("HTML");
        }
        post(&api, "sendMessage", body)
    };
    let (status, reply) = send("x".repeat(4097), false).await;
    assert_eq!((status, reply["error_code"].clone()), (400, json!(400)));
    assert_eq!(reply["description"], "Bad Request: message is too long");
    assert_eq!(send("é".repeat(4096), false).await.0, 200);
    assert_eq!(
        send(format!("<b>{}</b>", "x".repeat(4096)), true).await.0,
        200,
        "tags do not count"
    );
    for bad in [
        "<b>open",
        "<b><i>x</b></i>",
        "x</b>",
        "<br>",
        "a < b",
        "<unknown>x</unknown>",
        "<b",
    ] {
        let (status, reply) = send(bad.to_owned(), true).await;
        assert_eq!(status, 400, "{bad}");
        let description = reply["description"].as_str().unwrap();
        assert!(
            description.starts_with("Bad Request: can't parse entities: "),
            "{bad}: {description}"
        );
    }
    let good = r#"<b>b</b><i>i</i><u>u</u><s>s</s><code>&lt;c&gt;</code><pre>p</pre><a href="https://x.y/?a=1&amp;b=2">l</a> &amp; &#33; 5 > 4"#;
    let (status, reply) = send(good.to_owned(), true).await;
    assert_eq!(status, 200, "{reply}");
    assert_eq!(reply["result"]["text"], "bius<c>pl & ! 5 > 4");
    assert_eq!(
        send("a < b".to_owned(), false).await.0,
        200,
        "no parse mode: no parsing"
    );
    assert_eq!(
        send(" ".to_owned(), false).await.1["description"],
        "Bad Request: message text is empty"
    );

    let via_teloxide = bot(&api)
        .send_message(ChatId(USER), "<b>x")
        .parse_mode(ParseMode::Html)
        .await;
    assert!(
        matches!(
            via_teloxide,
            Err(RequestError::Api(ApiError::CantParseEntities(_)))
        ),
        "{via_teloxide:?}"
    );
    let too_long = bot(&api).send_message(ChatId(USER), "y".repeat(5000)).await;
    assert!(
        matches!(too_long, Err(RequestError::Api(ApiError::MessageIsTooLong))),
        "{too_long:?}"
    );
    assert_eq!(api.sent(USER).len(), 4, "refused messages are not tracked");
    assert!(api.calls().iter().filter(|c| c.status == 400).count() >= 10);
}

#[tokio::test]
async fn fail_next_injects_rate_limits_and_errors() {
    let api = FakeBotApi::start().await;
    api.fail_next("sendMessage", 429, Some(3));
    let (status, reply) = post(&api, "sendMessage", json!({"chat_id": USER, "text": "hi"})).await;
    assert_eq!(status, 429);
    assert_eq!(reply["parameters"]["retry_after"], 3);
    assert_eq!(reply["description"], "Too Many Requests: retry after 3");
    assert_eq!(
        post(&api, "sendMessage", json!({"chat_id": USER, "text": "hi"}))
            .await
            .0,
        200
    );

    api.fail_next("sendMessage", 429, Some(7));
    api.fail_next("sendMessage", 403, None);
    let bot = bot(&api);
    let limited = bot.send_message(ChatId(USER), "a").await;
    assert!(
        matches!(limited, Err(RequestError::RetryAfter(s)) if s.seconds() == 7),
        "{limited:?}"
    );
    let blocked = bot.send_message(ChatId(USER), "b").await;
    assert!(
        matches!(blocked, Err(RequestError::Api(ApiError::BotBlocked))),
        "{blocked:?}"
    );
    bot.send_message(ChatId(USER), "c").await.unwrap();
    let statuses: Vec<u16> = api.calls().iter().map(|c| c.status).collect();
    assert_eq!(statuses, [429, 200, 429, 403, 200]);
    assert_eq!(api.sent(USER).len(), 2);
}

#[tokio::test]
async fn send_document_multipart_is_recorded() {
    let api = FakeBotApi::start().await;
    let part = reqwest::multipart::Part::bytes(b"a,b\n1,2\n".to_vec()).file_name("report.csv");
    let form = reqwest::multipart::Form::new()
        .text("chat_id", USER.to_string())
        .text("caption", "Your report")
        .part("document", part);
    let response = reqwest::Client::new()
        .post(api.method_url("sendDocument"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    let reply: Value = response.json().await.unwrap();
    let message: Message = serde_json::from_value(reply["result"].clone()).unwrap();
    assert_eq!(
        message.document().and_then(|d| d.file_name.as_deref()),
        Some("report.csv")
    );
    assert_eq!(message.caption(), Some("Your report"));

    let file = InputFile::memory("id,refund\n1,9.99\n").file_name("export.csv");
    let sent = bot(&api)
        .send_document(ChatId(USER), file)
        .caption("Export")
        .await
        .unwrap();
    assert_eq!(sent.document().unwrap().file_name.as_deref(), Some("export.csv"));

    let bodies = api.calls_of("sendDocument");
    assert_eq!(
        bodies[0]["document"],
        json!({"file_name": "report.csv", "content": "a,b\n1,2\n"})
    );
    assert_eq!(bodies[1]["chat_id"], json!(USER), "multipart numbers are parsed");
    assert_eq!(bodies[1]["caption"], "Export");
    assert_eq!(
        bodies[1]["document"],
        json!({"file_name": "export.csv", "content": "id,refund\n1,9.99\n"})
    );
    assert_eq!(
        bodies[1].as_object().unwrap().len(),
        3,
        "the attach:// part is folded in: {}",
        bodies[1]
    );
    let docs: Vec<_> = api
        .sent(USER)
        .into_iter()
        .map(|s| (s.text, s.document.unwrap()["file_name"].clone()))
        .collect();
    assert_eq!(
        docs,
        [
            ("Your report".to_owned(), json!("report.csv")),
            ("Export".to_owned(), json!("export.csv"))
        ]
    );
}

#[tokio::test]
async fn webhook_setup_info_conflict_and_delivery() {
    let api = FakeBotApi::start().await;
    let bot = bot(&api);
    let info: WebhookInfo = call(&api, "getWebhookInfo", json!({})).await;
    assert_eq!(info.url, None);

    let tcp = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = tcp.local_addr().unwrap();
    let url = format!("http://{addr}/hook").parse().unwrap();
    let options = webhooks::Options::new(addr, url).secret_token("s3cret".to_owned());
    let (_listener, _stop, router) = webhooks::axum_to_router(bot.clone(), options).await.unwrap();
    tokio::spawn(async move { axum::serve(tcp, router).await.unwrap() });
    let hook = format!("http://{addr}/hook");
    assert_eq!(api.webhook(), Some((hook.clone(), Some("s3cret".to_owned()))));
    let set = &api.calls_of("setWebhook")[0];
    assert_eq!(
        (set["drop_pending_updates"].clone(), set["url"].clone()),
        (json!(false), json!(hook))
    );
    assert_eq!(
        bot.get_webhook_info().await.unwrap().url.map(String::from),
        Some(hook.clone())
    );
    let (status, reply) = post(&api, "getUpdates", json!({})).await;
    assert_eq!(status, 409, "{reply}");

    api.user_text(USER, "via webhook", None);
    assert_eq!(api.deliver_webhook(None).await, [200]);
    call::<True>(&api, "setWebhook", json!({"url": hook, "secret_token": "wrong"})).await;
    api.user_text(USER, "forged", None);
    assert_eq!(
        api.deliver_webhook(None).await,
        [401],
        "teloxide checks the secret header"
    );

    bot.delete_webhook().await.unwrap();
    assert_eq!(api.webhook(), None);
    assert_eq!(post(&api, "getUpdates", json!({})).await.0, 200);
}

#[tokio::test]
async fn callbacks_commands_and_other_methods() {
    let api = FakeBotApi::start().await;
    let bot = bot(&api);
    let unknown = bot.answer_callback_query("nope".into()).await;
    assert!(unknown.is_err(), "{unknown:?}");
    let update = api.user_press(USER, 77, "x");
    let id = format!("cb{update}");
    let _: True = call(&api, "answerCallbackQuery", json!({"callback_query_id": id})).await;
    assert_eq!(api.answered_callbacks(), [id]);

    let commands = [
        BotCommand::new("start", "Начать"),
        BotCommand::new("help", "Помощь"),
    ];
    bot.set_my_commands(commands.clone())
        .language_code("ru")
        .await
        .unwrap();
    bot.set_my_commands([BotCommand::new("start", "Start")])
        .await
        .unwrap();
    assert_eq!(api.commands(Some("ru")).unwrap()[1]["command"], "help");
    assert_eq!(api.commands(None).unwrap().as_array().unwrap().len(), 1);
    assert_eq!(bot.get_my_commands().language_code("ru").await.unwrap(), commands);
    assert_eq!(bot.get_my_commands().language_code("de").await.unwrap(), []);

    bot.send_chat_action(ChatId(USER), teloxide::types::ChatAction::Typing)
        .await
        .unwrap();
    let _: True = call(&api, "pinChatMessage", json!({"chat_id": USER, "message_id": 1})).await;
    assert_eq!(
        api.calls_of("pinChatMessage"),
        [json!({"chat_id": USER, "message_id": 1})]
    );

    let api = std::sync::Arc::new(api);
    let later = api.clone();
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(100)).await;
        post(&later, "sendMessage", json!({"chat_id": USER, "text": "done"})).await;
    });
    let seen = api
        .wait_for(
            |calls| calls.iter().any(|c| c.method == "sendMessage"),
            Duration::from_secs(5),
        )
        .await;
    assert!(seen);
    assert_eq!(
        api.sent(USER)[0].text,
        "done",
        "tracked before the call is visible"
    );
    let never = api
        .wait_for(|calls| calls.len() > 100, Duration::from_millis(200))
        .await;
    assert!(!never);
    let reentrant = api.wait_for(|_| !api.sent(USER).is_empty(), Duration::from_millis(200));
    assert!(reentrant.await, "the predicate may call back into the fake");
}

/// The real thing: teloxide's `Dispatcher` (long polling) with the bot's own
/// sending path (limiter, retry after a 429).
#[tokio::test]
async fn teloxide_dispatcher_polls_and_the_bot_retries_after_429() {
    use refund_assistant::telegram::{Tg, send_text};
    let api = FakeBotApi::start().await;
    call::<True>(&api, "setWebhook", json!({"url": "https://example.com/hook"})).await;
    let handler = Update::filter_message().endpoint(|tg: Tg, msg: Message| async move {
        send_text(&tg, msg.chat.id, &format!("echo {}", msg.text().unwrap_or(""))).await;
        send_text(&tg, msg.chat.id, "second").await;
        Ok::<(), RequestError>(())
    });
    let mut dispatcher = Dispatcher::builder(bot(&api), handler)
        .dependencies(dptree::deps![Tg::new(bot(&api), 30)])
        .build();
    let shutdown = dispatcher.shutdown_token();
    let task = tokio::spawn(async move { dispatcher.dispatch().await });
    api.fail_next("sendMessage", 429, Some(1));
    let started = Instant::now();
    let update = api.user_text(USER, "hi", None);
    let delivered = |calls: &[fake_bot_api::Call]| {
        calls
            .iter()
            .filter(|c| c.method == "sendMessage" && c.status == 200)
            .count()
            == 2
    };
    assert!(api.wait_for(delivered, Duration::from_secs(10)).await);
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "retry_after was waited out"
    );
    shutdown.shutdown().expect("dispatcher is running").await;
    task.await.unwrap();

    let calls = api.calls();
    let methods: Vec<&str> = calls.iter().map(|c| c.method.as_str()).skip(1).take(4).collect();
    assert_eq!(
        methods,
        ["getWebhookInfo", "deleteWebhook", "getMe", "getUpdates"]
    );
    let first_poll = json!({"allowed_updates": ["message"], "offset": 0, "timeout": 10});
    assert_eq!(calls[4].body, first_poll);
    let sends: Vec<(u16, &str)> = calls
        .iter()
        .filter(|c| c.method == "sendMessage")
        .map(|c| (c.status, c.body["text"].as_str().unwrap()))
        .collect();
    assert_eq!(sends, [(429, "echo hi"), (200, "echo hi"), (200, "second")]);
    let last = calls.last().unwrap();
    let final_poll = json!({"limit": 1, "offset": update + 1, "timeout": 0});
    assert_eq!(
        (last.method.as_str(), &last.body),
        ("getUpdates", &final_poll),
        "graceful shutdown"
    );
    assert_eq!(api.pending_updates(), 0);
}
