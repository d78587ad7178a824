//! Reading UCloud's orders: time in whole units (a started unit counting
//! whole), the months a yearly order runs, and a promotional list price.

use crate::policy::case::Order;
use chrono::{DateTime, Months, TimeDelta, Utc};
use chrono_tz::Asia::Shanghai;
use rust_decimal::Decimal;

/// Whole units of `unit` from `from` to `to`, a started unit counting whole.
pub(super) fn units_up(from: DateTime<Utc>, to: DateTime<Utc>, unit: TimeDelta) -> i64 {
    let d = (to - from).num_seconds();
    let u = unit.num_seconds();
    if d <= 0 { 0 } else { (d + u - 1) / u }
}

/// The months a yearly order runs: calendar-aligned when the end is a whole
/// number of months after the start, else its days ÷ 30 rounded (at least 1).
pub(super) fn months_of(o: &Order) -> u32 {
    let start = o.start.with_timezone(&Shanghai);
    let end = o.end.with_timezone(&Shanghai);
    for m in 1..=120u32 {
        if start.checked_add_months(Months::new(m)) == Some(end) {
            return m;
        }
    }
    let days = (o.end - o.start).num_days();
    ((days + 15) / 30).clamp(1, 120) as u32
}

/// The list price of an order bought at a promotional discount: one above
/// a positive amount paid. A list price at or below what was paid is no
/// discount, and a downgrade's negative amounts are no promotion either (the
/// order keeps its billing coefficient).
pub(super) fn promotional_list_price(o: &Order) -> Option<Decimal> {
    o.list_price.filter(|l| o.paid > Decimal::ZERO && *l > o.paid)
}
