//! When the bot comes back to a user on its own: which reminders a case
//! gets, when each is due, and when it may be delivered. Pure: the store
//! keeps and claims them, an adapter sends them.
//!
//! The moments (all on the Beijing clock, working days from the holiday
//! calendar):
//! - a refund requested from support: the first working day after the
//!   review window's last day, "has support answered?";
//! - the withdrawal: the first working day after the withdrawal window's last
//!   day, "has the money arrived?";
//! - while either stays unanswered: again every 3 working days, at most 3 times;
//! - a deletion the user planned for a later day: that morning, "back up first";
//! - an order the user wants out of that is not deleted: 3 days before it expires.
//!
//! A reminder whose moment is already past when it is planned is dropped:
//! the reply the user just read said the case is overdue.

mod case;
mod deliver;
mod ladder;

pub use deliver::{QUIET_END_HOUR, QUIET_START_HOUR, deliverable_at, one_per_day};

use crate::policy::calendar::Calendar;
use chrono::{DateTime, Days, NaiveDate, NaiveTime, TimeZone, Utc};
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
    pub ladder: crate::escalation::LadderDates,
}

/// 10:00 Beijing time on `day`.
fn morning(day: NaiveDate, hour: u32) -> Option<DateTime<Utc>> {
    let t = NaiveTime::from_hms_opt(hour, 0, 0)?;
    Shanghai
        .from_local_datetime(&day.and_time(t))
        .earliest()
        .map(|t| t.with_timezone(&Utc))
}

/// The reminders after a window ending on `last`: the first working day
/// after it, then every [`OVERDUE_EVERY`] working days, [`OVERDUE_REPEATS`] times.
fn window(cal: &Calendar, last: NaiveDate, first: Kind, again: Kind) -> Vec<Planned> {
    let mut out = Vec::new();
    let day = cal.add_working_days(last, 1);
    if let Some(due) = morning(day, DUE_HOUR) {
        out.push(Planned {
            kind: first,
            seq: 0,
            due,
        });
    }
    for n in 1..=OVERDUE_REPEATS {
        let day = cal.add_working_days(last, 1 + n * OVERDUE_EVERY);
        if let Some(due) = morning(day, DUE_HOUR) {
            out.push(Planned {
                kind: again,
                seq: n,
                due,
            });
        }
    }
    out
}

/// Every reminder the case should get from `now` on, earliest first. Moments
/// already past at `now` are dropped (the answer the user just read said the
/// case is overdue); a closed case gets none.
pub fn plan(c: &CaseDates, cal: &Calendar, now: DateTime<Utc>) -> Vec<Planned> {
    let mut out = plan_all(c, cal);
    out.retain(|p| p.due > now);
    out
}

/// Every reminder the case's dates call for, past moments included (the
/// store keeps a pending one that still fits, and adds only future ones).
pub fn plan_all(c: &CaseDates, cal: &Calendar) -> Vec<Planned> {
    let mut out = ladder::plan(&c.ladder, cal);
    if !c.open {
        out.sort_by_key(|p| (p.due, p.kind, p.seq));
        return out;
    }
    if let Some(last) = c.review_end {
        out.extend(window(cal, last, Kind::Review, Kind::ReviewOverdue));
    }
    if let Some(last) = c.withdrawal_end {
        out.extend(window(cal, last, Kind::Withdrawal, Kind::WithdrawalOverdue));
    }
    if let Some(at) = c.planned_deletion {
        let day = at.with_timezone(&Shanghai).date_naive();
        // That morning; a deletion planned before 09:00 is raised the
        // evening before, while the user can still back up.
        let due = match morning(day, QUIET_END_HOUR) {
            Some(m) if m <= at => Some(m),
            _ => day.pred_opt().and_then(|d| morning(d, QUIET_START_HOUR - 1)),
        };
        if let Some(due) = due {
            out.push(Planned {
                kind: Kind::PlannedDeletion,
                seq: 0,
                due,
            });
        }
    }
    if let Some(end) = c.order_end {
        let day = end.with_timezone(&Shanghai).date_naive();
        if let Some(due) = day
            .checked_sub_days(Days::new(EXPIRY_AHEAD_DAYS))
            .and_then(|d| morning(d, QUIET_END_HOUR))
        {
            out.push(Planned {
                kind: Kind::ExpiryAhead,
                seq: 0,
                due,
            });
        }
    }
    out.sort_by_key(|p| (p.due, p.kind, p.seq));
    out
}

#[cfg(test)]
mod tests;
