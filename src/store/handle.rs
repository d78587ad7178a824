//! The [`Store`] handle: the pool and the evidence folder, opened and
//! closed here; what it does is spread over the files above it (`turn`,
//! `reads`, `erase`, `retention`, `evidence`, `reminders`).

use std::fmt;
use std::sync::Arc;

use super::db::{Pool, on_conn};
use super::error::StoreError;
use super::evidence_dir::{EvidenceDir, default_dir};

/// A handle on the database; cheap to clone (the pool is shared).
#[derive(Clone)]
pub struct Store {
    pub(super) pool: Pool,
    /// Where evidence files are kept (see `evidence`).
    pub(super) evidence: Arc<EvidenceDir>,
}

impl fmt::Debug for Store {
    // The pool's own Debug would print the connection options, password included.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Store")
            .field("backend", &self.backend())
            .finish_non_exhaustive()
    }
}

impl Store {
    /// Opens the database at `url` and brings its schema up to date.
    /// `sqlite:` URLs (see [`sqlite_url`]) open a file, in WAL mode with foreign
    /// keys on; `postgres://` and `postgresql://` open PostgreSQL.
    pub async fn connect(url: &str) -> Result<Store, StoreError> {
        Ok(Store {
            pool: Pool::open(url).await?,
            evidence: Arc::new(EvidenceDir::new(default_dir(url))),
        })
    }

    /// Brings the schema at `url` up to date and closes the connection.
    pub async fn migrate_only(url: &str) -> Result<(), StoreError> {
        Pool::open(url).await?.close().await;
        Ok(())
    }

    /// `"sqlite"` or `"postgres"`.
    pub fn backend(&self) -> &'static str {
        self.pool.backend().name()
    }

    /// Whether the database answers a `SELECT 1`, for health checks.
    pub async fn ping(&self) -> Result<(), StoreError> {
        let mut tx = self.pool.begin_read().await?;
        on_conn!(&mut tx, c => sqlx::query("SELECT 1").execute(&mut *c).await?.rows_affected());
        tx.rollback().await
    }

    /// Closes every connection, waiting for those in use to be returned.
    pub async fn close(&self) {
        self.pool.close().await;
    }
}
