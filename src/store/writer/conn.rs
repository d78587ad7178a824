//! The writer's connection and its transaction's state: what is open, which
//! turns wait for the open transaction's commit, and the statements that
//! begin, end and undo (see the module's doc for group commit).

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{Connection, SqliteConnection};

use super::turn::{TurnEnd, TurnStart};
use crate::store::error::StoreError;

pub(crate) struct Writer {
    /// `None` once the store is closed; a locked writer always has it
    /// ([`Gate::lock`] fails after closing).
    pub(super) conn: Option<SqliteConnection>,
    pub(super) options: SqliteConnectOptions,
    /// Writers waiting for the mutex (a turn ending while some wait leaves
    /// the commit to a later one).
    pub(super) waiting: Arc<AtomicUsize>,
    /// A transaction may be open: set before BEGIN is sent, cleared once
    /// COMMIT or ROLLBACK went through.
    pub(super) open: bool,
    /// `BEGIN IMMEDIATE` is to be sent at the head of the next statement.
    pub(super) deferred: bool,
    /// A turn's savepoint may be open: set when the turn starts, cleared once
    /// it is released or rolled back. Still set at the next lock: the turn
    /// was dropped half-way, and is undone.
    pub(super) turn: bool,
    /// Turns released into the open transaction, waiting for its commit.
    pub(super) pending: usize,
    /// Transactions ended so far: the open one's number.
    pub(super) number: u64,
    /// Numbers of ended transactions whose released turns were not committed
    /// (the connection failed): those turns report an error.
    pub(super) lost: Vec<u64>,
    /// Set by [`Writer::turn_released`] when the turn was left to a later
    /// commit: the transaction to wait for.
    pub(super) awaiting: Option<u64>,
    /// The connection failed in a way that may leave it unusable: replaced
    /// before its next use.
    pub(super) broken: bool,
}

impl Writer {
    /// A writer on `conn`, nothing open; `waiting` is its gate's count.
    pub(super) fn new(
        conn: SqliteConnection,
        options: SqliteConnectOptions,
        waiting: Arc<AtomicUsize>,
    ) -> Writer {
        Writer {
            conn: Some(conn),
            options,
            waiting,
            open: false,
            deferred: false,
            turn: false,
            pending: 0,
            number: 0,
            lost: Vec::new(),
            awaiting: None,
            broken: false,
        }
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

    /// What a turn's first statement starts with: `BEGIN IMMEDIATE` when no
    /// transaction is open yet, then the turn's `SAVEPOINT`.
    pub(crate) fn take_turn_start(&mut self) -> TurnStart {
        if std::mem::take(&mut self.deferred) {
            TurnStart::Begin
        } else {
            TurnStart::Join
        }
    }

    /// What ends a turn's last statement: its savepoint released, and the
    /// transaction committed unless another writer is waiting (which then
    /// commits it, see [`Gate::lock`]). Pass the answer to
    /// [`Writer::turn_released`] once the statement went through.
    pub(crate) fn turn_end(&self) -> TurnEnd {
        if self.waiting.load(Ordering::SeqCst) == 0 {
            TurnEnd::Commit
        } else {
            TurnEnd::Release
        }
    }

    pub(crate) fn turn_released(&mut self, end: TurnEnd) {
        self.turn = false;
        match end {
            TurnEnd::Commit => self.ended(),
            TurnEnd::Release => {
                self.pending += 1;
                self.awaiting = Some(self.number);
            }
        }
    }

    /// Undoes what this holder wrote. A turn goes back to its savepoint
    /// (the turns released before it stay), or the whole transaction goes
    /// when nothing else is in it.
    pub(crate) async fn rollback(&mut self) -> Result<(), StoreError> {
        if std::mem::take(&mut self.turn) && self.pending > 0 {
            self.run("ROLLBACK TO turn;\nRELEASE turn").await
        } else {
            self.end("ROLLBACK").await
        }
    }

    /// `COMMIT` or `ROLLBACK` (nothing when the transaction already ended).
    pub(crate) async fn end(&mut self, statement: &'static str) -> Result<(), StoreError> {
        if !self.open {
            return Ok(());
        }
        if std::mem::take(&mut self.deferred) {
            // BEGIN never went out: nothing to end.
            self.open = false;
            return Ok(());
        }
        self.run(statement).await?;
        if statement == "ROLLBACK" && self.pending > 0 {
            self.lost.push(self.number);
        }
        self.ended();
        Ok(())
    }

    /// The open transaction ended (its turns are durable, or were reported).
    pub(super) fn ended(&mut self) {
        self.open = false;
        self.pending = 0;
        self.number += 1;
    }

    /// A turn was dropped before it ended: back to its savepoint, or the
    /// whole transaction when no turn was released into it. The statement
    /// may fail only because the turn's first statement never went out (no
    /// such savepoint, no transaction): then there is nothing to undo.
    pub(super) async fn undo_dropped_turn(&mut self) {
        self.turn = false;
        if self.pending > 0 {
            self.run_undo("ROLLBACK TO turn;\nRELEASE turn").await;
        } else if self.open {
            if !std::mem::take(&mut self.deferred) {
                self.run_undo("ROLLBACK").await;
            }
            self.ended();
        }
    }

    async fn run_undo(&mut self, statement: &'static str) {
        match sqlx::query(statement).execute(self.conn()).await {
            Ok(_) => tracing::debug!("a dropped turn was undone"),
            Err(e) if e.as_database_error().is_some() => {
                tracing::debug!("a dropped turn had nothing to undo: {e}");
            }
            Err(e) => {
                tracing::warn!("undoing a dropped turn failed: {e}");
                self.broken = true;
            }
        }
    }

    /// Replaces a failed connection; whatever it had open is gone, and the
    /// turns released into it are told so.
    pub(super) async fn reconnect(&mut self) -> Result<(), StoreError> {
        if self.pending > 0 {
            self.lost.push(self.number);
        }
        if self.open || self.pending > 0 {
            self.ended();
        }
        self.deferred = false;
        self.turn = false;
        self.conn = Some(SqliteConnection::connect_with(&self.options).await?);
        self.broken = false;
        tracing::debug!("the SQLite writer was reopened");
        Ok(())
    }

    pub(super) async fn run(&mut self, statement: &'static str) -> Result<(), StoreError> {
        if let Err(e) = sqlx::query(statement).execute(self.conn()).await {
            // Closing the connection rolls back whatever it had open.
            self.broken = true;
            return Err(e.into());
        }
        Ok(())
    }
}
