//! The host time a Tencent case used, split as the rule charges it: whole
//! calendar months from the start, then the seconds after them.

use crate::policy::case::{CaseFacts, OrderKind};
use chrono::{DateTime, Months, Utc};
use chrono_tz::Asia::Shanghai;

/// The host time used, split as the rule charges it.
pub struct Usage {
    /// Whole calendar months from the start.
    pub months: u32,
    /// The seconds after the whole months.
    pub rest_seconds: i64,
    /// The host is charged up to here: the refund time, or (as T2's published
    /// example does) the first upgrade.
    pub host_end: DateTime<Utc>,
}

/// The host time of a case with at least one order.
pub fn usage(facts: &CaseFacts) -> Usage {
    let o = &facts.orders[0];
    let upgrade = facts
        .orders
        .iter()
        .filter(|u| u.kind == OrderKind::Upgrade)
        .map(|u| u.start)
        .min();
    let host_end = facts.at.min(o.end).min(upgrade.unwrap_or(facts.at)).max(o.start);
    let start = o.start.with_timezone(&Shanghai);
    let mut months = 0;
    while let Some(next) = start.checked_add_months(Months::new(months + 1))
        && next <= host_end
    {
        months += 1;
    }
    let from = start
        .checked_add_months(Months::new(months))
        .map_or(o.start, |m| m.with_timezone(&Utc));
    Usage {
        months,
        rest_seconds: (host_end - from).num_seconds().max(0),
        host_end,
    }
}
