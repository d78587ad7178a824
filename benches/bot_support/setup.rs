//! The benchmark's setting: its options, a fresh PostgreSQL database per run,
//! the machine's cores and memory, and the figures printed.

use std::time::Duration;

pub fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

pub fn arg(name: &str, default: u64) -> u64 {
    let args: Vec<String> = std::env::args().collect();
    let i = args.iter().position(|a| a == name);
    i.and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

pub fn postgres() -> Option<String> {
    let args: Vec<String> = std::env::args().collect();
    let given = args
        .iter()
        .position(|a| a == "--pg")
        .and_then(|i| args.get(i + 1).cloned());
    given
        .or_else(|| std::env::var("BENCH_DATABASE_URL").ok())
        .or_else(|| std::env::var("TEST_DATABASE_URL").ok())
        .or_else(|| Some("postgres://postgres@127.0.0.1:5432/test".to_owned()))
}

/// A fresh database for one run (dropped at the end by `drop_database`).
pub async fn fresh_database(admin: &str, n: usize) -> Option<String> {
    use sqlx::Connection;
    let mut conn = match sqlx::PgConnection::connect(admin).await {
        Ok(c) => c,
        Err(e) => {
            eprintln!("PostgreSQL rows skipped: {e}");
            return None;
        }
    };
    let name = format!("refund_bench_{}_{n}", std::process::id());
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&mut conn)
        .await
        .ok()?;
    let mut url = url::Url::parse(admin).ok()?;
    url.set_path(&name);
    Some(url.to_string())
}

pub async fn drop_database(admin: &str, url: &str) {
    use sqlx::Connection;
    let name = url::Url::parse(url).map(|u| u.path().trim_start_matches('/').to_owned());
    if let (Ok(mut conn), Ok(name)) = (sqlx::PgConnection::connect(admin).await, name) {
        let _ = sqlx::query(sqlx::AssertSqlSafe(format!(
            "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
        )))
        .execute(&mut conn)
        .await;
    }
}

pub fn timeouts(n: u64) -> String {
    if n == 0 {
        String::new()
    } else {
        format!(" ({n} steps unanswered)")
    }
}

pub fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

pub fn memory() -> String {
    let info = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let kb: u64 = info
        .lines()
        .find(|l| l.starts_with("MemTotal:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    format!("{:.0} GiB RAM", kb as f64 / 1024.0 / 1024.0)
}

/// The bots measured, each as its own process.
#[derive(Clone, Debug)]
pub enum Kind {
    Bare,
    Sqlite,
    /// SQLite, users who type what people type (`users::TYPED_WALK`).
    SqliteTyped,
    Postgres(String),
}

impl Kind {
    pub fn name(&self) -> &'static str {
        match self {
            Kind::Bare => "bare teloxide bot",
            Kind::Sqlite => "refund-assistant, SQLite",
            Kind::SqliteTyped => "refund-assistant, SQLite, typed sentences",
            Kind::Postgres(_) => "refund-assistant, PostgreSQL",
        }
    }
}

pub async fn kinds(admin: &Option<String>, n: usize) -> Vec<Kind> {
    let mut kinds = vec![Kind::Bare, Kind::Sqlite, Kind::SqliteTyped];
    if let Some(admin) = admin
        && let Some(url) = fresh_database(admin, n).await
    {
        kinds.push(Kind::Postgres(url));
    }
    kinds
}

pub async fn cleanup(admin: &Option<String>, kind: &Kind) {
    if let (Some(admin), Kind::Postgres(url)) = (admin, kind) {
        drop_database(admin, url).await;
    }
}
