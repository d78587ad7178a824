//! What the reader finds: the facts of a message with their roles, and what
//! it could not decide.

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::input::instance_id::InstanceId;
use crate::input::period::PeriodLen;
use crate::policy::Billing;

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
    /// When a withdrawal of the balance was asked for (提现).
    Withdrawal(When),
    /// When support answered ("12月1日客服在工单里回复我…").
    Answered(When),
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
    /// A deletion said as a plan ("想今天就删了"): today's is not done yet.
    pub planned: bool,
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
    /// For a date: the day it names when taken as one gone by ("nov 30").
    pub past: Option<chrono::DateTime<chrono::Utc>>,
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

impl Fact {
    /// The moment a dated fact names, whatever its role.
    pub fn when(&self) -> Option<When> {
        match self {
            Fact::Start(w)
            | Fact::End(w)
            | Fact::DeleteAt(w)
            | Fact::Submitted(w)
            | Fact::Withdrawal(w)
            | Fact::Answered(w) => Some(*w),
            _ => None,
        }
    }
}

impl Extracted {
    pub fn is_empty(&self) -> bool {
        self.facts.is_empty() && self.unclear.is_empty()
    }

    /// The one date the text names without saying what it is, when it is
    /// not after `now` ("12月2号客服回复说…": the day of the refusal).
    pub fn lone_past_date(
        &self,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Option<chrono::DateTime<chrono::Utc>> {
        let mut dates = self
            .unclear
            .iter()
            .filter(|u| u.kind == UnclearKind::DateWithoutRole)
            .filter_map(|u| {
                u.past
                    .or_else(|| crate::input::parse_past_datetime(&u.words, now).ok())
            })
            // "support answered on mar 16": the day of the answer is such a day.
            .chain(self.facts.iter().filter_map(|f| match f.fact {
                Fact::Answered(w) => Some(w.at),
                _ => None,
            }));
        match (dates.next(), dates.next()) {
            (Some(one), None) if one <= now => Some(one),
            _ => None,
        }
    }

    /// Every date the text gives, whatever its role, not after `now`.
    pub fn past_dates(&self, now: chrono::DateTime<chrono::Utc>) -> Vec<chrono::DateTime<chrono::Utc>> {
        let mut all: Vec<_> = self
            .facts
            .iter()
            .filter_map(|f| f.fact.when().map(|w| w.at))
            .chain(self.lone_past_date(now))
            .filter(|at| *at <= now)
            .collect();
        all.sort();
        all.dedup();
        all
    }

    /// The one amount the text names without saying what it is ("只退了
    /// 380", "退400对吗？"), not counting one equal to `except` to the yuan
    /// ("账户里是736.60 你算的是976": the estimate said back is not it).
    pub fn lone_amount(&self, except: Option<rust_decimal::Decimal>) -> Option<rust_decimal::Decimal> {
        let mut amounts = self
            .unclear
            .iter()
            .filter(|u| u.kind == UnclearKind::AmountWithoutRole)
            .filter_map(|u| crate::input::parse_amount(&u.words, true).ok())
            .filter(|a| except.is_none_or(|e| (e - *a).abs() >= rust_decimal::Decimal::ONE));
        match (amounts.next(), amounts.next(), amounts.next()) {
            (Some(one), None, _) => Some(one),
            // "实际退回来1,156.80元…比实际到账的少了241.51元": of two, the one
            // the other is the difference of (from the estimate).
            (Some(a), Some(b), None) => except.and_then(|e| {
                let gap = |x: rust_decimal::Decimal, y: rust_decimal::Decimal| {
                    ((e - x).abs() - y).abs() < rust_decimal::Decimal::ONE
                };
                match (gap(a, b), gap(b, a)) {
                    (true, false) => Some(a),
                    (false, true) => Some(b),
                    _ => None,
                }
            }),
            _ => None,
        }
    }

    /// Of the amounts without a role, the one said right after a word for
    /// money that came (`came`: "only got 180.40 back, thought it would be
    /// ~190", "只退了180"), when exactly one is.
    pub fn came_amount(&self, text: &str, came: &[String]) -> Option<rust_decimal::Decimal> {
        let mut found = self.came_amounts(text, came).into_iter();
        // The same amount said twice ("shows ¥0.00 … is ¥0 right?") is one.
        let first = found.next()?;
        found.all(|v| v == first).then_some(first)
    }

    /// Every amount said beside a word that money came (`came_amount` when
    /// there is one, or one amount said the same each time).
    pub fn came_amounts(&self, text: &str, came: &[String]) -> Vec<rust_decimal::Decimal> {
        let folded = text.to_lowercase();
        self.unclear
            .iter()
            .filter(|u| u.kind == UnclearKind::AmountWithoutRole)
            .filter(|u| {
                let words = u.words.to_lowercase();
                folded.find(&words).is_some_and(|at| {
                    let near = crate::input::last_chars(&folded[..at], 12);
                    // "95 came back": the word right after the amount too.
                    let after = folded[at + words.len()..].trim_start();
                    came.iter().any(|w| {
                        near.contains(w.as_str()) || (!w.is_empty() && after.starts_with(w.as_str()))
                    })
                })
            })
            .filter_map(|u| crate::input::parse_amount(&u.words, true).ok())
            .collect()
    }
}
