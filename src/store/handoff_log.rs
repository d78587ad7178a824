//! What went through a hand-off to a person and its clock: the messages
//! (the user's, the person's, the operator's notes), the time to the first
//! reply, the overdue hand-offs claimed once, and how many are open.

use chrono::{DateTime, Utc};

use super::db::{Tx, on_conn};
use super::error::StoreError;
use super::handle::Store;
use super::handoffs::{BY_ID, HandOff, one, written};
use super::queries::micros;

/// Who wrote a message of a hand-off.
#[derive(Clone, Copy, Debug, PartialEq, Eq, strum::IntoStaticStr, strum::EnumString)]
#[strum(serialize_all = "snake_case")]
pub enum Author {
    User,
    Person,
    /// The operator's note, never sent.
    Note,
}

/// Claims the open hand-offs nobody replied to by their due time, each once.
const CLAIM_OVERDUE: &str = "\
UPDATE handoffs SET reminded_at = $1
WHERE id IN (SELECT id FROM handoffs WHERE open AND first_reply_at IS NULL AND reminded_at IS NULL
             AND topic_id IS NOT NULL AND due_at <= $1 ORDER BY due_at LIMIT $2)
  AND reminded_at IS NULL
RETURNING id";

impl Store {
    /// Keeps a message of hand-off `id`. For the person's first reply, the
    /// time it took from the hand-off (for the metrics).
    pub async fn add_handoff_message(
        &self,
        id: i64,
        author: Author,
        text: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<chrono::Duration>, StoreError> {
        let tx = self.pool.begin_write().await?;
        written(tx, async |tx: &mut Tx| {
            let a: &'static str = author.into();
            on_conn!(tx, c => sqlx::query(
                "INSERT INTO handoff_messages (handoff_id, author, text, at) VALUES ($1, $2, $3, $4)",
            )
            .bind(id)
            .bind(a)
            .bind(text)
            .bind(micros(now))
            .execute(&mut *c)
            .await?
            .rows_affected());
            if author != Author::Person {
                return Ok(None);
            }
            let first: Option<(DateTime<Utc>,)> = on_conn!(tx, c => sqlx::query_as(
                "UPDATE handoffs SET first_reply_at = $2 WHERE id = $1 AND first_reply_at IS NULL RETURNING opened_at",
            )
            .bind(id)
            .bind(micros(now))
            .fetch_optional(&mut *c)
            .await?);
            Ok(first.map(|(opened,)| now - opened))
        })
        .await
    }

    /// The messages of hand-off `id`, oldest first: (author, text, when).
    pub async fn handoff_messages(
        &self,
        id: i64,
    ) -> Result<Vec<(Author, String, DateTime<Utc>)>, StoreError> {
        let mut tx = self.pool.begin_read().await?;
        let rows: Result<Vec<(String, String, DateTime<Utc>)>, StoreError> = on_conn!(&mut tx, c => sqlx::query_as(
            "SELECT author, text, at FROM handoff_messages WHERE handoff_id = $1 ORDER BY id",
        )
        .bind(id)
        .fetch_all(&mut *c)
        .await
        .map_err(StoreError::from));
        tx.rollback().await?;
        rows?
            .into_iter()
            .map(|(a, t, at)| {
                let a = a.parse().map_err(|e| StoreError::corrupt("hand-off author", e))?;
                Ok((a, t, at))
            })
            .collect()
    }

    /// Claims at most `limit` open hand-offs that nobody answered by their
    /// due time, each once whatever the replicas.
    pub async fn claim_overdue_handoffs(
        &self,
        now: DateTime<Utc>,
        limit: i64,
    ) -> Result<Vec<HandOff>, StoreError> {
        let tx = self.pool.begin_write().await?;
        written(tx, async |tx: &mut Tx| {
            let ids: Vec<(i64,)> = on_conn!(tx, c => sqlx::query_as(CLAIM_OVERDUE)
                .bind(micros(now))
                .bind(limit)
                .fetch_all(&mut *c)
                .await?);
            let mut out = Vec::new();
            for (id,) in ids {
                out.extend(one(tx, BY_ID, id, None).await?);
            }
            Ok(out)
        })
        .await
    }

    /// How many hand-offs are open (for the metrics).
    pub async fn open_handoff_count(&self) -> Result<i64, StoreError> {
        let mut tx = self.pool.begin_read().await?;
        let n: Result<(i64,), StoreError> = on_conn!(&mut tx, c => sqlx::query_as(
            "SELECT COUNT(*) FROM handoffs WHERE open",
        )
        .fetch_one(&mut *c)
        .await
        .map_err(StoreError::from));
        tx.rollback().await?;
        Ok(n?.0)
    }
}
