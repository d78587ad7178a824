//! Listing reminders: every one due (for an operator), one user's due ones
//! whatever the hour (the console), one user's planned ones.

use chrono::{DateTime, Utc};

use super::rows::{ReminderRow, from_row, scheduled};
use super::sql::{ALL_DUE, USER_DUE};
use crate::store::db::on_conn;
use crate::store::error::StoreError;
use crate::store::handle::Store;
use crate::store::queries::{find_user, micros};
use crate::store::types::{DueReminder, StoredReminder, UserKey};

impl Store {
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
        let found = match find_user(&mut tx, user).await? {
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
        let found = match find_user(&mut tx, user).await? {
            Some(u) => scheduled(&mut tx, u.id).await,
            None => Ok(Vec::new()),
        };
        tx.rollback().await?;
        found
    }
}
