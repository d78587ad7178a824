//! What a turn reads about its user, in one round trip on both backends.
//!
//! Each read is a statement whose rows end with the name of what they are
//! (`'state'`, `'case'`, …); all of them go out as one text. SQLite runs such a
//! text with parameters (see `sqlite_turn`). PostgreSQL takes several
//! statements in one message only without parameters (its simple query
//! protocol), so [`pg_read`] writes the two integers it needs, the user's row
//! id and the chat id, into the text.

use chrono::{DateTime, Utc};
use sqlx::{ColumnIndex, Decode, FromRow, Row, Type};

use super::db::Tx;
use super::error::StoreError;
use super::queries::{self, CaseRow};
use super::reminders::{self, ReminderRow};
use super::sql;
use super::types::{CaseRecord, Contact, StatusEvent};

/// What a turn reads besides the user: the chat's state (`None` when the chat has no row
/// yet) and the user's cases, events, contacts and scheduled reminders.
#[derive(Default)]
pub(crate) struct Read {
    pub state: Option<Option<String>>,
    pub cases: Vec<CaseRecord>,
    pub events: Vec<(i64, StatusEvent)>,
    pub contacts: Vec<(i64, Contact)>,
    pub reminders: Vec<reminders::StoredReminder>,
}

type EventRow = (i64, String, DateTime<Utc>, Option<String>);
type ContactRow = (i64, DateTime<Utc>, String, String);

/// Adds a row to `read` by the name in its last column.
pub(crate) fn tagged<'r, R>(row: &'r R, read: &mut Read) -> Result<(), StoreError>
where
    R: Row,
    usize: ColumnIndex<R>,
    String: Decode<'r, R::Database> + Type<R::Database>,
    Option<String>: Decode<'r, R::Database> + Type<R::Database>,
    CaseRow: FromRow<'r, R>,
    EventRow: FromRow<'r, R>,
    ContactRow: FromRow<'r, R>,
    ReminderRow: FromRow<'r, R>,
{
    let what: String = row.try_get(row.len() - 1)?;
    match what.as_str() {
        "state" => read.state = Some(row.try_get(0)?),
        "case" => read
            .cases
            .push(queries::case_from_row(CaseRow::from_row(row)?)?.1),
        "event" => {
            let (number, status, at, note) = EventRow::from_row(row)?;
            let status = queries::parse_status(&status)?;
            read.events.push((number, StatusEvent { status, at, note }));
        }
        "contact" => {
            let (number, at, agent, said) = ContactRow::from_row(row)?;
            read.contacts.push((number, Contact { at, agent, said }));
        }
        "reminder" => read
            .reminders
            .push(reminders::from_row(ReminderRow::from_row(row)?)?),
        other => return Err(StoreError::corrupt("turn read", other.to_owned())),
    }
    Ok(())
}

/// PostgreSQL: the chat's state (its row locked until the transaction ends)
/// and everything else user `user_id` has, in one round trip.
pub(crate) async fn pg_read(tx: &mut Tx, user_id: i64, chat_id: i64) -> Result<Read, StoreError> {
    let Tx::Postgres(t) = tx else {
        return Err(StoreError::corrupt("turn", "not a PostgreSQL transaction"));
    };
    let text = sql::pg_load(user_id, chat_id);
    let rows = sqlx::raw_sql(sqlx::AssertSqlSafe(text))
        .fetch_all(&mut **t)
        .await?;
    let mut read = Read::default();
    for row in &rows {
        tagged(row, &mut read)?;
    }
    Ok(read)
}
