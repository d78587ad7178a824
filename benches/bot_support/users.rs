//! Simulated users: each walks a script of typed texts and button presses in
//! its own private chat, waits for the bot's answer (a message with a
//! keyboard) and thinks before the next step.

use super::fake_bot_api::{Event, FakeBotApi};
use serde_json::Value;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::mpsc;
use tokio::time::Instant;

/// A step: ("text", what is typed) or ("press", id of the button).
pub type Step = (&'static str, &'static str);

/// A whole refund check, from /start to the figure (as in tests/bot/telegram.rs).
pub const REFUND_WALK: [Step; 22] = [
    ("text", "/start"),
    ("press", "menu:new"),
    ("text", "按月"),
    ("press", "account:items"),
    ("press", "arrears:no"),
    ("press", "violation:no"),
    ("text", "没有定制"),
    ("press", "applicant:owner"),
    ("text", "uhost 1a2b3c4d"),
    ("text", "uhost-1a2b3c4d"),
    ("text", "2026年3月1日"),
    ("text", "2026-03-31"),
    ("text", "¥800"),
    ("text", "2026-03-11 00:00"),
    ("press", "result:refine"),
    ("text", "不是"),
    ("press", "voucher:none"),
    ("press", "gift:none"),
    ("press", "overage:none"),
    ("press", "vas:none"),
    ("press", "request:self-service"),
    ("press", "reason:business_change"),
];

/// What people type instead of pressing (issue 33's load): a case in one
/// sentence, an answer in words, a question, reports of the stages, support's
/// words, an English sentence, thanks. Every step is answered with a keyboard.
pub const TYPED_WALK: [Step; 10] = [
    ("text", "/start"),
    (
        "text",
        "uhost-1a2b3c4d 是 2026年3月1日 买的，包月，到期 2026-03-31，实付 800 元，2026-03-11 删除了，能退多少？",
    ),
    ("text", "都没有，我是账号所有者"),
    ("text", "实例ID是什么？在哪里看？"),
    ("text", "我已经提交了"),
    ("text", "刚刚"),
    ("text", "我的退款被拒了，客服说检测到异常流量，不予退款"),
    ("text", "申诉也被驳回了，还能怎么办"),
    ("text", "the refund still hasn't arrived after two weeks"),
    ("text", "谢谢"),
];

/// The bare bot's script: a text, then a press on its button.
pub const BARE_WALK: [Step; 2] = [("text", "hi"), ("press", "go")];

/// A keyboard message the bot sent: (message id, reply markup, arrival).
type Answer = (i64, Value, Instant);

#[derive(Default)]
pub struct Tally {
    /// Step latencies (update queued → answer arrived) inside the window.
    pub latencies: Vec<Duration>,
    /// Steps answered inside the window.
    pub steps: u64,
    /// Steps not answered within 20 s (the user starts over).
    pub timeouts: u64,
}

pub struct Run {
    pub window_start: Instant,
    pub window_end: Instant,
    pub tally: Mutex<Tally>,
}

/// Forward every keyboard message to the user of its chat.
/// Case pictures the fake Bot API received (`sendPhoto`), all runs.
pub static PHOTOS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

pub fn photos() -> u64 {
    PHOTOS.load(std::sync::atomic::Ordering::Relaxed)
}

/// Each walk of the refund check reaches one estimate, which asks for one
/// picture: how many were drawn and sent in the window.
pub fn report_pictures(name: &str, photos: u64, steps: u64, walk: usize) {
    let estimates = steps / walk.max(1) as u64;
    eprintln!(
        "{name}: {photos} pictures sent in the window, for about {estimates} estimates ({steps} steps)"
    );
}

/// The CPU of the picture threads (at the lowest priority, with spare CPU
/// only) apart from the steps': the steps' own CPU a step, and a picture's.
pub fn report_drawing(name: &str, cpu: Duration, drawing: Duration, photos: u64, steps: u64) {
    let ms = |d: Duration, n: u64| d.as_secs_f64() * 1000.0 / n.max(1) as f64;
    eprintln!(
        "{name}: pictures took {:.0} % of the bot's CPU ({:.1} ms a picture sent); the steps alone {:.3} ms a step",
        100.0 * drawing.as_secs_f64() / cpu.as_secs_f64().max(1e-9),
        ms(drawing, photos),
        ms(cpu.saturating_sub(drawing), steps),
    );
}

pub fn route(mut events: mpsc::UnboundedReceiver<Event>, users: HashMap<i64, mpsc::UnboundedSender<Answer>>) {
    tokio::spawn(async move {
        while let Some(e) = events.recv().await {
            if e.method == "sendPhoto" {
                PHOTOS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            }
            let keyboard = e.reply_markup.as_ref().and_then(|m| m.get("inline_keyboard"));
            let has_buttons = keyboard
                .and_then(Value::as_array)
                .is_some_and(|rows| !rows.is_empty());
            if e.method != "sendMessage" || !has_buttons {
                continue;
            }
            if let (Some(chat), Some(id), Some(markup)) = (e.chat_id, e.message_id, e.reply_markup)
                && let Some(user) = users.get(&chat)
            {
                let _ = user.send((id, markup, e.at));
            }
        }
    });
}

fn button(markup: &Value, id: &str) -> Option<String> {
    let rows = markup.get("inline_keyboard")?.as_array()?;
    let all: Vec<String> = rows
        .iter()
        .flat_map(|r| r.as_array().cloned().unwrap_or_default())
        .filter_map(|b| b["callback_data"].as_str().map(str::to_owned))
        .collect();
    let wanted = all.iter().find(|d| d.split('#').next() == Some(id));
    wanted.or(all.first()).cloned()
}

/// A small deterministic generator for think times (no randomness crate needed).
fn next(seed: &mut u64) -> f64 {
    *seed = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    (*seed >> 11) as f64 / (1u64 << 53) as f64
}

/// One user: walk `script` over and over until `run.window_end`.
#[allow(clippy::too_many_arguments)]
pub async fn user(
    api: Arc<FakeBotApi>,
    chat: i64,
    script: &'static [Step],
    think: Duration,
    mut answers: mpsc::UnboundedReceiver<Answer>,
    run: Arc<Run>,
) {
    let mut seed = chat as u64;
    let mut last: Option<(i64, Value)> = None;
    // Spread the users' first steps over one think time.
    tokio::time::sleep(think.mul_f64(next(&mut seed))).await;
    'walk: loop {
        for (kind, what) in script {
            while answers.try_recv().is_ok() {}
            let queued = Instant::now();
            if queued >= run.window_end {
                return;
            }
            match (*kind, &last) {
                ("press", Some((id, markup))) => match button(markup, what) {
                    Some(data) => {
                        api.user_press(chat, *id, &data);
                    }
                    None => continue 'walk,
                },
                ("press", None) => continue 'walk,
                _ => {
                    api.user_text(chat, what, Some("zh-CN"));
                }
            }
            let Ok(Some((id, markup, at))) =
                tokio::time::timeout(Duration::from_secs(20), answers.recv()).await
            else {
                let mut t = run.tally.lock().unwrap_or_else(|e| e.into_inner());
                t.timeouts += 1;
                last = None;
                continue 'walk;
            };
            if queued >= run.window_start && at <= run.window_end {
                let mut t = run.tally.lock().unwrap_or_else(|e| e.into_inner());
                t.latencies.push(at - queued);
                t.steps += 1;
            }
            last = Some((id, markup));
            if !think.is_zero() {
                tokio::time::sleep(think.mul_f64(0.5 + next(&mut seed))).await;
            }
        }
    }
}
