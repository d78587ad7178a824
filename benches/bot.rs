//! End-to-end benchmark of the Telegram bot against a fake Bot API on loopback
//! (no network beyond 127.0.0.1; stops by itself):
//!
//! ```sh
//! cargo bench --features jemalloc --bench bot   # the full table (about 4 minutes)
//! cargo bench --features jemalloc --bench bot -- --quick   # a short smoke run
//! ```
//!
//! Options (`-- --name value`): `--latency-users 20 --rtt-ms 60 --think-ms 2000
//! --latency-secs 30 --throughput-users 500 --throughput-secs 15 --soak-secs 0
//! --pg postgres://postgres@127.0.0.1:5432/test` (PostgreSQL rows are skipped
//! when it cannot be reached; `BENCH_DATABASE_URL` or `TEST_DATABASE_URL` work
//! too). `--soak-only` runs just a SQLite throughput run of `--soak-secs` (at
//! least 60) printing the memory over time (`--soak-typed`: its users type
//! sentences); `--throughput-only` prints just the
//! throughput table. `BENCH_BOT_EXE=path` measures another build of the bot.
//!
//! Bots measured, each as its own process: a bare teloxide bot (this binary,
//! answering every text and press with one keyboard message: the ceiling) and
//! `refund-assistant bot` on SQLite and on PostgreSQL, walking a whole refund check.

#[path = "../tests/support/fake_bot_api.rs"]
mod fake_bot_api;
#[path = "bot_support/process.rs"]
mod process;
#[path = "bot_support/setup.rs"]
mod setup;
#[path = "bot_support/users.rs"]
mod users;

use fake_bot_api::{FakeBotApi, Options};
use process::BotProcess;
use setup::{Kind, arg, cleanup, cores, kinds, memory, percentile, postgres, timeouts};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use teloxide::prelude::*;
use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};
use tokio::time::Instant;
use users::{BARE_WALK, REFUND_WALK, Run, Step, TYPED_WALK, Tally};

#[derive(Clone, Debug)]
struct Scenario {
    users: usize,
    think: Duration,
    rtt: Duration,
    warmup: Duration,
    window: Duration,
    /// `--rate-limit` for refund-assistant.
    rate_limit: u32,
}

#[derive(Default)]
struct Outcome {
    latencies: Vec<Duration>,
    steps: u64,
    timeouts: u64,
    per_sec: f64,
    cpu_per_step: Duration,
    peak_rss: f64,
    rss: Vec<f64>,
}

async fn run(kind: &Kind, s: &Scenario, dir: &std::path::Path) -> Outcome {
    let api = Arc::new(
        FakeBotApi::start_with(Options {
            delay: s.rtt,
            history: false,
        })
        .await,
    );
    let mut events = api.events();
    let envs = vec![
        ("TELOXIDE_TOKEN", FakeBotApi::TOKEN.to_owned()),
        ("TELOXIDE_API_URL", api.api_url()),
        ("RUST_LOG", "error".to_owned()),
        ("BENCH_ROLE", "bare".to_owned()),
    ];
    let log = dir.join("bot.log");
    let (program, args, script): (std::path::PathBuf, Vec<String>, &'static [Step]) = match kind {
        Kind::Bare => (std::env::current_exe().expect("exe"), vec![], &BARE_WALK),
        Kind::Sqlite | Kind::SqliteTyped | Kind::Postgres(_) => {
            let db = match kind {
                Kind::Postgres(url) => url.clone(),
                Kind::SqliteTyped => dir
                    .join(format!("bench-typed-{}.db", s.users))
                    .display()
                    .to_string(),
                _ => dir.join(format!("bench-{}.db", s.users)).display().to_string(),
            };
            let args = ["bot", "--db", &db, "--rate-limit", &s.rate_limit.to_string()];
            let walk: &'static [Step] = if matches!(kind, Kind::SqliteTyped) {
                &TYPED_WALK
            } else {
                &REFUND_WALK
            };
            (bot_exe(), args.map(str::to_owned).to_vec(), walk)
        }
    };
    let mut bot = BotProcess::start(&program, &args, &envs, &log);
    bot.wait_polling(&mut events, &log, kind.name()).await;
    let (mut routes, mut inboxes) = (HashMap::new(), Vec::new());
    for u in 0..s.users {
        let chat = 10_000 + u as i64;
        let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
        routes.insert(chat, tx);
        inboxes.push((chat, rx));
    }
    users::route(events, routes);
    let now = Instant::now();
    let shared = Arc::new(Run {
        window_start: now + s.warmup,
        window_end: now + s.warmup + s.window,
        tally: Mutex::new(Tally::default()),
    });
    let tasks: Vec<_> = inboxes
        .into_iter()
        .map(|(chat, rx)| {
            tokio::spawn(users::user(
                api.clone(),
                chat,
                script,
                s.think,
                rx,
                shared.clone(),
            ))
        })
        .collect();
    tokio::time::sleep_until(shared.window_start).await;
    let (cpu0, photos0) = (bot.cpu(), users::photos());
    let drawing0 = bot.threads_cpu("picture-");
    let mut rss = Vec::new();
    while Instant::now() < shared.window_end {
        tokio::time::sleep(Duration::from_secs(1)).await;
        rss.push(bot.rss_mib());
    }
    let cpu = bot.cpu().saturating_sub(cpu0);
    let drawing = bot.threads_cpu("picture-").saturating_sub(drawing0);
    let photos = users::photos() - photos0;
    let peak_rss = bot.peak_rss_mib();
    for t in tasks {
        let _ = tokio::time::timeout(Duration::from_secs(25), t).await;
    }
    drop(bot);
    let tally = std::mem::take(&mut *shared.tally.lock().unwrap_or_else(|e| e.into_inner()));
    let mut latencies = tally.latencies;
    latencies.sort();
    if !matches!(kind, Kind::Bare) {
        users::report_pictures(kind.name(), photos, tally.steps, script.len());
        users::report_drawing(kind.name(), cpu, drawing, photos, tally.steps);
    }
    Outcome {
        per_sec: tally.steps as f64 / s.window.as_secs_f64(),
        cpu_per_step: cpu.checked_div(tally.steps.max(1) as u32).unwrap_or_default(),
        steps: tally.steps,
        timeouts: tally.timeouts,
        latencies,
        peak_rss,
        rss,
    }
}

/// 30 messages in a row in one private chat, Telegram's limits on: the
/// longest wait of a reply behind the one before.
async fn one_quick_chat(dir: &std::path::Path) -> (usize, Duration) {
    let api = FakeBotApi::start_with(Options {
        history: false,
        ..Options::default()
    })
    .await;
    let mut events = api.events();
    let db = dir.join("quick.db").display().to_string();
    let envs = [
        ("TELOXIDE_TOKEN", FakeBotApi::TOKEN.to_owned()),
        ("TELOXIDE_API_URL", api.api_url()),
        ("RUST_LOG", "error".to_owned()),
    ];
    let args = ["bot", "--db", &db].map(str::to_owned);
    let _bot = BotProcess::start(&bot_exe(), &args, &envs, &dir.join("quick.log"));
    while let Some(e) = events.recv().await {
        if e.method == "getUpdates" {
            break;
        }
    }
    for _ in 0..30 {
        api.user_text(1, "/help", Some("zh-CN"));
    }
    let mut at = Vec::new();
    while at.len() < 30 {
        match tokio::time::timeout(Duration::from_secs(10), events.recv()).await {
            Ok(Some(e)) if e.method == "sendMessage" => at.push(e.at),
            Ok(Some(_)) => {}
            _ => break,
        }
    }
    let worst = at.windows(2).map(|w| w[1] - w[0]).max().unwrap_or_default();
    (at.len(), worst)
}

async fn bare_bot() {
    let token = std::env::var("TELOXIDE_TOKEN").expect("token");
    let url = std::env::var("TELOXIDE_API_URL")
        .expect("url")
        .parse()
        .expect("url");
    let bot = Bot::new(token).set_api_url(url);
    let keyboard = || InlineKeyboardMarkup::new([[InlineKeyboardButton::callback("Go", "go#1")]]);
    let handler = dptree::entry()
        .branch(
            Update::filter_message().endpoint(move |bot: Bot, msg: Message| async move {
                bot.send_message(msg.chat.id, "ok")
                    .reply_markup(keyboard())
                    .await?;
                respond(())
            }),
        )
        .branch(
            Update::filter_callback_query().endpoint(move |bot: Bot, q: CallbackQuery| async move {
                if let Some(m) = &q.message {
                    let (a, s) = tokio::join!(
                        bot.answer_callback_query(q.id.clone()).into_future(),
                        bot.send_message(m.chat().id, "ok")
                            .reply_markup(keyboard())
                            .into_future()
                    );
                    a?;
                    s?;
                }
                respond(())
            }),
        );
    Dispatcher::builder(bot, handler).build().dispatch().await;
}

/// The bot measured: this build's, or `BENCH_BOT_EXE` (to compare two builds).
fn bot_exe() -> std::path::PathBuf {
    std::env::var_os("BENCH_BOT_EXE")
        .map_or_else(|| env!("CARGO_BIN_EXE_refund-assistant").into(), Into::into)
}

async fn bench() {
    let quick = std::env::args().any(|a| a == "--quick");
    let (lat_secs, thr_secs) = if quick { (8, 5) } else { (30, 15) };
    let dir = tempfile::tempdir().expect("temporary folder");
    let admin = postgres();
    let latency = Scenario {
        users: arg("--latency-users", 20) as usize,
        think: Duration::from_millis(arg("--think-ms", 2000)),
        rtt: Duration::from_millis(arg("--rtt-ms", 60)),
        warmup: Duration::from_secs(if quick { 2 } else { 5 }),
        window: Duration::from_secs(arg("--latency-secs", lat_secs)),
        rate_limit: 30,
    };
    let throughput = Scenario {
        users: arg("--throughput-users", 500) as usize,
        think: Duration::ZERO,
        rtt: Duration::ZERO,
        warmup: Duration::from_secs(3),
        window: Duration::from_secs(arg("--throughput-secs", thr_secs)),
        rate_limit: 0,
    };
    println!("machine: {} cores, {}", cores(), memory());
    let soak = arg("--soak-secs", 0);
    if std::env::args().any(|a| a == "--soak-only") {
        soak_run(&throughput, soak.max(60), dir.path()).await;
        return;
    }
    let throughput_only = std::env::args().any(|a| a == "--throughput-only");
    if !throughput_only {
        latency_table(&admin, &latency, dir.path()).await;
    }
    throughput_table(&admin, &throughput, dir.path()).await;
    if throughput_only {
        return;
    }
    if soak > 0 {
        soak_run(&throughput, soak, dir.path()).await;
    }
    let (answered, worst) = one_quick_chat(dir.path()).await;
    println!(
        "\n30 messages in a row in one private chat (limits on): {answered} answered, longest wait behind the previous reply {} ms",
        worst.as_millis()
    );
}

async fn latency_table(admin: &Option<String>, latency: &Scenario, dir: &std::path::Path) {
    println!(
        "\nper-step latency: {} users, {} ms round trip, {} ms think time, Telegram's limits on (30/s), {} s",
        latency.users,
        latency.rtt.as_millis(),
        latency.think.as_millis(),
        latency.window.as_secs()
    );
    println!("\n| bot | steps | p50 ms | p95 ms | p99 ms | p50 × bare | p95 × bare | p99 × bare |");
    println!("|---|---:|---:|---:|---:|---:|---:|---:|");
    let mut bare = (0.0, 0.0, 0.0);
    for kind in kinds(admin, 1).await {
        let o = run(&kind, latency, dir).await;
        let p = (
            percentile(&o.latencies, 0.5),
            percentile(&o.latencies, 0.95),
            percentile(&o.latencies, 0.99),
        );
        if matches!(kind, Kind::Bare) {
            bare = p;
        }
        println!(
            "| {} | {} | {:.1} | {:.1} | {:.1} | {:.2} | {:.2} | {:.2} |{}",
            kind.name(),
            o.steps,
            p.0,
            p.1,
            p.2,
            p.0 / bare.0,
            p.1 / bare.1,
            p.2 / bare.2,
            timeouts(o.timeouts)
        );
        cleanup(admin, &kind).await;
    }
}

async fn throughput_table(admin: &Option<String>, throughput: &Scenario, dir: &std::path::Path) {
    println!(
        "\nthroughput: {} users, no think time, no round trip, --rate-limit 0, {} s",
        throughput.users,
        throughput.window.as_secs()
    );
    println!(
        "\n| bot | steps/s | × bare | CPU ms/step | × bare | peak RSS MiB | × bare | RSS first → last s |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---|");
    let mut bare = (0.0, 0.0, 0.0);
    for kind in kinds(admin, 2).await {
        let o = run(&kind, throughput, dir).await;
        let cpu = o.cpu_per_step.as_secs_f64() * 1000.0;
        if matches!(kind, Kind::Bare) {
            bare = (o.per_sec, cpu, o.peak_rss);
        }
        println!(
            "| {} | {:.0} | {:.2} | {:.3} | {:.2} | {:.1} | {:.2} | {:.1} → {:.1} |{}",
            kind.name(),
            o.per_sec,
            o.per_sec / bare.0,
            cpu,
            cpu / bare.1,
            o.peak_rss,
            o.peak_rss / bare.2,
            o.rss.first().copied().unwrap_or_default(),
            o.rss.last().copied().unwrap_or_default(),
            timeouts(o.timeouts)
        );
        cleanup(admin, &kind).await;
    }
}

/// A long throughput run on SQLite: is the memory flat?
async fn soak_run(throughput: &Scenario, secs: u64, dir: &std::path::Path) {
    let s = Scenario {
        window: Duration::from_secs(secs),
        ..throughput.clone()
    };
    // `--soak-typed`: the users type sentences instead of pressing.
    let kind = if std::env::args().any(|a| a == "--soak-typed") {
        Kind::SqliteTyped
    } else {
        Kind::Sqlite
    };
    let o = run(&kind, &s, dir).await;
    let step = (o.rss.len() / 10).max(1);
    let samples: Vec<String> = o.rss.iter().step_by(step).map(|r| format!("{r:.1}")).collect();
    println!(
        "\nsoak, {}, {} users, {secs} s: {:.0} steps/s, peak RSS {:.1} MiB, RSS every {step} s (MiB): {}",
        kind.name(),
        s.users,
        o.per_sec,
        o.peak_rss,
        samples.join(" ")
    );
}

fn main() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    if std::env::var("BENCH_ROLE").as_deref() == Ok("bare") {
        rt.block_on(bare_bot());
    } else {
        rt.block_on(bench());
    }
}
