//! The transcript: every line the user sent and the bot answered, in order.

use chrono::{DateTime, Utc};

use super::db::{Tx, on_conn};
use super::error::StoreError;
use super::queries::micros;
use super::sql;
use super::types::{Direction, TranscriptLine};

type LineRow = (String, String, DateTime<Utc>, Option<i64>);

fn line_from_row((direction, text, at, case_number): LineRow) -> Result<TranscriptLine, StoreError> {
    let direction =
        Direction::parse(&direction).ok_or_else(|| StoreError::corrupt("transcript direction", direction))?;
    Ok(TranscriptLine {
        direction,
        text,
        at,
        case_number,
    })
}

pub(crate) async fn add_line(
    tx: &mut Tx,
    user_id: i64,
    chat_id: i64,
    line: &TranscriptLine,
) -> Result<(), StoreError> {
    add_lines(tx, user_id, chat_id, std::slice::from_ref(line)).await
}

/// Appends the lines in order, in one statement.
pub(crate) async fn add_lines(
    tx: &mut Tx,
    user_id: i64,
    chat_id: i64,
    lines: &[TranscriptLine],
) -> Result<(), StoreError> {
    if lines.is_empty() {
        return Ok(());
    }
    // Only placeholders are written into the text; the values are bound.
    let text = sqlx::AssertSqlSafe(sql::add_lines(lines.len()));
    on_conn!(tx, c => {
        let mut q = sqlx::query(text).bind(user_id).bind(chat_id);
        for line in lines {
            q = q
                .bind(line.case_number)
                .bind(line.direction.as_str())
                .bind(&line.text)
                .bind(micros(line.at));
        }
        q.execute(c).await?.rows_affected()
    });
    Ok(())
}

pub(crate) async fn chat_lines(
    tx: &mut Tx,
    user_id: i64,
    chat_id: i64,
) -> Result<Vec<TranscriptLine>, StoreError> {
    let rows: Vec<LineRow> = on_conn!(tx, c => sqlx::query_as(sql::CHAT_LINES)
        .bind(user_id)
        .bind(chat_id)
        .fetch_all(c)
        .await?);
    rows.into_iter().map(line_from_row).collect()
}

pub(crate) async fn case_lines(
    tx: &mut Tx,
    user_id: i64,
    number: i64,
) -> Result<Vec<TranscriptLine>, StoreError> {
    let rows: Vec<LineRow> = on_conn!(tx, c => sqlx::query_as(sql::CASE_LINES)
        .bind(user_id)
        .bind(number)
        .fetch_all(c)
        .await?);
    rows.into_iter().map(line_from_row).collect()
}
