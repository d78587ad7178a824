//! The `refund-assistant bot` binary itself against the fake Bot API: how it
//! stops on SIGTERM, and what its log holds (never the token, never what a
//! user typed in an update it could not read).

use crate::fake_bot_api;

use fake_bot_api::FakeBotApi;
use serde_json::json;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::Duration;

const USER: i64 = 5001;
const WAIT: Duration = Duration::from_secs(20);
/// What a user typed, in updates the bot cannot read.
const TYPED: &str = "my-password-hunter2";

/// The bot binary, its log going to a file.
struct BotProcess {
    child: Child,
    log: PathBuf,
    db: PathBuf,
}

impl BotProcess {
    fn spawn(api: &FakeBotApi, dir: &Path, extra: &[&str]) -> BotProcess {
        let db = dir.join("bot.db");
        let log = dir.join("stderr.log");
        let child = Command::new(env!("CARGO_BIN_EXE_refund-assistant"))
            .args(["bot", "--rate-limit", "0", "--db"])
            .arg(&db)
            .args(extra)
            .env("TELOXIDE_TOKEN", FakeBotApi::TOKEN)
            .env("TELOXIDE_API_URL", api.api_url())
            .env_remove("RUST_LOG")
            .env_remove("LOG_FORMAT")
            .env_remove("DATABASE_URL")
            .env_remove("WEBHOOK_SECRET")
            .env_remove("METRICS_LISTEN")
            .env_remove("TELOXIDE_PROXY")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).expect("log file"))
            .spawn()
            .expect("the bot starts");
        BotProcess { child, log, db }
    }

    /// Sends SIGTERM (what `docker stop` and systemd send) and waits for the exit.
    async fn terminate(&mut self) -> ExitStatus {
        let pid = self.child.id().to_string();
        let sent = Command::new("kill").args(["-TERM", &pid]).status().expect("kill");
        assert!(sent.success(), "SIGTERM sent");
        let deadline = tokio::time::Instant::now() + WAIT;
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                return status;
            }
            assert!(tokio::time::Instant::now() < deadline, "the bot did not stop");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    fn companion(&self, suffix: &str) -> PathBuf {
        let mut name = self.db.as_os_str().to_owned();
        name.push(suffix);
        name.into()
    }
}

impl Drop for BotProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Sends `/start` and waits for the welcome.
async fn welcomed(api: &FakeBotApi) {
    let before = api.sent(USER).len();
    api.user_text(USER, "/start", Some("zh-CN"));
    let ok = api.wait_for(|_| api.sent(USER).len() > before, WAIT).await;
    assert!(ok, "the bot answers /start");
}

fn free_port() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").expect("port");
    l.local_addr().expect("addr").port()
}

/// An update whose message has a date that is text: teloxide cannot read it.
fn unreadable(update_id: i64) -> serde_json::Value {
    json!({ "update_id": update_id, "message": {
        "message_id": 99, "date": format!("when {TYPED}"),
        "chat": { "id": USER, "type": "private", "first_name": "U" },
        "from": { "id": USER, "is_bot": false, "first_name": "U" },
        "text": format!("my card is 4111 and {TYPED}") } })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_stops_the_bot_with_exit_0_and_no_write_ahead_log_left() {
    let dir = tempfile::tempdir().expect("dir");
    let api = FakeBotApi::start().await;
    let mut bot = BotProcess::spawn(&api, dir.path(), &[]);
    welcomed(&api).await;
    assert!(bot.companion("-wal").exists(), "the bot was writing");
    let status = bot.terminate().await;
    assert_eq!(status.code(), Some(0), "{status:?}\n{}", bot.log());
    assert!(!bot.companion("-wal").exists(), "-wal left behind");
    assert!(!bot.companion("-shm").exists(), "-shm left behind");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_error_page_that_echoes_the_request_path_does_not_put_the_token_in_the_log() {
    let dir = tempfile::tempdir().expect("dir");
    let api = FakeBotApi::start().await;
    api.echo_page_next("getMe");
    let mut bot = BotProcess::spawn(&api, dir.path(), &[]);
    welcomed(&api).await;
    bot.terminate().await;
    let log = bot.log();
    assert!(log.contains("502 Bad Gateway"), "the page was logged: {log}");
    let secret = FakeBotApi::TOKEN.split_once(':').map_or("", |(_, s)| s);
    assert!(!log.contains(secret), "the token is in the log: {log}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_update_that_cannot_be_read_is_logged_by_id_and_size_and_counted() {
    let dir = tempfile::tempdir().expect("dir");
    let api = FakeBotApi::start().await;
    let port = free_port();
    let metrics = format!("127.0.0.1:{port}");
    let mut bot = BotProcess::spawn(&api, dir.path(), &["--metrics-listen", &metrics]);
    let id = api.push_update(unreadable);
    // Handled in order: once /start is answered, the update before it was read.
    welcomed(&api).await;
    let text = reqwest::get(format!("http://{metrics}/metrics"))
        .await
        .expect("metrics")
        .text()
        .await
        .expect("body");
    assert!(
        text.lines().any(|l| l == "refund_updates_malformed_total 1"),
        "counted: {text}"
    );
    bot.terminate().await;
    let log = bot.log();
    assert!(log.contains(&format!("update {id} ")), "logged by its id: {log}");
    assert!(
        !log.contains(TYPED) && !log.contains("4111"),
        "the body is in the log: {log}"
    );
    assert!(!log.contains("bug in teloxide"), "{log}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_webhook_refuses_an_empty_secret_with_401_and_never_logs_a_body() {
    let dir = tempfile::tempdir().expect("dir");
    let api = FakeBotApi::start().await;
    let port = free_port();
    let listen = format!("127.0.0.1:{port}");
    let hook = format!("http://{listen}/telegram");
    let args = [
        "--webhook",
        &hook,
        "--listen",
        &listen,
        "--webhook-secret",
        "s3cret-token",
    ];
    let mut bot = BotProcess::spawn(&api, dir.path(), &args);
    let client = reqwest::Client::new();
    let post = |secret: Option<&'static str>, body: String| {
        let mut req = client
            .post(&hook)
            .header("content-type", "application/json")
            .body(body);
        if let Some(s) = secret {
            req = req.header("X-Telegram-Bot-Api-Secret-Token", s);
        }
        async move { req.send().await.map(|r| r.status().as_u16()).unwrap_or(0) }
    };
    // Up once the webhook is set and the server listens.
    let deadline = tokio::time::Instant::now() + WAIT;
    while post(None, "{}".into()).await == 0 {
        assert!(
            tokio::time::Instant::now() < deadline,
            "the webhook never listened"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let update = json!({ "update_id": 1, "message": { "message_id": 1, "date": 1,
        "chat": { "id": USER, "type": "private", "first_name": "U" },
        "from": { "id": USER, "is_bot": false, "first_name": "U" }, "text": "/start" } });
    assert_eq!(post(None, update.to_string()).await, 401, "no secret");
    assert_eq!(post(Some(""), update.to_string()).await, 401, "an empty secret");
    assert_eq!(
        post(Some("wrong"), update.to_string()).await,
        401,
        "a wrong secret"
    );
    let broken = format!("{{\"update_id\": 901, \"message\": \"{TYPED}\"");
    assert_eq!(post(Some("s3cret-token"), broken).await, 200, "not JSON");
    assert_eq!(post(Some("s3cret-token"), unreadable(902).to_string()).await, 200);
    assert_eq!(post(Some("s3cret-token"), update.to_string()).await, 200);
    assert!(
        api.wait_for(|_| !api.sent(USER).is_empty(), WAIT).await,
        "answered"
    );
    assert_eq!(bot.terminate().await.code(), Some(0));
    let log = bot.log();
    assert!(log.contains("update 902"), "{log}");
    assert!(
        !log.contains(TYPED) && !log.contains("4111"),
        "a body is in the log: {log}"
    );
}
