//! Lengths of a subscription period: `1 个月`, `两年`, `半年`, `30 天`,
//! `3 months`, `1y`.

use std::sync::LazyLock;

use chrono::{DateTime, LocalResult, Months, TimeDelta, TimeZone, Utc};
use chrono_tz::Asia::Shanghai;
use regex::Regex;
use serde::{Deserialize, Serialize};

use super::datetime::shanghai_naive;
use super::text::normalize;

/// Longest accepted period: ten years, however it is written.
const MAX_YEARS: u32 = 10;
const MAX_MONTHS: u32 = MAX_YEARS * 12;
const MAX_DAYS: u32 = 3650;
const MAX_HOURS: u32 = MAX_DAYS * 24;

static PERIOD: LazyLock<Regex> = LazyLock::new(|| {
    // The pattern is a constant covered by the tests, never user text.
    Regex::new(r"^([0-9]+|[零〇一二两兩三四五六七八九十]+|半)\s*([个個])?\s*([^0-9\s]+?)\s*(半)?$")
        .unwrap_or_else(|e| panic!("bad built-in pattern: {e}"))
});

/// A period length as the user wrote it; months and years are calendar
/// months and years on the Shanghai clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PeriodLen {
    Hours(u32),
    Days(u32),
    Months(u32),
    Years(u32),
}

/// Why some text is not a period length.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PeriodError {
    #[error("no period given")]
    Empty,
    #[error("not a period length")]
    Unrecognised,
    #[error("`{count}` with a bare 月/m could be a date or minutes, not a length")]
    Ambiguous { count: u32 },
    #[error("period is zero")]
    Zero,
    #[error("period longer than {limit} {unit}")]
    TooLong { limit: u32, unit: &'static str },
}

impl PeriodError {
    /// Stable template key for the user-facing message.
    pub fn key(&self) -> &'static str {
        match self {
            PeriodError::Empty => "input.period.empty",
            PeriodError::Unrecognised => "input.period.unrecognised",
            PeriodError::Ambiguous { .. } => "input.period.ambiguous",
            PeriodError::Zero => "input.period.zero",
            PeriodError::TooLong { .. } => "input.period.too_long",
        }
    }

    /// Values the message template may use. `unit` is one of `hours`,
    /// `days`, `months`, `years`.
    pub fn params(&self) -> Vec<(&'static str, String)> {
        match self {
            PeriodError::Ambiguous { count } => vec![("count", count.to_string())],
            PeriodError::TooLong { limit, unit } => {
                vec![("limit", limit.to_string()), ("unit", unit.to_string())]
            }
            _ => Vec::new(),
        }
    }
}

#[derive(Clone, Copy)]
enum Unit {
    Hours,
    Days,
    Weeks,
    Months,
    Years,
}

fn unit(word: &str, has_ge: bool) -> Option<Unit> {
    Some(match word {
        "小时" | "小時" | "钟头" | "鐘頭" | "h" | "hr" | "hrs" | "hour" | "hours" => Unit::Hours,
        "天" | "d" | "day" | "days" => Unit::Days,
        "周" | "週" | "星期" | "礼拜" | "w" | "wk" | "wks" | "week" | "weeks" => Unit::Weeks,
        "月" if has_ge => Unit::Months,
        "mo" | "mos" | "mon" | "mons" | "mth" | "mths" | "month" | "months" => Unit::Months,
        "年" | "y" | "yr" | "yrs" | "year" | "years" => Unit::Years,
        _ => return None,
    })
}

/// Parses a period length. A bare `1月` or `3m` is refused as ambiguous
/// (a date, or minutes); weeks become days; `一年半` becomes 18 months.
pub fn parse_period(text: &str) -> Result<PeriodLen, PeriodError> {
    let s = normalize(text).to_lowercase();
    if s.is_empty() {
        return Err(PeriodError::Empty);
    }
    let caps = PERIOD.captures(&s).ok_or(PeriodError::Unrecognised)?;
    let number = caps.get(1).map_or("", |m| m.as_str());
    let word = caps.get(3).map_or("", |m| m.as_str());
    let and_a_half = caps.get(4).is_some();
    let has_ge = caps.get(2).is_some();
    let unit = match unit(word, has_ge) {
        Some(u) => u,
        None if matches!(word, "月" | "m") => {
            let count = parse_count(number).ok_or(PeriodError::Unrecognised)?;
            return Err(PeriodError::Ambiguous { count });
        }
        None => return Err(PeriodError::Unrecognised),
    };
    if number == "半" {
        return match (unit, and_a_half) {
            (Unit::Years, false) => Ok(PeriodLen::Months(6)),
            _ => Err(PeriodError::Unrecognised),
        };
    }
    let count = match parse_count(number) {
        Some(n) => n,
        // Only digits can be too long for `u32`.
        None if number.bytes().all(|b| b.is_ascii_digit()) => u32::MAX,
        None => return Err(PeriodError::Unrecognised),
    };
    let period = match (unit, and_a_half) {
        (Unit::Years, true) => PeriodLen::Months(count.saturating_mul(12).saturating_add(6)),
        (_, true) => return Err(PeriodError::Unrecognised),
        (Unit::Hours, false) => PeriodLen::Hours(count),
        (Unit::Days, false) => PeriodLen::Days(count),
        (Unit::Weeks, false) => PeriodLen::Days(count.saturating_mul(7)),
        (Unit::Months, false) => PeriodLen::Months(count),
        (Unit::Years, false) => PeriodLen::Years(count),
    };
    check_range(period)
}

fn check_range(period: PeriodLen) -> Result<PeriodLen, PeriodError> {
    let (n, limit, unit) = match period {
        PeriodLen::Hours(n) => (n, MAX_HOURS, "hours"),
        PeriodLen::Days(n) => (n, MAX_DAYS, "days"),
        PeriodLen::Months(n) => (n, MAX_MONTHS, "months"),
        PeriodLen::Years(n) => (n, MAX_YEARS, "years"),
    };
    match n {
        0 => Err(PeriodError::Zero),
        n if n > limit => Err(PeriodError::TooLong { limit, unit }),
        _ => Ok(period),
    }
}

/// ASCII digits, or a Chinese numeral from 零 to 九十九.
/// A count in digits or Chinese numerals up to ninety-nine ("12", "十二").
pub(crate) fn parse_count(text: &str) -> Option<u32> {
    if text.bytes().all(|b| b.is_ascii_digit()) {
        return text.parse().ok();
    }
    let digit = |c: char| -> Option<u32> {
        Some(match c {
            '零' | '〇' => 0,
            '一' => 1,
            '二' | '两' | '兩' => 2,
            '三' => 3,
            '四' => 4,
            '五' => 5,
            '六' => 6,
            '七' => 7,
            '八' => 8,
            '九' => 9,
            _ => return None,
        })
    };
    let chars: Vec<char> = text.chars().collect();
    match chars.as_slice() {
        ['十'] => Some(10),
        [d] => digit(*d),
        ['十', u] => Some(10 + digit(*u)?),
        [t, '十'] => Some(10 * digit(*t)?),
        [t, '十', u] => Some(10 * digit(*t)? + digit(*u)?),
        _ => None,
    }
}

impl PeriodLen {
    /// When a period of this length starting at `start` ends. Months and
    /// years are added on the Shanghai calendar, clamping to the month's
    /// last day (31 Jan + 1 month = 28/29 Feb); hours and days are 3600 s ×
    /// 1 or 24 each. `None` only if the result is out of chrono's range.
    pub fn end_from(&self, start: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let months = match *self {
            PeriodLen::Hours(n) => {
                return start.checked_add_signed(TimeDelta::try_hours(n.into())?);
            }
            PeriodLen::Days(n) => return start.checked_add_signed(TimeDelta::try_days(n.into())?),
            PeriodLen::Months(n) => n,
            PeriodLen::Years(n) => n.checked_mul(12)?,
        };
        let local = shanghai_naive(start)?;
        let end = local.checked_add_months(Months::new(months))?;
        match Shanghai.from_local_datetime(&end) {
            LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => Some(t.with_timezone(&Utc)),
            LocalResult::None => None,
        }
    }
}

#[cfg(test)]
#[path = "period_tests.rs"]
pub(crate) mod tests;
