//! The two pools, their transactions, and [`on_conn!`], which writes a query
//! once and runs it on whichever backend the transaction belongs to.

use std::str::FromStr;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions};
use sqlx::{Connection, PgConnection, PgPool, Postgres, Sqlite, SqliteConnection, SqlitePool, Transaction};

use super::error::{StoreError, redact};
use super::location::Backend;
use super::writer::{Gate, Guard, Writer};

/// How long an SQLite writer waits for another one before giving up.
const SQLITE_BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// How long a call waits for a pooled connection (or for the database to come
/// back) before failing.
const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(10);

/// SQLite connections in the pool, for reads beside the writer (in-memory
/// databases: the one connection, which also writes).
const SQLITE_CONNECTIONS: u32 = 3;

/// SQLite's page cache per connection, in KiB (SQLite's own default is 2000
/// KiB each: with the writer, 8 MiB once the database outgrows it). Pages
/// it drops are read again from the system's file cache, which every
/// connection shares.
const SQLITE_CACHE_KIB: u32 = 512;

#[derive(Clone)]
pub(crate) enum Pool {
    /// The writer is `None` for an in-memory database, which exists only in
    /// its one pooled connection.
    Sqlite(SqlitePool, Option<Gate>),
    Postgres(PgPool),
}

/// One open transaction on either backend.
pub(crate) enum Tx {
    /// On a pooled connection: reads, and writes to an in-memory database.
    Sqlite(Transaction<'static, Sqlite>),
    /// On the writer, held until COMMIT or ROLLBACK.
    SqliteWriter(Guard),
    Postgres(Transaction<'static, Postgres>),
}

/// `on_conn!(tx, c => body)`: runs `body` with `c` bound to the transaction's
/// connection (`&mut SqliteConnection` or `&mut PgConnection`). The body is
/// expanded once per backend, so one query text and one decoding serve both.
macro_rules! on_conn {
    ($tx:expr, $c:ident => $body:expr) => {
        match $tx {
            $crate::store::db::Tx::Sqlite(t) => {
                let $c: &mut ::sqlx::SqliteConnection = &mut **t;
                $body
            }
            $crate::store::db::Tx::SqliteWriter(w) => {
                let $c: &mut ::sqlx::SqliteConnection = w.conn();
                $body
            }
            $crate::store::db::Tx::Postgres(t) => {
                let $c: &mut ::sqlx::PgConnection = &mut **t;
                $body
            }
        }
    };
}
pub(crate) use on_conn;

/// Parsed connection options for either backend.
pub(crate) enum Options {
    /// `memory`: an in-memory database (`sqlite::memory:`, `mode=memory`);
    /// `create`: the file may be created (no `mode=` in the URL, or `mode=rwc`).
    Sqlite {
        options: SqliteConnectOptions,
        memory: bool,
        create: bool,
    },
    Postgres(PgConnectOptions),
}

impl Options {
    pub(crate) fn parse(url: &str) -> Result<Options, StoreError> {
        let backend = Backend::of(url).ok_or_else(|| StoreError::UnsupportedUrl(redact(url)))?;
        let failed = |source| StoreError::Connect {
            url: redact(url),
            source,
        };
        Ok(match backend {
            Backend::Sqlite => {
                let memory = url.contains(":memory:") || url.contains("mode=memory");
                let create = !memory && (!url.contains("mode=") || url.contains("mode=rwc"));
                Options::Sqlite {
                    // secure_delete: erased rows are overwritten with zeros,
                    // not left readable in free pages.
                    options: SqliteConnectOptions::from_str(url)
                        .map_err(failed)?
                        .create_if_missing(create)
                        .journal_mode(SqliteJournalMode::Wal)
                        .foreign_keys(true)
                        .pragma("secure_delete", "ON")
                        .pragma("cache_size", format!("-{SQLITE_CACHE_KIB}"))
                        .busy_timeout(SQLITE_BUSY_TIMEOUT),
                    memory,
                    create,
                }
            }
            Backend::Postgres => Options::Postgres(PgConnectOptions::from_str(url).map_err(failed)?),
        })
    }

    /// Opens and closes one connection, so that a wrong URL or a database that
    /// is down fails at once with its own error instead of after the pool's
    /// retries. `url` is only for the error message, password masked.
    pub(crate) async fn probe(&self, url: &str) -> Result<(), StoreError> {
        let failed = |source| StoreError::Connect {
            url: redact(url),
            source,
        };
        match self {
            Options::Sqlite { options, .. } => {
                SqliteConnection::connect_with(options)
                    .await
                    .map_err(failed)?
                    .close()
                    .await?
            }
            Options::Postgres(options) => {
                PgConnection::connect_with(options)
                    .await
                    .map_err(failed)?
                    .close()
                    .await?
            }
        }
        Ok(())
    }

    /// A pool that connects on demand. An in-memory SQLite database
    /// (`sqlite::memory:`, for tests) lives only while a connection is open, so
    /// its pool keeps exactly one connection for good.
    pub(crate) fn pool(self) -> Pool {
        match self {
            Options::Sqlite { options, memory, .. } => {
                let mut pool = SqlitePoolOptions::new()
                    .acquire_timeout(ACQUIRE_TIMEOUT)
                    .max_connections(SQLITE_CONNECTIONS);
                if memory {
                    pool = pool
                        .max_connections(1)
                        .min_connections(1)
                        .idle_timeout(None)
                        .max_lifetime(None);
                }
                Pool::Sqlite(pool.connect_lazy_with(options), None)
            }
            Options::Postgres(options) => Pool::Postgres(
                PgPoolOptions::new()
                    .acquire_timeout(ACQUIRE_TIMEOUT)
                    .connect_lazy_with(options),
            ),
        }
    }
}

impl Pool {
    /// Checks the connection, builds the pool and brings the schema up to date
    /// (on PostgreSQL under sqlx's advisory lock, so replicas starting together
    /// migrate once).
    pub(crate) async fn open(url: &str) -> Result<Pool, StoreError> {
        let options = Options::parse(url)?;
        if let Options::Sqlite {
            options: o,
            memory: false,
            create,
        } = &options
        {
            super::file::prepare(o.get_filename(), *create).map_err(|e| StoreError::Connect {
                url: redact(url),
                source: sqlx::Error::Io(e),
            })?;
        }
        options.probe(url).await?;
        let writer = match &options {
            Options::Sqlite {
                options: o,
                memory: false,
                ..
            } => Some(o.clone()),
            _ => None,
        };
        let mut pool = options.pool();
        let migrated = match &pool {
            Pool::Sqlite(p, _) => sqlx::migrate!("migrations/sqlite").run(p).await,
            Pool::Postgres(p) => sqlx::migrate!("migrations/postgres").run(p).await,
        };
        if let Err(e) = migrated {
            pool.close().await;
            return Err(e.into());
        }
        if let (Pool::Sqlite(_, gate), Some(options)) = (&mut pool, writer) {
            match Gate::connect(options).await {
                Ok(w) => *gate = Some(w),
                Err(e) => {
                    pool.close().await;
                    return Err(e);
                }
            }
        }
        Ok(pool)
    }

    pub(crate) fn backend(&self) -> Backend {
        match self {
            Pool::Sqlite(..) => Backend::Sqlite,
            Pool::Postgres(_) => Backend::Postgres,
        }
    }

    /// A transaction that will write. SQLite: on the writer, after this
    /// process's earlier writers, taking the write lock at once (`BEGIN
    /// IMMEDIATE`); PostgreSQL starts a READ COMMITTED transaction and callers
    /// lock rows.
    pub(crate) async fn begin_write(&self) -> Result<Tx, StoreError> {
        Ok(match self {
            Pool::Sqlite(_, Some(gate)) => {
                let mut w = gate.lock().await?;
                w.begin().await?;
                Tx::SqliteWriter(w)
            }
            Pool::Sqlite(pool, None) => Tx::Sqlite(pool.begin_with("BEGIN IMMEDIATE").await?),
            Pool::Postgres(pool) => Tx::Postgres(pool.begin().await?),
        })
    }

    /// [`Pool::begin_write`] for a turn: on SQLite's writer, `BEGIN IMMEDIATE`
    /// goes out with the turn's first statement (see `sqlite_turn`).
    pub(crate) async fn begin_turn(&self) -> Result<Tx, StoreError> {
        if let Pool::Sqlite(_, Some(gate)) = self {
            return Ok(Tx::SqliteWriter(gate.lock_turn().await?));
        }
        self.begin_write().await
    }

    /// A transaction that only reads (one consistent snapshot on SQLite's WAL).
    pub(crate) async fn begin_read(&self) -> Result<Tx, StoreError> {
        Ok(match self {
            Pool::Sqlite(pool, _) => Tx::Sqlite(pool.begin().await?),
            Pool::Postgres(pool) => Tx::Postgres(pool.begin().await?),
        })
    }

    /// SQLite: copies the write-ahead log into the database file and empties
    /// it, so erased rows do not linger in the log (a no-op on PostgreSQL).
    pub(crate) async fn checkpoint(&self) -> Result<(), StoreError> {
        if let Pool::Sqlite(pool, _) = self {
            let (busy, _, _): (i64, i64, i64) = sqlx::query_as("PRAGMA wal_checkpoint(TRUNCATE)")
                .fetch_one(pool)
                .await?;
            if busy != 0 {
                tracing::warn!("the write-ahead log could not be emptied: a reader is still using it");
            }
        }
        Ok(())
    }

    pub(crate) async fn close(&self) {
        match self {
            Pool::Sqlite(pool, gate) => {
                if let Some(gate) = gate {
                    gate.close().await;
                }
                pool.close().await
            }
            Pool::Postgres(pool) => pool.close().await,
        }
    }
}

impl Tx {
    pub(crate) fn backend(&self) -> Backend {
        match self {
            Tx::Sqlite(_) | Tx::SqliteWriter(_) => Backend::Sqlite,
            Tx::Postgres(_) => Backend::Postgres,
        }
    }

    pub(crate) async fn commit(self) -> Result<(), StoreError> {
        match self {
            Tx::Sqlite(tx) => tx.commit().await?,
            Tx::SqliteWriter(w) => Writer::commit(w).await?,
            Tx::Postgres(tx) => tx.commit().await?,
        }
        Ok(())
    }

    pub(crate) async fn rollback(self) -> Result<(), StoreError> {
        match self {
            Tx::Sqlite(tx) => tx.rollback().await?,
            Tx::SqliteWriter(mut w) => w.rollback().await?,
            Tx::Postgres(tx) => tx.rollback().await?,
        }
        Ok(())
    }
}
