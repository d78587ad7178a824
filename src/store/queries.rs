//! The store's statements, each written once for both backends, and the
//! conversions between rows and domain values.

use std::str::FromStr;

use chrono::{DateTime, NaiveDate, Timelike, Utc};
use rust_decimal::Decimal;
use serde_json::Value;

use super::db::{Tx, on_conn};
use super::error::StoreError;
use super::sql;
use super::types::{CaseRecord, Contact, StatusEvent, User, UserKey, Write};
use crate::case::CaseStatus;

pub(crate) type UserRow = (i64, Option<String>, DateTime<Utc>, DateTime<Utc>);
pub(crate) type CaseRow = (
    i64,
    i64,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<NaiveDate>,
    DateTime<Utc>,
    DateTime<Utc>,
);
type EventRow = (String, DateTime<Utc>, Option<String>);
type ContactRow = (DateTime<Utc>, String, String);

/// Times are kept to the microsecond (PostgreSQL's precision); finer digits
/// are dropped before writing, on both backends alike.
pub(crate) fn micros(t: DateTime<Utc>) -> DateTime<Utc> {
    t.with_nanosecond(t.nanosecond() / 1_000 * 1_000).unwrap_or(t)
}

pub(crate) fn user_from_row((id, lang, first_seen, last_seen): UserRow) -> User {
    User {
        id,
        lang,
        first_seen,
        last_seen,
    }
}

fn json_text(value: &Value) -> String {
    // A `Value` always serialises: its map keys are strings.
    value.to_string()
}

pub(crate) fn parse_json(what: &'static str, text: &str) -> Result<Value, StoreError> {
    serde_json::from_str(text).map_err(|e| StoreError::corrupt(what, e))
}

pub(crate) fn parse_status(text: &str) -> Result<CaseStatus, StoreError> {
    CaseStatus::from_str(text).map_err(|e| StoreError::corrupt("case status", e))
}

pub(crate) fn case_from_row(row: CaseRow) -> Result<(i64, CaseRecord), StoreError> {
    let (
        id,
        number,
        status,
        inputs,
        quote,
        policy,
        policy_version,
        refund,
        next_date,
        created_at,
        updated_at,
    ) = row;
    let expected_refund = match refund {
        Some(text) => {
            Some(Decimal::from_str_exact(&text).map_err(|e| StoreError::corrupt("expected refund", e))?)
        }
        None => None,
    };
    let record = CaseRecord {
        number,
        status: parse_status(&status)?,
        inputs: parse_json("case inputs", &inputs)?,
        quote: quote
            .as_deref()
            .map(|q| parse_json("quote snapshot", q))
            .transpose()?,
        policy,
        policy_version,
        expected_refund,
        next_date,
        created_at,
        updated_at,
    };
    Ok((id, record))
}

pub(crate) async fn find_user(tx: &mut Tx, key: &UserKey) -> Result<Option<User>, StoreError> {
    let row: Option<UserRow> = on_conn!(tx, c => sqlx::query_as(sql::FIND_USER)
        .bind(&key.transport)
        .bind(key.external_id)
        .fetch_optional(c)
        .await?);
    Ok(row.map(user_from_row))
}

/// PostgreSQL: the user (created or refreshed) and whether `update_id` was
/// new and is now claimed (always true without one), in one round trip.
pub(crate) async fn pg_user_and_claim(
    tx: &mut Tx,
    key: &UserKey,
    update_id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<(User, bool), StoreError> {
    let (id, lang, first_seen, last_seen, claimed): (
        i64,
        Option<String>,
        DateTime<Utc>,
        DateTime<Utc>,
        bool,
    ) = on_conn!(tx, c => sqlx::query_as(sql::PG_USER_AND_CLAIM)
            .bind(&key.transport)
            .bind(key.external_id)
            .bind(micros(now))
            .bind(update_id)
            .fetch_one(c)
            .await?);
    let user = user_from_row((id, lang, first_seen, last_seen));
    Ok((user, claimed || update_id.is_none()))
}

/// Runs a turn's writes, `text` being [`sql::sqlite_write`] or
/// [`sql::pg_write`] (the same parameters): the state, the transcript lines
/// and, when set, the language.
pub(crate) async fn write_chat(
    tx: &mut Tx,
    text: String,
    user_id: i64,
    chat_id: i64,
    now: DateTime<Utc>,
    write: &Write,
) -> Result<(), StoreError> {
    // Only placeholders are written into the text; the values are bound.
    let text = sqlx::AssertSqlSafe(text);
    on_conn!(tx, c => {
        let mut q = sqlx::query(text)
            .bind(user_id)
            .bind(chat_id)
            .bind(write.state.as_ref().map(json_text))
            .bind(micros(now));
        for line in &write.transcript {
            q = q
                .bind(line.case_number)
                .bind(line.direction.as_str())
                .bind(&line.text)
                .bind(micros(line.at));
        }
        if let Some(lang) = &write.lang {
            q = q.bind(lang);
        }
        q.execute(c).await?.rows_affected()
    });
    Ok(())
}

/// Reads the chat's state under a row lock (PostgreSQL) so no other
/// transaction steps this chat until we commit; a chat seen for the first
/// time gets its (empty) row, locked the same way.
pub(crate) async fn lock_state(
    tx: &mut Tx,
    user_id: i64,
    chat_id: i64,
    now: DateTime<Utc>,
) -> Result<Option<Value>, StoreError> {
    let lock = sql::lock_state(tx.backend());
    let state: Option<Option<String>> = on_conn!(tx, c => {
        let found: Option<Option<String>> =
            sqlx::query_scalar(lock).bind(user_id).bind(chat_id).fetch_optional(&mut *c).await?;
        match found {
            Some(state) => Some(state),
            None => {
                let created = sqlx::query(sql::ENSURE_STATE_ROW)
                    .bind(user_id)
                    .bind(chat_id)
                    .bind(micros(now))
                    .execute(&mut *c)
                    .await?
                    .rows_affected();
                if created == 1 {
                    None
                } else {
                    // Another transaction created it meanwhile: wait for it and read.
                    Some(sqlx::query_scalar(lock).bind(user_id).bind(chat_id).fetch_one(&mut *c).await?)
                }
            }
        }
    });
    state
        .flatten()
        .as_deref()
        .map(|s| parse_json("chat state", s))
        .transpose()
}

/// The user's cases, newest first.
pub(crate) async fn cases(tx: &mut Tx, user_id: i64) -> Result<Vec<CaseRecord>, StoreError> {
    let rows: Vec<CaseRow> =
        on_conn!(tx, c => sqlx::query_as(sql::USER_CASES).bind(user_id).fetch_all(c).await?);
    rows.into_iter()
        .map(|row| case_from_row(row).map(|(_, record)| record))
        .collect()
}

/// The user's case `number` with its row id.
pub(crate) async fn case(
    tx: &mut Tx,
    user_id: i64,
    number: i64,
) -> Result<Option<(i64, CaseRecord)>, StoreError> {
    let row: Option<CaseRow> = on_conn!(tx, c => sqlx::query_as(sql::USER_CASE)
        .bind(user_id)
        .bind(number)
        .fetch_optional(c)
        .await?);
    row.map(case_from_row).transpose()
}

/// Writes the case and returns its row id.
pub(crate) async fn upsert_case(tx: &mut Tx, user_id: i64, case: &CaseRecord) -> Result<i64, StoreError> {
    let inputs = json_text(&case.inputs);
    let quote = case.quote.as_ref().map(json_text);
    let refund = case.expected_refund.map(|d| d.to_string());
    let id: i64 = on_conn!(tx, c => sqlx::query_scalar(sql::UPSERT_CASE)
        .bind(user_id)
        .bind(case.number)
        .bind(case.status.as_str())
        .bind(&inputs)
        .bind(&quote)
        .bind(&case.policy)
        .bind(&case.policy_version)
        .bind(&refund)
        .bind(case.next_date)
        .bind(micros(case.created_at))
        .bind(micros(case.updated_at))
        .fetch_one(c)
        .await?);
    Ok(id)
}

/// Row ids of the user's cases met in one transaction, by number, so each is
/// looked up at most once.
#[derive(Default)]
pub(crate) struct CaseIds(Vec<(i64, i64)>);

impl CaseIds {
    pub(crate) fn insert(&mut self, number: i64, id: i64) {
        self.0.retain(|(n, _)| *n != number);
        self.0.push((number, id));
    }

    pub(crate) async fn get(&mut self, tx: &mut Tx, user_id: i64, number: i64) -> Result<i64, StoreError> {
        if let Some((_, id)) = self.0.iter().find(|(n, _)| *n == number) {
            return Ok(*id);
        }
        let id = case_id(tx, user_id, number).await?;
        self.0.push((number, id));
        Ok(id)
    }
}

/// The row id of the user's case `number`, or [`StoreError::NoSuchCase`].
pub(crate) async fn case_id(tx: &mut Tx, user_id: i64, number: i64) -> Result<i64, StoreError> {
    let id: Option<i64> = on_conn!(tx, c => sqlx::query_scalar(sql::CASE_ID)
        .bind(user_id)
        .bind(number)
        .fetch_optional(c)
        .await?);
    id.ok_or(StoreError::NoSuchCase(number))
}

pub(crate) async fn add_event(tx: &mut Tx, case_id: i64, event: &StatusEvent) -> Result<(), StoreError> {
    on_conn!(tx, c => sqlx::query(sql::ADD_EVENT)
        .bind(case_id)
        .bind(event.status.as_str())
        .bind(micros(event.at))
        .bind(&event.note)
        .execute(c)
        .await?
        .rows_affected());
    Ok(())
}

pub(crate) async fn events(tx: &mut Tx, case_id: i64) -> Result<Vec<StatusEvent>, StoreError> {
    let rows: Vec<EventRow> =
        on_conn!(tx, c => sqlx::query_as(sql::CASE_EVENTS).bind(case_id).fetch_all(c).await?);
    rows.into_iter()
        .map(|(status, at, note)| {
            Ok(StatusEvent {
                status: parse_status(&status)?,
                at,
                note,
            })
        })
        .collect()
}

/// Every event of the user's cases as (case number, event), oldest first.
pub(crate) async fn user_events(tx: &mut Tx, user_id: i64) -> Result<Vec<(i64, StatusEvent)>, StoreError> {
    let rows: Vec<(i64, String, DateTime<Utc>, Option<String>)> =
        on_conn!(tx, c => sqlx::query_as(sql::USER_EVENTS).bind(user_id).fetch_all(c).await?);
    rows.into_iter()
        .map(|(number, status, at, note)| {
            Ok((
                number,
                StatusEvent {
                    status: parse_status(&status)?,
                    at,
                    note,
                },
            ))
        })
        .collect()
}

pub(crate) async fn add_contact(tx: &mut Tx, case_id: i64, contact: &Contact) -> Result<(), StoreError> {
    on_conn!(tx, c => sqlx::query(sql::ADD_CONTACT)
        .bind(case_id)
        .bind(micros(contact.at))
        .bind(&contact.agent)
        .bind(&contact.said)
        .execute(c)
        .await?
        .rows_affected());
    Ok(())
}

pub(crate) async fn contacts(tx: &mut Tx, case_id: i64) -> Result<Vec<Contact>, StoreError> {
    let rows: Vec<ContactRow> =
        on_conn!(tx, c => sqlx::query_as(sql::CASE_CONTACTS).bind(case_id).fetch_all(c).await?);
    Ok(rows
        .into_iter()
        .map(|(at, agent, said)| Contact { at, agent, said })
        .collect())
}

/// Every contact of the user's cases as (case number, contact), oldest first.
pub(crate) async fn user_contacts(tx: &mut Tx, user_id: i64) -> Result<Vec<(i64, Contact)>, StoreError> {
    let rows: Vec<(i64, DateTime<Utc>, String, String)> =
        on_conn!(tx, c => sqlx::query_as(sql::USER_CONTACTS).bind(user_id).fetch_all(c).await?);
    Ok(rows
        .into_iter()
        .map(|(number, at, agent, said)| (number, Contact { at, agent, said }))
        .collect())
}

pub(crate) async fn user_row_count(tx: &mut Tx, user_id: i64) -> Result<u64, StoreError> {
    let n: i64 = on_conn!(tx, c => sqlx::query_scalar(sql::USER_ROW_COUNT).bind(user_id).fetch_one(c).await?);
    Ok(u64::try_from(n).unwrap_or(0))
}

pub(crate) async fn delete_user(tx: &mut Tx, user_id: i64) -> Result<(), StoreError> {
    on_conn!(tx, c => sqlx::query(sql::DELETE_USER).bind(user_id).execute(c).await?.rows_affected());
    Ok(())
}

pub(crate) async fn table_counts(tx: &mut Tx) -> Result<Vec<(&'static str, u64)>, StoreError> {
    type Counts = (i64, i64, i64, i64, i64, i64, i64, i64);
    let (a, b, c_, d, e, f, g, h): Counts =
        on_conn!(tx, c => sqlx::query_as(sql::TABLE_COUNTS).fetch_one(c).await?);
    let counts = [a, b, c_, d, e, f, g, h].map(|n| u64::try_from(n).unwrap_or(0));
    Ok(sql::TABLES.into_iter().zip(counts).collect())
}

/// PostgreSQL: takes the pruning lock for this transaction if no other
/// session holds it (`false` when one does). SQLite: writers already run one
/// at a time, so always `true`.
pub(crate) async fn try_prune_lock(tx: &mut Tx) -> Result<bool, StoreError> {
    Ok(match tx {
        Tx::Postgres(t) => {
            sqlx::query_scalar(sql::TRY_PRUNE_LOCK)
                .bind(sql::PRUNE_LOCK_KEY)
                .fetch_one(&mut **t)
                .await?
        }
        Tx::Sqlite(_) | Tx::SqliteWriter(_) => true,
    })
}

pub(crate) async fn prune_updates(tx: &mut Tx, before: DateTime<Utc>) -> Result<u64, StoreError> {
    let n = on_conn!(tx, c => sqlx::query(sql::PRUNE_UPDATES)
        .bind(micros(before))
        .execute(c)
        .await?
        .rows_affected());
    Ok(n)
}
