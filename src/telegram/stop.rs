//! Stopping and starting: a stop asked for (by the caller, Ctrl-C or
//! SIGTERM) reaching the dispatcher, and the Bot API retried with backoff
//! while it cannot be reached at start.

use std::future::Future;
use std::time::Duration;
use teloxide::dispatching::ShutdownToken;
use tokio::sync::watch;

use super::bot::BotError;

/// Resolves when the process is asked to stop: Ctrl-C (SIGINT), or SIGTERM
/// (what `docker stop` and systemd send) where there are Unix signals.
async fn stop_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
                return;
            }
            Err(e) => tracing::warn!("cannot listen for SIGTERM ({e}); only Ctrl-C stops the bot cleanly"),
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}

/// Resolves once the bot is asked to stop (`shutdown`, or a signal when enabled).
#[derive(Clone)]
pub(super) struct Stop(watch::Receiver<bool>);

impl Stop {
    pub(super) fn new(shutdown: impl Future<Output = ()> + Send + 'static, ctrlc: bool) -> Stop {
        let (tx, rx) = watch::channel(false);
        tokio::spawn(async move {
            if ctrlc {
                tokio::select! {
                    _ = shutdown => {}
                    _ = stop_signal() => {}
                }
            } else {
                shutdown.await;
            }
            let _ = tx.send(true);
        });
        Stop(rx)
    }

    pub(super) async fn wait(mut self) {
        let _ = self.0.wait_for(|stopped| *stopped).await;
    }
}

/// Stop the dispatcher when `stop` resolves.
pub(super) fn stop_on(token: ShutdownToken, stop: Stop) {
    tokio::spawn(async move {
        stop.wait().await;
        loop {
            match token.shutdown() {
                Ok(done) => {
                    done.await;
                    break;
                }
                Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
            }
        }
    });
}

/// First wait between attempts to reach the Bot API at start; doubled up to
/// [`MAX_BACKOFF`].
const FIRST_BACKOFF: Duration = Duration::from_millis(500);
const MAX_BACKOFF: Duration = Duration::from_secs(30);

/// Errors that say the Bot API is not there (yet): no connection, a proxy's
/// error page instead of JSON, "retry after".
fn unreachable(e: &teloxide::RequestError) -> bool {
    use teloxide::RequestError as E;
    matches!(
        e,
        E::Network(_) | E::RetryAfter(_) | E::Io(_) | E::InvalidJson { .. }
    )
}

/// `call` until it succeeds, retrying with backoff (and a log line) while the
/// Bot API cannot be reached; None when asked to stop meanwhile. Any other
/// error (a revoked token, say) is returned.
pub(super) async fn with_backoff<T, F, Fut>(
    what: &str,
    stop: &Stop,
    mut call: F,
) -> Result<Option<T>, BotError>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, teloxide::RequestError>>,
{
    let mut wait = FIRST_BACKOFF;
    loop {
        match call().await {
            Ok(v) => return Ok(Some(v)),
            Err(e) if unreachable(&e) => {
                tracing::warn!("{what}: the Bot API cannot be reached ({e}); retrying in {wait:?}");
                tokio::select! {
                    _ = tokio::time::sleep(wait) => {}
                    _ = stop.clone().wait() => return Ok(None),
                }
                wait = (wait * 2).min(MAX_BACKOFF);
            }
            Err(e) => return Err(e.into()),
        }
    }
}
