//! Storage: users, each chat's conversation state, cases with their history,
//! transcripts and handled update ids, in SQLite (the embedded default) or
//! PostgreSQL (chosen by the URL scheme).
//!
//! The conversation engine stays pure: an adapter calls [`Store::turn`] with a
//! closure that runs the engine on what was loaded and returns a [`Write`];
//! loading, the closure and writing happen in one transaction. Nothing is
//! cached in memory between calls, so several replicas can share one
//! PostgreSQL database.
//!
//! Layout: `types` (domain values), `error`, `location` (default URL), `db`
//! (pools, transactions, the per-backend dispatch), `writer` (SQLite's one
//! writer connection, with group commit), `sql` (every statement), `queries`
//! (statements bound to domain values), `transcript`, `reminders`,
//! `retention`, `sqlite_turn` (a turn on SQLite in two round trips, several
//! statements to one text; a turn that saves a case adds its case
//! statements).
//!
//! Stored forms: times in UTC to the microsecond (finer digits are dropped on
//! write), money as decimal text (exact), dates as `YYYY-MM-DD`, JSON as text.

mod db;
mod error;
mod evidence;
mod evidence_dir;
mod evidence_local;
mod file;
mod location;
mod queries;
mod reminders;
mod retention;
mod sql;
mod sqlite_turn;
mod transcript;
mod types;
mod writer;

use std::fmt;

use chrono::{DateTime, Utc};

use db::{Pool, Tx, on_conn};
use location::Backend;

pub use error::{StoreError, redact};
pub use evidence_dir::{EvidenceDir, sha256_hex};
pub use evidence_local::attach_local;
pub(crate) use file::create_dir as create_private_dir;
pub use location::{default_url, sqlite_url};
pub use reminders::{Claimed, DueReminder, Replan, StoredReminder};
pub use types::{
    CaseDetail, CaseRecord, Contact, Direction, Loaded, StatusEvent, TranscriptLine, Turn, UnknownStatus,
    User, UserKey, Write,
};

/// A handle on the database; cheap to clone (the pool is shared).
#[derive(Clone)]
pub struct Store {
    pool: Pool,
    /// Where evidence files are kept (see `evidence`).
    evidence: std::sync::Arc<EvidenceDir>,
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
            evidence: std::sync::Arc::new(EvidenceDir::new(evidence::default_dir(url))),
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

    /// Handles one user input in one transaction.
    ///
    /// If `update_id` was handled before for this transport, nothing changes,
    /// `f` is not called and [`Turn::Duplicate`] is returned. Otherwise: the
    /// user is created or its `last_seen` set to `now`, the update id is
    /// recorded, the chat's state row is locked and loaded with the user's
    /// cases and their events and contacts, `f` runs, its [`Write`] is
    /// applied, and everything commits together. Any error rolls all of it
    /// back (the update id included, so a retry runs again).
    ///
    /// Serialisation: on PostgreSQL the user's row (by the upsert) and then the
    /// chat's state row (`SELECT ... FOR UPDATE`) are locked, so concurrent turns
    /// of one user, on any replica, run one after the other; turns of different
    /// users run in parallel. On SQLite the process's writers take turns on
    /// one connection (in order, see `writer`), and the transaction begins
    /// with `BEGIN IMMEDIATE` (another process on the file is waited for up
    /// to 10 s).
    pub async fn turn<T, F>(
        &self,
        user: &UserKey,
        chat_id: i64,
        update_id: Option<i64>,
        now: DateTime<Utc>,
        f: F,
    ) -> Result<Turn<T>, StoreError>
    where
        F: FnOnce(&Loaded) -> (Write, T) + Send,
        T: Send,
    {
        let mut tx = self.pool.begin_turn().await?;
        match Self::turn_in(&mut tx, user, chat_id, update_id, now, f).await {
            Ok(Turn::Done(value)) => {
                tx.commit().await?;
                Ok(Turn::Done(value))
            }
            Ok(Turn::Duplicate) => {
                tx.rollback().await?;
                Ok(Turn::Duplicate)
            }
            Err(e) => {
                if let Err(rollback) = tx.rollback().await {
                    tracing::warn!("rollback after a failed turn failed too: {rollback}");
                }
                Err(e)
            }
        }
    }

    async fn turn_in<T, F>(
        tx: &mut Tx,
        key: &UserKey,
        chat_id: i64,
        update_id: Option<i64>,
        now: DateTime<Utc>,
        f: F,
    ) -> Result<Turn<T>, StoreError>
    where
        F: FnOnce(&Loaded) -> (Write, T) + Send,
        T: Send,
    {
        let Some(loaded) = Self::load(tx, key, chat_id, update_id, now).await? else {
            return Ok(Turn::Duplicate);
        };
        let user_id = loaded.user.id;
        let (write, value) = f(&loaded);
        Self::apply(tx, user_id, chat_id, now, &write).await?;
        Ok(Turn::Done(value))
    }

    /// The user (created or refreshed), the update claimed, and what a turn
    /// reads; `None` when the update was handled before.
    async fn load(
        tx: &mut Tx,
        key: &UserKey,
        chat_id: i64,
        update_id: Option<i64>,
        now: DateTime<Utc>,
    ) -> Result<Option<Loaded>, StoreError> {
        if tx.backend() == Backend::Sqlite {
            let Some((user, read)) = sqlite_turn::load(tx, key, chat_id, update_id, now).await? else {
                return Ok(None);
            };
            let state = match read.state {
                Some(text) => text
                    .as_deref()
                    .map(|s| queries::parse_json("chat state", s))
                    .transpose()?,
                // A new chat: its row is created (and stays empty).
                None => queries::lock_state(tx, user.id, chat_id, now).await?,
            };
            return Ok(Some(Loaded {
                user,
                state,
                cases: read.cases,
                events: read.events,
                contacts: read.contacts,
                reminders: read.reminders,
            }));
        }
        // PostgreSQL. A turn whose future is dropped after its COMMIT went out
        // is committed (on a loaded machine one poll can carry a whole turn
        // that far: each reply is in before the read). sqlx's `begin`, dropped
        // with its `BEGIN` in flight, queues no ROLLBACK, so a connection can
        // come back to the pool inside a transaction sqlx does not count; the
        // next `BEGIN` only warns and its COMMIT ends both, so nothing is lost.
        let (user, claimed) = queries::pg_user_and_claim(tx, key, update_id, now).await?;
        if !claimed {
            return Ok(None);
        }
        let state = queries::lock_state(tx, user.id, chat_id, now).await?;
        let cases = queries::cases(tx, user.id).await?;
        // Events, contacts and reminders all belong to cases.
        let (events, contacts, reminders) = if cases.is_empty() {
            Default::default()
        } else {
            (
                queries::user_events(tx, user.id).await?,
                queries::user_contacts(tx, user.id).await?,
                reminders::scheduled(tx, user.id).await?,
            )
        };
        Ok(Some(Loaded {
            user,
            state,
            cases,
            events,
            contacts,
            reminders,
        }))
    }

    async fn apply(
        tx: &mut Tx,
        user_id: i64,
        chat_id: i64,
        now: DateTime<Utc>,
        write: &Write,
    ) -> Result<(), StoreError> {
        if tx.backend() == Backend::Sqlite {
            sqlite_turn::write(tx, user_id, chat_id, now, write, write.only_chat()).await?;
        } else {
            // One statement: each write a data-modifying `WITH` part.
            let text = sql::pg_write(write.transcript.len(), write.lang.is_some());
            queries::write_chat(tx, text, user_id, chat_id, now, write).await?;
        }
        let mut ids = queries::CaseIds::default();
        for case in &write.cases {
            let id = queries::upsert_case(tx, user_id, case).await?;
            ids.insert(case.number, id);
        }
        for (number, event) in &write.events {
            let case_id = ids.get(tx, user_id, *number).await?;
            queries::add_event(tx, case_id, event).await?;
        }
        for (number, contact) in &write.contacts {
            let case_id = ids.get(tx, user_id, *number).await?;
            queries::add_contact(tx, case_id, contact).await?;
        }
        write.apply_reminders(tx, user_id, now, &mut ids).await?;
        Ok(())
    }

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
