//! The bot's settings and the Bot API client: [`BotConfig`], [`BotError`],
//! [`bot_from_env`], and the command menu set at start.

use crate::app::App;
use crate::render::Lang;
use std::net::SocketAddr;
use std::time::Duration;
use teloxide::prelude::*;
use teloxide::types::BotCommand;

use super::{limiter, remind};

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
pub(super) async fn set_commands(bot: &Bot, app: &App) {
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
