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
//!
//! Layout: `plan` (the kinds, a planned reminder, what the planner needs to
//! know of a case), `deliver` (when one may go out), `ladder` (the escalation
//! ladder's reminders), `case` (a case's dates); this file plans.

mod case;
mod deliver;
mod ladder;
mod plan;

pub use deliver::{QUIET_END_HOUR, QUIET_START_HOUR, deliverable_at, one_per_day};
pub use plan::{CaseDates, DUE_HOUR, EXPIRY_AHEAD_DAYS, Kind, OVERDUE_EVERY, OVERDUE_REPEATS, Planned};

use crate::policy::calendar::Calendar;
use chrono::{DateTime, Days, NaiveDate, Utc};
use chrono_tz::Asia::Shanghai;
use plan::morning;

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
