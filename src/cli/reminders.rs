//! `refund-assistant reminders`: what is due, for an operator. Lists the
//! reminders due at a moment (default now) without sending or claiming any.

use crate::input;
use crate::render::{Lang, Renderer, plain};
use crate::store::{DueReminder, Store};
use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::json;
use std::collections::BTreeMap;
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct RemindersArgs {
    /// A SQLite file path or a postgres:// URL
    #[arg(long)]
    pub db: Option<String>,
    /// List what is due at this moment instead of now (Beijing time unless it
    /// carries an offset), e.g. "2026-03-16 10:00"
    #[arg(long)]
    pub at: Option<String>,
    /// One JSON object per line: {"case", "user", "kind", "due"}
    #[arg(long)]
    pub json: bool,
    /// Language of the text listing (zh-CN or en)
    #[arg(long, default_value = "zh-CN")]
    pub lang: String,
}

/// The lines to print for `due`.
pub fn lines(r: &Renderer, lang: Lang, due: &[DueReminder], json: bool) -> Vec<String> {
    if json {
        return due
            .iter()
            .map(|d| {
                json!({
                    "case": d.reminder.case,
                    "user": format!("{}:{}", d.user.transport, d.user.external_id),
                    "kind": d.reminder.kind.as_str(),
                    "due": d.reminder.due.to_rfc3339_opts(SecondsFormat::Secs, true),
                })
                .to_string()
            })
            .collect();
    }
    if due.is_empty() {
        return vec![r.text(lang, "ops.reminders.none", ())];
    }
    let mut out = vec![r.text(lang, "ops.reminders.header", json!({ "n": due.len() }))];
    out.extend(due.iter().map(|d| {
        r.text(
            lang,
            "ops.reminders.line",
            json!({
                "case": d.reminder.case,
                "user": format!("{}:{}", d.user.transport, d.user.external_id),
                "kind": d.reminder.kind.as_str(),
                "due": d.reminder.due.to_rfc3339(),
            }),
        )
    }));
    out
}

/// Runs the listing: exit 0 with the lines on stdout; 2 with one line on
/// stderr for a bad `--at`; 1 when the database cannot be read.
pub async fn run(args: RemindersArgs, url: String, now: DateTime<Utc>) -> ExitCode {
    let Ok(r) = Renderer::new() else {
        return ExitCode::FAILURE;
    };
    let lang = Lang::from_client(Some(&args.lang));
    let at = match &args.at {
        None => now,
        Some(text) => match input::parse_datetime(text, now) {
            Ok(at) => at,
            Err(e) => {
                let params: BTreeMap<_, _> = e.params().into_iter().collect();
                let detail = plain(&r.text(lang, e.key(), params));
                let line = r.text(
                    lang,
                    "ops.reminders.bad_at",
                    json!({ "got": text, "detail": detail }),
                );
                eprintln!("{}", plain(&line));
                return ExitCode::from(2);
            }
        },
    };
    let due = match Store::connect(&url).await {
        Ok(store) => {
            let due = store.due_reminders(at).await;
            store.close().await;
            due
        }
        Err(e) => Err(e),
    };
    match due {
        Ok(due) => {
            for line in lines(&r, lang, &due, args.json) {
                println!("{}", plain(&line));
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!(
                "{}",
                plain(&r.text(lang, "ops.reminders.db_error", json!({ "error": e.to_string() })))
            );
            ExitCode::FAILURE
        }
    }
}
