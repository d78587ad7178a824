//! SQLite's writer: one connection of its own, outside the pool, that every
//! write transaction of this process uses in turn, with group commit.
//!
//! SQLite lets one transaction write at a time. Its own wait for the lock (the
//! busy timeout) sleeps and polls, so this process's writers queue on a mutex
//! instead, in order, each starting the moment the one before ends. Keeping
//! the connection outside the pool also saves the pool's check of a
//! connection on every acquire and release (a round trip to SQLite's thread
//! each). The busy timeout still covers other processes on the same file.
//!
//! Group commit: a commit waits for the disk (fsync), which costs more than
//! a turn's own work. A turn runs inside a savepoint; when it ends while other
//! writers are waiting, it releases its savepoint without committing, lets
//! the next writer in (a turn joins the open transaction with its own
//! savepoint) and queues again. When its turn in the queue comes, the
//! transaction is committed (by it, or by an earlier turn of the same
//! transaction), so one fsync makes every turn of the group durable before any
//! of them answers. A turn that fails is rolled back to its savepoint alone. A
//! lone turn commits at once, as before.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{Connection, SqliteConnection};
use tokio::sync::{Mutex, OwnedMutexGuard};

use super::error::StoreError;

pub(crate) struct Writer {
    /// `None` once the store is closed; a locked writer always has it
    /// ([`Gate::lock`] fails after closing).
    conn: Option<SqliteConnection>,
    options: SqliteConnectOptions,
    /// Writers waiting for the mutex (a turn ending while some wait leaves
    /// the commit to a later one).
    waiting: Arc<AtomicUsize>,
    /// A transaction may be open: set before BEGIN is sent, cleared once
    /// COMMIT or ROLLBACK went through.
    open: bool,
    /// `BEGIN IMMEDIATE` is to be sent at the head of the next statement.
    deferred: bool,
    /// A turn's savepoint may be open: set when the turn starts, cleared once
    /// it is released or rolled back. Still set at the next lock: the turn
    /// was dropped half-way, and is undone.
    turn: bool,
    /// Turns released into the open transaction, waiting for its commit.
    pending: usize,
    /// Transactions ended so far: the open one's number.
    number: u64,
    /// Numbers of ended transactions whose released turns were not committed
    /// (the connection failed): those turns report an error.
    lost: Vec<u64>,
    /// Set by [`Writer::turn_released`] when the turn was left to a later
    /// commit: the transaction to wait for.
    awaiting: Option<u64>,
    /// The connection failed in a way that may leave it unusable: replaced
    /// before its next use.
    broken: bool,
}

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
enum For {
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
        let writer = Writer {
            conn: Some(conn),
            options,
            waiting: Arc::clone(&waiting),
            open: false,
            deferred: false,
            turn: false,
            pending: 0,
            number: 0,
            lost: Vec::new(),
            awaiting: None,
            broken: false,
        };
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

    async fn lock_for(&self, purpose: For) -> Result<Guard, StoreError> {
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

    /// Waits until the turn that held `w` is durable: at once when it
    /// committed, else until its transaction commits.
    async fn durable(w: Guard) -> Result<(), StoreError> {
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
    fn ended(&mut self) {
        self.open = false;
        self.pending = 0;
        self.number += 1;
    }

    /// A turn was dropped before it ended: back to its savepoint, or the
    /// whole transaction when no turn was released into it. The statement
    /// may fail only because the turn's first statement never went out (no
    /// such savepoint, no transaction): then there is nothing to undo.
    async fn undo_dropped_turn(&mut self) {
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
    async fn reconnect(&mut self) -> Result<(), StoreError> {
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

    async fn run(&mut self, statement: &'static str) -> Result<(), StoreError> {
        if let Err(e) = sqlx::query(statement).execute(self.conn()).await {
            // Closing the connection rolls back whatever it had open.
            self.broken = true;
            return Err(e.into());
        }
        Ok(())
    }
}

/// How a turn's first statement starts.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum TurnStart {
    /// `BEGIN IMMEDIATE` and the turn's savepoint.
    Begin,
    /// The turn's savepoint, in the transaction already open.
    Join,
}

/// How a turn's last statement ends.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum TurnEnd {
    /// Its savepoint released and the transaction committed.
    Commit,
    /// Its savepoint released; a later writer commits.
    Release,
}

impl TurnEnd {
    pub(crate) fn sql(self) -> &'static str {
        match self {
            TurnEnd::Commit => "RELEASE turn;\nCOMMIT",
            TurnEnd::Release => "RELEASE turn",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sqlx::Row;
    use std::str::FromStr;

    async fn gate(dir: &tempfile::TempDir) -> Gate {
        let url = format!("sqlite://{}", dir.path().join("w.db").display());
        let options = SqliteConnectOptions::from_str(&url)
            .unwrap()
            .create_if_missing(true)
            .journal_mode(sqlx::sqlite::SqliteJournalMode::Wal);
        let gate = Gate::connect(options).await.unwrap();
        let mut w = gate.lock().await.unwrap();
        sqlx::query("CREATE TABLE t (x INTEGER)")
            .execute(w.conn())
            .await
            .unwrap();
        drop(w);
        gate
    }

    /// A turn inserting `x`, ended as [`Writer::turn_end`] says.
    async fn turn(gate: &Gate, x: i64) -> Guard {
        let mut w = gate.lock_turn().await.unwrap();
        let start = match w.take_turn_start() {
            TurnStart::Begin => "BEGIN IMMEDIATE; SAVEPOINT turn;",
            TurnStart::Join => "SAVEPOINT turn;",
        };
        let text = format!("{start} INSERT INTO t VALUES ({x})");
        sqlx::raw_sql(sqlx::AssertSqlSafe(text))
            .execute(w.conn())
            .await
            .unwrap();
        w
    }

    async fn end(w: &mut Guard) -> TurnEnd {
        let end = w.turn_end();
        sqlx::query(end.sql()).execute(w.conn()).await.unwrap();
        w.turn_released(end);
        end
    }

    async fn rows(dir: &tempfile::TempDir) -> Vec<i64> {
        let url = format!("sqlite://{}", dir.path().join("w.db").display());
        let mut c = SqliteConnection::connect(&url).await.unwrap();
        let rows = sqlx::query("SELECT x FROM t ORDER BY x")
            .fetch_all(&mut c)
            .await
            .unwrap();
        rows.iter().map(|r| r.get(0)).collect()
    }

    /// Lets the tasks spawned so far reach their first wait.
    async fn settle() {
        for _ in 0..10 {
            tokio::task::yield_now().await;
        }
    }

    #[tokio::test]
    async fn a_lone_turn_commits_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let gate = gate(&dir).await;
        let mut a = turn(&gate, 1).await;
        assert_eq!(end(&mut a).await, TurnEnd::Commit);
        Writer::durable(a).await.unwrap();
        assert_eq!(rows(&dir).await, [1]);
        assert_eq!(gate.lock().await.unwrap().number, 1);
    }

    #[tokio::test]
    async fn turns_ending_while_others_wait_share_one_commit_and_a_failed_one_is_undone_alone() {
        let dir = tempfile::tempdir().unwrap();
        let gate = gate(&dir).await;
        let mut a = turn(&gate, 1).await;
        // B and C queue behind A.
        let (g, h) = (gate.clone(), gate.clone());
        let b = tokio::spawn(async move {
            let mut b = turn(&g, 2).await;
            assert_eq!(end(&mut b).await, TurnEnd::Release);
            Writer::durable(b).await
        });
        settle().await;
        let c = tokio::spawn(async move {
            let mut c = turn(&h, 3).await;
            // C fails: undone to its savepoint, A and B stay.
            c.rollback().await.unwrap();
        });
        settle().await;
        assert_eq!(end(&mut a).await, TurnEnd::Release, "others are waiting");
        let a = tokio::spawn(Writer::durable(a));
        a.await.unwrap().unwrap();
        c.await.unwrap();
        b.await.unwrap().unwrap();
        assert_eq!(rows(&dir).await, [1, 2]);
        assert_eq!(gate.lock().await.unwrap().number, 1, "one transaction for both");
    }

    #[tokio::test]
    async fn a_turn_dropped_in_a_group_is_undone_and_the_others_committed() {
        let dir = tempfile::tempdir().unwrap();
        let gate = gate(&dir).await;
        let mut a = turn(&gate, 1).await;
        let g = gate.clone();
        let b = tokio::spawn(async move {
            // Dropped half-way: its savepoint is still open.
            drop(turn(&g, 2).await);
        });
        settle().await;
        assert_eq!(end(&mut a).await, TurnEnd::Release);
        Writer::durable(a).await.unwrap();
        b.await.unwrap();
        assert_eq!(rows(&dir).await, [1]);
        // The writer goes on: a lone turn commits.
        let mut d = turn(&gate, 4).await;
        assert_eq!(end(&mut d).await, TurnEnd::Commit);
        Writer::durable(d).await.unwrap();
        assert_eq!(rows(&dir).await, [1, 4]);
    }

    #[tokio::test]
    async fn turns_of_a_transaction_lost_with_its_connection_are_told() {
        let dir = tempfile::tempdir().unwrap();
        let gate = gate(&dir).await;
        let mut a = turn(&gate, 1).await;
        let g = gate.clone();
        let b = tokio::spawn(async move {
            // The connection fails under B.
            let mut b = turn(&g, 2).await;
            b.broken = true;
        });
        settle().await;
        assert_eq!(end(&mut a).await, TurnEnd::Release);
        assert!(matches!(Writer::durable(a).await, Err(StoreError::Lost)));
        b.await.unwrap();
        assert_eq!(rows(&dir).await, Vec::<i64>::new());
        // The new connection works.
        let mut d = turn(&gate, 4).await;
        end(&mut d).await;
        Writer::durable(d).await.unwrap();
        assert_eq!(rows(&dir).await, [4]);
    }
}
