//! A stored reminder row as a [`StoredReminder`], and a user's planned ones.

use chrono::{DateTime, Utc};

use super::sql::SCHEDULED;
use crate::reminders::Kind;
use crate::store::db::{Tx, on_conn};
use crate::store::error::StoreError;
use crate::store::types::StoredReminder;

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

/// The user's reminders still to come, earliest first (for `/reminders`).
pub(crate) async fn scheduled(tx: &mut Tx, user_id: i64) -> Result<Vec<StoredReminder>, StoreError> {
    let rows: Vec<ReminderRow> =
        on_conn!(tx, c => sqlx::query_as(SCHEDULED).bind(user_id).fetch_all(&mut *c).await?);
    rows.into_iter().map(from_row).collect()
}
