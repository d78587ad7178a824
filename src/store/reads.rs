//! Reading outside a turn: a user, their cases (one with its history), a
//! chat's transcript, and row counts for diagnostics.

use super::db::Tx;
use super::error::StoreError;
use super::handle::Store;
use super::types::{CaseDetail, CaseRecord, TranscriptLine, User, UserKey};
use super::{queries, transcript};

impl Store {
    /// The user, if it was ever seen.
    pub async fn user(&self, user: &UserKey) -> Result<Option<User>, StoreError> {
        let mut tx = self.pool.begin_read().await?;
        let found = queries::find_user(&mut tx, user).await;
        tx.rollback().await?;
        found
    }

    /// The user's cases, newest first (empty for an unknown user).
    pub async fn cases(&self, user: &UserKey) -> Result<Vec<CaseRecord>, StoreError> {
        let mut tx = self.pool.begin_read().await?;
        let found = match queries::find_user(&mut tx, user).await? {
            Some(u) => queries::cases(&mut tx, u.id).await,
            None => Ok(Vec::new()),
        };
        tx.rollback().await?;
        found
    }

    /// The user's case `number` with its history. Only the user's own cases are
    /// reachable: the number is looked up among that user's cases.
    pub async fn case(&self, user: &UserKey, number: i64) -> Result<Option<CaseDetail>, StoreError> {
        let mut tx = self.pool.begin_read().await?;
        let found = Self::case_in(&mut tx, user, number).await;
        tx.rollback().await?;
        found
    }

    async fn case_in(tx: &mut Tx, key: &UserKey, number: i64) -> Result<Option<CaseDetail>, StoreError> {
        let Some(user) = queries::find_user(tx, key).await? else {
            return Ok(None);
        };
        let Some((case_id, record)) = queries::case(tx, user.id, number).await? else {
            return Ok(None);
        };
        Ok(Some(CaseDetail {
            record,
            events: queries::events(tx, case_id).await?,
            contacts: queries::contacts(tx, case_id).await?,
            transcript: transcript::case_lines(tx, user.id, number).await?,
        }))
    }

    /// The chat's transcript, oldest first.
    pub async fn transcript(&self, user: &UserKey, chat_id: i64) -> Result<Vec<TranscriptLine>, StoreError> {
        let mut tx = self.pool.begin_read().await?;
        let found = match queries::find_user(&mut tx, user).await? {
            Some(u) => transcript::chat_lines(&mut tx, u.id, chat_id).await,
            None => Ok(Vec::new()),
        };
        tx.rollback().await?;
        found
    }

    /// How many rows in all tables refer to the user (0 for an unknown user).
    pub async fn user_row_count(&self, user: &UserKey) -> Result<u64, StoreError> {
        let mut tx = self.pool.begin_read().await?;
        let found = match queries::find_user(&mut tx, user).await? {
            Some(u) => queries::user_row_count(&mut tx, u.id).await,
            None => Ok(0),
        };
        tx.rollback().await?;
        found
    }

    /// Rows per table, for diagnostics and tests: `[("users", 2), ...]`.
    pub async fn table_counts(&self) -> Result<Vec<(&'static str, u64)>, StoreError> {
        let mut tx = self.pool.begin_read().await?;
        let counts = queries::table_counts(&mut tx).await;
        tx.rollback().await?;
        counts
    }
}
