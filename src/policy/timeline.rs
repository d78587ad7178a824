//! Timelines in working days: the review window, the withdrawal paths, and
//! whether a case is on time, due or overdue.

use super::calendar::Calendar;
use super::profile::Profile;
use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Asia::Shanghai;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The Shanghai calendar date of a moment.
pub fn local_date(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&Shanghai).date_naive()
}

/// A span of working days counted from a start date (the start not counted).
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub struct Window {
    pub from: NaiveDate,
    pub min_days: u32,
    pub max_days: u32,
    pub earliest: NaiveDate,
    pub latest: NaiveDate,
}

impl Window {
    pub fn new(cal: &Calendar, from: NaiveDate, [min_days, max_days]: [u32; 2]) -> Window {
        Window {
            from,
            min_days,
            max_days,
            earliest: cal.add_working_days(from, min_days),
            latest: cal.add_working_days(from, max_days),
        }
    }
}

/// The quick-withdrawal path (who qualifies is in the template).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct QuickWithdrawal {
    pub hours: u32,
    #[serde(with = "rust_decimal::serde::str")]
    pub limit: Decimal,
    pub per_day: u32,
}

/// When things happen after a refund is asked for.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Timeline {
    pub submitted: DateTime<Utc>,
    /// A review is needed only when the refund is requested from support.
    pub review: Option<Window>,
    pub complex: bool,
    /// The deletion refund reaches the UCloud balance at once: this day.
    pub balance_on: NaiveDate,
    pub quick: QuickWithdrawal,
    pub offline: Window,
    /// Years the windows touch that have no holiday data (Monday–Friday assumed).
    pub fallback_years: Vec<i32>,
}

/// The timeline of a refund: the resource deleted at `deleted`, the request
/// (or the withdrawal) made at `submitted`. A deletion refund reaches the
/// balance the day of the deletion; a requested one when its review ends.
pub fn timeline(
    cal: &Calendar,
    profile: &Profile,
    deleted: DateTime<Utc>,
    submitted: DateTime<Utc>,
    requested: bool,
    complex: bool,
) -> Timeline {
    let day = local_date(submitted);
    let span = if complex {
        profile.review.complex
    } else {
        profile.review.simple
    };
    let review = requested.then(|| Window::new(cal, day, span));
    let balance_on = review.map_or(local_date(deleted), |r| r.latest);
    let offline = Window::new(cal, balance_on.max(day), profile.withdrawal.offline);
    let fallback_years = cal.years_without_data(day, offline.latest);
    Timeline {
        submitted,
        review,
        complex,
        balance_on,
        quick: QuickWithdrawal {
            hours: profile.withdrawal.quick_hours,
            limit: profile.withdrawal.quick_limit,
            per_day: profile.withdrawal.quick_per_day,
        },
        offline,
        fallback_years,
    }
}

/// Where a case stands against its window on a given day.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Progress {
    /// Before the earliest expected day: `left` working days to the latest.
    OnTime { left: i64 },
    /// Within the window: an answer may come any day; `left` to the latest.
    Due { left: i64 },
    /// Past the latest day by `by` working days.
    Overdue { by: i64 },
}

pub fn progress(cal: &Calendar, window: &Window, now: DateTime<Utc>) -> Progress {
    let today = local_date(now);
    if today < window.earliest {
        Progress::OnTime {
            left: cal.working_days_between(today, window.latest),
        }
    } else if today <= window.latest {
        Progress::Due {
            left: cal.working_days_between(today, window.latest),
        }
    } else {
        Progress::Overdue {
            by: cal.working_days_between(window.latest, today),
        }
    }
}
