//! Command-line entry points: `quote`, `console`, `migrate`, `bot`, `reminders`.

pub mod args;
pub mod clouds;
pub mod console;
mod console_files;
pub mod flags;
pub mod instance;
pub mod logging;
pub mod output;
pub mod provider_flags;
pub mod quote;
pub mod reminders;
pub mod startup;
pub mod ucloud;
pub mod usage;

use crate::store;
use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser, Debug)]
#[command(
    name = "refund-assistant",
    version,
    about = "Estimates cloud server refunds under the providers' published rules"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Compute the expected refund of one case and print the breakdown.
    Quote(Box<args::QuoteArgs>),
    /// Talk to the bot in this terminal (no Telegram token needed).
    Console(console::ConsoleArgs),
    /// Run the Telegram bot (token from TELOXIDE_TOKEN).
    Bot(BotArgs),
    /// List the reminders due (now or at --at) without sending anything.
    Reminders(reminders::RemindersArgs),
    /// Create or update the database schema, then exit.
    Migrate {
        /// A SQLite file path or a postgres:// URL
        #[arg(long)]
        db: Option<String>,
    },
}

#[derive(clap::Args, Debug)]
pub struct BotArgs {
    /// Public HTTPS URL Telegram posts updates to (webhook mode; long polling without it)
    #[arg(long)]
    pub webhook: Option<url::Url>,
    /// Address the webhook server listens on, e.g. 0.0.0.0:8443
    #[arg(long)]
    pub listen: Option<std::net::SocketAddr>,
    /// Webhook secret token (generated when absent)
    #[arg(long, env = "WEBHOOK_SECRET", hide_env_values = true)]
    pub webhook_secret: Option<String>,
    /// A SQLite file path or a postgres:// URL
    #[arg(long)]
    pub db: Option<String>,
    /// Serve /healthz and /metrics on this address in polling mode, e.g.
    /// 127.0.0.1:9100 (in webhook mode they are on the webhook listener)
    #[arg(long, env = "METRICS_LISTEN")]
    pub metrics_listen: Option<std::net::SocketAddr>,
    /// Erase cases closed or refunded more than this many days ago, with
    /// their transcripts (default: keep them)
    #[arg(long, env = "RETAIN_DAYS", value_parser = clap::value_parser!(u32).range(1..))]
    pub retain_days: Option<u32>,
    /// Messages a second to Telegram, all chats together (0 = no client-side limit)
    #[arg(long, env = "BOT_RATE_LIMIT", default_value_t = crate::telegram::limiter::DEFAULT_PER_SECOND)]
    pub rate_limit: u32,
    /// Folder for the evidence files users send (default: `evidence/` beside
    /// the SQLite file, or in the default data folder)
    #[arg(long, env = "EVIDENCE_DIR")]
    pub evidence_dir: Option<std::path::PathBuf>,
    /// The operator inbox: the chat id (-100…) of a supergroup with topics on,
    /// where the bot is an admin allowed to manage topics; each case handed to
    /// a person gets a topic there (without it, the bot says no person is
    /// connected)
    #[arg(long, env = "OPERATOR_CHAT_ID", allow_hyphen_values = true,
          value_parser = clap::value_parser!(i64).range(..0))]
    pub operator_chat_id: Option<i64>,
    /// The first reply promised to a user handed to a person, in working
    /// time (09:00–18:00 Beijing time on working days): 4h, 90m, 1h30m
    #[arg(long, env = "OPERATOR_REPLY_WITHIN", default_value = "4h")]
    pub operator_reply_within: crate::case::handoff::ReplyWithin,
    /// The language of the bot's posts in the operator inbox: zh-CN (the
    /// default) or en
    #[arg(long, env = "OPERATOR_LANG")]
    pub operator_lang: Option<String>,
    /// A font file (OpenType or TrueType) for the case picture instead of
    /// the shipped one; one that cannot be read, or lacks a character the
    /// picture prints, is said at start and the replies go without pictures
    #[arg(long, env = "PICTURE_FONT")]
    pub picture_font: Option<std::path::PathBuf>,
}

/// Run the bot with the real clock until Ctrl-C or SIGTERM; then the steps
/// in flight finish and the database is closed (on SQLite its write-ahead
/// log is folded into the file and removed).
pub async fn run_bot(args: BotArgs) -> anyhow::Result<()> {
    let url = database_url(args.db.as_deref());
    let bot = crate::telegram::bot_from_env()?;
    let store =
        startup::connect_with_retry(&url, startup::START_PATIENCE, crate::render::Lang::En, |_| {}).await?;
    let store = match &args.evidence_dir {
        Some(dir) => store.with_evidence_dir(dir),
        None => store,
    };
    // Handled update ids are needed for a day (Telegram's redelivery window).
    let pruner = startup::spawn_pruner(
        store.clone(),
        std::time::Duration::from_secs(3600),
        startup::KEEP_HANDLED,
    );
    let retention = args
        .retain_days
        .map(|days| crate::ops::spawn_retention(store.clone(), days));
    if let Some(addr) = args.metrics_listen.filter(|_| args.webhook.is_none()) {
        let ops_store = store.clone();
        tokio::spawn(async move {
            if let Err(e) = crate::ops::serve(addr, ops_store, std::future::pending()).await {
                tracing::error!("health and metrics server on {addr}: {e}");
            }
        });
    }
    let closing = store.clone();
    let lang = match args.operator_lang.as_deref() {
        None => crate::render::Lang::default(),
        Some(l) => l.parse().map_err(|()| {
            anyhow::anyhow!("OPERATOR_LANG {l:?} is not a language the bot speaks (zh-CN or en)")
        })?,
    };
    let desk = args.operator_chat_id.map(|chat_id| crate::app::Desk {
        chat_id,
        reply_within: args.operator_reply_within,
        lang,
    });
    let app = crate::app::App::new(store, crate::app::App::system_clock())?
        .with_desk(desk)
        .with_picture_font(args.picture_font.as_deref());
    let cfg = crate::telegram::BotConfig {
        webhook: args.webhook,
        listen: args.listen,
        secret: args.webhook_secret,
        ctrlc: true,
        rate_limit: args.rate_limit,
        remind_every: Some(crate::telegram::remind::EVERY),
    };
    let served = crate::telegram::serve(bot, app, cfg, std::future::pending()).await;
    pruner.abort();
    if let Some(r) = retention {
        r.abort();
    }
    closing.close().await;
    served?;
    Ok(())
}

/// The database URL: `--db` (a path or a URL) > `DATABASE_URL` > the default file.
pub fn database_url(db: Option<&str>) -> String {
    match db {
        Some(d) if d.contains("://") || d.starts_with("sqlite:") => d.to_owned(),
        Some(path) => store::sqlite_url(std::path::Path::new(path)),
        None => store::default_url(),
    }
}

fn runtime() -> std::io::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread().enable_all().build()
}

fn report(r: anyhow::Result<()>) -> ExitCode {
    match r {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let text = logging::Redactor::from_env().apply(&store::redact(&format!("{e:#}")));
            eprintln!("error: {text}");
            ExitCode::FAILURE
        }
    }
}

/// Parses the process's arguments and runs the command. A usage mistake is
/// one line on stderr in the language asked for, exit status 2; `--help` and
/// `--version` print as usual.
pub fn main_from_env() -> ExitCode {
    let args: Vec<String> = std::env::args_os()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    match Cli::try_parse_from(&args) {
        Ok(cli) => main(cli),
        Err(e) if !e.use_stderr() => {
            // --help, --version: clap prints them to stdout.
            let _ = e.print();
            ExitCode::SUCCESS
        }
        Err(e) if e.kind() == clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            ExitCode::from(2)
        }
        Err(e) => {
            let line = match crate::render::Renderer::new() {
                Ok(r) => usage::one_line(&r, usage::lang_of(&args), &e),
                Err(_) => e
                    .render()
                    .to_string()
                    .lines()
                    .next()
                    .unwrap_or_default()
                    .to_owned(),
            };
            eprintln!("{line}");
            ExitCode::from(2)
        }
    }
}

pub fn main(cli: Cli) -> ExitCode {
    logging::init(&logging::Redactor::from_env());
    match cli.command {
        Command::Quote(args) => quote::run(*args),
        Command::Console(args) => {
            let url = database_url(args.db.as_deref());
            report(
                runtime()
                    .map_err(Into::into)
                    .and_then(|rt| rt.block_on(console::run(args, url))),
            )
        }
        Command::Bot(args) => report(
            runtime()
                .map_err(Into::into)
                .and_then(|rt| rt.block_on(run_bot(args))),
        ),
        Command::Reminders(args) => {
            let url = database_url(args.db.as_deref());
            match runtime() {
                Ok(rt) => rt.block_on(reminders::run(args, url, chrono::Utc::now())),
                Err(e) => report(Err(e.into())),
            }
        }
        Command::Migrate { db } => {
            let url = database_url(db.as_deref());
            report(runtime().map_err(Into::into).and_then(|rt| {
                rt.block_on(async {
                    store::Store::migrate_only(&url).await?;
                    println!("{}", store::redact(&url));
                    Ok(())
                })
            }))
        }
    }
}
