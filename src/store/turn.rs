//! [`Store::turn`]: one user input in one transaction, loading what the
//! engine reads and writing what it returns (on SQLite in two round trips,
//! see `sqlite_turn`; on PostgreSQL statement by statement).

use chrono::{DateTime, Utc};

use super::db::Tx;
use super::error::StoreError;
use super::handle::Store;
use super::location::Backend;
use super::reminders::rows;
use super::types::{Loaded, Turn, UserKey, Write};
use super::{queries, sql, sqlite_turn};

impl Store {
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
                rows::scheduled(tx, user.id).await?,
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
}
