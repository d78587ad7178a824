//! A turn's reminder changes, in the turn's transaction: a case's plan
//! replaced, reminders marked sent, a case's or one reminder stopped.

use chrono::{DateTime, Utc};

use crate::store::db::{Tx, on_conn};
use crate::store::error::StoreError;
use crate::store::queries::{CaseIds, micros};
use crate::store::types::{Replan, Write};

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
