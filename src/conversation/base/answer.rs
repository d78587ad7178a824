//! What the user gave for the current question, and what taking it did.

use crate::conversation::base::reply::Reply;
use crate::input;
use crate::policy::Tri;
use rust_decimal::Decimal;
use serde_json::{Value, json};

/// What the user gave for the current question.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Answer<'a> {
    Text(&'a str),
    Button(&'a str),
}

/// What an answer did: a one-line reason to show, or an error to show before
/// asking again. `Stay` keeps the question open (e.g. another value-added service).
pub(crate) enum Took {
    Next(Option<Reply>),
    Stay(Reply),
    Wrong(Reply),
}

pub(crate) fn err(key: &str, params: Vec<(&'static str, String)>) -> Took {
    let data: serde_json::Map<String, Value> = params
        .into_iter()
        .map(|(k, v)| (k.to_owned(), json!(v)))
        .collect();
    Took::Wrong(Reply::new(key, Value::Object(data)))
}

pub(crate) fn ack(key: &str) -> Took {
    Took::Next(Some(Reply::key(key)))
}

/// An amount typed at its question: the whole text, or its one clause with
/// digits when the rest only talks ("3600，微信充值付的，全是现金").
pub(crate) fn amount(text: &str, allow_zero: bool) -> Result<Decimal, Took> {
    input::parse_amount(text, allow_zero)
        .or_else(|e| {
            let clauses: Vec<&str> = text
                .split(['，', ',', '；', ';', '。', '\n'])
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .collect();
            let mut numbered = clauses.iter().filter(|c| c.chars().any(|ch| ch.is_ascii_digit()));
            match (numbered.next(), numbered.next()) {
                (Some(one), None) if clauses.len() > 1 => input::parse_amount(one, allow_zero),
                _ => Err(e),
            }
        })
        .map_err(|e| err(e.key(), e.params()))
}

pub(crate) fn tri(v: &str) -> Option<Tri> {
    serde_json::from_value(json!(v)).ok()
}

/// The reference "now" for a date that comes after `start` (an end, a
/// deletion): a month and day typed without a year is then read as the first
/// such day after the start, not the last one before today.
pub(crate) fn after(start: chrono::DateTime<chrono::Utc>) -> chrono::DateTime<chrono::Utc> {
    start + chrono::TimeDelta::days(365)
}
