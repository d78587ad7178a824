//! The words of reminder planning: what a reminder is about ([`Kind`]), one
//! planned reminder, what the planner needs to know of a case, and the
//! morning a reminder for a day is due.

use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Asia::Shanghai;
use serde::{Deserialize, Serialize};

/// How many times an unanswered window is raised again.
pub const OVERDUE_REPEATS: u32 = 3;
/// Working days between two overdue reminders.
pub const OVERDUE_EVERY: u32 = 3;
/// Days before expiry that an order the user wants out of is raised.
pub const EXPIRY_AHEAD_DAYS: u64 = 3;
/// The hour of the day (Beijing) a reminder for a given day is due.
pub const DUE_HOUR: u32 = 10;

/// What a reminder is about.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// The review window of a requested refund has ended.
    Review,
    /// Still no answer from support, some working days after the window.
    ReviewOverdue,
    /// The withdrawal window has ended.
    Withdrawal,
    /// Still no money, some working days after the window.
    WithdrawalOverdue,
    /// The user planned to delete the resource today.
    PlannedDeletion,
    /// The order expires in a few days and the user wants out of it.
    ExpiryAhead,
    /// The company has had its 15 days: MIIT can be asked now.
    MiitOpen,
    /// The 5-month limit for a fee dispute ends in a week.
    FeeLimit,
    /// MIIT should have decided whether it accepts the complaint.
    MiitAccept,
    /// MIIT should have answered (30 days after complete materials).
    MiitReply,
}

impl Kind {
    pub const ALL: [Kind; 10] = [
        Kind::Review,
        Kind::ReviewOverdue,
        Kind::Withdrawal,
        Kind::WithdrawalOverdue,
        Kind::PlannedDeletion,
        Kind::ExpiryAhead,
        Kind::MiitOpen,
        Kind::FeeLimit,
        Kind::MiitAccept,
        Kind::MiitReply,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Review => "review",
            Kind::ReviewOverdue => "review_overdue",
            Kind::Withdrawal => "withdrawal",
            Kind::WithdrawalOverdue => "withdrawal_overdue",
            Kind::PlannedDeletion => "planned_deletion",
            Kind::ExpiryAhead => "expiry_ahead",
            Kind::MiitOpen => "miit_open",
            Kind::FeeLimit => "fee_limit",
            Kind::MiitAccept => "miit_accept",
            Kind::MiitReply => "miit_reply",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// One reminder of a case: its kind, its place in a series (1 for the first
/// overdue reminder, …) and the moment it is due.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub struct Planned {
    pub kind: Kind,
    pub seq: u32,
    pub due: DateTime<Utc>,
}

/// What the planner needs to know of a case.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CaseDates {
    /// The case still waits for something (not closed, refunded or rejected).
    pub open: bool,
    /// The last day of the review window, once a requested refund was submitted.
    pub review_end: Option<NaiveDate>,
    /// The last day of the offline-withdrawal window, once the money was asked for.
    pub withdrawal_end: Option<NaiveDate>,
    /// A deletion the user plans (a moment they gave in the future).
    pub planned_deletion: Option<DateTime<Utc>>,
    /// The order's end, when the user wants out of it and has not deleted it.
    pub order_end: Option<DateTime<Utc>>,
    /// The escalation ladder's clocks (planned while the case is not closed,
    /// a rejected one included).
    pub ladder: crate::policy::escalation::LadderDates,
}

/// 10:00 Beijing time on `day`.
pub(super) fn morning(day: NaiveDate, hour: u32) -> Option<DateTime<Utc>> {
    let t = NaiveTime::from_hms_opt(hour, 0, 0)?;
    Shanghai
        .from_local_datetime(&day.and_time(t))
        .earliest()
        .map(|t| t.with_timezone(&Utc))
}
