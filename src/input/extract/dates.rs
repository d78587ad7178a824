//! Dates and times in a sentence: the absolute forms the date parser reads
//! (2026-03-01, 2026/3/1 14:00, 2026年3月1日, 3月1日), 3/1, March 1, the
//! 11th, and the relative ones of [`crate::input::relative`], each with an
//! optional time of day after it. A date without a year is kept as such
//! until its role is known ([`resolve`]).

use std::ops::Range;

use chrono::{DateTime, Datelike, Months, NaiveDate, TimeDelta, Utc, Weekday};

use super::facts::When;
use super::span::{Text, head, tail};
use super::words::{DateRole, Tag, VOCABULARY};
use crate::input::datetime::{parse_datetime, shanghai};
use crate::input::period::{PeriodLen, parse_period};
use crate::input::relative::{Relative, find_relative};

/// A date found in the text, before its role is known.
#[derive(Debug, Clone)]
pub(super) struct DateHit {
    pub(super) at: Range<usize>,
    pub(super) value: DateValue,
}

#[derive(Debug, Clone)]
pub(super) enum DateValue {
    /// The text fixed the moment.
    Exact(When),
    /// No year (and maybe no month) given: resolved against the role.
    Partial {
        month: Option<u32>,
        day: u32,
        time: Option<String>,
    },
    /// A day of the week without its week ("周五删", "on Monday").
    Weekday { day: Weekday, time: Option<String> },
}

use super::date_patterns::*;

fn digit_at(s: &str, i: usize) -> bool {
    s.as_bytes().get(i).is_some_and(u8::is_ascii_digit)
}

/// A date the parser reads, at `y-m-d` plus `time`.
fn exact(y: i32, m: u32, d: u32, time: Option<&str>, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let text = format!("{y:04}-{m:02}-{d:02} {}", time.unwrap_or_default());
    parse_datetime(text.trim(), now).ok()
}

/// A date as written: where, and the year, month and day given.
type Written = (Range<usize>, Option<i32>, Option<u32>, u32);

/// Every date in `text`, left to right; marks each one read.
/// Words before 今天 / today that make it "so far" ("到今天还没到账") or
/// deny it ("我不是今天退订的").
const UNTIL_NOW: [&str; 9] = [
    "到",
    "截至",
    "截止",
    "直到",
    "until",
    "as of",
    "不是",
    "没有在",
    "没在",
];

pub(super) fn find_dates(text: &mut Text, now: DateTime<Utc>) -> Vec<DateHit> {
    let mut raw: Vec<Written> = Vec::new();
    let claim = |text: &mut Text, at: Range<usize>, y, m, d, raw: &mut Vec<_>| {
        if text.is_free(&at) {
            text.take(&at);
            raw.push((at, y, m, d));
        }
    };
    let s = text.masked();
    for c in NUMERIC.captures_iter(&s) {
        let (Some(all), Some(a), Some(b)) = (c.get(0), c.get(2), c.get(4)) else {
            continue;
        };
        if a.as_str() != b.as_str()
            || digit_at(&s, all.end())
            || (all.start() > 0 && digit_at(&s, all.start() - 1))
        {
            continue;
        }
        let n = |i| c.get(i).and_then(|m| m.as_str().parse().ok());
        if let (Some(y), Some(m), Some(d)) = (n(1), n(3), n(5)) {
            claim(text, all.range(), i32::try_from(y).ok(), Some(m), d, &mut raw);
        }
    }
    let s = text.masked();
    for c in CHINESE.captures_iter(&s) {
        let Some(all) = c.get(0) else { continue };
        // "3月12" is no 3月1 before a 2; "11月1日10:00" is a day and its time.
        let closed = all.as_str().ends_with(['日', '号', '號']);
        if (!closed && digit_at(&s, all.end())) || (all.start() > 0 && digit_at(&s, all.start() - 1)) {
            continue;
        }
        // "12月 30天" is a month and a length, not 30 December.
        let unit_after = !all.as_str().ends_with(['日', '号', '號'])
            && s[all.end()..]
                .trim_start()
                .starts_with(['天', '个', '元', '块', '小', '台', '周', '年', '月']);
        if unit_after {
            continue;
        }
        let n = |i| {
            c.get(i)
                .and_then(|m| i32::try_from(crate::input::period::parse_count(m.as_str())?).ok())
        };
        let this_year = shanghai(now).year();
        let year = n(1).or_else(|| {
            let offset = match c.get(2)?.as_str() {
                "前年" => -2,
                "去年" => -1,
                "今年" => 0,
                "明年" => 1,
                _ => 2,
            };
            Some(this_year + offset)
        });
        let (m, d) = (
            n(3).and_then(|m| u32::try_from(m).ok()),
            n(4).or(n(5)).and_then(|d| u32::try_from(d).ok()),
        );
        if let (Some(m), Some(d)) = (m, d) {
            claim(text, all.range(), year, Some(m), d, &mut raw);
        }
    }
    let s = text.masked();
    for c in EN_MONTH_DAY
        .captures_iter(&s)
        .chain(EN_DAY_MONTH.captures_iter(&s))
    {
        let Some(all) = c.get(0) else { continue };
        let (month, day) = match (c.get(1), c.get(2)) {
            (Some(a), Some(b)) if a.as_str().starts_with(|ch: char| ch.is_ascii_digit()) => (b, a),
            (Some(a), Some(b)) => (a, b),
            _ => continue,
        };
        let (Some(m), Ok(d)) = (month_number(month.as_str()), day.as_str().parse()) else {
            continue;
        };
        // "3 dec 20:00": the 20 is the hour, not the day.
        if s[all.end()..].starts_with(':') {
            continue;
        }
        let y = c.get(3).and_then(|y| y.as_str().parse().ok());
        claim(text, all.range(), y, Some(m), d, &mut raw);
    }
    let s = text.masked();
    for c in SLASH.captures_iter(&s) {
        let Some(all) = c.get(0) else { continue };
        let around = |i: usize| {
            s.as_bytes()
                .get(i)
                .is_some_and(|b| b.is_ascii_digit() || *b == b'/' || *b == b'.')
        };
        if around(all.end()) || (all.start() > 0 && around(all.start() - 1)) {
            continue;
        }
        let n = |i| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
        let year = n(3).and_then(|y| i32::try_from(y).ok());
        // Month first, as in 3/1 and the American 03/01/2026; day first
        // only when the first number cannot be a month (13/3/2026).
        match (n(1), n(2)) {
            (Some(m @ 1..=12), Some(d @ 1..=31)) => claim(text, all.range(), year, Some(m), d, &mut raw),
            (Some(d @ 13..=31), Some(m @ 1..=12)) => claim(text, all.range(), year, Some(m), d, &mut raw),
            _ => {}
        }
    }
    let s = text.masked();
    for c in DOTTED.captures_iter(&s) {
        let Some(all) = c.get(0) else { continue };
        let glued = |i: usize| {
            s.as_bytes()
                .get(i)
                .is_some_and(|b| b.is_ascii_digit() || *b == b'.' || *b == b'-')
        };
        let after = s[all.end()..].trim_start_matches([' ', '的']);
        let after = DAY_PART
            .iter()
            .find_map(|p| after.strip_prefix(p))
            .unwrap_or(after);
        let before_role = VOCABULARY
            .find(head(after, 24).trim_start_matches([' ', '的']))
            .first()
            .is_some_and(|w| w.at.start == 0 && matches!(w.tag, Tag::Date(_)));
        // "11-26 在控制台删的": a place between the day and its role word.
        let near = head(after, 24);
        let placed = after.starts_with('在')
            && VOCABULARY.find(near).iter().any(|w| {
                matches!(w.tag, Tag::Date(_)) && !near[..w.at.start].contains(['，', '。', ',', '；'])
            });
        // "到期12-01": its role word right before it.
        let lead = tail(s[..all.start()].trim_end(), 12);
        let after_role = VOCABULARY
            .find(lead)
            .last()
            .is_some_and(|w| w.at.end == lead.len() && matches!(w.tag, Tag::Date(_)));
        if glued(all.end())
            || (all.start() > 0 && glued(all.start() - 1))
            || !(before_role || placed || after_role)
        {
            continue;
        }
        let n = |i| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
        if let (Some(m @ 1..=12), Some(d @ 1..=31)) = (n(1), n(2)) {
            claim(text, all.range(), None, Some(m), d, &mut raw);
        }
    }
    let s = text.masked();
    let today = shanghai(now).date_naive();
    let mut hits = Vec::new();
    for (at, rel) in find_relative(&s, now, today) {
        if !text.is_free(&at) {
            continue;
        }
        text.take(&at);
        // "到今天还没到账", "as of today": how long it has been, no date of the case.
        let before = s[..at.start].trim_end();
        if UNTIL_NOW.iter().any(|w| before.ends_with(w)) {
            continue;
        }
        let (at, time) = with_time(text, at, now);
        let when = match rel {
            Relative::Day(d) => exact(d.year(), d.month(), d.day(), time.as_deref(), now).map(|t| When {
                at: t,
                has_time: time.is_some(),
                year_inferred: false,
                planned: false,
            }),
            Relative::Moment(t) => Some(When {
                at: t,
                has_time: true,
                year_inferred: false,
                planned: false,
            }),
            Relative::Weekday(day) => {
                hits.push(DateHit {
                    at,
                    value: DateValue::Weekday { day, time },
                });
                continue;
            }
        };
        hits.extend(when.map(|w| DateHit {
            at,
            value: DateValue::Exact(w),
        }));
    }
    let s = text.masked();
    for c in DAY_ONLY.captures_iter(&s) {
        let (Some(all), Some(d)) = (c.get(0), c.get(1).or(c.get(2))) else {
            continue;
        };
        if all.start() > 0 && digit_at(&s, all.start() - 1) {
            continue;
        }
        if let Some(d @ 1..=31) = crate::input::period::parse_count(d.as_str()) {
            claim(text, all.range(), None, None, d, &mut raw);
        }
    }
    for (at, y, m, d) in raw {
        let (at, time) = with_time(text, at, now);
        let value = match (y, m) {
            (Some(y), Some(m)) => match exact(y, m, d, time.as_deref(), now) {
                Some(t) => DateValue::Exact(When {
                    at: t,
                    has_time: time.is_some(),
                    year_inferred: false,
                    planned: false,
                }),
                None => continue,
            },
            (_, month) => DateValue::Partial { month, day: d, time },
        };
        hits.push(DateHit { at, value });
    }
    hits.sort_by_key(|h| h.at.start);
    hits
}

/// Extends a date's range over a time of day written right after it.
fn with_time(text: &mut Text, at: Range<usize>, now: DateTime<Utc>) -> (Range<usize>, Option<String>) {
    // "删除时间改回今天现在": today at this moment, not at midnight.
    let rest = text.norm.get(at.end..).unwrap_or_default();
    let lead = rest.len() - rest.trim_start().len();
    if let Some(w) = ["现在", "此刻", "right now"]
        .iter()
        .find(|w| rest[lead..].starts_with(**w))
    {
        let end = at.end + lead + w.len();
        if text.is_free(&(at.end..end)) {
            text.take(&(at.end..end));
            return (at.start..end, Some(shanghai(now).format("%H:%M").to_string()));
        }
    }
    let s = &text.norm;
    let Some(c) = s.get(at.end..).and_then(|rest| AFTER.captures(rest)) else {
        return (at, None);
    };
    let (Some(all), Some(time)) = (c.get(0), c.get(1)) else {
        return (at, None);
    };
    // "下午两点": the time parser reads digits; the period parser reads the numeral.
    let time = HOUR_NUMERAL.replace(time.as_str(), |n: &regex::Captures| {
        match parse_period(&format!("{}天", &n[0])) {
            Ok(PeriodLen::Days(h)) => h.to_string(),
            _ => n[0].to_string(),
        }
    });
    let end = at.end + all.end();
    // A time is a time only if the parser reads it ("25:00" is not).
    let probe = format!("{} {time}", shanghai(now).date_naive());
    let free = text.is_free(&(at.end..end));
    if !free || digit_at(s, end) || parse_datetime(&probe, now).is_err() {
        return (at, None);
    }
    let time = time.into_owned();
    // "12月1号买的，下午3点": the role word between stays free for its day.
    let from = at.end + c.get(1).map_or(0, |m| m.start());
    if super::date_patterns::ROLE_BEFORE_TIME
        .iter()
        .any(|w| s[at.end..from].contains(w))
    {
        text.take(&(from..end));
        return (at, Some(time));
    }
    text.take(&(at.end..end));
    (at.start..end, Some(time))
}

/// Every `day` of `month` (or of any month) from two years back to a year
/// ahead of `today`.
fn days_of(today: NaiveDate, month: Option<u32>, day: u32) -> Option<Vec<NaiveDate>> {
    let first = today.with_day(1)?;
    Some(
        (-24..=12i32)
            .filter_map(|k| {
                let base = if k < 0 {
                    first.checked_sub_months(Months::new(k.unsigned_abs()))?
                } else {
                    first.checked_add_months(Months::new(k.unsigned_abs()))?
                };
                if month.is_some_and(|m| m != base.month()) {
                    return None;
                }
                base.with_day(day)
            })
            .collect(),
    )
}

/// Chooses the year (and month) of a partial date for its role: a purchase
/// or submission is not in the future and not before `not_before`; an end
/// or deletion follows `not_before` when given, else is the nearest to today.
pub(super) fn resolve(
    value: &DateValue,
    role: DateRole,
    not_before: Option<NaiveDate>,
    now: DateTime<Utc>,
) -> Option<When> {
    let today = shanghai(now).date_naive();
    let (candidates, time, weekday): (Vec<NaiveDate>, _, _) = match value {
        DateValue::Exact(w) => return Some(*w),
        DateValue::Partial { month, day, time } => (days_of(today, *month, *day)?, time.as_deref(), false),
        DateValue::Weekday { day, time } => {
            let days = (-14..=14)
                .filter_map(|k| today.checked_add_signed(TimeDelta::try_days(k)?))
                .filter(|d| d.weekday() == *day)
                .collect();
            (days, time.as_deref(), true)
        }
    };
    let candidates: Vec<NaiveDate> = candidates
        .into_iter()
        .filter(|d| not_before.is_none_or(|nb| *d >= nb))
        .collect();
    let chosen = match role {
        DateRole::Start | DateRole::Submit | DateRole::Withdraw | DateRole::Answered => {
            candidates.iter().rev().find(|d| **d <= today).copied()
        }
        // A weekday is always the nearest one; a date, the first after the start.
        DateRole::End | DateRole::Delete if not_before.is_some() && !weekday => candidates.first().copied(),
        DateRole::End | DateRole::Delete => candidates
            .iter()
            .min_by_key(|d| ((**d - today).num_days().abs(), **d < today))
            .copied(),
    }?;
    let at = exact(chosen.year(), chosen.month(), chosen.day(), time, now)?;
    Some(When {
        at,
        has_time: time.is_some(),
        year_inferred: true,
        planned: false,
    })
}
