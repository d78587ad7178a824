//! What an operator needs to see the bot is healthy: `/healthz` (200 when the
//! database answers, 503 when it does not) and `/metrics` (Prometheus text),
//! on one small axum router shared by the webhook server and, in polling
//! mode, `bot --metrics-listen ADDR`.
//!
//! Metrics go through the `metrics` facade to a process-wide Prometheus
//! recorder (`metrics-exporter-prometheus`), installed on first use with
//! every series at zero; code anywhere records with the helpers of `series`
//! (re-exported here), by the names in [`Series`].

mod record;
mod series;

use std::time::Duration;

use axum::Router;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use axum::routing::get;

use crate::store::Store;

pub use record::{api_call, count, handoff_first_reply, handoffs_open, reminders, update};
pub use series::{
    ApiError, ApiMethod, Counter, Dim, ReminderState, Series, Type, UpdateKind, UpdateOutcome, handle,
};

/// How long `/healthz` waits for the database: a probe wants its answer
/// within a second, and a database that takes longer is not healthy (the
/// pool's own wait for a connection, seconds long, would otherwise decide).
const HEALTH_TIMEOUT: Duration = Duration::from_millis(800);

/// `/healthz` and `/metrics` for `store`; the recorder is installed (every
/// series at zero) if it was not yet.
pub fn router(store: Store) -> Router {
    handle();
    Router::new()
        .route("/healthz", get(healthz))
        .route("/metrics", get(metrics_text))
        .with_state(store)
}

async fn healthz(State(store): State<Store>) -> impl IntoResponse {
    let answered = tokio::time::timeout(HEALTH_TIMEOUT, store.ping()).await;
    match answered {
        Ok(Ok(())) => (StatusCode::OK, "ok"),
        Ok(Err(e)) => {
            count(Counter::DbErrors, 1);
            tracing::warn!("health check: the database does not answer: {e}");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
        Err(_) => {
            count(Counter::DbErrors, 1);
            tracing::warn!("health check: the database did not answer within {HEALTH_TIMEOUT:?}");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
    }
}

async fn metrics_text() -> impl IntoResponse {
    let body = handle().map(|h| {
        h.run_upkeep();
        h.render()
    });
    (
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4")],
        body.unwrap_or_default(),
    )
}

/// Serves [`router`] on `addr` until `shutdown` resolves.
pub async fn serve(
    addr: std::net::SocketAddr,
    store: Store,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    tracing::info!("health and metrics on http://{}", listener.local_addr()?);
    axum::serve(listener, router(store))
        .with_graceful_shutdown(shutdown)
        .await
}

/// How often finished cases past the retention limit are looked for.
const RETENTION_EVERY: Duration = Duration::from_secs(3600);

/// Erases, every hour, the cases closed or refunded more than `days` days ago
/// ([`Store::erase_finished_cases`]). Safe with several replicas: each erase
/// is one transaction, and a case erased by one is simply not found by another.
pub fn spawn_retention(store: Store, days: u32) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(RETENTION_EVERY);
        loop {
            tick.tick().await;
            let before = chrono::Utc::now() - chrono::Duration::days(i64::from(days));
            match store.erase_finished_cases(before).await {
                Ok(0) => {}
                Ok(n) => tracing::info!("retention: erased {n} finished cases older than {days} days"),
                Err(e) => {
                    count(Counter::DbErrors, 1);
                    tracing::warn!("retention: {e}");
                }
            }
        }
    })
}
