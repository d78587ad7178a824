//! The bot under test as a child process: started against the fake Bot API,
//! its memory and CPU read from /proc.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

pub struct BotProcess {
    child: Child,
}

impl BotProcess {
    /// Waits until the bot long-polls (it is ready); a bot that does not
    /// start within a minute stops the benchmark with its log.
    pub async fn wait_polling(
        &mut self,
        events: &mut tokio::sync::mpsc::UnboundedReceiver<super::fake_bot_api::Event>,
        log: &Path,
        name: &str,
    ) {
        let ready = tokio::time::timeout(Duration::from_secs(60), async {
            while let Some(e) = events.recv().await {
                if e.method == "getUpdates" {
                    return true;
                }
            }
            false
        });
        if !matches!(ready.await, Ok(true)) || !self.running() {
            let log = std::fs::read_to_string(log).unwrap_or_default();
            panic!("{name} did not start: {log}");
        }
    }

    pub fn start(program: &Path, args: &[String], envs: &[(&str, String)], log: &Path) -> BotProcess {
        let log = std::fs::File::create(log).expect("bot log file");
        let mut cmd = Command::new(program);
        cmd.args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(log);
        for (k, v) in envs {
            cmd.env(k, v);
        }
        BotProcess {
            child: cmd.spawn().expect("start the bot"),
        }
    }

    fn status_kb(&self, field: &str) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).unwrap_or_default();
        let line = status.lines().find(|l| l.starts_with(field));
        let value = line.and_then(|l| l.split_whitespace().nth(1));
        value.and_then(|v| v.parse().ok()).unwrap_or(0)
    }

    /// Resident memory now, MiB.
    pub fn rss_mib(&self) -> f64 {
        self.status_kb("VmRSS:") as f64 / 1024.0
    }

    /// Peak resident memory so far, MiB.
    pub fn peak_rss_mib(&self) -> f64 {
        self.status_kb("VmHWM:") as f64 / 1024.0
    }

    /// User + system CPU time used so far.
    pub fn cpu(&self) -> Duration {
        stat_cpu(&format!("/proc/{}/stat", self.child.id())).1
    }

    /// CPU time used so far by the bot's threads whose name starts with
    /// `prefix` (the picture threads: "picture-").
    pub fn threads_cpu(&self, prefix: &str) -> Duration {
        let tasks = std::fs::read_dir(format!("/proc/{}/task", self.child.id()));
        let stats = tasks.into_iter().flatten().flatten();
        stats
            .map(|t| stat_cpu(&t.path().join("stat").to_string_lossy()))
            .filter(|(name, _)| name.starts_with(prefix))
            .map(|(_, cpu)| cpu)
            .sum()
    }

    pub fn running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }
}

impl Drop for BotProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A process's or thread's name and its user + system CPU time, from its
/// `stat` file.
fn stat_cpu(path: &str) -> (String, Duration) {
    let stat = std::fs::read_to_string(path).unwrap_or_default();
    let name = stat
        .split_once('(')
        .and_then(|(_, r)| r.rsplit_once(')'))
        .map_or("", |(n, _)| n);
    // Fields after the command name (which is in parentheses).
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let fields: Vec<u64> = rest.split_whitespace().map(|f| f.parse().unwrap_or(0)).collect();
    // utime and stime are fields 14 and 15 of the whole line: 12 and 13 here.
    let ticks = fields.get(11).copied().unwrap_or(0) + fields.get(12).copied().unwrap_or(0);
    (
        name.to_owned(),
        Duration::from_secs_f64(ticks as f64 / clock_ticks()),
    )
}

fn clock_ticks() -> f64 {
    let out = Command::new("getconf").arg("CLK_TCK").output();
    let text = out.map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned());
    text.ok().and_then(|t| t.parse().ok()).unwrap_or(100.0)
}
