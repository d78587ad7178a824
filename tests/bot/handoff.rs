//! A person when the bot is not enough, through the fake Bot API: the hand-off
//! creates one forum topic in the operator inbox and posts the case card; the
//! user's text and photos reach the topic while the bot stays quiet; the
//! person's reply reaches the user marked as from a person; `/close` hands
//! back; only posts in the inbox are relayed, and only to that topic's user.

use crate::fake_bot_api::{FakeBotApi, Sent};
use crate::running::{Running, USER, WAIT, start_desk, unlimited};
use refund_assistant::app::{App, Desk};
use refund_assistant::telegram::BotConfig;
use std::time::Duration;

pub const INBOX: i64 = -1_001_234_567_890;
pub const OPERATOR: i64 = 7001;

pub fn desk() -> Desk {
    Desk {
        chat_id: INBOX,
        reply_within: "4h".parse().expect("a reply time"),
        lang: refund_assistant::render::Lang::ZhCn,
    }
}

pub async fn start(db: &std::path::Path, cfg: BotConfig, clock: refund_assistant::app::Clock) -> Running {
    start_desk(FakeBotApi::start().await, db, cfg, clock, Some(desk())).await
}

/// Waits until `chat` has more than `before` messages; returns the new ones.
pub async fn new_in(bot: &Running, chat: i64, before: usize) -> Vec<Sent> {
    let ok = bot
        .api
        .wait_for(|_| bot.api.sent(chat).len() > before, WAIT)
        .await;
    let sent = bot.api.sent(chat);
    assert!(ok, "nothing new in chat {chat}: {sent:?}");
    sent[before..].to_vec()
}

/// Nothing new reaches `chat` for a while.
pub async fn quiet(bot: &Running, chat: i64, before: usize) {
    tokio::time::sleep(Duration::from_millis(400)).await;
    let sent = bot.api.sent(chat);
    assert_eq!(sent.len(), before, "unexpected: {:?}", &sent[before..]);
}

/// The whole case documents posted in the inbox so far (the last post of a card).
pub fn case_docs(bot: &Running) -> usize {
    let sent = bot.api.sent(INBOX);
    let named = sent
        .iter()
        .filter_map(|m| m.document.as_ref()?["file_name"].as_str().map(str::to_owned));
    named.filter(|n| n.starts_with("case-")).count()
}

/// Waits until the inbox has more than `before` whole case documents.
pub async fn card_posted(bot: &Running, before: usize) {
    let ok = bot.api.wait_for(|_| case_docs(bot) > before, WAIT).await;
    assert!(ok, "no card: {:?}", bot.api.sent(INBOX));
}

/// Everything the inbox shows, one post after the other.
pub fn inbox_text(bot: &Running) -> String {
    let sent = bot.api.sent(INBOX);
    sent.iter()
        .map(|m| m.text.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

/// A case (#1, a refusal being followed) handed to a person: the topic's id.
pub async fn handed_off(bot: &Running) -> i64 {
    bot.text("我的退款被拒了").await;
    let docs = case_docs(bot);
    let said = bot.text("/human").await;
    assert!(
        said.contains("已经转给人工") && said.contains("案例 #1"),
        "{said}"
    );
    // The card, the case as the bot shows it, then the case as a document.
    card_posted(bot, docs).await;
    bot.api.topics().last().expect("a topic").thread
}

#[tokio::test]
async fn asking_for_a_person_opens_one_topic_with_the_case_card() {
    let dir = tempfile::tempdir().expect("dir");
    let bot = start(&dir.path().join("h.db"), unlimited(), App::system_clock()).await;
    let thread = handed_off(&bot).await;
    let topics = bot.api.topics();
    assert_eq!(topics.len(), 1, "{topics:?}");
    assert_eq!(topics[0].chat_id, INBOX);
    assert!(topics[0].name.starts_with("#1 · "), "{}", topics[0].name);
    let inbox = bot.api.sent(INBOX);
    assert!(inbox.iter().all(|m| m.thread == Some(thread)), "{inbox:?}");
    assert!(
        inbox[0].text.contains("转人工 · 案例 #1") && inbox[0].text.contains("最近的对话"),
        "{}",
        inbox[0].text
    );
    assert!(
        inbox[0].text.contains("我的退款被拒了"),
        "the last messages: {}",
        inbox[0].text
    );
    assert!(
        inbox[1].text.contains("案例 #1"),
        "the case screen: {}",
        inbox[1].text
    );
    let doc = inbox
        .last()
        .and_then(|m| m.document.as_ref())
        .expect("the case as a document");
    assert_eq!(doc["file_name"], "case-1.md");

    // Asking again: the same topic.
    let again = bot.text("/human").await;
    assert!(again.contains("已经在人工那里"), "{again}");
    assert_eq!(bot.api.calls_of("createForumTopic").len(), 1);
    let metrics = refund_assistant::ops::handle().expect("recorder").render();
    assert!(metrics.contains("refund_handoffs_opened_total"), "{metrics}");
    bot.stop().await;
}

#[tokio::test]
async fn the_users_messages_reach_the_topic_and_the_persons_reply_reaches_the_user() {
    let dir = tempfile::tempdir().expect("dir");
    let bot = start(&dir.path().join("h.db"), unlimited(), App::system_clock()).await;
    let thread = handed_off(&bot).await;

    // The user's text and photo: copied into the topic, no answer from the bot.
    let (user_before, inbox_before) = (bot.sent().len(), bot.api.sent(INBOX).len());
    bot.api.user_text(USER, "客服说超过五天不能退，1", Some("zh-CN"));
    let copied = new_in(&bot, INBOX, inbox_before).await;
    assert_eq!(copied[0].thread, Some(thread));
    assert_eq!(copied[0].copy_of.map(|(chat, _)| chat), Some(USER));
    bot.api.user_photo(USER);
    let photo = new_in(&bot, INBOX, inbox_before + 1).await;
    assert!(
        photo[0].copy_of.is_some() && photo[0].thread == Some(thread),
        "{photo:?}"
    );
    // A sticker, which the bot itself cannot read, goes to the person too.
    bot.api.user_sticker(USER);
    let sticker = new_in(&bot, INBOX, inbox_before + 2).await;
    assert!(sticker[0].copy_of.is_some(), "{sticker:?}");
    quiet(&bot, USER, user_before).await;

    // The person's reply, marked as from a person.
    bot.api
        .topic_text(INBOX, Some(thread), OPERATOR, "你好，我是客服小王，我来看看");
    let reply = new_in(&bot, USER, user_before).await;
    assert!(
        reply[0].text.contains("人工回复") && reply[0].text.contains("客服小王"),
        "{reply:?}"
    );
    // A photo from the person: the line, then the photo copied.
    bot.api.topic_photo(INBOX, thread, OPERATOR, "这是退费规则截图");
    let sent = new_in(&bot, USER, user_before + 1).await;
    let ok = bot
        .api
        .wait_for(|_| bot.api.sent(USER).len() >= user_before + 3, WAIT)
        .await;
    assert!(ok && sent[0].text.contains("人工发来一个文件"), "{sent:?}");
    assert!(bot.api.sent(USER)[user_before + 2].copy_of.is_some());

    // Commands still work while a person has the case; the export holds
    // the person's words.
    let cases = bot.text("/cases").await;
    assert!(cases.contains("#1"), "{cases}");
    let export = bot.export(1).await;
    let content = export["document"]["content"].as_str().unwrap_or_default();
    assert!(content.contains("客服小王"), "{content}");

    // /close: the user is told and the bot answers again.
    let before = bot.sent().len();
    bot.api.topic_text(INBOX, Some(thread), OPERATOR, "/close");
    let closed = new_in(&bot, USER, before).await;
    assert!(closed[0].text.contains("人工已经结束"), "{closed:?}");
    let ok = bot.api.wait_for(|_| bot.api.topics()[0].closed, WAIT).await;
    assert!(ok, "the topic is closed");
    let answer = bot.text("帮助").await;
    assert!(!answer.is_empty());
    bot.stop().await;
}

#[tokio::test]
async fn only_posts_in_the_inbox_are_relayed_and_only_to_that_topics_user() {
    const OTHER_USER: i64 = 5002;
    const OTHER_GROUP: i64 = -1_009_999_999_999;
    let dir = tempfile::tempdir().expect("dir");
    let bot = start(&dir.path().join("h.db"), unlimited(), App::system_clock()).await;
    let thread = handed_off(&bot).await;
    // Another user, with a case of their own but no hand-off.
    bot.api.user_text(OTHER_USER, "我的退款被拒了", Some("zh-CN"));
    new_in(&bot, OTHER_USER, 0).await;
    let (mine, theirs) = (bot.sent().len(), bot.api.sent(OTHER_USER).len());

    // The same topic id in another supergroup: never relayed.
    bot.api
        .topic_text(OTHER_GROUP, Some(thread), OPERATOR, "退款已经批了");
    new_in(&bot, OTHER_GROUP, 0).await;
    // The inbox's general topic and a topic with no case: never relayed.
    bot.api.topic_text(INBOX, None, OPERATOR, "大家好");
    bot.api
        .topic_text(INBOX, Some(thread + 1000), OPERATOR, "退款已经批了");
    quiet(&bot, USER, mine).await;
    quiet(&bot, OTHER_USER, theirs).await;

    // A post in the topic reaches the topic's user only.
    bot.api
        .topic_text(INBOX, Some(thread), OPERATOR, "只给案例 1 的用户");
    let reply = new_in(&bot, USER, mine).await;
    assert!(reply[0].text.contains("只给案例 1 的用户"));
    quiet(&bot, OTHER_USER, theirs).await;
    bot.stop().await;
}

#[tokio::test]
async fn the_card_carries_the_figure_and_its_breakdown_to_the_cent() {
    use crate::telegram::{TYPED_AND_PRESSED, walk};
    let dir = tempfile::tempdir().expect("dir");
    let bot = start(&dir.path().join("h.db"), unlimited(), App::system_clock()).await;
    bot.text("/start").await;
    walk(&bot, &TYPED_AND_PRESSED).await;
    let quote = bot.press("reason:business_change").await;
    assert!(quote.contains("预计退款 ¥400.00"), "{quote}");
    bot.text("/human").await;
    card_posted(&bot, 0).await;
    let topic = &bot.api.topics()[0].name;
    assert!(topic.starts_with("#1 · UCloud · uhost-1a2b3… · "), "{topic}");
    let card = &inbox_text(&bot);
    // The request letter for the case's stage, with the figure.
    assert!(card.contains("申请文字") && card.contains("¥400.00"), "{card}");
    assert!(card.contains("预计退款 ¥400.00"), "{card}");
    assert!(card.contains("800.00 × 240/720 × 1.5"), "{card}");
    assert!(
        card.contains("uhost-1a2b3c4d") && card.contains("UCloud"),
        "{card}"
    );
    bot.stop().await;
}
