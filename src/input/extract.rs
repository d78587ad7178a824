//! Facts out of free text: what a user wrote in one sentence ("uhost-1a2b3c4d
//! 是 2026年3月1日 买的，包月，实付 800 元"), found anywhere in it, in any
//! order, each with the words it came from. Pure: no I/O, no state; the
//! conversation decides what to do with the facts.
//!
//! The types here are the contract between this module and the conversation.
//!
//! How it reads: values first, each claiming its characters so no number is
//! read twice (instance IDs, dates with their times, period lengths, then
//! the numbers that are not money, then amounts); then the words that give
//! values their roles (`templates/*/strings/extract.toml`), each word
//! paired with the nearest value in its clause, one to one. What cannot be
//! paired, or is paired twice with different values, is left unclear.

mod dates;
mod roles;
mod scan;
mod span;
mod words;

use chrono::{DateTime, Utc};
use regex::Regex;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{InstanceId, PeriodLen};
use crate::policy::Billing;
use crate::render::Lang;

fn re(pattern: &str) -> Regex {
    // The patterns are constants covered by the tests, never user text.
    Regex::new(pattern).unwrap_or_else(|e| panic!("bad built-in pattern {pattern}: {e}"))
}

/// Everything found in one message.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Extracted {
    /// Facts found, in the order they appear in the text.
    pub facts: Vec<Found>,
    /// Things that look like facts but could not be given a role or a single
    /// value (two candidate purchase dates, a bare number): left for a question.
    pub unclear: Vec<Unclear>,
}

/// One fact and the words of the message it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub fact: Fact,
    /// The exact substring of the original message the fact was read from.
    pub words: String,
}

/// A fact about the case, with its role.
#[derive(Debug, Clone, PartialEq)]
pub enum Fact {
    /// The product is `InstanceId::prefix()`.
    Instance(InstanceId),
    Billing(Billing),
    /// The order's length ("三个月", "1 year").
    Period(PeriodLen),
    /// When billing started (purchase, 开通).
    Start(When),
    /// When the order ends (到期).
    End(When),
    /// When the resource was or will be deleted (删除, 释放).
    DeleteAt(When),
    /// When the refund request was submitted (提交, 申请).
    Submitted(When),
    /// Paid in cash and gift balance (实付).
    Paid(Decimal),
    /// The list price of a promotional order (原价).
    ListPrice(Decimal),
    Voucher(Decimal),
    Gift(Decimal),
    MonthlyPrice(Decimal),
    Reason(ReasonKind),
}

/// A moment with how it was written, so the confirmation can show it as the
/// user meant it (a date alone, or a date and time) and say which year was
/// chosen when the text gave none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct When {
    pub at: DateTime<Utc>,
    /// The text gave a time of day (else `at` is 00:00 Shanghai time).
    pub has_time: bool,
    /// The text gave no year: it was chosen to fit the role and the other dates.
    pub year_inferred: bool,
}

/// The reason buttons' meanings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReasonKind {
    BusinessChange,
    Performance,
    NotAsDescribed,
    BoughtByMistake,
}

/// Something not guessed.
#[derive(Debug, Clone, PartialEq)]
pub struct Unclear {
    pub kind: UnclearKind,
    pub words: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnclearKind {
    /// A date whose role (purchase, end, deletion, submission) is not said.
    DateWithoutRole,
    /// Two or more dates for the same role.
    ConflictingDates,
    /// An amount whose role (paid, list price, voucher...) is not said.
    AmountWithoutRole,
    /// Two or more amounts for the same role.
    ConflictingAmounts,
}

impl Extracted {
    pub fn is_empty(&self) -> bool {
        self.facts.is_empty() && self.unclear.is_empty()
    }
}

/// Finds every fact in `text`. `lang` is the chat's language (a tie-breaker
/// only: both languages' words are always understood); relative dates
/// (昨天, 3 days ago) are resolved against `now` on the Shanghai clock.
pub fn extract(text: &str, lang: Lang, now: DateTime<Utc>) -> Extracted {
    // Both languages' words are always read; nothing yet needs the tie-breaker.
    let _ = lang;
    let mut text = span::Text::new(text);
    let ids = scan::find_ids(&mut text);
    let dates = dates::find_dates(&mut text, now);
    let periods = scan::find_periods(&mut text);
    scan::skip_non_money(&mut text);
    let money = scan::find_money(&mut text);
    let masked = text.masked();
    let words = words::VOCABULARY.find(&masked);

    let mut out = roles::Collector::new(&text);
    for (at, id) in ids {
        out.fact(&at, Fact::Instance(id));
    }
    for (at, period) in periods {
        out.fact(&at, Fact::Period(period));
    }
    roles::plain_words(&mut out, &words);
    roles::dates(&mut out, &masked, &dates, &words, now);
    roles::money(&mut out, &masked, &money, &words);
    out.finish()
}
