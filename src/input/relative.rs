//! Dates written relative to today: 今天, 昨天, 前天, 上周三, 3天前,
//! 上个月15号, yesterday, 10 days ago, last Wednesday. Read on the Shanghai
//! calendar; the caller gives today's Shanghai date and the current instant.

use std::ops::Range;
use std::sync::LazyLock;

use chrono::{DateTime, Datelike, Days, Months, NaiveDate, TimeDelta, Utc, Weekday};
use regex::Regex;

use super::period::{PeriodLen, parse_period};

/// A date found in the text, an instant for "3 hours ago", or a day of the
/// week without a week ("周五", "on Monday"), which its role places.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Relative {
    Day(NaiveDate),
    Moment(DateTime<Utc>),
    Weekday(Weekday),
}

fn re(pattern: &str) -> Regex {
    // Constant patterns, covered by the tests below.
    Regex::new(pattern).unwrap_or_else(|e| panic!("bad built-in pattern {pattern}: {e}"))
}

const NUMBER: &str = r"[0-9]+|[零〇一二两兩三四五六七八九十半]+";
const EN_NUMBER: &str = r"[0-9]+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve";
const EN_WEEKDAY: &str = r"mon|tue|wed|thu|fri|sat|sun";

static DAY_WORD: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?-u:\b)(?:at\s+)?midnight tonight(?-u:\b)|(?-u:\b)tonight at midnight(?-u:\b)|今晚(?:12|十二|24|二十四|零)点|今天(?:24|二十四)点|(?-u:\b)the day before yesterday(?-u:\b)|(?-u:\b)the day after tomorrow(?-u:\b)|(?-u:\b)(?:today|tonight|yesterday|tomorrow)(?-u:\b)|今天|今日|今晚|昨天|昨日|昨晚|前天|明天|明日|后天",
    )
});
static AGO_ZH: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"({NUMBER})\s*(个|個)?\s*(分钟|分鐘|小时|小時|天|日|周|週|星期|礼拜|月|年)\s*(?:之前|以前|前|了)"
    ))
});
static AGO_EN: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?-u:\b)({EN_NUMBER})\s+(minutes?|mins?|hours?|days?|weeks?|months?|years?)\s+ago(?-u:\b)"
    ))
});
static WEEK_ZH: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(上上|上|这|這|本|下)\s*(?:个|個)?\s*(?:周|週|星期|礼拜|禮拜)\s*([一二三四五六日天1-7])")
});
static WEEK_EN: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?-u:\b)(last|this|next)\s+({EN_WEEKDAY})(?:[a-z]*day|r?s)?(?-u:\b)"
    ))
});
static WEEKDAY: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?-u:\b)(?:on\s+)?(mon|tues|wednes|thurs|fri|satur|sun)day(?-u:\b)|(?-u:\b)on\s+(mon|tue|wed|thu|fri|sat|sun)\.?(?-u:\b)|(?:周|週|星期|礼拜|禮拜)([一二三四五六日天])",
    )
});
static MONTH_DAY_ZH: LazyLock<Regex> =
    LazyLock::new(|| re(r"(上|这|這|本|下)\s*(?:个|個)?\s*月\s*([0-9]{1,2})\s*[号號日]"));

fn en_count(word: &str) -> Option<&'static str> {
    Some(match word {
        "a" | "an" | "one" => "1",
        "two" => "2",
        "three" => "3",
        "four" => "4",
        "five" => "5",
        "six" => "6",
        "seven" => "7",
        "eight" => "8",
        "nine" => "9",
        "ten" => "10",
        "eleven" => "11",
        "twelve" => "12",
        _ => return None,
    })
}

fn weekday(word: &str) -> Option<Weekday> {
    Some(match word {
        "一" | "1" | "mon" => Weekday::Mon,
        "二" | "2" | "tue" => Weekday::Tue,
        "三" | "3" | "wed" => Weekday::Wed,
        "四" | "4" | "thu" => Weekday::Thu,
        "五" | "5" | "fri" => Weekday::Fri,
        "六" | "6" | "sat" => Weekday::Sat,
        "日" | "天" | "7" | "sun" => Weekday::Sun,
        _ => return None,
    })
}

/// `period` before `now` (a date for days and longer, an instant for hours).
fn before(period: PeriodLen, now: DateTime<Utc>, today: NaiveDate) -> Option<Relative> {
    Some(match period {
        PeriodLen::Hours(n) => Relative::Moment(now.checked_sub_signed(TimeDelta::try_hours(n.into())?)?),
        PeriodLen::Days(n) => Relative::Day(today.checked_sub_days(Days::new(n.into()))?),
        PeriodLen::Months(n) => Relative::Day(today.checked_sub_months(Months::new(n))?),
        PeriodLen::Years(n) => Relative::Day(today.checked_sub_months(Months::new(n.checked_mul(12)?))?),
    })
}

/// `count` (digits or a Chinese numeral) minutes before `now`.
fn minutes_before(count: &str, now: DateTime<Utc>) -> Option<Relative> {
    // The period parser reads the numeral; the unit is ours.
    let Ok(PeriodLen::Days(n)) = parse_period(&format!("{count}天")) else {
        return None;
    };
    Some(Relative::Moment(
        now.checked_sub_signed(TimeDelta::try_minutes(n.into())?)?,
    ))
}

/// The `day` of the week `weeks` weeks from the one holding `today`
/// (weeks start on Monday).
fn in_week(today: NaiveDate, weeks: i64, day: Weekday) -> Option<NaiveDate> {
    let monday = today.checked_sub_days(Days::new(today.weekday().num_days_from_monday().into()))?;
    let offset = weeks
        .checked_mul(7)?
        .checked_add(day.num_days_from_monday().into())?;
    monday.checked_add_signed(TimeDelta::try_days(offset)?)
}

/// Every relative date in `s` (normalised, lowercased text) with its byte
/// range; `today` is the Shanghai date of `now`.
pub(crate) fn find_relative(s: &str, now: DateTime<Utc>, today: NaiveDate) -> Vec<(Range<usize>, Relative)> {
    let mut found = Vec::new();
    let day = |n: i64| {
        today
            .checked_add_signed(TimeDelta::try_days(n)?)
            .map(Relative::Day)
    };
    for m in DAY_WORD.find_iter(s) {
        let offset = match m.as_str() {
            "today" | "tonight" | "今天" | "今日" | "今晚" => 0,
            "yesterday" | "昨天" | "昨日" | "昨晚" => -1,
            "the day before yesterday" | "前天" => -2,
            // "ends midnight tonight": the night's end, the next day's 00:00.
            "tomorrow" | "明天" | "明日" => 1,
            w if w.contains("midnight") || w.ends_with('点') => 1,
            _ => 2,
        };
        found.extend(day(offset).map(|d| (m.range(), d)));
    }
    for c in AGO_ZH.captures_iter(s) {
        let (Some(all), Some(n), Some(unit)) = (c.get(0), c.get(1), c.get(3)) else {
            continue;
        };
        if unit.as_str().starts_with('分') {
            found.extend(minutes_before(n.as_str(), now).map(|t| (all.range(), t)));
            continue;
        }
        // "3月前" is "before March": a bare 月 is only a length with 个.
        if unit.as_str() == "月" && c.get(2).is_none() {
            continue;
        }
        // "快3周了还没到账": about how long it has been, no day ("提现十天了" is one).
        let approx = ["快", "将近", "差不多", "大概", "都"]
            .iter()
            .any(|w| s[..all.start()].ends_with(w));
        if approx && all.as_str().ends_with('了') {
            continue;
        }
        let Ok(period) = parse_period(&format!("{}个{}", n.as_str(), unit.as_str())) else {
            continue;
        };
        found.extend(before(period, now, today).map(|d| (all.range(), d)));
    }
    for c in AGO_EN.captures_iter(s) {
        let (Some(all), Some(n), Some(unit)) = (c.get(0), c.get(1), c.get(2)) else {
            continue;
        };
        let n = en_count(n.as_str()).unwrap_or(n.as_str());
        if unit.as_str().starts_with("min") {
            found.extend(minutes_before(n, now).map(|t| (all.range(), t)));
            continue;
        }
        let Ok(period) = parse_period(&format!("{n} {}", unit.as_str())) else {
            continue;
        };
        found.extend(before(period, now, today).map(|d| (all.range(), d)));
    }
    for c in WEEK_ZH.captures_iter(s) {
        let (Some(all), Some(which), Some(d)) = (c.get(0), c.get(1), c.get(2)) else {
            continue;
        };
        let weeks = match which.as_str() {
            "上上" => -2,
            "上" => -1,
            "下" => 1,
            _ => 0,
        };
        let Some(d) = weekday(d.as_str()) else { continue };
        found.extend(in_week(today, weeks, d).map(|d| (all.range(), Relative::Day(d))));
    }
    for c in WEEK_EN.captures_iter(s) {
        let (Some(all), Some(which), Some(d)) = (c.get(0), c.get(1), c.get(2)) else {
            continue;
        };
        let Some(d) = weekday(d.as_str()) else { continue };
        let date = match which.as_str() {
            // The most recent such day before today.
            "last" => (1..=7)
                .filter_map(|back| today.checked_sub_days(Days::new(back)))
                .find(|x| x.weekday() == d),
            "this" => in_week(today, 0, d),
            _ => in_week(today, 1, d),
        };
        found.extend(date.map(|d| (all.range(), Relative::Day(d))));
    }
    for c in WEEKDAY.captures_iter(s) {
        let Some(all) = c.get(0) else { continue };
        let word = c.get(1).or(c.get(2)).or(c.get(3)).map_or("", |m| m.as_str());
        let short: String = word.chars().take(3).collect();
        found.extend(weekday(&short).map(|d| (all.range(), Relative::Weekday(d))));
    }
    for c in MONTH_DAY_ZH.captures_iter(s) {
        let (Some(all), Some(which), Some(n)) = (c.get(0), c.get(1), c.get(2)) else {
            continue;
        };
        let first = today.with_day(1);
        let month = match which.as_str() {
            "上" => first.and_then(|f| f.checked_sub_months(Months::new(1))),
            "下" => first.and_then(|f| f.checked_add_months(Months::new(1))),
            _ => first,
        };
        let date = month.and_then(|m| m.with_day(n.as_str().parse().ok()?));
        found.extend(date.map(|d| (all.range(), Relative::Day(d))));
    }
    found.sort_by_key(|(r, _)| r.start);
    found
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// Friday 2026-03-20, 10:00 Shanghai.
    fn days(s: &str) -> Vec<(String, NaiveDate)> {
        let now = Utc.with_ymd_and_hms(2026, 3, 20, 2, 0, 0).unwrap();
        find_relative(s, now, ymd(2026, 3, 20))
            .into_iter()
            .filter_map(|(r, d)| match d {
                Relative::Day(d) => Some((s[r].to_string(), d)),
                Relative::Moment(_) | Relative::Weekday(_) => None,
            })
            .collect()
    }

    #[test]
    fn day_words_in_both_languages() {
        assert_eq!(days("昨天删的"), vec![("昨天".into(), ymd(2026, 3, 19))]);
        assert_eq!(days("前天"), vec![("前天".into(), ymd(2026, 3, 18))]);
        assert_eq!(days("today"), vec![("today".into(), ymd(2026, 3, 20))]);
        let before = days("the day before yesterday");
        assert_eq!(
            before,
            vec![("the day before yesterday".into(), ymd(2026, 3, 18))]
        );
    }

    #[test]
    fn counts_ago() {
        assert_eq!(days("3天前"), vec![("3天前".into(), ymd(2026, 3, 17))]);
        assert_eq!(days("两周前"), vec![("两周前".into(), ymd(2026, 3, 6))]);
        assert_eq!(days("一个月前"), vec![("一个月前".into(), ymd(2026, 2, 20))]);
        assert_eq!(
            days("10 days ago"),
            vec![("10 days ago".into(), ymd(2026, 3, 10))]
        );
        assert_eq!(days("a week ago"), vec![("a week ago".into(), ymd(2026, 3, 13))]);
    }

    #[test]
    fn weekdays_of_this_last_and_next_week() {
        assert_eq!(days("上周三"), vec![("上周三".into(), ymd(2026, 3, 11))]);
        assert_eq!(days("这周一"), vec![("这周一".into(), ymd(2026, 3, 16))]);
        assert_eq!(days("下星期五"), vec![("下星期五".into(), ymd(2026, 3, 27))]);
        assert_eq!(
            days("last wednesday"),
            vec![("last wednesday".into(), ymd(2026, 3, 18))]
        );
        // "last month" is no Monday; "last tues", "next thurs" are days.
        assert!(days("deleted it last month").is_empty());
        assert_eq!(days("last tues").len(), 1);
        assert_eq!(days("next thurs").len(), 1);
        assert_eq!(
            days("next monday"),
            vec![("next monday".into(), ymd(2026, 3, 23))]
        );
    }

    #[test]
    fn a_day_of_last_month() {
        assert_eq!(days("上个月15号"), vec![("上个月15号".into(), ymd(2026, 2, 15))]);
        assert!(days("上个月31号").is_empty());
    }
}
