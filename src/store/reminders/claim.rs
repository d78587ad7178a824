//! Claiming reminders user by user (a lease), marking a claim sent with its
//! transcript line, releasing it, and a user who blocked the bot.

use chrono::{DateTime, Utc};

use super::rows::{ReminderRow, from_row};
use super::sql::{ANY_DUE, USER_DUE, candidates_sql};
use super::writes::mark_sent;
use crate::reminders;
use crate::store::db::{Tx, on_conn};
use crate::store::error::StoreError;
use crate::store::handle::Store;
use crate::store::queries::micros;
use crate::store::transcript::add_line;
use crate::store::types::{Claimed, StoredReminder, TranscriptLine, UserKey};

impl Store {
    /// Claims the reminders due at `now` for at most `limit` users of
    /// `transport` (the console shows its own when it opens), one message a user: users already reminded this Beijing day, and any claim
    /// outside 09:00–21:00 Beijing time, are left for later. Each claimed user
    /// is leased until `now + lease`; reminders not marked sent by then are
    /// claimed again.
    pub async fn claim_reminders(
        &self,
        transport: &str,
        now: DateTime<Utc>,
        lease: chrono::Duration,
        limit: i64,
    ) -> Result<Vec<Claimed>, StoreError> {
        if reminders::deliverable_at(now) != now {
            return Ok(Vec::new());
        }
        // A cheap read first: most passes find nothing, and on SQLite a write
        // transaction would hold up the users' own messages for nothing.
        let mut read = self.pool.begin_read().await?;
        let any: Result<Option<(i64,)>, StoreError> = on_conn!(&mut read, c => sqlx::query_as(ANY_DUE)
            .bind(micros(now))
            .bind(transport)
            .fetch_optional(&mut *c)
            .await
            .map_err(StoreError::from));
        read.rollback().await?;
        if any?.is_none() {
            return Ok(Vec::new());
        }
        let mut tx = self.pool.begin_write().await?;
        match Self::claim_in(&mut tx, transport, now, lease, limit).await {
            Ok(claimed) => {
                tx.commit().await?;
                Ok(claimed)
            }
            Err(e) => {
                if let Err(rollback) = tx.rollback().await {
                    tracing::warn!("rollback after a failed claim failed too: {rollback}");
                }
                Err(e)
            }
        }
    }

    async fn claim_in(
        tx: &mut Tx,
        transport: &str,
        now: DateTime<Utc>,
        lease: chrono::Duration,
        limit: i64,
    ) -> Result<Vec<Claimed>, StoreError> {
        type UserRow = (i64, String, i64, Option<String>, Option<DateTime<Utc>>);
        let sql = candidates_sql(tx.backend());
        let users: Vec<UserRow> = on_conn!(tx, c => sqlx::query_as(sql)
            .bind(micros(now))
            .bind(limit)
            .bind(transport)
            .fetch_all(&mut *c)
            .await?);
        let mut claimed = Vec::new();
        for (user_id, transport, external_id, lang, reminded_at) in users {
            let rows: Vec<ReminderRow> = on_conn!(tx, c => sqlx::query_as(USER_DUE)
                .bind(user_id)
                .bind(micros(now))
                .fetch_all(&mut *c)
                .await?);
            let due: Vec<StoredReminder> = rows.into_iter().map(from_row).collect::<Result<_, _>>()?;
            let Some(first) = due.iter().map(|r| r.due).min() else {
                continue;
            };
            if reminders::one_per_day(first, reminded_at) > now {
                continue;
            }
            on_conn!(tx, c => sqlx::query("UPDATE users SET reminder_lease = $2 WHERE id = $1")
                .bind(user_id)
                .bind(micros(now + lease))
                .execute(&mut *c)
                .await?
                .rows_affected());
            claimed.push(Claimed {
                user: UserKey::new(transport, external_id),
                user_id,
                lang,
                reminders: due,
            });
        }
        Ok(claimed)
    }

    /// Marks a claimed user's reminders sent, with the transcript line of the
    /// message, and ends the claim; one transaction.
    pub async fn reminders_sent(
        &self,
        claimed: &Claimed,
        chat_id: i64,
        line: &TranscriptLine,
    ) -> Result<(), StoreError> {
        let mut tx = self.pool.begin_write().await?;
        let done = Self::sent_in(&mut tx, claimed, chat_id, line).await;
        match done {
            Ok(()) => tx.commit().await,
            Err(e) => {
                if let Err(rollback) = tx.rollback().await {
                    tracing::warn!("rollback after a failed reminder mark failed too: {rollback}");
                }
                Err(e)
            }
        }
    }

    async fn sent_in(
        tx: &mut Tx,
        claimed: &Claimed,
        chat_id: i64,
        line: &TranscriptLine,
    ) -> Result<(), StoreError> {
        let ids: Vec<i64> = claimed.reminders.iter().map(|r| r.id).collect();
        mark_sent(tx, claimed.user_id, &ids, line.at).await?;
        add_line(tx, claimed.user_id, chat_id, line).await
    }

    /// Ends a claim without sending (the send failed for a passing reason):
    /// the reminders are claimable again at once.
    pub async fn release_reminders(&self, claimed: &Claimed) -> Result<(), StoreError> {
        let mut tx = self.pool.begin_write().await?;
        on_conn!(&mut tx, c => sqlx::query("UPDATE users SET reminder_lease = NULL WHERE id = $1")
            .bind(claimed.user_id)
            .execute(&mut *c)
            .await?
            .rows_affected());
        tx.commit().await
    }

    /// The user blocked the bot (Telegram answered 403): no more reminders.
    /// Their data stays until they or the retention rule remove it.
    pub async fn user_blocked(&self, user_id: i64, at: DateTime<Utc>) -> Result<(), StoreError> {
        let mut tx = self.pool.begin_write().await?;
        on_conn!(&mut tx, c => sqlx::query("UPDATE users SET blocked_at = $2, reminder_lease = NULL WHERE id = $1")
            .bind(user_id)
            .bind(micros(at))
            .execute(&mut *c)
            .await?
            .rows_affected());
        tx.commit().await
    }
}
