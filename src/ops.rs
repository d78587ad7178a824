//! What an operator needs to see the bot is healthy: `/healthz` (200 when the
//! database answers, 503 when it does not) and `/metrics` (Prometheus text),
//! on one small axum router shared by the webhook server and, in polling
//! mode, `bot --metrics-listen ADDR`.
//!
//! Metrics go through the `metrics` facade to a process-wide Prometheus
//! recorder (`metrics-exporter-prometheus`), installed on first use; code
//! anywhere records with the helpers below, by the names in [`names`].

use std::sync::OnceLock;
use std::time::Duration;

use axum::Router;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use axum::routing::get;
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};

use crate::store::Store;

/// The metric names, one place.
pub mod names {
    /// Updates handled, by `kind` (text, button, command, other) and `outcome`
    /// (ok, duplicate, expired, error).
    pub const UPDATES: &str = "refund_updates_total";
    /// Seconds from an update's arrival to its replies being decided and stored.
    pub const STEP_SECONDS: &str = "refund_step_duration_seconds";
    /// Bot API calls by `method`, and the failed ones by `method` and `error`.
    pub const API_CALLS: &str = "refund_bot_api_calls_total";
    pub const API_ERRORS: &str = "refund_bot_api_errors_total";
    /// 429 answers from the Bot API.
    pub const API_RETRY_AFTER: &str = "refund_bot_api_429_total";
    pub const CASES_CREATED: &str = "refund_cases_created_total";
    pub const QUOTES: &str = "refund_quotes_computed_total";
    /// Reminders by `state`: due (claimed), sent, failed, blocked.
    pub const REMINDERS: &str = "refund_reminders_total";
    pub const DB_ERRORS: &str = "refund_database_errors_total";
    /// Updates that could not be read (logged by id and size, then skipped).
    pub const MALFORMED_UPDATES: &str = "refund_updates_malformed_total";
}

/// The step-latency buckets, in seconds: a step is a few milliseconds.
const STEP_BUCKETS: [f64; 12] = [
    0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0,
];

/// How long `/healthz` waits for the database.
const HEALTH_TIMEOUT: Duration = Duration::from_secs(3);

static HANDLE: OnceLock<Option<PrometheusHandle>> = OnceLock::new();

/// The process's Prometheus recorder, installed the first time it is asked
/// for; `None` when another recorder was installed first (then nothing is
/// exported, and recording is a no-op).
pub fn handle() -> Option<&'static PrometheusHandle> {
    HANDLE
        .get_or_init(|| {
            let built = PrometheusBuilder::new()
                .set_buckets_for_metric(Matcher::Full(names::STEP_SECONDS.to_owned()), &STEP_BUCKETS)
                .and_then(PrometheusBuilder::install_recorder);
            match built {
                Ok(h) => {
                    describe();
                    Some(h)
                }
                Err(e) => {
                    tracing::warn!("metrics are not exported: {e}");
                    None
                }
            }
        })
        .as_ref()
}

fn describe() {
    use metrics::{describe_counter, describe_histogram};
    describe_counter!(names::UPDATES, "Updates handled, by kind and outcome");
    describe_histogram!(
        names::STEP_SECONDS,
        metrics::Unit::Seconds,
        "Time to handle one update"
    );
    describe_counter!(names::API_CALLS, "Bot API calls by method");
    describe_counter!(names::API_ERRORS, "Failed Bot API calls by method and error");
    describe_counter!(names::API_RETRY_AFTER, "429 answers from the Bot API");
    describe_counter!(names::CASES_CREATED, "Cases created");
    describe_counter!(names::QUOTES, "Refund quotes computed");
    describe_counter!(
        names::REMINDERS,
        "Reminders by state (due, sent, failed, blocked)"
    );
    describe_counter!(names::DB_ERRORS, "Database errors");
    describe_counter!(
        names::MALFORMED_UPDATES,
        "Updates that could not be read and were skipped"
    );
}

/// One update handled.
pub fn update(kind: &'static str, outcome: &'static str, took: Duration) {
    handle();
    metrics::counter!(names::UPDATES, "kind" => kind, "outcome" => outcome).increment(1);
    metrics::histogram!(names::STEP_SECONDS).record(took.as_secs_f64());
}

/// One Bot API call, `error` naming the failure if it failed.
pub fn api_call(method: &'static str, error: Option<&'static str>) {
    handle();
    metrics::counter!(names::API_CALLS, "method" => method).increment(1);
    if let Some(error) = error {
        metrics::counter!(names::API_ERRORS, "method" => method, "error" => error).increment(1);
        if error == "retry_after" {
            metrics::counter!(names::API_RETRY_AFTER, "method" => method).increment(1);
        }
    }
}

/// Counts `n` of a plain counter (cases created, quotes computed, database errors).
pub fn count(name: &'static str, n: u64) {
    handle();
    metrics::counter!(name).increment(n);
}

/// Counts `n` reminders reaching `state` (due, sent, failed, blocked).
pub fn reminders(state: &'static str, n: u64) {
    handle();
    metrics::counter!(names::REMINDERS, "state" => state).increment(n);
}

/// `/healthz` and `/metrics` for `store`.
pub fn router(store: Store) -> Router {
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
            count(names::DB_ERRORS, 1);
            tracing::warn!("health check: the database does not answer: {e}");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
        Err(_) => {
            count(names::DB_ERRORS, 1);
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
                    count(names::DB_ERRORS, 1);
                    tracing::warn!("retention: {e}");
                }
            }
        }
    })
}
