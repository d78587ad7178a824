//! Forgetting: a user's rows erased (`/delete_my_data`) with their evidence
//! files, and handled update ids past the redelivery window.

use chrono::{DateTime, Utc};

use super::db::Tx;
use super::error::StoreError;
use super::handle::Store;
use super::queries;
use super::types::UserKey;

impl Store {
    /// Erases every row about the user in one transaction: the user, chat
    /// states, cases with their events and contacts, transcript lines and the
    /// handled update ids recorded for the user (so a redelivered update after
    /// this would be handled afresh). Returns how many rows were erased.
    ///
    /// On SQLite the erased content is overwritten (`secure_delete`) and the
    /// write-ahead log is checkpointed and truncated, so the text is gone from
    /// the files too. On PostgreSQL dead rows stay in the table files until
    /// VACUUM reuses their space (see the README).
    pub async fn delete_user(&self, user: &UserKey) -> Result<u64, StoreError> {
        let mut tx = self.pool.begin_write().await?;
        let erased = match queries::find_user(&mut tx, user).await {
            Ok(Some(u)) => Self::delete_in(&mut tx, u.id).await,
            Ok(None) => Ok(0),
            Err(e) => Err(e),
        };
        match erased {
            Ok(n) => {
                tx.commit().await?;
                if let Err(e) = self.pool.checkpoint().await {
                    tracing::warn!("checkpoint after erasing a user failed: {e}");
                }
                // The evidence files go with the rows.
                if let Err(e) = self.evidence.remove_user(user) {
                    tracing::warn!("cannot remove a user's evidence files: {e}");
                }
                Ok(n)
            }
            Err(e) => {
                tx.rollback().await?;
                Err(e)
            }
        }
    }

    async fn delete_in(tx: &mut Tx, user_id: i64) -> Result<u64, StoreError> {
        let rows = queries::user_row_count(tx, user_id).await?;
        queries::delete_user(tx, user_id).await?;
        Ok(rows)
    }

    /// Forgets handled update ids recorded before `before` (Telegram stops
    /// redelivering an update after a day); returns how many were forgotten.
    ///
    /// On PostgreSQL the pass first takes a transaction-level advisory lock
    /// without waiting: when another replica is pruning, this one returns 0
    /// at once instead of competing for the same rows.
    pub async fn prune_handled_updates(&self, before: DateTime<Utc>) -> Result<u64, StoreError> {
        let mut tx = self.pool.begin_write().await?;
        let pruned = match queries::try_prune_lock(&mut tx).await {
            Ok(true) => queries::prune_updates(&mut tx, before).await,
            Ok(false) => Ok(0),
            Err(e) => Err(e),
        };
        match pruned {
            Ok(n) => {
                tx.commit().await?;
                Ok(n)
            }
            Err(e) => {
                tx.rollback().await?;
                Err(e)
            }
        }
    }
}
