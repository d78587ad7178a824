//! PostgreSQL: a turn's writes in one statement.
//!
//! PostgreSQL takes one statement with parameters at a time, but one
//! statement may hold several data-modifying parts (`WITH ... AS (INSERT
//! ...)`), so the state, the transcript lines and the language go out
//! together: one or two round trips fewer a step.
//!
//! The user's upsert and the update's claim stay two statements. Folded into
//! one, the claim became a turn's first statement, and the dropped-turn test
//! then saw the update as handled in 1 run of 6: sqlx's `begin`, dropped with
//! its `BEGIN` in flight, queues no ROLLBACK (it does so only once it has
//! counted the transaction), so its connection may return to the pool inside
//! a transaction sqlx does not know of. Not yet understood further.

use chrono::{DateTime, Utc};
use sqlx::PgConnection;

use super::db::Tx;
use super::error::StoreError;
use super::queries::{json_text, micros};
use super::sql;
use super::types::Write;

/// The PostgreSQL connection of a transaction (`None` on SQLite).
fn conn(tx: &mut Tx) -> Result<&mut PgConnection, StoreError> {
    match tx {
        Tx::Postgres(t) => Ok(&mut **t),
        _ => Err(StoreError::corrupt("turn", "not a PostgreSQL transaction")),
    }
}

/// Writes the state, the transcript lines and the language in one statement.
pub(crate) async fn write(
    tx: &mut Tx,
    user_id: i64,
    chat_id: i64,
    now: DateTime<Utc>,
    write: &Write,
) -> Result<(), StoreError> {
    // Only placeholders are written into the text; the values are bound.
    let text = sqlx::AssertSqlSafe(sql::pg_write(write.transcript.len(), write.lang.is_some()));
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
    q.execute(conn(tx)?).await?;
    Ok(())
}
