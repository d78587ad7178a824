//! Reminders in the database: planned with their case, claimed user by user
//! (`FOR UPDATE SKIP LOCKED` on PostgreSQL, so replicas never claim the same
//! user), marked sent together with the transcript line that says what was
//! sent.
//!
//! Delivery is at least once to Telegram and at most once marked: a claim is
//! a lease on the user ([`Store::claim_reminders`]); if the process dies
//! after sending and before [`Store::reminders_sent`] commits, the lease runs
//! out and the same reminders go out again. The window for a duplicate is the
//! time between Telegram accepting the message and that commit (milliseconds);
//! the window for a delay is the lease.

use chrono::{DateTime, Utc};

use super::db::{Tx, on_conn};
use super::error::StoreError;
use super::location::Backend;
use super::queries::{CaseIds, micros};
use super::transcript::add_line;
use super::types::{TranscriptLine, UserKey};
use super::{Store, Write};
use crate::reminders::{self, Kind, Planned};

/// A reminder waiting to be sent, as stored.
#[derive(Clone, Debug, PartialEq)]
pub struct StoredReminder {
    pub id: i64,
    /// The user's own case number.
    pub case: i64,
    pub kind: Kind,
    pub seq: u32,
    pub due: DateTime<Utc>,
}

/// A reminder due for an operator's listing.
#[derive(Clone, Debug, PartialEq)]
pub struct DueReminder {
    pub user: UserKey,
    pub reminder: StoredReminder,
}

/// A user's claimed reminders: everything due for them, to go out as one message.
#[derive(Clone, Debug, PartialEq)]
pub struct Claimed {
    pub user: UserKey,
    pub user_id: i64,
    pub lang: Option<String>,
    pub reminders: Vec<StoredReminder>,
}

/// A case's new plan (replacing what was planned and not sent), written in
/// the same transaction as the case.
#[derive(Clone, Debug, PartialEq)]
pub struct Replan {
    pub case: i64,
    pub plan: Vec<Planned>,
}

pub(crate) type ReminderRow = (i64, i64, String, i64, DateTime<Utc>);

pub(crate) fn from_row((id, case, kind, seq, due): ReminderRow) -> Result<StoredReminder, StoreError> {
    Ok(StoredReminder {
        id,
        case,
        kind: Kind::parse(&kind).ok_or_else(|| StoreError::corrupt("reminder kind", kind))?,
        seq: u32::try_from(seq).map_err(|e| StoreError::corrupt("reminder seq", e))?,
        due,
    })
}

/// The columns of a [`ReminderRow`].
macro_rules! columns {
    () => {
        "r.id, c.number, r.kind, r.seq, r.due"
    };
}

/// Reminders that may go out: not sent, not stopped, on an open case whose
/// reminders are on.
macro_rules! live {
    () => {
        "r.sent_at IS NULL AND NOT r.stopped AND NOT c.reminders_stopped \
         AND c.status NOT IN ('closed', 'refunded')"
    };
}

/// Users of transport $3 with reminders due at $1, not leased, not blocked; at most $2.
macro_rules! candidates {
    () => {
        concat!(
            "SELECT u.id, u.transport, u.external_id, u.lang, u.reminded_at FROM users u \
             WHERE u.transport = $3 AND u.blocked_at IS NULL \
             AND (u.reminder_lease IS NULL OR u.reminder_lease < $1) \
             AND EXISTS (SELECT 1 FROM reminders r JOIN cases c ON c.id = r.case_id \
                         WHERE c.user_id = u.id AND r.due <= $1 AND ",
            live!(),
            ") ORDER BY u.id LIMIT $2"
        )
    };
}

fn candidates_sql(backend: Backend) -> &'static str {
    match backend {
        Backend::Sqlite => candidates!(),
        Backend::Postgres => concat!(candidates!(), " FOR UPDATE OF u SKIP LOCKED"),
    }
}

/// Whether any user of transport $2 has a reminder due at $1.
const ANY_DUE: &str = concat!(
    "SELECT r.id FROM reminders r JOIN cases c ON c.id = r.case_id JOIN users u ON u.id = c.user_id \
     WHERE u.transport = $2 AND u.blocked_at IS NULL AND r.due <= $1 AND ",
    live!(),
    " LIMIT 1"
);

const USER_DUE: &str = concat!(
    "SELECT ",
    columns!(),
    " FROM reminders r JOIN cases c ON c.id = r.case_id WHERE c.user_id = $1 AND r.due <= $2 AND ",
    live!(),
    " ORDER BY r.due, r.id"
);

/// User `$1`'s reminders still to come, with `$tail` added to the columns.
macro_rules! scheduled_sql {
    ($tail:literal) => {
        concat!(
            "SELECT ",
            $crate::store::reminders::columns!(),
            $tail,
            " FROM reminders r JOIN cases c ON c.id = r.case_id WHERE c.user_id = $1 AND ",
            $crate::store::reminders::live!(),
            " ORDER BY r.due, r.id"
        )
    };
}
pub(crate) use {columns, live, scheduled_sql};

const SCHEDULED: &str = scheduled_sql!("");

const ALL_DUE: &str = concat!(
    "SELECT u.transport, u.external_id, ",
    columns!(),
    " FROM reminders r JOIN cases c ON c.id = r.case_id JOIN users u ON u.id = c.user_id \
     WHERE r.due <= $1 AND u.blocked_at IS NULL AND ",
    live!(),
    " ORDER BY r.due, r.id"
);

/// Replaces the case's plan: a reminder not sent that no longer fits the plan
/// (another kind, or another moment) goes; one that fits stays, even when its
/// moment has passed (it is waiting for the daytime or the next day); a new
/// one is added only when its moment is still ahead.
pub(crate) async fn replan(
    tx: &mut Tx,
    user_id: i64,
    r: &Replan,
    now: DateTime<Utc>,
    ids: &mut CaseIds,
) -> Result<(), StoreError> {
    type Row = (i64, String, i64, DateTime<Utc>, bool);
    let case_id = ids.get(tx, user_id, r.case).await?;
    // Every row of the case: pending ones that no longer fit go; any
    // (kind, seq) already there, sent or stopped or pending, is not added again.
    let rows: Vec<Row> = on_conn!(tx, c => sqlx::query_as(
        "SELECT id, kind, seq, due, sent_at IS NULL AND NOT stopped FROM reminders WHERE case_id = $1")
        .bind(case_id)
        .fetch_all(&mut *c)
        .await?);
    let fits = |kind: &str, seq: i64, due: DateTime<Utc>| {
        r.plan
            .iter()
            .any(|p| p.kind.as_str() == kind && i64::from(p.seq) == seq && micros(p.due) == due)
    };
    let mut kept = Vec::new();
    for (id, kind, seq, due, pending) in rows {
        if pending && !fits(&kind, seq, due) {
            on_conn!(tx, c => sqlx::query("DELETE FROM reminders WHERE id = $1")
                .bind(id)
                .execute(&mut *c)
                .await?
                .rows_affected());
        } else {
            kept.push((kind, seq));
        }
    }
    let new = r.plan.iter().filter(|p| {
        p.due > now
            && !kept
                .iter()
                .any(|(k, s)| k == p.kind.as_str() && *s == i64::from(p.seq))
    });
    for p in new {
        on_conn!(tx, c => sqlx::query(
            "INSERT INTO reminders (case_id, kind, seq, due) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (case_id, kind, seq) DO NOTHING")
            .bind(case_id)
            .bind(p.kind.as_str())
            .bind(i64::from(p.seq))
            .bind(micros(p.due))
            .execute(&mut *c)
            .await?
            .rows_affected());
    }
    Ok(())
}

/// Marks reminders shown to the user sent, and notes when the user was last
/// reminded (one message a day) and ends their claim.
pub(crate) async fn mark_sent(
    tx: &mut Tx,
    user_id: i64,
    ids: &[i64],
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    for id in ids {
        on_conn!(tx, c => sqlx::query(
            "UPDATE reminders SET sent_at = $2 WHERE id = $1 AND sent_at IS NULL \
             AND case_id IN (SELECT id FROM cases WHERE user_id = $3)")
            .bind(id)
            .bind(micros(now))
            .bind(user_id)
            .execute(&mut *c)
            .await?
            .rows_affected());
    }
    if !ids.is_empty() {
        on_conn!(tx, c => sqlx::query("UPDATE users SET reminded_at = $2, reminder_lease = NULL WHERE id = $1")
            .bind(user_id)
            .bind(micros(now))
            .execute(&mut *c)
            .await?
            .rows_affected());
    }
    Ok(())
}

pub(crate) async fn stop_case(
    tx: &mut Tx,
    user_id: i64,
    case: i64,
    ids: &mut CaseIds,
) -> Result<(), StoreError> {
    let case_id = ids.get(tx, user_id, case).await?;
    on_conn!(tx, c => sqlx::query("UPDATE cases SET reminders_stopped = TRUE WHERE id = $1")
        .bind(case_id)
        .execute(&mut *c)
        .await?
        .rows_affected());
    on_conn!(tx, c => sqlx::query("UPDATE reminders SET stopped = TRUE WHERE case_id = $1 AND sent_at IS NULL")
        .bind(case_id)
        .execute(&mut *c)
        .await?
        .rows_affected());
    Ok(())
}

pub(crate) async fn stop_one(tx: &mut Tx, user_id: i64, id: i64) -> Result<(), StoreError> {
    on_conn!(tx, c => sqlx::query(
        "UPDATE reminders SET stopped = TRUE WHERE id = $1 AND sent_at IS NULL \
         AND case_id IN (SELECT id FROM cases WHERE user_id = $2)")
        .bind(id)
        .bind(user_id)
        .execute(&mut *c)
        .await?
        .rows_affected());
    Ok(())
}

/// The user's reminders still to come, earliest first (for `/reminders`).
pub(crate) async fn scheduled(tx: &mut Tx, user_id: i64) -> Result<Vec<StoredReminder>, StoreError> {
    let rows: Vec<ReminderRow> =
        on_conn!(tx, c => sqlx::query_as(SCHEDULED).bind(user_id).fetch_all(&mut *c).await?);
    rows.into_iter().map(from_row).collect()
}

impl Write {
    /// Applies this turn's reminder changes (called inside the turn's transaction).
    pub(crate) async fn apply_reminders(
        &self,
        tx: &mut Tx,
        user_id: i64,
        now: DateTime<Utc>,
        ids: &mut CaseIds,
    ) -> Result<(), StoreError> {
        for r in &self.replans {
            replan(tx, user_id, r, now, ids).await?;
        }
        mark_sent(tx, user_id, &self.reminders_sent, now).await?;
        for case in &self.stop_case_reminders {
            stop_case(tx, user_id, *case, ids).await?;
        }
        for id in &self.stop_reminders {
            stop_one(tx, user_id, *id).await?;
        }
        Ok(())
    }
}

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

    /// Every reminder due at `at` and not sent, for an operator; sends nothing.
    pub async fn due_reminders(&self, at: DateTime<Utc>) -> Result<Vec<DueReminder>, StoreError> {
        type Row = (String, i64, i64, i64, String, i64, DateTime<Utc>);
        let mut tx = self.pool.begin_read().await?;
        let rows: Result<Vec<Row>, StoreError> = on_conn!(&mut tx, c => sqlx::query_as(ALL_DUE)
            .bind(micros(at))
            .fetch_all(&mut *c)
            .await
            .map_err(StoreError::from));
        tx.rollback().await?;
        rows?
            .into_iter()
            .map(|(transport, external_id, id, case, kind, seq, due)| {
                Ok(DueReminder {
                    user: UserKey::new(transport, external_id),
                    reminder: from_row((id, case, kind, seq, due))?,
                })
            })
            .collect()
    }

    /// The user's reminders due at `now` and not sent, whatever the hour
    /// (for the console, which shows them when the user opens it).
    pub async fn user_due_reminders(
        &self,
        user: &UserKey,
        now: DateTime<Utc>,
    ) -> Result<Vec<StoredReminder>, StoreError> {
        let mut tx = self.pool.begin_read().await?;
        let found = match super::queries::find_user(&mut tx, user).await? {
            Some(u) => {
                let rows: Result<Vec<ReminderRow>, StoreError> = on_conn!(&mut tx, c => sqlx::query_as(USER_DUE)
                    .bind(u.id)
                    .bind(micros(now))
                    .fetch_all(&mut *c)
                    .await
                    .map_err(StoreError::from));
                rows.and_then(|rows| rows.into_iter().map(from_row).collect())
            }
            None => Ok(Vec::new()),
        };
        tx.rollback().await?;
        found
    }

    /// The user's reminders still to come, earliest first.
    pub async fn scheduled_reminders(&self, user: &UserKey) -> Result<Vec<StoredReminder>, StoreError> {
        let mut tx = self.pool.begin_read().await?;
        let found = match super::queries::find_user(&mut tx, user).await? {
            Some(u) => scheduled(&mut tx, u.id).await,
            None => Ok(Vec::new()),
        };
        tx.rollback().await?;
        found
    }
}
