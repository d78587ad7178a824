//! The Telegram adapter: updates in, the same app path as the console, replies
//! out as HTML with inline keyboards. Long polling by default; webhooks with a
//! secret token and a `/healthz` route when a public URL is given.
//!
//! Layout, each file using only those before it: `split`, `limiter`,
//! `chats`, `tg` (what handlers send with), `send`, `incoming` (updates
//! screened, the webhook's secret checked), `files`, `desk` (the operator
//! inbox: topics, relay, operator commands), `handlers`, `remind`
//! (the reminder loop), `bot` (settings, client, command menu), `stop`; this
//! file holds [`serve`], the entry point.

mod bot;
mod chats;
mod desk;
mod files;
mod handlers;
mod incoming;
pub mod limiter;
pub mod remind;
mod send;
pub mod split;
mod stop;
mod tg;

pub use bot::{BotConfig, BotError, bot_from_env};
pub use chats::Chats;
pub use limiter::Limiter;
pub use send::send_text;
pub use tg::Tg;

use crate::app::App;
use bot::set_commands;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;
use stop::{Stop, stop_on, with_backoff};
use teloxide::dispatching::{Dispatcher, UpdateFilterExt};
use teloxide::prelude::*;
use teloxide::update_listeners::{Polling, webhooks};

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
