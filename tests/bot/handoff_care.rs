//! The operator inbox's care for the user, through the fake Bot API: notes
//! kept and never sent, the card again on `/card` with personal details
//! masked, erasure deleting the topic (and saying what could not be
//! deleted), and the reminder when nobody replied in the promised time.

use crate::handoff::{INBOX, OPERATOR, card_posted, handed_off, inbox_text, new_in, quiet, start};
use crate::running::{USER, WAIT, unlimited};
use chrono::{DateTime, Duration, Utc};
use refund_assistant::app::App;
use refund_assistant::store::{Author, UserKey};
use refund_assistant::telegram::BotConfig;
use std::sync::{Arc, Mutex};

#[tokio::test]
async fn notes_stay_in_the_case_and_the_card_masks_personal_details() {
    let dir = tempfile::tempdir().expect("dir");
    let bot = start(&dir.path().join("h.db"), unlimited(), App::system_clock()).await;
    bot.text("我的退款被拒了").await;
    // Said before asking for a person: it is on the card, masked.
    bot.text("我电话 13812345678，住北京市海淀区中关村大街1号").await;
    bot.text("/human").await;
    card_posted(&bot, 0).await;
    let card = &inbox_text(&bot);
    assert!(card.contains("5678") && !card.contains("13812345678"), "{card}");
    assert!(!card.contains("中关村大街1号"), "{card}");
    let last = bot.api.sent(INBOX).last().cloned().expect("the document");
    let doc = last.document.expect("document");
    let doc = doc["content"].as_str().unwrap_or_default().to_owned();
    assert!(
        !doc.contains("13812345678") && !doc.contains("中关村大街1号"),
        "{doc}"
    );
    let thread = bot.api.topics()[0].thread;

    let (mine, inbox) = (bot.sent().len(), bot.api.sent(INBOX).len());
    bot.api
        .topic_text(INBOX, Some(thread), OPERATOR, "/note 用户说是财务，需要发票");
    let noted = new_in(&bot, INBOX, inbox).await;
    assert!(noted[0].text.contains("备注已记下"), "{noted:?}");
    quiet(&bot, USER, mine).await;
    let store = &bot.store;
    let h = store
        .handoff_by_topic(INBOX, thread)
        .await
        .expect("read")
        .expect("hand-off");
    let kept = store.handoff_messages(h.id).await.expect("messages");
    assert!(
        kept.iter()
            .any(|(a, t, _)| *a == Author::Note && t.contains("发票")),
        "{kept:?}"
    );

    bot.api.topic_text(INBOX, Some(thread), OPERATOR, "/card");
    card_posted(&bot, 1).await;
    let card = &bot.api.sent(INBOX)[inbox + 1].text;
    assert!(card.contains("转人工") && !card.contains("13812345678"), "{card}");

    // The user agrees: the card again, unmasked.
    let inbox = bot.api.sent(INBOX).len();
    let agreed = bot.press("human:unmask").await;
    assert!(agreed.contains("不打码"), "{agreed}");
    let card = new_in(&bot, INBOX, inbox).await;
    assert!(card[0].text.contains("13812345678"), "{card:?}");
    bot.stop().await;
}

#[tokio::test]
async fn the_cases_files_go_to_the_topic_as_documents() {
    let dir = tempfile::tempdir().expect("dir");
    let bot = start(&dir.path().join("h.db"), unlimited(), App::system_clock()).await;
    bot.text("我的退款被拒了").await;
    let before = bot.sent().len();
    bot.api
        .user_photo_of(USER, "ph-1", "uph-1", b"\xff\xd8\xff\xe0 the refusal", None);
    let ok = bot.api.wait_for(|_| bot.sent().len() > before, WAIT).await;
    assert!(ok, "the photo is answered");
    bot.text("/human").await;
    let ok = bot
        .api
        .wait_for(
            |_| {
                bot.api
                    .sent(INBOX)
                    .iter()
                    .any(|m| doc_name(m) == "evidence-1.jpg")
            },
            WAIT,
        )
        .await;
    assert!(ok, "{:?}", bot.api.sent(INBOX));
    bot.stop().await;
}

fn doc_name(m: &crate::fake_bot_api::Sent) -> String {
    let name = m.document.as_ref().and_then(|d| d["file_name"].as_str());
    name.unwrap_or_default().to_owned()
}

#[tokio::test]
async fn erasure_deletes_the_topic_and_says_what_it_could_not_delete() {
    let dir = tempfile::tempdir().expect("dir");
    let bot = start(&dir.path().join("h.db"), unlimited(), App::system_clock()).await;
    let thread = handed_off(&bot).await;
    bot.text("/delete_my_data").await;
    bot.api
        .user_press(USER, last_keyboard(&bot), &button(&bot, "delete:yes"));
    let ok = bot.api.wait_for(|_| bot.api.topics()[0].deleted, WAIT).await;
    assert!(ok, "the topic is deleted: {:?}", bot.api.topics());
    assert_eq!(
        bot.api.calls_of("deleteForumTopic")[0]["message_thread_id"],
        thread
    );
    let user = UserKey::new("telegram", USER);
    assert_eq!(bot.store.user_row_count(&user).await.expect("count"), 0);
    bot.stop().await;

    // When Telegram refuses, the user is told and the topic no longer relays.
    let dir = tempfile::tempdir().expect("dir");
    let bot = start(&dir.path().join("h.db"), unlimited(), App::system_clock()).await;
    let thread = handed_off(&bot).await;
    bot.api.fail_next("deleteForumTopic", 400, None);
    bot.text("/delete_my_data").await;
    let before = bot.sent().len();
    bot.api
        .user_press(USER, last_keyboard(&bot), &button(&bot, "delete:yes"));
    let ok = bot
        .api
        .wait_for(
            |_| bot.sent()[before..].iter().any(|m| m.text.contains("没能删除")),
            WAIT,
        )
        .await;
    assert!(ok, "{:?}", bot.sent());
    let (mine, inbox) = (bot.sent().len(), bot.api.sent(INBOX).len());
    bot.api.topic_text(INBOX, Some(thread), OPERATOR, "还在吗？");
    let refused = new_in(&bot, INBOX, inbox).await;
    assert!(refused[0].text.contains("没有对应的案例"), "{refused:?}");
    quiet(&bot, USER, mine).await;
    bot.stop().await;
}

fn button(bot: &crate::running::Running, id: &str) -> String {
    crate::running::find_button(&bot.sent(), id)
        .expect("the button")
        .1
}

fn last_keyboard(bot: &crate::running::Running) -> i64 {
    crate::running::find_button(&bot.sent(), "delete:yes")
        .expect("the button")
        .0
}

#[tokio::test]
async fn nobody_replying_in_time_is_said_honestly_and_the_topic_is_reminded() {
    let dir = tempfile::tempdir().expect("dir");
    // A Tuesday morning in Beijing; the clock moves on below.
    let start_at: DateTime<Utc> = "2026-03-10T02:00:00Z".parse().expect("time");
    let now = Arc::new(Mutex::new(start_at));
    let read = now.clone();
    let clock: refund_assistant::app::Clock = Arc::new(move || *read.lock().expect("clock"));
    let cfg = BotConfig {
        remind_every: Some(std::time::Duration::from_millis(100)),
        ..unlimited()
    };
    let bot = start(&dir.path().join("h.db"), cfg, clock).await;
    let thread = handed_off(&bot).await;
    let (mine, inbox) = (bot.sent().len(), bot.api.sent(INBOX).len());
    // Three working hours later: not yet due (4 h promised).
    *now.lock().expect("clock") = start_at + Duration::hours(3);
    quiet(&bot, USER, mine).await;
    *now.lock().expect("clock") = start_at + Duration::hours(5);
    let told = new_in(&bot, USER, mine).await;
    assert!(told[0].text.contains("还没有在答应的时间内回复"), "{told:?}");
    let reminded = new_in(&bot, INBOX, inbox).await;
    assert!(
        reminded[0].text.contains("提醒") && reminded[0].thread == Some(thread),
        "{reminded:?}"
    );
    // Once only.
    quiet(&bot, USER, mine + 1).await;
    // Back to the bot: the topic hears it and closes.
    let back = bot.press("human:back").await;
    assert!(back.contains("回到机器人"), "{back}");
    let ok = bot.api.wait_for(|_| bot.api.topics()[0].closed, WAIT).await;
    assert!(ok, "closed: {:?}", bot.api.topics());
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_replicas_on_one_database_create_one_topic() {
    use crate::fake_bot_api::FakeBotApi;
    use crate::running::start_desk;
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("shared.db");
    let a = start_desk(
        FakeBotApi::start().await,
        &db,
        unlimited(),
        App::system_clock(),
        Some(crate::handoff::desk()),
    )
    .await;
    let b = start_desk(
        FakeBotApi::start().await,
        &db,
        unlimited(),
        App::system_clock(),
        Some(crate::handoff::desk()),
    )
    .await;
    a.text("我的退款被拒了").await;
    // The same user asks twice at once, each message reaching another replica.
    a.api.user_text(USER, "/human", Some("zh-CN"));
    // (One Telegram numbers the updates for both: B's is not one A saw.)
    let date = Utc::now().timestamp();
    b.api.push_raw(serde_json::json!({ "update_id": 1000, "message": {
        "message_id": 1000, "date": date, "text": "/human",
        "chat": { "id": USER, "type": "private", "first_name": "U" },
        "from": { "id": USER, "is_bot": false, "first_name": "U", "language_code": "zh-CN" },
        "entities": [{ "type": "bot_command", "offset": 0, "length": 6 }] } }));
    let (ra, rb) = tokio::join!(new_in(&a, USER, a.sent().len()), new_in(&b, USER, 0));
    let said: Vec<&str> = ra.iter().chain(rb.iter()).map(|m| m.text.as_str()).collect();
    let opened = said.iter().filter(|t| t.contains("已经转给人工")).count();
    let already = said.iter().filter(|t| t.contains("已经在人工那里")).count();
    assert_eq!((opened, already), (1, 1), "{said:?}");
    // Whichever replica made the topic posts its card; then nothing more.
    let deadline = tokio::time::Instant::now() + WAIT;
    while crate::handoff::case_docs(&a) + crate::handoff::case_docs(&b) == 0 {
        assert!(
            tokio::time::Instant::now() < deadline,
            "no card on either replica"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    assert_eq!(a.api.topics().len() + b.api.topics().len(), 1, "one topic in all");
    assert_eq!(
        a.api.calls_of("createForumTopic").len() + b.api.calls_of("createForumTopic").len(),
        1
    );
    a.stop().await;
    b.stop().await;
}

#[tokio::test]
async fn an_english_speaking_inbox_gets_its_posts_in_english() {
    use crate::fake_bot_api::FakeBotApi;
    use crate::running::start_desk;
    let dir = tempfile::tempdir().expect("dir");
    let desk = refund_assistant::app::Desk {
        lang: refund_assistant::render::Lang::En,
        ..crate::handoff::desk()
    };
    let bot = start_desk(
        FakeBotApi::start().await,
        &dir.path().join("h.db"),
        unlimited(),
        App::system_clock(),
        Some(desk),
    )
    .await;
    let thread = handed_off(&bot).await;
    let card = &bot.api.sent(INBOX)[0].text;
    assert!(
        card.contains("Handed to a person · case #1") && card.contains("Latest messages"),
        "{card}"
    );
    let inbox = bot.api.sent(INBOX).len();
    bot.api.topic_text(
        INBOX,
        Some(thread),
        OPERATOR,
        "/note the user is the finance contact",
    );
    let noted = new_in(&bot, INBOX, inbox).await;
    assert!(noted[0].text.contains("Note kept"), "{noted:?}");
    bot.stop().await;
}

#[tokio::test]
async fn asking_again_after_the_person_closed_reopens_the_same_topic_or_makes_a_new_one() {
    let dir = tempfile::tempdir().expect("dir");
    let bot = start(&dir.path().join("h.db"), unlimited(), App::system_clock()).await;
    let thread = handed_off(&bot).await;
    let before = bot.sent().len();
    bot.api.topic_text(INBOX, Some(thread), OPERATOR, "/close");
    new_in(&bot, USER, before).await;
    assert!(bot.api.wait_for(|_| bot.api.topics()[0].closed, WAIT).await);

    // Again: the same topic, open again, with a fresh card.
    let docs = crate::handoff::case_docs(&bot);
    bot.text("/human").await;
    card_posted(&bot, docs).await;
    let topics = bot.api.topics();
    assert_eq!(topics.len(), 1, "{topics:?}");
    assert!(!topics[0].closed, "reopened");

    // The operators deleted the topic by hand: the next hand-off makes a new one.
    let before = bot.sent().len();
    bot.api.topic_text(INBOX, Some(thread), OPERATOR, "/close");
    new_in(&bot, USER, before).await;
    assert!(bot.api.wait_for(|_| bot.api.topics()[0].closed, WAIT).await);
    let deleted = reqwest::Client::new()
        .post(bot.api.method_url("deleteForumTopic"))
        .json(&serde_json::json!({ "chat_id": INBOX, "message_thread_id": thread }))
        .send()
        .await
        .expect("deleted by hand");
    assert_eq!(deleted.status(), 200);
    let docs = crate::handoff::case_docs(&bot);
    bot.text("/human").await;
    card_posted(&bot, docs).await;
    let topics = bot.api.topics();
    assert_eq!(topics.len(), 2, "{topics:?}");
    let new = topics[1].thread;
    let h = bot.store.handoff_by_topic(INBOX, new).await.expect("read");
    assert!(h.is_some_and(|h| h.open), "the new topic leads to the case");
    bot.stop().await;
}

#[tokio::test]
async fn when_the_inbox_cannot_take_the_case_the_user_is_told_and_the_bot_carries_on() {
    let dir = tempfile::tempdir().expect("dir");
    let bot = start(&dir.path().join("h.db"), unlimited(), App::system_clock()).await;
    bot.text("我的退款被拒了").await;
    bot.api.fail_next("createForumTopic", 400, None);
    let before = bot.sent().len();
    bot.api.user_text(USER, "/human", Some("zh-CN"));
    let ok = bot
        .api
        .wait_for(
            |_| {
                bot.sent()[before..]
                    .iter()
                    .any(|m| m.text.contains("没能把你的问题转给人工"))
            },
            WAIT,
        )
        .await;
    assert!(ok, "{:?}", bot.sent());
    // Not handed off: the bot answers again, and asking later works.
    let docs = crate::handoff::case_docs(&bot);
    let again = bot.text("/human").await;
    assert!(again.contains("已经转给人工"), "{again}");
    card_posted(&bot, docs).await;
    bot.stop().await;
}
