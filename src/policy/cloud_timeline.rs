//! When things happen at Tencent, Huawei and Alibaba, as far as each
//! publishes it: minutes to the balance, the recycle bin, the ticket window,
//! the arrival of the money, the withdrawal.

use super::calendar::Calendar;
use super::profile::Profile;
use super::provider::Provider;
use super::timeline::{Window, local_date};
use chrono::{DateTime, Days, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct CloudTimeline {
    pub provider: Provider,
    /// The day the resource is returned (unsubscribed).
    pub returned_on: NaiveDate,
    /// Self-service refunds reach the account balance in these minutes.
    pub balance_minutes: Option<[u32; 2]>,
    /// The last day the instance can be restored from the recycle bin.
    pub recycle_until: Option<NaiveDate>,
    pub recycle_days: Option<u32>,
    /// A refund ticket's answer.
    pub ticket: Option<Window>,
    /// The money reaches the payer.
    pub arrival: Option<Window>,
    /// An offline or bank-transfer withdrawal, counted from the return.
    pub withdrawal: Option<Window>,
    pub fallback_years: Vec<i32>,
}

/// The published timing of a profile for a resource returned at `returned`,
/// asked at `submitted`; `None` for UCloud (its own timeline covers it).
pub fn cloud_timeline(
    cal: &Calendar,
    profile: &Profile,
    returned: DateTime<Utc>,
    submitted: DateTime<Utc>,
) -> Option<CloudTimeline> {
    if profile.provider == Provider::Ucloud {
        return None;
    }
    let t = profile.timing.clone().unwrap_or_default();
    let day = local_date(returned);
    let asked = local_date(submitted);
    let ticket = t.ticket_days.map(|s| Window::new(cal, asked, s));
    let arrival = t.arrival_days.map(|s| Window::new(cal, day, s));
    let withdrawal = t.withdrawal_days.map(|s| Window::new(cal, day.max(asked), s));
    let last = [ticket, arrival, withdrawal]
        .iter()
        .flatten()
        .map(|w| w.latest)
        .max()
        .unwrap_or(day);
    Some(CloudTimeline {
        provider: profile.provider,
        returned_on: day,
        balance_minutes: t.balance_minutes,
        recycle_until: t
            .recycle_bin_days
            .and_then(|d| day.checked_add_days(Days::new(u64::from(d)))),
        recycle_days: t.recycle_bin_days,
        ticket,
        arrival,
        withdrawal,
        fallback_years: cal.years_without_data(day.min(asked), last),
    })
}
