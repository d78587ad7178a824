//! The Telegram adapter: updates in, the same app path as the console, replies
//! out as HTML with inline keyboards. Long polling by default; webhooks with a
//! secret token and a `/healthz` route when a public URL is given.

mod chats;
mod files;
mod handlers;
mod incoming;
pub mod limiter;
pub mod remind;
mod send;
pub mod split;

pub use chats::Chats;
pub use limiter::Limiter;
pub use send::send_text;

use crate::app::App;
use crate::render::Lang;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use teloxide::dispatching::ShutdownToken;
use teloxide::dispatching::{Dispatcher, UpdateFilterExt};
use teloxide::prelude::*;
use teloxide::types::BotCommand;
use teloxide::update_listeners::{Polling, webhooks};
use tokio::sync::watch;

/// What every handler sends with: the bot, the one limiter that decides
/// when a message may go out, and the chats' queues of work.
#[derive(Clone)]
pub struct Tg {
    pub bot: Bot,
    pub limiter: Arc<Limiter>,
    pub chats: Chats,
}

impl Tg {
    pub fn new(bot: Bot, rate_limit: u32) -> Tg {
        Tg {
            bot,
            limiter: Arc::new(Limiter::new(rate_limit)),
            chats: Chats::default(),
        }
    }
}

/// How the bot receives updates.
#[derive(Clone, Debug)]
pub struct BotConfig {
    /// Public HTTPS URL for webhook mode (long polling when absent).
    pub webhook: Option<url::Url>,
    /// Address the webhook server listens on.
    pub listen: Option<SocketAddr>,
    /// The webhook secret token (generated when absent).
    pub secret: Option<String>,
    /// Stop on Ctrl-C and on SIGTERM too (the binary does; tests stop the
    /// bot themselves).
    pub ctrlc: bool,
    /// Messages a second overall (Telegram's 30 by default; 0 = no
    /// client-side limiting, for a local Bot API server, tests, benchmarks).
    pub rate_limit: u32,
    /// How often due reminders are looked for (`None`: never, for tests
    /// that do not want them).
    pub remind_every: Option<Duration>,
}

impl Default for BotConfig {
    fn default() -> Self {
        BotConfig {
            webhook: None,
            listen: None,
            secret: None,
            ctrlc: false,
            rate_limit: limiter::DEFAULT_PER_SECOND,
            remind_every: Some(remind::EVERY),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum BotError {
    #[error("TELOXIDE_TOKEN is not set: create a bot with @BotFather and export its token")]
    NoToken,
    #[error("TELOXIDE_API_URL is not a valid URL: {0}")]
    BadApiUrl(String),
    #[error("TELOXIDE_PROXY is not a valid proxy URL: {0}")]
    BadProxy(String),
    #[error("cannot set up the HTTP client for the Bot API: {0}")]
    Client(String),
    #[error("webhook mode needs --listen ADDR (e.g. 0.0.0.0:8443) as well as --webhook URL")]
    NoListen,
    #[error("Telegram: {0}")]
    Telegram(#[from] teloxide::RequestError),
    #[error("webhook server: {0}")]
    Io(#[from] std::io::Error),
}

/// Connections to the Bot API kept open while idle. reqwest keeps every
/// connection it opened idle for 90 s, so a burst of replies to hundreds of
/// chats left hundreds of sockets and their buffers behind; reuse needs few.
/// (5-minute run at 500 busy chats: 67 → 60 MiB, same CPU per step.)
const IDLE_CONNECTIONS: usize = 32;

/// The bot from `TELOXIDE_TOKEN`, `TELOXIDE_API_URL` (for a self-hosted Bot
/// API server, and for tests) and `TELOXIDE_PROXY` (a proxy for its calls).
/// The token never appears in logs or errors.
pub fn bot_from_env() -> Result<Bot, BotError> {
    let token = std::env::var("TELOXIDE_TOKEN")
        .ok()
        .filter(|t| !t.trim().is_empty())
        .ok_or(BotError::NoToken)?;
    let mut client = teloxide::net::default_reqwest_settings().pool_max_idle_per_host(IDLE_CONNECTIONS);
    if let Ok(proxy) = std::env::var("TELOXIDE_PROXY") {
        let proxy = reqwest::Proxy::all(&proxy).map_err(|_| BotError::BadProxy(proxy.clone()))?;
        client = client.proxy(proxy);
    }
    let client = client.build().map_err(|e| BotError::Client(e.to_string()))?;
    let mut bot = Bot::with_client(token, client);
    if let Ok(api) = std::env::var("TELOXIDE_API_URL") {
        let url = url::Url::parse(&api).map_err(|_| BotError::BadApiUrl(api.clone()))?;
        bot = bot.set_api_url(url);
    }
    Ok(bot)
}

/// The command menu in both languages; a failure is logged, never fatal.
async fn set_commands(bot: &Bot, app: &App) {
    for lang in Lang::ALL {
        let commands: Vec<BotCommand> = crate::conversation::COMMANDS
            .iter()
            .filter(|c| c.menu)
            .map(|c| BotCommand::new(c.name, app.renderer.text(lang, &format!("cmd.{}", c.name), ())))
            .collect();
        let mut req = bot.set_my_commands(commands);
        if lang == Lang::En {
            req = req.language_code("en");
        }
        if let Err(e) = req.await {
            tracing::warn!(
                "setMyCommands ({}) failed, the bot keeps running: {e}",
                lang.code()
            );
        }
    }
}

fn dispatcher(
    tg: Tg,
    app: App,
) -> Dispatcher<Bot, teloxide::RequestError, teloxide::dispatching::DefaultKey> {
    let schema = dptree::entry()
        .branch(Update::filter_message().endpoint(handlers::on_message))
        .branch(Update::filter_callback_query().endpoint(handlers::on_callback))
        .branch(Update::filter_edited_message().endpoint(handlers::on_edited));
    Dispatcher::builder(tg.bot.clone(), schema)
        .dependencies(dptree::deps![Arc::new(app), tg])
        .default_handler(|upd| async move {
            tracing::debug!("update {} of a kind the bot does not handle", upd.id.0);
        })
        .build()
}

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
struct Stop(watch::Receiver<bool>);

impl Stop {
    fn new(shutdown: impl Future<Output = ()> + Send + 'static, ctrlc: bool) -> Stop {
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

    async fn wait(mut self) {
        let _ = self.0.wait_for(|stopped| *stopped).await;
    }
}

/// Stop the dispatcher when `stop` resolves.
fn stop_on(token: ShutdownToken, stop: Stop) {
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
async fn with_backoff<T, F, Fut>(what: &str, stop: &Stop, mut call: F) -> Result<Option<T>, BotError>
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

/// Run the bot until `shutdown` resolves (or Ctrl-C, when enabled). At start,
/// an unreachable Bot API is retried with backoff rather than fatal.
pub async fn serve(
    bot: Bot,
    app: App,
    cfg: BotConfig,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), BotError> {
    let stop = Stop::new(shutdown, cfg.ctrlc);
    let Some(me) = with_backoff("getMe", &stop, || bot.get_me().send()).await? else {
        return Ok(());
    };
    tracing::info!("connected to the Bot API as @{}", me.username());
    let tg = Tg::new(bot.clone(), cfg.rate_limit);
    set_commands(&bot, &app).await;
    // Aborted when `serve` returns, however it returns.
    let reminders = cfg
        .remind_every
        .map(|every| AbortOnDrop(tokio::spawn(remind::run(tg.clone(), app.clone(), every))));
    let errors = LoggingErrorHandler::with_custom_text("update listener");
    match cfg.webhook {
        None => {
            let mut d = dispatcher(tg.clone(), app);
            stop_on(d.shutdown_token(), stop);
            let listener = Polling::builder(bot).timeout(Duration::from_secs(10)).build();
            let listener = incoming::Screened(listener);
            d.try_dispatch_with_listener(listener, errors).await?;
        }
        Some(url) => {
            let addr = cfg.listen.ok_or(BotError::NoListen)?;
            // The secret is known here (generated when not given), so the
            // guard in front of the webhook route can check it.
            let secret: Arc<str> = match cfg.secret.clone() {
                Some(s) => s.into(),
                None => webhooks::Options::new(addr, url.clone())
                    .get_or_gen_secret_token()
                    .into(),
            };
            let options = || webhooks::Options::new(addr, url.clone()).secret_token(secret.to_string());
            let setup = with_backoff("setWebhook", &stop, || {
                webhooks::axum_to_router(bot.clone(), options())
            });
            let Some((listener, stop_server, router)) = setup.await? else {
                return Ok(());
            };
            let guard = axum::middleware::from_fn_with_state(secret.clone(), incoming::webhook_guard);
            // /healthz (the database answers) and /metrics beside the webhook.
            let router = router.layer(guard).merge(crate::ops::router(app.store.clone()));
            let tcp = tokio::net::TcpListener::bind(addr).await?;
            tracing::info!("webhook server listening on {}", tcp.local_addr()?);
            let server = tokio::spawn(async move {
                if let Err(e) = axum::serve(tcp, router).with_graceful_shutdown(stop_server).await {
                    tracing::error!("webhook server: {e}");
                }
            });
            let mut d = dispatcher(tg.clone(), app);
            stop_on(d.shutdown_token(), stop);
            d.try_dispatch_with_listener(incoming::Screened(listener), errors)
                .await?;
            let _ = server.await;
        }
    }
    // What the dispatcher handed over is finished before returning.
    tg.chats.idle().await;
    drop(reminders);
    Ok(())
}

/// A task that stops when this is dropped.
struct AbortOnDrop(tokio::task::JoinHandle<()>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}
