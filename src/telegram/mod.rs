//! The Telegram adapter: updates in, the same app path as the console, replies
//! out as HTML with inline keyboards. Long polling by default; webhooks with a
//! secret token and a `/healthz` route when a public URL is given.

mod handlers;
mod send;
pub mod split;

use crate::app::App;
use crate::render::Lang;
use axum::routing::get;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use teloxide::adaptors::Throttle;
use teloxide::adaptors::throttle::Limits;
use teloxide::dispatching::ShutdownToken;
use teloxide::dispatching::{Dispatcher, UpdateFilterExt};
use teloxide::prelude::*;
use teloxide::types::BotCommand;
use teloxide::update_listeners::{Polling, webhooks};

/// The bot type every handler gets: rate limits respected by the Throttle adaptor.
pub type TgBot = Throttle<Bot>;

/// How the bot receives updates.
#[derive(Clone, Debug, Default)]
pub struct BotConfig {
    /// Public HTTPS URL for webhook mode (long polling when absent).
    pub webhook: Option<url::Url>,
    /// Address the webhook server listens on.
    pub listen: Option<SocketAddr>,
    /// The webhook secret token (generated when absent).
    pub secret: Option<String>,
    /// Install a Ctrl-C handler (the binary does; tests stop the bot themselves).
    pub ctrlc: bool,
    /// Rate limits for the Throttle adaptor (Telegram's defaults when absent).
    pub limits: Option<Limits>,
}

#[derive(Debug, thiserror::Error)]
pub enum BotError {
    #[error("TELOXIDE_TOKEN is not set: create a bot with @BotFather and export its token")]
    NoToken,
    #[error("TELOXIDE_API_URL is not a valid URL: {0}")]
    BadApiUrl(String),
    #[error("webhook mode needs --listen ADDR (e.g. 0.0.0.0:8443) as well as --webhook URL")]
    NoListen,
    #[error("Telegram: {0}")]
    Telegram(#[from] teloxide::RequestError),
    #[error("webhook server: {0}")]
    Io(#[from] std::io::Error),
}

/// The bot from `TELOXIDE_TOKEN` and `TELOXIDE_API_URL` (for a self-hosted
/// Bot API server, and for tests). The token never appears in logs or errors.
pub fn bot_from_env() -> Result<Bot, BotError> {
    let token = std::env::var("TELOXIDE_TOKEN")
        .ok()
        .filter(|t| !t.trim().is_empty())
        .ok_or(BotError::NoToken)?;
    let mut bot = Bot::new(token);
    if let Ok(api) = std::env::var("TELOXIDE_API_URL") {
        let url = url::Url::parse(&api).map_err(|_| BotError::BadApiUrl(api.clone()))?;
        bot = bot.set_api_url(url);
    }
    Ok(bot)
}

/// The command menu in both languages; a failure is logged, never fatal.
async fn set_commands(bot: &TgBot, app: &App) {
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
    bot: TgBot,
    app: App,
    ctrlc: bool,
) -> Dispatcher<TgBot, teloxide::RequestError, teloxide::dispatching::DefaultKey> {
    let schema = dptree::entry()
        .branch(Update::filter_message().endpoint(handlers::on_message))
        .branch(Update::filter_callback_query().endpoint(handlers::on_callback))
        .branch(Update::filter_edited_message().endpoint(handlers::on_edited));
    let mut b = Dispatcher::builder(bot, schema)
        .dependencies(dptree::deps![Arc::new(app)])
        .default_handler(|upd| async move {
            tracing::debug!("update {} of a kind the bot does not handle", upd.id.0);
        });
    if ctrlc {
        b = b.enable_ctrlc_handler();
    }
    b.build()
}

/// Stop the dispatcher when `shutdown` resolves.
fn stop_on(token: ShutdownToken, shutdown: impl Future<Output = ()> + Send + 'static) {
    tokio::spawn(async move {
        shutdown.await;
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

/// Run the bot until `shutdown` resolves (or Ctrl-C, when enabled).
pub async fn serve(
    bot: Bot,
    app: App,
    cfg: BotConfig,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), BotError> {
    let bot = bot.throttle(cfg.limits.unwrap_or_default());
    set_commands(&bot, &app).await;
    let mut d = dispatcher(bot.clone(), app, cfg.ctrlc);
    stop_on(d.shutdown_token(), shutdown);
    let errors = LoggingErrorHandler::with_custom_text("update listener");
    match cfg.webhook {
        None => {
            let listener = Polling::builder(bot).timeout(Duration::from_secs(10)).build();
            d.try_dispatch_with_listener(listener, errors).await?;
        }
        Some(url) => {
            let addr = cfg.listen.ok_or(BotError::NoListen)?;
            let mut options = webhooks::Options::new(addr, url);
            if let Some(s) = cfg.secret {
                options = options.secret_token(s);
            }
            let (listener, stop, router) = webhooks::axum_to_router(bot, options).await?;
            let router = router.route("/healthz", get(|| async { "ok" }));
            let tcp = tokio::net::TcpListener::bind(addr).await?;
            tracing::info!("webhook server listening on {}", tcp.local_addr()?);
            let server = tokio::spawn(async move {
                if let Err(e) = axum::serve(tcp, router).with_graceful_shutdown(stop).await {
                    tracing::error!("webhook server: {e}");
                }
            });
            d.try_dispatch_with_listener(listener, errors).await?;
            let _ = server.await;
        }
    }
    Ok(())
}
