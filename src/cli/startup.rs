//! Start-up and background upkeep shared by `console` and `bot`: opening the
//! database with retries while it is down, and pruning handled update ids.

use crate::render::{Lang, Renderer, plain};
use crate::store::{Store, StoreError, redact};
use chrono::{TimeDelta, Utc};
use serde_json::json;
use std::time::Duration;

/// How long start-up keeps retrying a database that cannot be reached.
pub const START_PATIENCE: Duration = Duration::from_secs(60);
/// The longest wait between two attempts.
const MAX_BACKOFF: Duration = Duration::from_secs(10);

/// Whether opening failed because the database could not be reached (worth
/// retrying), rather than because the URL, the password or the schema is wrong.
fn unreachable(e: &StoreError) -> bool {
    let StoreError::Connect { source, .. } = e else {
        return false;
    };
    match source {
        sqlx::Error::Io(_) | sqlx::Error::PoolTimedOut | sqlx::Error::Tls(_) => true,
        // 57P03: "the database system is starting up" (or shutting down).
        sqlx::Error::Database(db) => db.code().as_deref() == Some("57P03"),
        _ => false,
    }
}

/// Opens the store, retrying with growing waits (1 s, 2 s, 4 s, … at most
/// 10 s) for up to `patience` while the database cannot be reached; each
/// retry is announced through `say` (in the user's language) and the log.
pub async fn connect_with_retry(
    url: &str,
    patience: Duration,
    lang: Lang,
    mut say: impl FnMut(&str),
) -> Result<Store, StoreError> {
    let started = tokio::time::Instant::now();
    let mut wait = Duration::from_secs(1);
    let renderer = Renderer::new().ok();
    loop {
        match Store::connect(url).await {
            Ok(store) => return Ok(store),
            Err(e) if unreachable(&e) && started.elapsed() + wait <= patience => {
                tracing::warn!(
                    "database not reachable yet, retrying in {} s: {e}",
                    wait.as_secs()
                );
                if let Some(r) = &renderer {
                    let vars = json!({
                        "url": redact(url),
                        "error": e.to_string(),
                        "seconds": wait.as_secs(),
                    });
                    say(&plain(&r.text(lang, "guard.starting", vars)));
                }
                tokio::time::sleep(wait).await;
                wait = (wait * 2).min(MAX_BACKOFF);
            }
            Err(e) => return Err(e),
        }
    }
}

/// Telegram redelivers an update for at most a day; ids older than that and
/// an hour's margin are no longer needed.
pub const KEEP_HANDLED: TimeDelta = TimeDelta::hours(25);

/// Prunes handled update ids older than `keep` now and then every `every`,
/// until the returned task is aborted. Safe with several replicas on one
/// PostgreSQL: each pass takes a lock that other replicas skip rather than
/// wait for.
pub fn spawn_pruner(store: Store, every: Duration, keep: TimeDelta) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval(every);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticks.tick().await;
            match store.prune_handled_updates(Utc::now() - keep).await {
                Ok(0) => {}
                Ok(n) => tracing::info!("forgot {n} handled update ids older than {} h", keep.num_hours()),
                Err(e) => tracing::warn!("pruning handled update ids failed (will retry): {e}"),
            }
        }
    })
}
