//! The five-day no-reason refund window (Tencent, Huawei, Alibaba): where a
//! moment falls against it, its last day as the texts show it, whether the
//! refund applies, and the finding when the chance may be used up.

use crate::policy::case::{CaseFacts, Tri};
use crate::policy::profile::{FiveDay, FiveDayCount};
use crate::policy::provider::ProviderFacts;
use crate::policy::quote::{Finding, FindingCode, Severity, cents};
use crate::policy::timeline::local_date;
use chrono::{DateTime, Days, TimeDelta, Utc};
use rust_decimal::Decimal;

/// Where a moment falls against the five-day window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FiveDays {
    Inside,
    /// Inside by calendar days, outside by 5 × 24 hours (Alibaba's unclear count).
    Unclear,
    Outside,
}

/// The last moment (or day) of the window, and where `at` falls.
pub fn five_days(fd: &FiveDay, start: DateTime<Utc>, at: DateTime<Utc>) -> FiveDays {
    let hours = start + TimeDelta::hours(24 * i64::from(fd.days));
    let by_date = local_date(start)
        .checked_add_days(Days::new(u64::from(fd.days)))
        .is_some_and(|last| local_date(at) <= last);
    match fd.count {
        FiveDayCount::CalendarDays if by_date => FiveDays::Inside,
        FiveDayCount::Hours if at < hours => FiveDays::Inside,
        FiveDayCount::Unclear if at <= hours => FiveDays::Inside,
        FiveDayCount::Unclear if by_date => FiveDays::Unclear,
        _ => FiveDays::Outside,
    }
}

/// The last day of the window, as the texts show it (Shanghai date and time).
pub fn five_day_last(fd: &FiveDay, start: DateTime<Utc>) -> String {
    match fd.count {
        FiveDayCount::CalendarDays => local_date(start)
            .checked_add_days(Days::new(u64::from(fd.days)))
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default(),
        FiveDayCount::Hours | FiveDayCount::Unclear => (start + TimeDelta::hours(24 * i64::from(fd.days)))
            .with_timezone(&chrono_tz::Asia::Shanghai)
            .format("%Y-%m-%d %H:%M:%S")
            .to_string(),
    }
}

/// Does the five-day refund apply: `Some(true)` yes, `Some(false)` no,
/// `None` it might (inside the window but the chance may be used up, or the
/// window's count is unclear).
pub fn five_day_applies(fd: &FiveDay, facts: &CaseFacts, pf: &ProviderFacts) -> Option<bool> {
    let start = facts.orders[0].start;
    match (five_days(fd, start, facts.at), pf.first_refund) {
        (FiveDays::Outside, _) | (_, Some(Tri::No)) => Some(false),
        (FiveDays::Inside, Some(Tri::Yes)) => Some(true),
        _ => None,
    }
}

/// The five-day finding when the chance may be used up: `full` is what the
/// five-day refund would give.
pub(crate) fn five_day_unsure(pf: &ProviderFacts, fd: &FiveDay, full: Decimal, last: String) -> Finding {
    Finding::new(FindingCode::FiveDayUnsure, Severity::Risk)
        .var("told", pf.first_refund.is_some())
        .var("full", format!("{:.2}", cents(full)))
        .var("per_year", fd.per_year)
        .var("last", last)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::{Profile, ProfileId};
    use chrono::TimeZone;
    use chrono_tz::Asia::Shanghai;

    fn sh(d: u32, h: u32, m: u32) -> DateTime<Utc> {
        Shanghai
            .with_ymd_and_hms(2026, 4, d, h, m, 0)
            .single()
            .expect("valid")
            .with_timezone(&Utc)
    }

    fn window(id: ProfileId, at: DateTime<Utc>) -> FiveDays {
        let p = Profile::load(id);
        five_days(p.five_day.as_ref().expect("five-day rule"), sh(1, 9, 30), at)
    }

    #[test]
    fn tencent_counts_calendar_days_huawei_hours_alibaba_flags_the_gap() {
        assert_eq!(window(ProfileId::Tencent, sh(6, 23, 59)), FiveDays::Inside);
        assert_eq!(window(ProfileId::Tencent, sh(7, 0, 0)), FiveDays::Outside);
        assert_eq!(window(ProfileId::Huawei, sh(6, 9, 29)), FiveDays::Inside);
        assert_eq!(window(ProfileId::Huawei, sh(6, 9, 30)), FiveDays::Outside);
        assert_eq!(window(ProfileId::Aliyun, sh(6, 9, 30)), FiveDays::Inside);
        assert_eq!(window(ProfileId::Aliyun, sh(6, 20, 0)), FiveDays::Unclear);
        assert_eq!(window(ProfileId::Aliyun, sh(7, 0, 0)), FiveDays::Outside);
    }
}
