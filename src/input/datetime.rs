//! Dates and times: `2026-03-01`, `2026/3/1 14:00`, `2026年3月1日下午2点`,
//! `3月1日`, RFC 3339. Without an offset the text means Asia/Shanghai time.

use std::sync::LazyLock;

use chrono::{
    DateTime, Datelike, FixedOffset, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone, Utc,
};
use chrono_tz::{Asia::Shanghai, Tz};
use regex::{Captures, Regex};

use super::text::normalize;

fn re(pattern: &str) -> Regex {
    // The patterns are constants covered by the tests, never user text.
    Regex::new(pattern).unwrap_or_else(|e| panic!("bad built-in pattern {pattern}: {e}"))
}

static NUMERIC_DATE: LazyLock<Regex> =
    LazyLock::new(|| re(r"^([0-9]{4})([-/.])([0-9]{1,2})([-/.])([0-9]{1,2})"));
static CHINESE_DATE: LazyLock<Regex> =
    LazyLock::new(|| re(r"^([0-9]{4})\s*年\s*([0-9]{1,2})\s*月\s*([0-9]{1,2})(?:\s*([日号號]))?"));
static MONTH_DAY: LazyLock<Regex> =
    LazyLock::new(|| re(r"^([0-9]{1,2})\s*月\s*([0-9]{1,2})(?:\s*([日号號]))?"));
const PERIOD: &str = r"(上午|早上|早晨|凌晨|中午|下午|傍晚|晚上)?";
static CLOCK_TIME: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)^{PERIOD}\s*([0-9]{{1,2}}):([0-9]{{2}})(?::([0-9]{{2}})(?:[.,]([0-9]{{1,9}}))?)?\s*(am|pm)?\s*(z|[+-][0-9]{{2}}(?::?[0-9]{{2}})?)?$"
    ))
});
static CHINESE_TIME: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"^{PERIOD}\s*([0-9]{{1,2}})\s*[点點时時]\s*(?:(半)|([0-9]{{1,2}})\s*分?)?\s*(?:([0-9]{{1,2}})\s*秒)?\s*整?$"
    ))
});
static NOON: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)^(?:at\s+)?(?:中午|正午|noon|midday)$"));
static AM_PM_TIME: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)^([0-9]{1,2})\s*(am|pm)$"));

/// Why some text is not a usable date/time.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DateError {
    #[error("no recognisable date")]
    Unrecognised,
    #[error("{year}-{month}-{day} is not a calendar date")]
    InvalidDate { year: i32, month: u32, day: u32 },
    #[error("`{time}` is not a valid time of day")]
    InvalidTime { time: String },
    #[error("{at} is in the future")]
    InFuture { at: DateTime<Utc> },
    #[error("{date} is outside {earliest} to {latest}")]
    OutOfRange {
        date: NaiveDate,
        earliest: NaiveDate,
        latest: NaiveDate,
    },
}

impl DateError {
    /// Stable template key for the user-facing message.
    pub fn key(&self) -> &'static str {
        match self {
            DateError::Unrecognised => "input.date.unrecognised",
            DateError::InvalidDate { .. } => "input.date.invalid_date",
            DateError::InvalidTime { .. } => "input.date.invalid_time",
            DateError::InFuture { .. } => "input.date.in_future",
            DateError::OutOfRange { .. } => "input.date.out_of_range",
        }
    }

    /// Values the message template may use. `at` is Shanghai local time.
    pub fn params(&self) -> Vec<(&'static str, String)> {
        match self {
            DateError::Unrecognised => Vec::new(),
            DateError::InvalidDate { year, month, day } => vec![
                ("year", year.to_string()),
                ("month", month.to_string()),
                ("day", day.to_string()),
            ],
            DateError::InvalidTime { time } => vec![("time", time.clone())],
            DateError::InFuture { at } => {
                let local = shanghai_naive(*at).unwrap_or(at.naive_utc());
                vec![("at", local.format("%Y-%m-%d %H:%M").to_string())]
            }
            DateError::OutOfRange {
                date,
                earliest,
                latest,
            } => vec![
                ("date", date.format("%Y-%m-%d").to_string()),
                ("earliest", earliest.format("%Y-%m-%d").to_string()),
                ("latest", latest.format("%Y-%m-%d").to_string()),
            ],
        }
    }
}

/// The same instant on the Asia/Shanghai clock.
pub fn shanghai(dt: DateTime<Utc>) -> DateTime<Tz> {
    dt.with_timezone(&Shanghai)
}

/// The Shanghai wall-clock reading of `dt`, or `None` at the very edge of
/// chrono's range (where `shanghai(dt).naive_local()` would panic).
pub(crate) fn shanghai_naive(dt: DateTime<Utc>) -> Option<NaiveDateTime> {
    let offset = Shanghai.offset_from_utc_datetime(&dt.naive_utc()).fix();
    dt.naive_utc().checked_add_offset(offset)
}

/// Parses a date with an optional time of day. A date alone means 00:00
/// Shanghai time; a month and day without a year (`3月1日`) means the most
/// recent such date not after `now`'s Shanghai date.
pub fn parse_datetime(text: &str, now: DateTime<Utc>) -> Result<DateTime<Utc>, DateError> {
    let s = normalize(text);
    let today = shanghai_naive(now).map_or(now.date_naive(), |t| t.date());
    let (date, rest) = parse_date(&s, today)?;
    let (time, offset) = parse_time(rest)?.unwrap_or((NaiveTime::MIN, None));
    let at = to_utc(date, time, offset, rest)?;
    plausible(at, today)?;
    Ok(at)
}

/// The first day a date may name: UCloud opened in 2012, so no order,
/// deletion or submission comes before it.
const EARLIEST: (i32, u32, u32) = (2012, 1, 1);
/// How many years after the current one a date may name (the longest period
/// an order can have is ten years).
const YEARS_AHEAD: i32 = 10;

/// The range of dates a refund case can involve, given today's date.
pub fn plausible_range(today: NaiveDate) -> (NaiveDate, NaiveDate) {
    let (y, m, d) = EARLIEST;
    let earliest = NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN);
    let latest = today
        .year()
        .checked_add(YEARS_AHEAD)
        .and_then(|y| NaiveDate::from_ymd_opt(y, 12, 31))
        .unwrap_or(NaiveDate::MAX)
        .max(earliest);
    (earliest, latest)
}

/// Refuses a moment whose Shanghai date is outside [`plausible_range`]: a
/// year-0 start or a deletion in 9999 is a typo, not a case.
fn plausible(at: DateTime<Utc>, today: NaiveDate) -> Result<(), DateError> {
    let (earliest, latest) = plausible_range(today);
    let date = shanghai_naive(at).map_or(at.date_naive(), |t| t.date());
    if date < earliest || date > latest {
        return Err(DateError::OutOfRange {
            date,
            earliest,
            latest,
        });
    }
    Ok(())
}

/// Like [`parse_datetime`], but refuses a moment after `now`.
/// Whether a date text also says the time of day ("3月1日 14:00" does,
/// "11月20号" does not: it is read as 00:00, and the reply says so).
pub fn says_time(text: &str) -> bool {
    let s = normalize(text);
    let today = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default();
    parse_date(&s, today).is_ok_and(|(_, rest)| matches!(parse_time(rest), Ok(Some(_))))
}

pub fn parse_past_datetime(text: &str, now: DateTime<Utc>) -> Result<DateTime<Utc>, DateError> {
    let at = parse_datetime(text, now)?;
    if at > now {
        return Err(DateError::InFuture { at });
    }
    Ok(at)
}

fn num<T: std::str::FromStr>(caps: &Captures, i: usize) -> Result<T, DateError> {
    let text = caps.get(i).map_or("", |m| m.as_str());
    text.parse().map_err(|_| DateError::Unrecognised)
}

/// Reads the date at the start of `s`; returns it and the text after it.
fn parse_date(s: &str, today: NaiveDate) -> Result<(NaiveDate, &str), DateError> {
    let (year, month, day, end, needs_separator) = if let Some(c) = NUMERIC_DATE.captures(s) {
        if c.get(2).map(|m| m.as_str()) != c.get(4).map(|m| m.as_str()) {
            return Err(DateError::Unrecognised);
        }
        (Some(num(&c, 1)?), num(&c, 3)?, num(&c, 5)?, c.get(0), true)
    } else if let Some(c) = CHINESE_DATE.captures(s) {
        let needs = c.get(4).is_none();
        (Some(num(&c, 1)?), num(&c, 2)?, num(&c, 3)?, c.get(0), needs)
    } else if let Some(c) = MONTH_DAY.captures(s) {
        (None, num(&c, 1)?, num(&c, 2)?, c.get(0), c.get(3).is_none())
    } else {
        return Err(DateError::Unrecognised);
    };
    let rest = &s[end.map_or(0, |m| m.end())..];
    let rest = match rest.strip_prefix(['T', 't']) {
        Some(after_t) => after_t,
        None if needs_separator && !rest.is_empty() && !rest.starts_with(char::is_whitespace) => {
            return Err(DateError::Unrecognised);
        }
        None => rest,
    };
    let date = match year {
        Some(year) => {
            NaiveDate::from_ymd_opt(year, month, day).ok_or(DateError::InvalidDate { year, month, day })?
        }
        None => infer_year(month, day, today)?,
    };
    Ok((date, rest.trim()))
}

/// The most recent `month`-`day` on or before `today` (looking back far
/// enough to find a 29 February).
fn infer_year(month: u32, day: u32, today: NaiveDate) -> Result<NaiveDate, DateError> {
    (0..=8)
        .filter_map(|back| NaiveDate::from_ymd_opt(today.year() - back, month, day))
        .find(|d| *d <= today)
        .ok_or(DateError::InvalidDate {
            year: today.year(),
            month,
            day,
        })
}

/// Reads the time of day (and offset) that must make up all of `rest`.
fn parse_time(rest: &str) -> Result<Option<(NaiveTime, Option<FixedOffset>)>, DateError> {
    if rest.is_empty() {
        return Ok(None);
    }
    let invalid = || DateError::InvalidTime {
        time: rest.to_string(),
    };
    let (period, hour, minute, second, nanos, offset);
    if let Some(c) = CLOCK_TIME.captures(rest) {
        let am_pm = c.get(6).map(|m| m.as_str().to_ascii_lowercase());
        period = c.get(1).map(|m| m.as_str().to_string()).or(am_pm);
        (hour, minute) = (num(&c, 2)?, num(&c, 3)?);
        second = c.get(4).map_or(Ok(0), |_| num(&c, 4))?;
        nanos = c
            .get(5)
            .map_or(Ok(0), |m| num(&c, 5).map(|n: u32| pad_nanos(n, m.len())))?;
        offset = match c.get(7) {
            Some(m) => Some(parse_offset(m.as_str()).ok_or_else(invalid)?),
            None => None,
        };
    } else if let Some(c) = CHINESE_TIME.captures(rest) {
        period = c.get(1).map(|m| m.as_str().to_string());
        hour = num(&c, 2)?;
        minute = match (c.get(3), c.get(4)) {
            (Some(_), _) => 30,
            (None, Some(_)) => num(&c, 4)?,
            (None, None) => 0,
        };
        second = c.get(5).map_or(Ok(0), |_| num(&c, 5))?;
        (nanos, offset) = (0, None);
    } else if let Some(c) = AM_PM_TIME.captures(rest) {
        period = c.get(2).map(|m| m.as_str().to_ascii_lowercase());
        hour = num(&c, 1)?;
        (minute, second, nanos, offset) = (0, 0, 0, None);
    } else if NOON.is_match(rest) {
        // "11月20日中午", "nov 20 at noon": 12:00.
        period = None;
        (hour, minute, second, nanos, offset) = (12, 0, 0, 0, None);
    } else {
        return Err(DateError::Unrecognised);
    }
    let hour = apply_period(period.as_deref(), hour).ok_or_else(invalid)?;
    let time = NaiveTime::from_hms_nano_opt(hour, minute, second, nanos).ok_or_else(invalid)?;
    Ok(Some((time, offset)))
}

/// `n` written with `digits` digits after the decimal point, in nanoseconds.
fn pad_nanos(n: u32, digits: usize) -> u32 {
    let missing = u32::try_from(9usize.saturating_sub(digits)).unwrap_or(0);
    n.saturating_mul(10u32.saturating_pow(missing))
}

/// Turns a 12-hour clock reading with 上午/下午/am/pm into 24-hour.
fn apply_period(period: Option<&str>, hour: u32) -> Option<u32> {
    match (period, hour) {
        (None, h) => Some(h),
        (Some("上午" | "早上" | "早晨" | "凌晨" | "am"), 12) => Some(0),
        (Some("上午" | "早上" | "早晨" | "凌晨" | "am"), h) if h < 12 => Some(h),
        (Some("中午"), h @ 11..=12) => Some(h),
        (Some("中午"), h @ 1..=3) => Some(h + 12),
        (Some("下午" | "傍晚" | "晚上" | "pm"), h @ 1..=11) => Some(h + 12),
        (Some("下午" | "pm"), 12) => Some(12),
        (Some("下午" | "傍晚" | "晚上"), h @ 13..=23) => Some(h),
        _ => None,
    }
}

/// `Z`, `+08:00`, `+0800` or `+08`.
fn parse_offset(text: &str) -> Option<FixedOffset> {
    if text.eq_ignore_ascii_case("z") {
        return FixedOffset::east_opt(0);
    }
    let sign = if text.starts_with('-') { -1 } else { 1 };
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    let hours: i32 = digits.get(..2)?.parse().ok()?;
    let minutes: i32 = digits
        .get(2..)
        .filter(|m| !m.is_empty())
        .map_or(Some(0), |m| m.parse().ok())?;
    if hours > 23 || minutes > 59 {
        return None;
    }
    FixedOffset::east_opt(sign * (hours * 3600 + minutes * 60))
}

fn to_utc(
    date: NaiveDate,
    time: NaiveTime,
    offset: Option<FixedOffset>,
    time_text: &str,
) -> Result<DateTime<Utc>, DateError> {
    let local = date.and_time(time);
    let result = match offset {
        Some(fixed) => fixed.from_local_datetime(&local).map(|t| t.with_timezone(&Utc)),
        None => Shanghai
            .from_local_datetime(&local)
            .map(|t| t.with_timezone(&Utc)),
    };
    match result {
        LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => Ok(t),
        LocalResult::None => Err(DateError::InvalidTime {
            time: time_text.to_string(),
        }),
    }
}

#[cfg(test)]
#[path = "datetime_tests.rs"]
pub(crate) mod tests;
