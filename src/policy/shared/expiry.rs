//! When an order of whole months or years ends, as the provider writes it.

use crate::policy::profile::Profile;
use crate::policy::timeline::local_date;
use chrono::{DateTime, Utc};

impl Profile {
    /// The end of an order of whole months or years ending at `end`, as the
    /// provider writes it: Huawei's expiry is 23:59:59 of the last day (H3's
    /// example: bought 2024/01/01 10:30:00, expiring 2024/02/01 23:59:59).
    pub fn expiry(&self, end: DateTime<Utc>) -> DateTime<Utc> {
        use chrono::TimeZone;
        let Some(last) = local_date(end).and_hms_opt(23, 59, 59) else {
            return end;
        };
        match chrono_tz::Asia::Shanghai.from_local_datetime(&last) {
            chrono::LocalResult::Single(t) if self.expires_end_of_day => t.with_timezone(&Utc),
            _ => end,
        }
    }
}
