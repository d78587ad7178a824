//! When a due reminder may actually be sent: only in the daytime on the
//! Beijing clock, and at most one message a user a day (reminders due
//! together go out as one message).

use chrono::{DateTime, Days, NaiveTime, TimeZone, Timelike, Utc};
use chrono_tz::Asia::Shanghai;

/// Reminders go out from this hour (Beijing time)…
pub const QUIET_END_HOUR: u32 = 9;
/// …until this hour; one due later waits for the next morning.
pub const QUIET_START_HOUR: u32 = 21;

/// 09:00 Beijing time on the day of `local`, plus `days`.
fn nine(at: DateTime<Utc>, days: u64) -> DateTime<Utc> {
    let day = at.with_timezone(&Shanghai).date_naive();
    day.checked_add_days(Days::new(days))
        .and_then(|d| {
            Shanghai
                .from_local_datetime(&d.and_time(NaiveTime::from_hms_opt(QUIET_END_HOUR, 0, 0)?))
                .earliest()
        })
        .map_or(at, |t| t.with_timezone(&Utc))
}

/// The first moment at or after `due` that lies between 09:00 and 21:00
/// Beijing time.
pub fn deliverable_at(due: DateTime<Utc>) -> DateTime<Utc> {
    let hour = due.with_timezone(&Shanghai).hour();
    if hour < QUIET_END_HOUR {
        nine(due, 0)
    } else if hour >= QUIET_START_HOUR {
        nine(due, 1)
    } else {
        due
    }
}

/// When the next reminder message to a user may go out, given the earliest
/// due reminder and when the last reminder message reached them: never twice
/// on one Beijing day, never at night.
pub fn one_per_day(due: DateTime<Utc>, last_sent: Option<DateTime<Utc>>) -> DateTime<Utc> {
    let after_last = last_sent.map_or(due, |l| due.max(nine(l, 1)));
    deliverable_at(after_last)
}
