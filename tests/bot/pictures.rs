//! The case picture in Telegram: a photo whose caption says what it shows,
//! with the estimate and with the case view, beside the text reply.

use crate::running::*;
use crate::telegram::{TYPED_AND_PRESSED, walk};
use serde_json::Value;

/// The `n`-th `sendPhoto` the bot made (from 1), once it came.
async fn photo(bot: &Running, n: usize) -> Value {
    let got = bot
        .api
        .wait_for(
            |c| c.iter().filter(|c| c.method == "sendPhoto").count() >= n,
            WAIT,
        )
        .await;
    assert!(got, "no photo {n}");
    bot.api.calls_of("sendPhoto")[n - 1].clone()
}

/// The width and height a PNG's header gives (its first 24 bytes, in hex).
fn png_size(head: &str) -> (u32, u32) {
    assert!(head.starts_with("89504e470d0a1a0a"), "not a PNG: {head}");
    let word = |at: usize| u32::from_str_radix(&head[at..at + 8], 16).expect("hex");
    (word(32), word(40))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_estimate_and_the_case_view_each_come_with_the_case_picture() {
    let dir = tempfile::tempdir().expect("dir");
    let bot = start(&dir.path().join("bot.db")).await;
    bot.text("/start").await;
    // Up to the deletion time: the first estimate.
    let quote = walk(&bot, &TYPED_AND_PRESSED[..13]).await;
    assert!(quote.contains("预计退款 ¥400.00"), "{quote}");
    let first = photo(&bot, 1).await;
    let caption = first["caption"].as_str().unwrap_or_default();
    assert!(
        caption.starts_with("案例 #1 一览图")
            && caption.contains("实付 ¥800.00")
            && caption.contains("预计退款 ¥400.00"),
        "{caption}"
    );
    assert_eq!(first["photo"]["file_name"], "refund-case-1.png");
    let (w, h) = png_size(first["photo"]["head"].as_str().unwrap_or_default());
    assert_eq!(w, refund_assistant::picture::WIDTH as u32);
    assert!(
        h > w && first["photo"]["size"].as_u64().is_some_and(|s| s > 10_000),
        "{h}"
    );
    // The text reply came with its buttons whether the photo went before it or after.
    assert!(bot.sent().iter().any(|m| m.text.contains("预计退款 ¥400.00")));
    // A press or a typed step that shows no case sends no picture.
    bot.press("result:refine").await;
    assert_eq!(bot.api.calls_of("sendPhoto").len(), 1);
    // The case view: its picture again, the case as it stands now.
    let view = bot.text("/case 1").await;
    assert!(view.contains("案例 #1"), "{view}");
    let second = photo(&bot, 2).await;
    let caption = second["caption"].as_str().unwrap_or_default();
    assert!(
        caption.contains("案例 #1") && caption.contains("¥400.00"),
        "{caption}"
    );
    bot.stop().await;
}
