//! Huawei's whole hours (H3): the order from the top of the hour it took
//! effect in to its end as counted, the use to the top of the hour of the
//! unsubscription, and the finding that shows what was counted.

use crate::policy::case::CaseFacts;
use crate::policy::quote::{Finding, FindingCode as C, Severity as S};
use chrono::{DateTime, DurationRound, TimeDelta, Utc};
use chrono_tz::Asia::Shanghai;

pub(super) fn floor_hour(t: DateTime<Utc>) -> DateTime<Utc> {
    t.duration_trunc(TimeDelta::hours(1)).unwrap_or(t)
}

/// The end of the order as counted: whole hours, rounded down; an expiry
/// written hh:59:59 (Huawei's own, 23:59:59 of the last day) closes with its
/// last second, so the page's 2024/02/01 23:59:59 counts to 2024/02/02 00:00.
pub(super) fn order_end(end: DateTime<Utc>) -> DateTime<Utc> {
    let next = end + TimeDelta::seconds(1);
    if floor_hour(next) == next {
        next
    } else {
        floor_hour(end)
    }
}

/// The order's hours and the hours used, both whole and rounded down (H3):
/// the order runs from the top of the hour it took effect in (bought 10:30 →
/// from 10:00) to [`order_end`]; the use ends at the top of the hour of the
/// unsubscription (18:40 → 18:00). The page's example: 758 h, 344 h used.
pub fn hours(facts: &CaseFacts) -> (i64, i64) {
    let o = &facts.orders[0];
    let start = floor_hour(o.start);
    let total = (order_end(o.end) - start).num_hours().max(1);
    let used = (floor_hour(facts.at) - start).num_hours().clamp(0, total);
    (used, total)
}

pub(super) fn shown(t: DateTime<Utc>) -> String {
    t.with_timezone(&Shanghai).format("%Y-%m-%d %H:%M").to_string()
}

/// Where the whole hours change the durations (a start or an end inside an
/// hour), the finding that shows what was counted.
pub(super) fn whole_hours(facts: &CaseFacts, used: i64, total: i64) -> Option<Finding> {
    let o = &facts.orders[0];
    let (start, end) = (floor_hour(o.start), order_end(o.end));
    let end_cut = end != o.end && end != o.end + TimeDelta::seconds(1);
    (start != o.start || end_cut).then(|| {
        Finding::new(C::WholeHours, S::Info)
            .var("from", shown(start))
            .var("to", shown(end))
            .var("total", total)
            .var("used_to", shown(floor_hour(facts.at).max(start)))
            .var("used", used)
            .var("end_cut", end_cut)
            .var("given_end", shown(o.end))
    })
}
