//! Huawei's handling fee (H2): the fee table's row, found by the order's
//! term and the year of use, both by the calendar (anniversaries), not by
//! blocks of 365 days.

use crate::policy::profile::{FeeRow, Profile};
use chrono::{DateTime, Months, TimeDelta, Utc};
use chrono_tz::Asia::Shanghai;

/// `n` years after `from`, by the calendar (Beijing time).
fn years_after(from: DateTime<Utc>, n: u32) -> Option<DateTime<Utc>> {
    from.with_timezone(&Shanghai)
        .checked_add_months(Months::new(12 * n))
        .map(|t| t.with_timezone(&Utc))
}

/// Anniversaries of `from` reached by `to`.
fn anniversaries(from: DateTime<Utc>, to: DateTime<Utc>) -> u32 {
    (1..=10)
        .take_while(|n| years_after(from, *n).is_some_and(|a| a <= to))
        .count() as u32
}

/// The order's term in years by the calendar: 0 under a year (a monthly
/// order), N when it ends on (or within the day after) its N-th anniversary,
/// `None` for a length the fee table has no row for.
fn term_years(start: DateTime<Utc>, end: DateTime<Utc>) -> Option<u32> {
    let n = anniversaries(start, end);
    if n == 0 {
        return Some(0);
    }
    years_after(start, n)
        .filter(|last| end - *last <= TimeDelta::days(1))
        .map(|_| n)
}

/// The year of use an unsubscription falls in, by the calendar: up to the
/// first anniversary (included) is year 1, and so on.
fn year_of_use(start: DateTime<Utc>, used_to: DateTime<Utc>) -> u32 {
    let n = anniversaries(start, used_to);
    if n > 0 && years_after(start, n) == Some(used_to) {
        n
    } else {
        n + 1
    }
}

/// The fee table's row for an order from `start` to `end` (both as counted,
/// in whole hours) used for `used` hours; `None` where the table has none.
pub(super) fn fee_row(
    profile: &Profile,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    used: i64,
) -> Option<&FeeRow> {
    let term_years = term_years(start, end);
    let used_years = year_of_use(start, start + TimeDelta::hours(used));
    term_years.and_then(|t| {
        profile
            .fee_table
            .iter()
            .find(|r| r.term_years == t && r.used_years == used_years)
    })
}
