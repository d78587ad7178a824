//! The queue in front of the writer: one holder at a time, in order, with a
//! count of those waiting (a turn ending while some wait leaves its commit to
//! them), and the wait of a released turn for its transaction's commit.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use sqlx::Connection;
use sqlx::SqliteConnection;
use sqlx::sqlite::SqliteConnectOptions;
use tokio::sync::{Mutex, OwnedMutexGuard};

use super::conn::Writer;
use crate::store::error::StoreError;

/// The writer, for one transaction at a time.
#[derive(Clone)]
pub(crate) struct Gate {
    writer: Arc<Mutex<Writer>>,
    waiting: Arc<AtomicUsize>,
}

/// The locked writer.
pub(crate) type Guard = OwnedMutexGuard<Writer>;

/// Counts a writer as waiting while it waits, however the wait ends.
struct Waiting<'a>(&'a AtomicUsize);

impl<'a> Waiting<'a> {
    fn new(count: &'a AtomicUsize) -> Self {
        count.fetch_add(1, Ordering::SeqCst);
        Waiting(count)
    }
}

impl Drop for Waiting<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// What the writer is locked for.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum For {
    /// A turn: joins the open transaction, or opens one.
    Turn,
    /// Any other write: starts from no open transaction.
    Write,
    /// Making sure transaction `n` has been committed.
    Commit(u64),
}

impl Gate {
    pub(crate) async fn connect(options: SqliteConnectOptions) -> Result<Gate, StoreError> {
        let conn = SqliteConnection::connect_with(&options).await?;
        let waiting = Arc::new(AtomicUsize::new(0));
        let writer = Writer::new(conn, options, Arc::clone(&waiting));
        Ok(Gate {
            writer: Arc::new(Mutex::new(writer)),
            waiting,
        })
    }

    /// Waits for the writer, for a write that is not a turn: the turns
    /// released into an open transaction are committed first.
    pub(crate) async fn lock(&self) -> Result<Guard, StoreError> {
        self.lock_for(For::Write).await
    }

    /// Waits for the writer, for a turn: it joins the open transaction (its
    /// `SAVEPOINT` goes out with its first statement, after `BEGIN
    /// IMMEDIATE` when none is open; see [`Writer::take_turn_start`]).
    pub(crate) async fn lock_turn(&self) -> Result<Guard, StoreError> {
        let mut w = self.lock_for(For::Turn).await?;
        if !w.open {
            w.open = true;
            w.deferred = true;
        }
        w.turn = true;
        Ok(w)
    }

    pub(super) async fn lock_for(&self, purpose: For) -> Result<Guard, StoreError> {
        let mut w = {
            let _counted = Waiting::new(&self.waiting);
            self.writer.clone().lock_owned().await
        };
        if w.conn.is_none() {
            return Err(sqlx::Error::PoolClosed.into());
        }
        w.awaiting = None;
        if w.turn && !w.broken {
            w.undo_dropped_turn().await;
        }
        if w.broken {
            w.reconnect().await?;
        }
        let commit = match purpose {
            For::Turn => false,
            For::Write => w.open,
            For::Commit(n) => w.open && w.number == n,
        };
        if commit {
            w.end("COMMIT").await?;
        }
        Ok(w)
    }

    /// Closes the connection once the transaction in progress has ended
    /// (turns waiting for their commit are committed).
    pub(crate) async fn close(&self) {
        let mut w = match self.lock().await {
            Ok(w) => w,
            Err(e) => {
                tracing::warn!("the SQLite writer's last commit failed: {e}");
                self.writer.clone().lock_owned().await
            }
        };
        if let Some(conn) = w.conn.take()
            && let Err(e) = conn.close().await
        {
            tracing::warn!("closing the SQLite writer failed: {e}");
        }
    }
}

impl Writer {
    /// Commits what `w` wrote: a turn ends (unless its writes ended it
    /// already) and is waited for until durable; any other transaction
    /// commits.
    pub(crate) async fn commit(mut w: Guard) -> Result<(), StoreError> {
        if w.turn {
            let end = w.turn_end();
            w.run(end.sql()).await?;
            w.turn_released(end);
        } else if w.awaiting.is_none() {
            w.end("COMMIT").await?;
        }
        Writer::durable(w).await
    }

    /// Waits until the turn that held `w` is durable: at once when it
    /// committed, else until its transaction commits.
    pub(super) async fn durable(w: Guard) -> Result<(), StoreError> {
        let Some(number) = w.awaiting else {
            return Ok(());
        };
        let gate = Gate {
            writer: Arc::clone(OwnedMutexGuard::mutex(&w)),
            waiting: Arc::clone(&w.waiting),
        };
        drop(w);
        let w = gate.lock_for(For::Commit(number)).await?;
        if w.lost.contains(&number) {
            return Err(StoreError::Lost);
        }
        Ok(())
    }
}
