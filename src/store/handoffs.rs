//! Cases handed to a person: the hand-off row per case (insert-or-get under
//! a unique key, so replicas create one topic), its topic in the operator
//! inbox, closed and reopened; what went through it and its clock are in
//! `handoff_log`.

use chrono::{DateTime, Utc};

use super::db::{Tx, on_conn};
use super::error::StoreError;
use super::handle::Store;
use super::queries::{self, micros};
use super::types::UserKey;

/// One case handed to a person.
#[derive(Clone, Debug, PartialEq)]
pub struct HandOff {
    pub id: i64,
    /// Whose case it is, and their language.
    pub user: UserKey,
    pub lang: Option<String>,
    /// The user's chat with the bot.
    pub chat_id: i64,
    /// The user's case number (0: no case yet).
    pub case_number: i64,
    pub operator_chat: i64,
    /// The forum topic, once created.
    pub topic: Option<i64>,
    pub open: bool,
    pub opened_at: DateTime<Utc>,
    pub due_at: DateTime<Utc>,
    pub first_reply_at: Option<DateTime<Utc>>,
    /// The user agreed that the person sees their personal details unmasked.
    pub unmasked: bool,
}

/// What [`Store::open_handoff`] found.
#[derive(Clone, Debug, PartialEq)]
pub enum Opened {
    /// A new hand-off: this caller creates the topic.
    New(HandOff),
    /// The case's hand-off was closed and is open again (its topic kept,
    /// unless the operator inbox changed since).
    Reopened(HandOff),
    /// Already open (another message or replica opened it).
    AlreadyOpen(HandOff),
}

/// The hand-off's columns with its user's, and `$tail` (the condition).
macro_rules! select {
    ($tail:literal) => {
        concat!(
            "SELECT h.id, u.transport, u.external_id, u.lang, h.chat_id, h.case_number, h.operator_chat, ",
            "h.topic_id, h.open, h.opened_at, h.due_at, h.first_reply_at, h.unmasked ",
            "FROM handoffs h JOIN users u ON u.id = h.user_id",
            $tail
        )
    };
}

type Row = (
    i64,
    String,
    i64,
    Option<String>,
    i64,
    i64,
    i64,
    Option<i64>,
    bool,
    DateTime<Utc>,
    DateTime<Utc>,
    Option<DateTime<Utc>>,
    bool,
);

fn from_row(r: Row) -> HandOff {
    let (
        id,
        transport,
        external_id,
        lang,
        chat_id,
        case_number,
        operator_chat,
        topic,
        open,
        opened_at,
        due_at,
        first,
        unmasked,
    ) = r;
    HandOff {
        id,
        user: UserKey::new(transport, external_id),
        lang,
        chat_id,
        case_number,
        operator_chat,
        topic,
        open,
        opened_at,
        due_at,
        first_reply_at: first,
        unmasked,
    }
}

const INSERT: &str = "\
INSERT INTO handoffs (user_id, chat_id, case_number, operator_chat, topic_id, open, opened_at, due_at)
VALUES ($1, $2, $3, $4, NULL, TRUE, $5, $6)
ON CONFLICT (user_id, case_number) DO NOTHING RETURNING id";

/// A closed hand-off of the case opened again; its topic kept when the
/// operator inbox is the same.
const REOPEN: &str = "\
UPDATE handoffs SET open = TRUE, chat_id = $2, opened_at = $5, due_at = $6, first_reply_at = NULL,
       reminded_at = NULL, closed_at = NULL, unmasked = FALSE,
       topic_id = CASE WHEN operator_chat = $4 THEN topic_id ELSE NULL END, operator_chat = $4
WHERE user_id = $1 AND case_number = $3 AND NOT open RETURNING id";

const BY_CASE: &str = select!(" WHERE h.user_id = $1 AND h.case_number = $2");
pub(super) const BY_ID: &str = select!(" WHERE h.id = $1");
const BY_TOPIC: &str = select!(" WHERE h.operator_chat = $1 AND h.topic_id = $2");
const BY_USER: &str = select!(" WHERE h.user_id = $1 ORDER BY h.id");

pub(super) async fn one(
    tx: &mut Tx,
    sql: &'static str,
    a: i64,
    b: Option<i64>,
) -> Result<Option<HandOff>, StoreError> {
    let row: Option<Row> = on_conn!(tx, c => {
        let q = sqlx::query_as(sql).bind(a);
        let q = match b { Some(b) => q.bind(b), None => q };
        q.fetch_optional(&mut *c).await?
    });
    Ok(row.map(from_row))
}

/// Runs `work` in a write transaction, committed when it succeeds.
pub(super) async fn written<T>(
    tx: Tx,
    work: impl AsyncFnOnce(&mut Tx) -> Result<T, StoreError>,
) -> Result<T, StoreError> {
    let mut tx = tx;
    match work(&mut tx).await {
        Ok(v) => {
            tx.commit().await?;
            Ok(v)
        }
        Err(e) => {
            if let Err(r) = tx.rollback().await {
                tracing::warn!("rollback after a failed hand-off write failed too: {r}");
            }
            Err(e)
        }
    }
}

impl Store {
    /// Opens the hand-off of the user's case `case_number` (0: no case),
    /// or finds it: only one caller ever gets [`Opened::New`] for a case,
    /// whatever the replicas. `None` for a user never seen.
    pub async fn open_handoff(
        &self,
        user: &UserKey,
        chat_id: i64,
        case_number: i64,
        operator_chat: i64,
        now: DateTime<Utc>,
        due: DateTime<Utc>,
    ) -> Result<Option<Opened>, StoreError> {
        let tx = self.pool.begin_write().await?;
        written(tx, async |tx: &mut Tx| {
            let Some(u) = queries::find_user(tx, user).await? else {
                return Ok(None);
            };
            macro_rules! run {
                ($sql:expr) => {
                    on_conn!(tx, c => sqlx::query_as::<_, (i64,)>($sql)
                        .bind(u.id)
                        .bind(chat_id)
                        .bind(case_number)
                        .bind(operator_chat)
                        .bind(micros(now))
                        .bind(micros(due))
                        .fetch_optional(&mut *c)
                        .await?)
                };
            }
            let inserted: Option<(i64,)> = run!(INSERT);
            let reopened: Option<(i64,)> = match inserted {
                Some(_) => None,
                None => run!(REOPEN),
            };
            let Some(h) = one(tx, BY_CASE, u.id, Some(case_number)).await? else {
                return Ok(None);
            };
            Ok(Some(match (inserted, reopened) {
                (Some(_), _) => Opened::New(h),
                (None, Some(_)) => Opened::Reopened(h),
                (None, None) => Opened::AlreadyOpen(h),
            }))
        })
        .await
    }

    /// The topic created for hand-off `id`.
    pub async fn set_handoff_topic(&self, id: i64, topic: i64) -> Result<(), StoreError> {
        let tx = self.pool.begin_write().await?;
        written(tx, async |tx: &mut Tx| {
            on_conn!(tx, c => sqlx::query("UPDATE handoffs SET topic_id = $2 WHERE id = $1")
                .bind(id)
                .bind(topic)
                .execute(&mut *c)
                .await?
                .rows_affected());
            Ok(())
        })
        .await
    }

    /// The user agreed that the person sees hand-off `id` unmasked.
    pub async fn unmask_handoff(&self, id: i64) -> Result<(), StoreError> {
        let tx = self.pool.begin_write().await?;
        written(tx, async |tx: &mut Tx| {
            on_conn!(tx, c => sqlx::query("UPDATE handoffs SET unmasked = TRUE WHERE id = $1")
                .bind(id)
                .execute(&mut *c)
                .await?
                .rows_affected());
            Ok(())
        })
        .await
    }

    /// The hand-off whose topic this is, if any (none for a case erased).
    pub async fn handoff_by_topic(
        &self,
        operator_chat: i64,
        topic: i64,
    ) -> Result<Option<HandOff>, StoreError> {
        let mut tx = self.pool.begin_read().await?;
        let found = one(&mut tx, BY_TOPIC, operator_chat, Some(topic)).await;
        tx.rollback().await?;
        found
    }

    /// The hand-off of the user's case `case_number`, open or not.
    pub async fn handoff_of(&self, user: &UserKey, case_number: i64) -> Result<Option<HandOff>, StoreError> {
        let mut tx = self.pool.begin_read().await?;
        let found = match queries::find_user(&mut tx, user).await {
            Ok(Some(u)) => one(&mut tx, BY_CASE, u.id, Some(case_number)).await,
            Ok(None) => Ok(None),
            Err(e) => Err(e),
        };
        tx.rollback().await?;
        found
    }

    /// Closes hand-off `id`; whether it was open.
    pub async fn close_handoff(&self, id: i64, now: DateTime<Utc>) -> Result<bool, StoreError> {
        let tx = self.pool.begin_write().await?;
        written(tx, async |tx: &mut Tx| {
            let n = on_conn!(tx, c => sqlx::query(
                "UPDATE handoffs SET open = FALSE, closed_at = $2 WHERE id = $1 AND open",
            )
            .bind(id)
            .bind(micros(now))
            .execute(&mut *c)
            .await?
            .rows_affected());
            Ok(n > 0)
        })
        .await
    }

    /// The user's hand-offs (before their erasure: their topics go too).
    pub async fn handoffs_of_user(&self, user: &UserKey) -> Result<Vec<HandOff>, StoreError> {
        let mut tx = self.pool.begin_read().await?;
        let found: Result<Vec<HandOff>, StoreError> = match queries::find_user(&mut tx, user).await {
            Ok(Some(u)) => on_conn!(&mut tx, c => sqlx::query_as::<_, Row>(BY_USER)
                .bind(u.id)
                .fetch_all(&mut *c)
                .await
                .map(|rows| rows.into_iter().map(from_row).collect())
                .map_err(StoreError::from)),
            Ok(None) => Ok(Vec::new()),
            Err(e) => Err(e),
        };
        tx.rollback().await?;
        found
    }
}
