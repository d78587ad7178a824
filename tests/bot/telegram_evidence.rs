//! Evidence files through the fake Bot API: a photo sent while a case is
//! open is fetched with getFile and kept under its SHA-256 (0600 in a 0700
//! folder), what it shows ticks the case's checklist, the same file again is
//! recognised, a 25 MB document is refused without being fetched, /export
//! lists the files with their hashes, and /delete_my_data removes them.

use crate::running;

use refund_assistant::store::sha256_hex;
use running::*;
use std::path::Path;

const SENTENCE: &str =
    "uhost-1a2b3c4d 是 2026年3月1日 买的，包月，到期 2026-03-31，实付 800 元，2026-03-11 删除了";
const ORDER_PAGE: &[u8] = b"\xff\xd8\xff\xe0 the order page: order 2026030112345, monthly, paid 800.00";

#[cfg(unix)]
fn mode(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).map_or(0, |m| m.permissions().mode() & 0o777)
}

async fn export(bot: &Running, n: i64) -> String {
    let doc = bot.export(n).await;
    doc["document"]["content"].as_str().unwrap_or_default().to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_photo_is_kept_in_the_open_case_and_a_duplicate_and_a_25_mb_document_are_recognised() {
    let dir = tempfile::tempdir().expect("dir");
    let bot = start(&dir.path().join("bot.db")).await;
    bot.text("/start").await;
    let asked = bot.text(SENTENCE).await;
    assert!(asked.contains("uhost-1a2b3c4d"), "{asked}");

    // A photo while case #1 is open: attached, its bytes kept under the hash.
    let before = bot.sent().len();
    bot.api
        .user_photo_of(USER, "order-shot", "uorder", ORDER_PAGE, None);
    let attached = bot.answer(before).await;
    assert!(attached.contains("已存入案例 #1"), "{attached}");
    let hash = sha256_hex(ORDER_PAGE);
    assert!(attached.contains(&hash[..12]), "{attached}");
    let folder = dir.path().join("evidence").join("telegram-5001");
    let kept = folder.join(&hash);
    assert_eq!(std::fs::read(&kept).expect("kept on disk"), ORDER_PAGE);
    #[cfg(unix)]
    {
        assert_eq!(mode(&kept), 0o600);
        assert_eq!(mode(&folder), 0o700);
        assert_eq!(mode(&dir.path().join("evidence")), 0o700);
    }
    // The largest photo size was the one fetched.
    let fetched = bot.api.calls_of("getFile");
    assert_eq!(
        fetched.last().map(|c| c["file_id"].clone()),
        Some("order-shot".into())
    );

    // What it shows ticks the checklist.
    let noted = bot.press("ev:1:0:order").await;
    assert!(
        noted.contains("☑ 订单详情") && noted.contains("☐ 删除确认页"),
        "{noted}"
    );

    // The same file again (same file_unique_id, another file_id): recognised.
    let before = bot.sent().len();
    bot.api
        .user_photo_of(USER, "order-shot-2", "uorder", ORDER_PAGE, None);
    let dup = bot.answer(before).await;
    assert!(
        dup.contains("已经有了") && dup.contains("案例 #1 的第 1 个文件"),
        "{dup}"
    );

    // The check goes on where it was; once done, the case view shows the checklist.
    let quote = bot.press("account:none").await;
    assert!(quote.contains("¥400.00"), "{quote}");
    let view = bot.text("/case 1").await;
    assert!(
        view.contains("☑ 订单详情") && view.contains("☐ 付款记录"),
        "{view}"
    );

    // A 25 MB document is refused politely and never fetched.
    let before = bot.sent().len();
    bot.api.user_document_of(
        USER,
        "big-bill",
        "bill.pdf",
        "application/pdf",
        25 * 1024 * 1024,
        None,
    );
    let big = bot.answer(before).await;
    assert!(
        big.contains("25.0 MB") && big.contains("20 MB") && big.contains("截图"),
        "{big}"
    );
    assert!(
        bot.api
            .calls_of("getFile")
            .iter()
            .all(|c| c["file_id"] != "big-bill"),
        "a file over 20 MB is not fetched"
    );

    // /export lists the file with its hash and time.
    let doc = export(&bot, 1).await;
    assert!(
        doc.contains("## 证据文件") && doc.contains(&hash) && doc.contains("订单详情"),
        "{doc}"
    );

    // /delete_my_data removes the files with the rows.
    bot.text("/delete_my_data").await;
    let before = bot.sent().len();
    let (message_id, data) = find_button(&bot.sent(), "delete:yes").expect("the confirm button");
    bot.api.user_press(USER, message_id, &data);
    bot.api
        .wait_for(|_| bot.api.sent(USER).len() > before, WAIT)
        .await;
    assert!(!kept.exists(), "the evidence file is erased");
    assert!(!folder.exists(), "the user's folder is erased");
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_no_case_open_the_bot_asks_which_case_and_a_caption_names_one() {
    let dir = tempfile::tempdir().expect("dir");
    let bot = start(&dir.path().join("bot.db")).await;
    bot.text("/start").await;
    // No case at all: the file waits while the bot asks, and starts one.
    let before = bot.sent().len();
    bot.api.user_photo_of(
        USER,
        "ticket-shot",
        "uticket",
        b"\xff\xd8\xff\xe0 ticket reply",
        None,
    );
    let which = bot.answer(before).await;
    assert!(
        which.contains("是哪个案例的") && which.contains("新建"),
        "{which}"
    );
    let attached = bot.press("evcase:new").await;
    assert!(attached.contains("已存入案例 #1"), "{attached}");
    bot.press("ev:1:0:ticket").await;
    // Back at the menu (no case open), a caption "#1" names the case.
    bot.text("/cancel").await;
    let before = bot.sent().len();
    bot.api.user_photo_of(
        USER,
        "pay-shot",
        "upay",
        b"\xff\xd8\xff\xe0 payment record",
        Some("付款记录 #1"),
    );
    let named = bot.answer(before).await;
    assert!(
        named.contains("已存入案例 #1") && named.contains("2 个文件"),
        "{named}"
    );
    let noted = bot.press("ev:1:1:payment").await;
    assert!(
        noted.contains("☑ 工单回复") || noted.contains("☑ 客服工单回复"),
        "{noted}"
    );
    assert!(noted.contains("☑ 付款记录"), "{noted}");
    let folder = dir.path().join("evidence").join("telegram-5001");
    assert!(
        folder
            .join(sha256_hex(b"\xff\xd8\xff\xe0 payment record"))
            .exists()
    );
    bot.stop().await;
}
