//! SQLite: a turn's reads and writes in few round trips.
//!
//! Each statement sent to SQLite is a hand-off to the connection's own thread
//! and back: two thread wake-ups, which cost more CPU than the statements
//! themselves. SQLite runs several statements sent as one text in one go, so a
//! turn sends the user, the update's claim and all its reads as one text and
//! its writes (with the end of the turn, see `writer`) as another. PostgreSQL takes one statement with parameters at a
//! time and keeps the statement-by-statement path in `Store::turn_in`.

use chrono::{DateTime, Utc};
use sqlx::sqlite::SqliteRow;
use sqlx::{FromRow, Row, SqliteConnection};

use super::db::Tx;
use super::error::StoreError;
use super::queries::{self, CaseRow, UserRow, micros};
use super::reminders::rows::{ReminderRow, from_row};
use super::sql;
use super::types::{CaseRecord, Contact, StatusEvent, StoredReminder, User, UserKey, Write};
use super::writer::TurnEnd;

/// The SQLite connection of a transaction (`None` on PostgreSQL).
fn conn(tx: &mut Tx) -> Option<&mut SqliteConnection> {
    match tx {
        Tx::Sqlite(t) => Some(&mut **t),
        Tx::SqliteWriter(w) => Some(w.conn()),
        Tx::Postgres(_) => None,
    }
}

/// What a turn reads besides the user: the chat's state (`None` when the chat has no row
/// yet) and the user's cases, events, contacts and scheduled reminders.
pub(crate) struct Read {
    pub state: Option<Option<String>>,
    pub cases: Vec<CaseRecord>,
    pub events: Vec<(i64, StatusEvent)>,
    pub contacts: Vec<(i64, Contact)>,
    pub reminders: Vec<StoredReminder>,
}

/// Creates the user or refreshes `last_seen`, claims `update_id` and reads
/// what the turn needs, in one round trip; `None` when the update was
/// handled before. Opens the writer's transaction or joins it.
pub(crate) async fn load(
    tx: &mut Tx,
    key: &UserKey,
    chat_id: i64,
    update_id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<Option<(User, Read)>, StoreError> {
    let text = match tx {
        Tx::SqliteWriter(w) => sql::sqlite_turn(Some(w.take_turn_start())),
        _ => sql::sqlite_turn(None),
    };
    let Some(c) = conn(tx) else {
        return Err(StoreError::corrupt("turn", "not an SQLite transaction"));
    };
    let rows: Vec<SqliteRow> = sqlx::query(sqlx::AssertSqlSafe(text))
        .bind(&key.transport)
        .bind(key.external_id)
        .bind(micros(now))
        .bind(update_id)
        .bind(chat_id)
        .fetch_all(&mut *c)
        .await?;
    let mut user = None;
    let mut claimed = update_id.is_none();
    let mut read = Read {
        state: None,
        cases: Vec::new(),
        events: Vec::new(),
        contacts: Vec::new(),
        reminders: Vec::new(),
    };
    for row in &rows {
        // The user's row has 4 columns, the claim's 1; every row read
        // ends with its name.
        match row.len() {
            4 => user = Some(queries::user_from_row(UserRow::from_row(row)?)),
            1 => claimed = true,
            _ => tagged(row, &mut read)?,
        }
    }
    let user = user.ok_or_else(|| StoreError::corrupt("user", "the upsert returned no row"))?;
    Ok(claimed.then_some((user, read)))
}

fn tagged(row: &SqliteRow, read: &mut Read) -> Result<(), StoreError> {
    let what: String = row.try_get(row.len() - 1)?;
    match what.as_str() {
        "state" => read.state = Some(row.try_get(0)?),
        "case" => read
            .cases
            .push(queries::case_from_row(CaseRow::from_row(row)?)?.1),
        "event" => {
            let (number, status, at, note): (i64, String, DateTime<Utc>, Option<String>) =
                FromRow::from_row(row)?;
            let status = queries::parse_status(&status)?;
            read.events.push((number, StatusEvent { status, at, note }));
        }
        "contact" => {
            let (number, at, agent, said): (i64, DateTime<Utc>, String, String) = FromRow::from_row(row)?;
            read.contacts.push((number, Contact { at, agent, said }));
        }
        "reminder" => read.reminders.push(from_row(ReminderRow::from_row(row)?)?),
        other => return Err(StoreError::corrupt("turn read", other.to_owned())),
    }
    Ok(())
}

/// Writes the state, the transcript lines and the language in one text; on
/// the writer, with the turn's end too when `last` (nothing else to write).
pub(crate) async fn write(
    tx: &mut Tx,
    user_id: i64,
    chat_id: i64,
    now: DateTime<Utc>,
    write: &Write,
    last: bool,
) -> Result<(), StoreError> {
    let end = match tx {
        Tx::SqliteWriter(w) if last => Some(w.turn_end()),
        _ => None,
    };
    let text = sql::sqlite_write(
        write.transcript.len(),
        write.lang.is_some(),
        end.map(TurnEnd::sql),
    );
    queries::write_chat(tx, text, user_id, chat_id, now, write).await?;
    if let (Some(end), Tx::SqliteWriter(w)) = (end, tx) {
        w.turn_released(end);
    }
    Ok(())
}
