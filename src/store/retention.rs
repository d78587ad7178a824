//! Retention: cases closed (or refunded) long ago are erased with their
//! events, contacts, reminders, transcript lines and hand-off to a person, as `/delete_my_data`
//! erases a user's rows (on SQLite overwritten, and the log checkpointed).

use chrono::{DateTime, Utc};

use super::db::on_conn;
use super::error::StoreError;
use super::handle::Store;
use super::queries::micros;
use super::types::UserKey;

/// The cases to erase: finished and not touched since `$1`.
const FINISHED_BEFORE: &str = "\
SELECT c.id, c.user_id, c.number, u.transport, u.external_id FROM cases c JOIN users u ON u.id = c.user_id \
WHERE c.status IN ('closed', 'refunded') AND c.updated_at < $1";

const DELETE_CASE_LINES: &str = "DELETE FROM transcript WHERE user_id = $1 AND case_number = $2";

/// The case's hand-off to a person, with its messages (ON DELETE CASCADE).
const DELETE_CASE_HANDOFF: &str = "DELETE FROM handoffs WHERE user_id = $1 AND case_number = $2";

/// Events, contacts and reminders go with the case (ON DELETE CASCADE).
const DELETE_CASE: &str = "DELETE FROM cases WHERE id = $1";

impl Store {
    /// Erases every case closed or refunded before `before`, with everything
    /// that hangs off it and its transcript lines; returns how many cases.
    pub async fn erase_finished_cases(&self, before: DateTime<Utc>) -> Result<u64, StoreError> {
        let mut tx = self.pool.begin_write().await?;
        let rows: Vec<(i64, i64, i64, String, i64)> = match on_conn!(&mut tx, c => sqlx::query_as(FINISHED_BEFORE)
            .bind(micros(before))
            .fetch_all(&mut *c)
            .await)
        {
            Ok(rows) => rows,
            Err(e) => {
                tx.rollback().await?;
                return Err(e.into());
            }
        };
        for (id, user_id, number, _, _) in &rows {
            let erased: Result<(), sqlx::Error> = async {
                on_conn!(&mut tx, c => sqlx::query(DELETE_CASE_LINES)
                    .bind(user_id)
                    .bind(number)
                    .execute(&mut *c)
                    .await?
                    .rows_affected());
                on_conn!(&mut tx, c => sqlx::query(DELETE_CASE_HANDOFF)
                    .bind(user_id)
                    .bind(number)
                    .execute(&mut *c)
                    .await?
                    .rows_affected());
                on_conn!(&mut tx, c => sqlx::query(DELETE_CASE).bind(id).execute(&mut *c).await?.rows_affected());
                Ok(())
            }
            .await;
            if let Err(e) = erased {
                tx.rollback().await?;
                return Err(e.into());
            }
        }
        tx.commit().await?;
        // Their evidence files go too (a file another case still refers to stays).
        let mut users: Vec<UserKey> = Vec::new();
        for (_, _, _, transport, external_id) in &rows {
            let key = UserKey::new(transport.clone(), *external_id);
            if !users.contains(&key) {
                users.push(key);
            }
        }
        for user in &users {
            if let Err(e) = self.prune_evidence(user).await {
                tracing::warn!("cannot remove the evidence files of erased cases: {e}");
            }
        }
        if !rows.is_empty()
            && let Err(e) = self.pool.checkpoint().await
        {
            tracing::warn!("checkpoint after erasing finished cases failed: {e}");
        }
        Ok(rows.len() as u64)
    }
}
