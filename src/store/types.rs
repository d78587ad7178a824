//! What the store speaks: domain values, not rows.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::reminders::{Kind, Planned};

/// Who a user is on one transport: `("telegram", 123456789)`, `("console", 0)`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct UserKey {
    pub transport: String,
    pub external_id: i64,
}

impl UserKey {
    pub fn new(transport: impl Into<String>, external_id: i64) -> Self {
        UserKey {
            transport: transport.into(),
            external_id,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct User {
    pub id: i64,
    pub lang: Option<String>,
    pub first_seen: DateTime<Utc>,
    pub last_seen: DateTime<Utc>,
}

/// Where a case stands: the domain type, stored as its snake_case name.
use crate::case::CaseStatus;

/// The text is not one of the seven status names.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "`{0}` is not a case status (expected draft, quoted, submitted, approved, rejected, refunded or closed)"
)]
pub struct UnknownStatus(pub String);

impl FromStr for CaseStatus {
    type Err = UnknownStatus;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        CaseStatus::parse(s).ok_or_else(|| UnknownStatus(s.to_string()))
    }
}

impl fmt::Display for CaseStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One refund case. `number` is the user's own 1, 2, 3...; the store upserts by
/// (user, number), keeping the first `created_at`.
#[derive(Clone, Debug, PartialEq)]
pub struct CaseRecord {
    pub number: i64,
    pub status: CaseStatus,
    pub inputs: Value,
    pub quote: Option<Value>,
    pub policy: Option<String>,
    pub policy_version: Option<String>,
    pub expected_refund: Option<Decimal>,
    pub next_date: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl CaseRecord {
    /// A fresh draft with the given inputs, created and updated `now`.
    pub fn draft(number: i64, inputs: Value, now: DateTime<Utc>) -> Self {
        CaseRecord {
            number,
            status: CaseStatus::Draft,
            inputs,
            quote: None,
            policy: None,
            policy_version: None,
            expected_refund: None,
            next_date: None,
            created_at: now,
            updated_at: now,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct StatusEvent {
    pub status: CaseStatus,
    pub at: DateTime<Utc>,
    pub note: Option<String>,
}

/// What a provider's support agent said, and when.
#[derive(Clone, Debug, PartialEq)]
pub struct Contact {
    pub at: DateTime<Utc>,
    pub agent: String,
    pub said: String,
}

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// From the user.
    In,
    /// To the user.
    Out,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::In => "in",
            Direction::Out => "out",
        }
    }

    pub(crate) fn parse(s: &str) -> Option<Direction> {
        match s {
            "in" => Some(Direction::In),
            "out" => Some(Direction::Out),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct TranscriptLine {
    pub direction: Direction,
    pub text: String,
    pub at: DateTime<Utc>,
    pub case_number: Option<i64>,
}

/// A case with everything that happened to it.
#[derive(Clone, Debug, PartialEq)]
pub struct CaseDetail {
    pub record: CaseRecord,
    /// Oldest first.
    pub events: Vec<StatusEvent>,
    /// Oldest first.
    pub contacts: Vec<Contact>,
    /// The transcript lines tagged with this case number, oldest first.
    pub transcript: Vec<TranscriptLine>,
}

/// What the adapter loads before calling the engine.
#[derive(Clone, Debug, PartialEq)]
pub struct Loaded {
    pub user: User,
    /// The chat's conversation state; `None` when there is none (new chat, or cleared).
    pub state: Option<Value>,
    /// Newest (highest number) first.
    pub cases: Vec<CaseRecord>,
    /// (case number, event) for all the user's cases, oldest first.
    pub events: Vec<(i64, StatusEvent)>,
    /// (case number, contact) for all the user's cases, oldest first.
    pub contacts: Vec<(i64, Contact)>,
    /// The user's reminders still to come, earliest first.
    pub reminders: Vec<StoredReminder>,
}

impl Loaded {
    /// The number the user's next case gets: one more than the highest so far.
    pub fn next_case_number(&self) -> i64 {
        self.cases.iter().map(|c| c.number).max().unwrap_or(0) + 1
    }
}

/// What one input changes; written in one transaction with the handled update id.
/// Applied in this order: language, state, transcript, cases, events, contacts.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Write {
    /// The chat's new state; `None` clears it.
    pub state: Option<Value>,
    /// `Some` sets the user's language; `None` leaves it.
    pub lang: Option<String>,
    pub transcript: Vec<TranscriptLine>,
    /// Upserted by (user, number).
    pub cases: Vec<CaseRecord>,
    /// (case number, event); the case must exist by then (earlier or in `cases`).
    pub events: Vec<(i64, StatusEvent)>,
    /// (case number, contact); the case must exist by then.
    pub contacts: Vec<(i64, Contact)>,
    /// New reminder plans of cases written in this turn (after the cases).
    pub replans: Vec<Replan>,
    /// Case numbers whose reminders the user stopped.
    pub stop_case_reminders: Vec<i64>,
    /// Reminder ids the user stopped one by one.
    pub stop_reminders: Vec<i64>,
    /// Reminder ids shown to the user in this turn: marked sent.
    pub reminders_sent: Vec<i64>,
}

impl Write {
    /// Whether the turn writes only the chat: its state, transcript and the
    /// user's language (no case, event, contact or reminder).
    pub(crate) fn only_chat(&self) -> bool {
        self.cases.is_empty()
            && self.events.is_empty()
            && self.contacts.is_empty()
            && self.replans.is_empty()
            && self.stop_case_reminders.is_empty()
            && self.stop_reminders.is_empty()
            && self.reminders_sent.is_empty()
    }
}

/// The outcome of [`Store::turn`](super::Store::turn).
#[derive(Clone, Debug, PartialEq)]
pub enum Turn<T> {
    Done(T),
    /// The update id was handled before: nothing was changed and the closure was not called.
    Duplicate,
}

/// A reminder waiting to be sent, as stored.
#[derive(Clone, Debug, PartialEq)]
pub struct StoredReminder {
    pub id: i64,
    /// The user's own case number.
    pub case: i64,
    pub kind: Kind,
    pub seq: u32,
    pub due: DateTime<Utc>,
}

/// A reminder due for an operator's listing.
#[derive(Clone, Debug, PartialEq)]
pub struct DueReminder {
    pub user: UserKey,
    pub reminder: StoredReminder,
}

/// A user's claimed reminders: everything due for them, to go out as one message.
#[derive(Clone, Debug, PartialEq)]
pub struct Claimed {
    pub user: UserKey,
    pub user_id: i64,
    pub lang: Option<String>,
    pub reminders: Vec<StoredReminder>,
}

/// A case's new plan (replacing what was planned and not sent), written in
/// the same transaction as the case.
#[derive(Clone, Debug, PartialEq)]
pub struct Replan {
    pub case: i64,
    pub plan: Vec<Planned>,
}
