//! What the bot sends: messages sent, edited and tracked, texts Telegram refuses,
//! injected failures, documents.

use super::*;

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
        json!({"file_name": "report.csv", "content": "a,b\n1,2\n", "size": 8, "head": "612c620a312c320a"})
    );
    assert_eq!(bodies[1]["chat_id"], json!(USER), "multipart numbers are parsed");
    assert_eq!(bodies[1]["caption"], "Export");
    assert_eq!(
        bodies[1]["document"],
        json!({"file_name": "export.csv", "content": "id,refund\n1,9.99\n", "size": 17,
               "head": "69642c726566756e640a312c392e39390a"})
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
