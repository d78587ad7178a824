//! A PostgreSQL outage, for real: the test starts its own cluster on a free
//! port (with the server binaries under /usr/lib/postgresql/*/bin, as the
//! `postgres` user when run as root), stops it mid-conversation and starts it
//! again. Skipped, with a message, when the machine cannot run a cluster.

use crate::console;

use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use refund_assistant::app::{App, Message};
use refund_assistant::store::{Store, UserKey};

/// A throw-away cluster; stopped when dropped.
struct Cluster {
    bin: PathBuf,
    data: PathBuf,
    log: PathBuf,
    port: u16,
    as_postgres: bool,
    _dir: tempfile::TempDir,
}

fn server_bin() -> Option<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(Result::ok)
        .map(|e| e.path().join("bin"))
        .filter(|b| b.join("initdb").exists() && b.join("pg_ctl").exists())
        .collect();
    dirs.sort();
    dirs.pop()
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

impl Cluster {
    fn start() -> Result<Cluster, String> {
        let bin = server_bin().ok_or("no initdb/pg_ctl under /usr/lib/postgresql/*/bin")?;
        let as_postgres = Command::new("id")
            .arg("-u")
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
            .unwrap_or(false);
        let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
        if as_postgres {
            // initdb refuses root; the cluster belongs to `postgres`.
            let chown = Command::new("chown")
                .args(["-R", "postgres"])
                .arg(dir.path())
                .status()
                .map_err(|e| e.to_string())?;
            if !chown.success() {
                return Err("cannot hand the folder to the postgres user".into());
            }
        }
        let cluster = Cluster {
            bin,
            data: dir.path().join("data"),
            log: dir.path().join("log"),
            port: free_port(),
            as_postgres,
            _dir: dir,
        };
        let data = cluster.data.to_string_lossy().into_owned();
        cluster.run(
            "initdb",
            &[
                "-D",
                &data,
                "-A",
                "trust",
                "-U",
                "postgres",
                "--no-sync",
                "-E",
                "UTF8",
            ],
        )?;
        cluster.up()?;
        Ok(cluster)
    }

    fn run(&self, tool: &str, args: &[&str]) -> Result<(), String> {
        let program = self.bin.join(tool);
        let mut cmd = if self.as_postgres {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(&program);
            c
        } else {
            Command::new(&program)
        };
        let out = cmd.args(args).output().map_err(|e| format!("{tool}: {e}"))?;
        if out.status.success() {
            Ok(())
        } else {
            Err(format!("{tool} failed: {}", String::from_utf8_lossy(&out.stderr)))
        }
    }

    fn up(&self) -> Result<(), String> {
        let options = format!(
            "-p {} -c listen_addresses=127.0.0.1 -c unix_socket_directories={} -c fsync=off",
            self.port,
            self.data.display()
        );
        let (data, log) = (self.data.to_string_lossy(), self.log.to_string_lossy());
        self.run(
            "pg_ctl",
            &["-D", &data, "-l", &log, "-o", &options, "-w", "-t", "30", "start"],
        )
    }

    fn down(&self) {
        let data = self.data.to_string_lossy();
        if let Err(e) = self.run("pg_ctl", &["-D", &data, "-m", "immediate", "-w", "stop"]) {
            eprintln!("{e}");
        }
    }

    fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        self.down();
    }
}

fn cluster_or_skip(test: &str) -> Option<Cluster> {
    match Cluster::start() {
        Ok(c) => Some(c),
        Err(e) => {
            eprintln!("{test} skipped: cannot run a PostgreSQL cluster here: {e}");
            None
        }
    }
}

/// The console binary with its stdout collected as it comes.
struct Console {
    child: Child,
    stdin: ChildStdin,
    out: Arc<Mutex<String>>,
    err: Arc<Mutex<String>>,
}

fn collect(r: impl std::io::Read + Send + 'static) -> Arc<Mutex<String>> {
    let buf = Arc::new(Mutex::new(String::new()));
    let sink = buf.clone();
    std::thread::spawn(move || {
        for line in BufReader::new(r).lines().map_while(Result::ok) {
            if let Ok(mut b) = sink.lock() {
                b.push_str(&line);
                b.push('\n');
            }
        }
    });
    buf
}

impl Console {
    fn start(url: &str) -> Console {
        let mut child = console::command(url)
            .args(["--lang", "zh-CN"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("console starts");
        let stdin = child.stdin.take().expect("stdin");
        let out = collect(child.stdout.take().expect("stdout"));
        let err = collect(child.stderr.take().expect("stderr"));
        Console {
            child,
            stdin,
            out,
            err,
        }
    }

    fn send(&mut self, line: &str) {
        writeln!(self.stdin, "{line}").expect("console reads");
        self.stdin.flush().expect("flushed");
    }

    /// Waits until `text` appears in stdout after byte `from`; returns where it ends.
    fn wait_for(&mut self, text: &str, from: usize, within: Duration) -> usize {
        let deadline = Instant::now() + within;
        loop {
            let out = self.out.lock().map(|o| o.clone()).unwrap_or_default();
            if let Some(i) = out.get(from..).and_then(|tail| tail.find(text)) {
                return from + i + text.len();
            }
            assert!(
                Instant::now() < deadline,
                "no {text:?} within {within:?}; stdout:\n{out}\nstderr:\n{}",
                self.err.lock().map(|e| e.clone()).unwrap_or_default()
            );
            if let Ok(Some(status)) = self.child.try_wait() {
                // Let the readers catch the last output before judging.
                std::thread::sleep(Duration::from_millis(200));
                let out = self.out.lock().map(|o| o.clone()).unwrap_or_default();
                if out.get(from..).is_some_and(|tail| tail.contains(text)) {
                    continue;
                }
                panic!(
                    "the console ended ({status}) before {text:?}; stdout:\n{out}\nstderr:\n{}",
                    self.err.lock().map(|e| e.clone()).unwrap_or_default()
                );
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn finish(mut self) -> std::process::ExitStatus {
        drop(self.stdin);
        self.child.wait().expect("console ends")
    }
}

const UNSAVED: &str = "没能保存你的回答";
const LONG: Duration = Duration::from_secs(30);

#[test]
fn the_console_says_an_answer_was_not_saved_while_the_database_is_down_and_recovers() {
    let Some(pg) = cluster_or_skip("outage") else {
        return;
    };
    let mut c = Console::start(&pg.url());
    let mut at = c.wait_for("[1]", 0, LONG);
    c.send("开始退款评估");
    at = c.wait_for("按月", at, LONG);
    c.send("按月");
    at = c.wait_for("欠费", at, LONG);

    pg.down();
    c.send("没有欠费");
    at = c.wait_for(UNSAVED, at, LONG);

    pg.up().expect("the cluster starts again");
    // The answer the user was asked to resend, then the conversation goes on
    // from where it was: the billing answer before the outage was kept.
    c.send("没有欠费");
    // (Had the billing answer been lost, the billing question would come back.)
    c.wait_for("请发实例 ID", at, LONG);
    let out = c.out.lock().map(|o| o.clone()).unwrap_or_default();
    let status = c.finish();
    assert!(status.success(), "exit {status:?}\n{out}");
}

#[test]
fn start_up_waits_for_the_database_saying_so() {
    let Some(pg) = cluster_or_skip("start-up") else {
        return;
    };
    pg.down();
    let mut c = Console::start(&pg.url());
    let deadline = Instant::now() + LONG;
    while !c.err.lock().map(|e| e.contains("重试")).unwrap_or(false) {
        assert!(Instant::now() < deadline, "no retry notice on stderr");
        std::thread::sleep(Duration::from_millis(50));
    }
    pg.up().expect("the cluster starts");
    c.wait_for("[1]", 0, LONG);
    let status = c.finish();
    assert!(status.success());
}

#[test]
fn the_app_answers_politely_during_an_outage_and_recovers_without_a_restart() {
    let Some(pg) = cluster_or_skip("app outage") else {
        return;
    };
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    rt.block_on(async {
        let app = App::new(
            Store::connect(&pg.url()).await.expect("connect"),
            App::system_clock(),
        )
        .expect("app");
        let me = UserKey::new("telegram", 77);
        let say = |update: i64, text: &str| {
            let (app, me, text) = (app.clone(), me.clone(), text.to_owned());
            async move {
                app.handle(&me, 77, Some(update), Some("en"), Message::Text(text))
                    .await
                    .expect("no error reaches the adapter")
                    .expect("not a duplicate")
            }
        };
        assert!(!say(1, "/start").await.unsaved);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let health = format!("http://{}/healthz", listener.local_addr().expect("address"));
        let ops = refund_assistant::ops::router(app.store.clone());
        tokio::spawn(async move { axum::serve(listener, ops).await });
        pg.down();
        // The operator's probe hears "unavailable" within a second.
        let asked = Instant::now();
        let probe = reqwest::get(&health).await.expect("GET /healthz");
        assert_eq!(probe.status(), 503);
        assert!(asked.elapsed() < Duration::from_secs(1), "{:?}", asked.elapsed());
        let r = say(2, "/help").await;
        assert!(r.unsaved);
        assert!(r.replies[0].plain().contains("send it again"), "{:?}", r.replies);
        pg.up().expect("the cluster starts again");
        // Telegram redelivers update 2: it was never recorded, so it runs now.
        let r = say(2, "/help").await;
        assert!(
            !r.unsaved && r.replies[0].plain().contains("/cases"),
            "{:?}",
            r.replies
        );
        app.store.close().await;
    });
}
