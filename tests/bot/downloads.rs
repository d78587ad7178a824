//! Downloads are bounded whatever Telegram announces, and what is kept is
//! what it says it is: a file announced as 0 bytes that sends 30 MB, one
//! announced as 1,000 bytes that sends 60 MB (reading stops past 20 MB, so
//! neither memory nor disk ever holds it), and an HTML page sent as `.png`
//! are refused with a clear answer, and nothing of them stays in the
//! evidence folder.

use crate::fake_bot_api::html_to_plain;
use crate::running::*;
use std::path::Path;
use std::sync::atomic::Ordering;

const MB: u64 = 1024 * 1024;
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x03\x20";
const PAGE: &[u8] =
    b"<!DOCTYPE html>\n<html><head><title>Order 2026030112345</title></head><body>paid 800.00</body></html>";

fn plain(html: &str) -> String {
    html_to_plain(html).unwrap_or_else(|e| panic!("{e}: {html}"))
}

/// Every file under `dir` (none when it does not exist).
fn files_under(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for e in entries.flatten() {
        if e.path().is_dir() {
            out.extend(files_under(&e.path()));
        } else {
            out.push(e.path().display().to_string());
        }
    }
    out
}

/// The bot's answer when it is a refusal: one message, without a keyboard
/// (the question on screen stays the one above it).
async fn refusal(bot: &Running, before: usize) -> String {
    let got = bot.api.wait_for(|_| bot.sent().len() > before, WAIT).await;
    assert!(got, "no answer");
    bot.sent()[before..]
        .iter()
        .map(|m| m.text.clone())
        .collect::<Vec<_>>()
        .join("\n")
}

async fn with_open_case(db: &Path) -> Running {
    let bot = start(db).await;
    bot.text("/start").await;
    let asked = bot
        .text("uhost-1a2b3c4d 是 2026年3月1日 买的，包月，到期 2026-03-31，实付 800 元，2026-03-11 删除了")
        .await;
    assert!(asked.contains("uhost-1a2b3c4d"), "{asked}");
    bot
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_file_announced_as_empty_that_sends_60_mb_is_stopped_at_20_mb_and_not_kept() {
    let dir = tempfile::tempdir().expect("dir");
    let bot = with_open_case(&dir.path().join("bot.db")).await;
    let before = bot.sent().len();
    let sent =
        bot.api
            .user_document_streamed(USER, "zero", "bill.png", "image/png", 0, Some(0), PNG, 60 * MB);
    let answer = refusal(&bot, before).await;
    assert!(
        answer.contains("超过了 20 MB") && answer.contains("什么也没保存") && answer.contains("截图"),
        "{answer}"
    );
    assert!(!answer.contains("已存入"), "not attached to the case: {answer}");
    let read = sent.load(Ordering::Relaxed);
    // Loopback socket buffers hold several MB past where the bot stops
    // reading: 60 MB leaves no doubt that it stopped.
    assert!(read < 60 * MB, "the download was read to its end: {read} bytes");
    assert_eq!(files_under(&dir.path().join("evidence")), Vec::<String>::new());
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_file_announced_as_1000_bytes_that_sends_60_mb_is_never_read_whole() {
    let dir = tempfile::tempdir().expect("dir");
    let bot = with_open_case(&dir.path().join("bot.db")).await;
    let before = bot.sent().len();
    let sent = bot.api.user_document_streamed(
        USER,
        "liar",
        "order.pdf",
        "application/pdf",
        1000,
        Some(1000),
        b"%PDF-1.7\n",
        60 * MB,
    );
    let answer = refusal(&bot, before).await;
    assert!(
        answer.contains("超过了 20 MB") && answer.contains("什么也没保存"),
        "{answer}"
    );
    // Reading stopped past 20 MB: what the connection took beyond that is
    // only what its buffers hold, far from the 60 MB sent.
    let read = sent.load(Ordering::Relaxed);
    assert!(read < 40 * MB, "{read} bytes were pulled from a 60 MB download");
    assert_eq!(files_under(&dir.path().join("evidence")), Vec::<String>::new());
    // No size announced at all: the same.
    let before = bot.sent().len();
    bot.api.user_document_streamed(
        USER,
        "silent",
        "order.pdf",
        "application/pdf",
        0,
        None,
        b"%PDF-1.7\n",
        21 * MB,
    );
    let answer = refusal(&bot, before).await;
    assert!(answer.contains("超过了 20 MB"), "{answer}");
    assert_eq!(files_under(&dir.path().join("evidence")), Vec::<String>::new());
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_html_page_sent_as_a_png_is_refused_and_a_real_png_is_kept() {
    let dir = tempfile::tempdir().expect("dir");
    let bot = with_open_case(&dir.path().join("bot.db")).await;
    let before = bot.sent().len();
    bot.api
        .user_document_of(USER, "page", "order.png", "image/png", PAGE.len(), Some(PAGE));
    let answer = refusal(&bot, before).await;
    assert!(
        answer.contains("order.png")
            && answer.contains("自称是PNG 图片")
            && answer.contains("网页")
            && answer.contains("什么也没保存"),
        "{answer}"
    );
    assert_eq!(files_under(&dir.path().join("evidence")), Vec::<String>::new());

    // A type the bot does not keep is refused without being fetched.
    let before = bot.sent().len();
    bot.api.user_document_of(
        USER,
        "zip",
        "logs.zip",
        "application/zip",
        2048,
        Some(b"PK\x03\x04"),
    );
    let answer = refusal(&bot, before).await;
    assert!(
        answer.contains("logs.zip") && plain(&answer).contains("application/zip"),
        "{answer}"
    );
    assert!(
        bot.api.calls_of("getFile").iter().all(|c| c["file_id"] != "zip"),
        "not fetched"
    );

    // The real picture is kept, under its hash, with the type its bytes show.
    let before = bot.sent().len();
    bot.api
        .user_document_of(USER, "real", "order.png", "image/png", PNG.len(), Some(PNG));
    let answer = bot.answer(before).await;
    assert!(answer.contains("已存入案例 #1"), "{answer}");
    let hash = refund_assistant::store::sha256_hex(PNG);
    let kept = dir.path().join("evidence").join("telegram-5001").join(&hash);
    assert_eq!(std::fs::read(&kept).expect("kept"), PNG);
    assert_eq!(files_under(&dir.path().join("evidence")).len(), 1);
    bot.stop().await;
}
