//! Webhooks, callbacks, commands and the other methods, and teloxide's own
//! `Dispatcher` against the fake.

use super::*;

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
