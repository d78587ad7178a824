//! The reminder loop: wakes every so often, claims the Telegram users whose
//! reminders are due (`Store::claim_reminders`: daytime only, one message a
//! user a day, `FOR UPDATE SKIP LOCKED` across replicas), sends each user one
//! message, then records it. Sent first and recorded after: a crash in
//! between sends it again once the claim's lease runs out, never loses it.

use super::send::{blocked, send_response};
use super::tg::Tg;
use crate::app::App;
use crate::ops::{self, ReminderState};
use crate::store::{Claimed, StoreError};
use chrono::{DateTime, Utc};
use std::time::Duration;
use teloxide::RequestError;
use teloxide::types::ChatId;

/// How long a claim holds before the reminders may be claimed again.
pub const LEASE: chrono::Duration = chrono::Duration::minutes(10);
/// Users claimed per pass.
const BATCH: i64 = 50;
/// How often the loop wakes by default.
pub const EVERY: Duration = Duration::from_secs(60);

/// Runs [`pass`] every `every` until the task is dropped.
pub async fn run(tg: Tg, app: App, every: Duration) {
    let mut tick = tokio::time::interval(every);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    loop {
        tick.tick().await;
        if let Err(e) = pass(&tg, &app).await {
            ops::count(ops::Counter::DbErrors, 1);
            tracing::warn!("reminders: the store failed, trying again later: {e}");
        }
        if let Err(e) = super::desk::overdue::pass(&tg, &app).await {
            ops::count(ops::Counter::DbErrors, 1);
            tracing::warn!("late replies of the operator inbox: the store failed, trying again later: {e}");
        }
    }
}

/// One pass: claims what is due now and sends it; returns how many users
/// were sent a reminder.
pub async fn pass(tg: &Tg, app: &App) -> Result<usize, StoreError> {
    let now = (app.clock)();
    let mut sent = 0;
    loop {
        let claimed = app.store.claim_reminders("telegram", now, LEASE, BATCH).await?;
        if claimed.is_empty() {
            return Ok(sent);
        }
        let n = claimed.len();
        ops::reminders(
            ReminderState::Due,
            claimed.iter().map(|c| c.reminders.len() as u64).sum(),
        );
        for c in &claimed {
            if one(tg, app, c, now).await? {
                sent += 1;
            }
        }
        if (n as i64) < BATCH {
            return Ok(sent);
        }
    }
}

/// Sends one user's reminders; `Ok(false)` when they were not sent (the
/// user blocked the bot, or Telegram failed: then the claim is released).
async fn one(tg: &Tg, app: &App, c: &Claimed, now: DateTime<Utc>) -> Result<bool, StoreError> {
    let chat = ChatId(c.user.external_id);
    let count = c.reminders.len() as u64;
    let preview = match app.remind_preview(&c.user, chat.0, &c.reminders, now).await {
        Ok(Some(r)) if !r.unsaved => r,
        Ok(_) | Err(_) => {
            app.store.release_reminders(c).await?;
            return Ok(false);
        }
    };
    match send_response(tg, chat, &preview).await {
        Ok(()) => {
            if let Err(e) = app.reminded(&c.user, chat.0, &c.reminders, now).await {
                // Sent but not recorded: the lease runs out and it goes again.
                tracing::warn!("reminder to chat {} sent but not recorded: {e}", chat.0);
                return Ok(true);
            }
            ops::reminders(ReminderState::Sent, count);
            Ok(true)
        }
        Err(RequestError::Api(e)) if blocked(&e) => {
            tracing::info!("chat {} blocked the bot: no more reminders", chat.0);
            app.store.user_blocked(c.user_id, now).await?;
            ops::reminders(ReminderState::Blocked, count);
            Ok(false)
        }
        Err(e) => {
            tracing::warn!("reminder to chat {} not sent ({e}); it is tried again", chat.0);
            app.store.release_reminders(c).await?;
            ops::reminders(ReminderState::Failed, count);
            Ok(false)
        }
    }
}
