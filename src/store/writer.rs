//! SQLite's writer: one connection of its own, outside the pool, that every
//! write transaction of this process uses in turn.
//!
//! SQLite lets one transaction write at a time. Its own wait for the lock (the
//! busy timeout) sleeps and polls, so this process's writers queue on a mutex
//! instead, in order, each starting the moment the one before ends. Keeping
//! the connection outside the pool also saves the pool's check of a
//! connection on every acquire and release (a round trip to SQLite's thread
//! each). The busy timeout still covers other processes on the same file.

use std::sync::Arc;

use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{Connection, SqliteConnection};
use tokio::sync::{Mutex, OwnedMutexGuard};

use super::error::StoreError;

pub(crate) struct Writer {
    /// `None` once the store is closed; a locked writer always has it
    /// ([`Writer::lock`] fails after closing).
    conn: Option<SqliteConnection>,
    options: SqliteConnectOptions,
    /// A transaction may be open: set before BEGIN is sent, cleared once
    /// COMMIT or ROLLBACK went through. A turn dropped half-way leaves it set.
    open: bool,
    /// The connection failed in a way that may leave it unusable: replaced
    /// before its next use.
    broken: bool,
    /// `BEGIN IMMEDIATE` is to be sent at the head of the next statement.
    deferred: bool,
}

/// The writer, for one transaction at a time.
pub(crate) type Gate = Arc<Mutex<Writer>>;

impl Writer {
    pub(crate) async fn connect(options: SqliteConnectOptions) -> Result<Gate, StoreError> {
        let conn = SqliteConnection::connect_with(&options).await?;
        Ok(Arc::new(Mutex::new(Writer {
            conn: Some(conn),
            options,
            open: false,
            broken: false,
            deferred: false,
        })))
    }

    /// Waits for the writer; a transaction a dropped turn left open is rolled
    /// back, a broken connection replaced.
    pub(crate) async fn lock(gate: &Gate) -> Result<OwnedMutexGuard<Writer>, StoreError> {
        let mut w = gate.clone().lock_owned().await;
        if w.conn.is_none() {
            return Err(sqlx::Error::PoolClosed.into());
        }
        // A turn dropped before its BEGIN went out leaves nothing to roll
        // back, and ROLLBACK fails: the connection is then replaced, which
        // ends whatever it had open in any case.
        if w.open && w.end("ROLLBACK").await.is_err() {
            tracing::debug!("the SQLite writer is reopened after a dropped transaction");
        }
        if w.broken {
            w.conn = Some(SqliteConnection::connect_with(&w.options).await?);
            w.broken = false;
            w.open = false;
            w.deferred = false;
        }
        Ok(w)
    }

    pub(crate) fn conn(&mut self) -> &mut SqliteConnection {
        self.conn.as_mut().expect("a locked writer has its connection")
    }

    /// `BEGIN IMMEDIATE`: takes SQLite's write lock at once, so two writers
    /// never deadlock on a lock upgrade.
    pub(crate) async fn begin(&mut self) -> Result<(), StoreError> {
        self.open = true;
        self.run("BEGIN IMMEDIATE").await
    }

    /// Like [`Writer::begin`], but BEGIN goes out with the first statement
    /// (one round trip less): the caller sends it when
    /// [`Writer::take_deferred_begin`] says so.
    pub(crate) fn begin_deferred(&mut self) {
        self.open = true;
        self.deferred = true;
    }

    /// Whether the next statement must start with `BEGIN IMMEDIATE`.
    pub(crate) fn take_deferred_begin(&mut self) -> bool {
        std::mem::take(&mut self.deferred)
    }

    /// The last statement sent ended with a `COMMIT` that went through.
    pub(crate) fn committed(&mut self) {
        self.open = false;
    }

    /// `COMMIT` or `ROLLBACK` (nothing when the transaction already ended).
    pub(crate) async fn end(&mut self, statement: &'static str) -> Result<(), StoreError> {
        if !self.open {
            return Ok(());
        }
        self.deferred = false;
        self.run(statement).await?;
        self.open = false;
        Ok(())
    }

    async fn run(&mut self, statement: &'static str) -> Result<(), StoreError> {
        if let Err(e) = sqlx::query(statement).execute(self.conn()).await {
            // Closing the connection rolls back whatever it had open.
            self.broken = true;
            return Err(e.into());
        }
        Ok(())
    }

    /// Closes the connection once the transaction in progress has ended.
    pub(crate) async fn close(gate: &Gate) {
        let mut w = gate.lock().await;
        if let Some(conn) = w.conn.take()
            && let Err(e) = conn.close().await
        {
            tracing::warn!("closing the SQLite writer failed: {e}");
        }
    }
}
