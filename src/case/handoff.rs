//! A case handed to a person: the terms the operator inbox works to (how
//! soon a reply is promised, counted in working hours of the holiday
//! calendar) and what the operator may see of the user's personal details
//! (phone numbers, ID-card numbers and street addresses masked).

use chrono::{DateTime, Duration, NaiveTime, TimeZone, Utc};
use chrono_tz::Asia::Shanghai;
use regex::Regex;
use std::sync::LazyLock;

use crate::policy::calendar::Calendar;

/// The operator's working day, Beijing time.
const OPENS: NaiveTime = NaiveTime::from_hms_opt(9, 0, 0).expect("a time");
const CLOSES: NaiveTime = NaiveTime::from_hms_opt(18, 0, 0).expect("a time");

/// What the operator inbox promises: a first reply within this many minutes
/// of working time (09:00–18:00 Beijing time on working days).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReplyWithin {
    pub minutes: u32,
}

#[derive(Debug, thiserror::Error, PartialEq)]
#[error("not a reply time: {0:?} (expected hours or minutes of working time, e.g. 4h, 90m, 1h30m)")]
pub struct BadReplyWithin(String);

impl std::str::FromStr for ReplyWithin {
    type Err = BadReplyWithin;

    /// `4h`, `90m`, `1h30m`, or a bare number of hours.
    fn from_str(s: &str) -> Result<ReplyWithin, BadReplyWithin> {
        let bad = || BadReplyWithin(s.to_owned());
        let t = s.trim().to_ascii_lowercase();
        if let Ok(h) = t.parse::<u32>() {
            return h
                .checked_mul(60)
                .map(|minutes| ReplyWithin { minutes })
                .ok_or_else(bad);
        }
        static FORM: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r"^(?:(\d{1,4})h)?\s*(?:(\d{1,5})m(?:in)?)?$").expect("a pattern"));
        let caps = FORM.captures(&t).ok_or_else(bad)?;
        let part = |i: usize| caps.get(i).map_or(Ok(0), |m| m.as_str().parse::<u32>());
        let (h, m) = (part(1).map_err(|_| bad())?, part(2).map_err(|_| bad())?);
        let minutes = h * 60 + m;
        if minutes == 0 {
            return Err(bad());
        }
        Ok(ReplyWithin { minutes })
    }
}

impl ReplyWithin {
    /// Whole hours when it is a whole number of hours (for the texts).
    pub fn hours(self) -> Option<u32> {
        self.minutes.is_multiple_of(60).then_some(self.minutes / 60)
    }

    /// When a first reply is due for a hand-off at `now`: `minutes` of
    /// working time later, skipping nights, weekends and holidays.
    pub fn due(self, cal: &Calendar, now: DateTime<Utc>) -> DateTime<Utc> {
        let mut left = Duration::minutes(i64::from(self.minutes));
        let mut at = now.with_timezone(&Shanghai).naive_local();
        // A year of days at most: every week has working days.
        for _ in 0..400 {
            let day = at.date();
            if cal.is_working_day(day) && at.time() < CLOSES {
                let start = at.max(day.and_time(OPENS));
                let room = day.and_time(CLOSES) - start;
                if left <= room {
                    let local = start + left;
                    return Shanghai
                        .from_local_datetime(&local)
                        .earliest()
                        .map_or(now + left, |t| t.with_timezone(&Utc));
                }
                left -= room;
            }
            let Some(next) = day.succ_opt() else { break };
            at = next.and_time(NaiveTime::MIN);
        }
        now + left
    }
}

static PHONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:\+?86[- ]?)?(?-u:\b)1[3-9]\d[- ]?\d{4}[- ]?\d{4}(?-u:\b)").expect("a pattern")
});
static ID_CARD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?-u:\b)\d{17}[\dXx](?-u:\b)").expect("a pattern"));
static LANDLINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?-u:\b)0\d{2,3}-\d{7,8}(?-u:\b)").expect("a pattern"));
/// A Chinese street address: a province, city or district, then a road,
/// street or village, then a number.
static ADDRESS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\p{Han}{2,}?(?:省|自治区|市|区|县)[\p{Han}\d]*?(?:路|街|道|巷|弄|村)[\p{Han}\d\-]*?\d+\s*(?:号|弄)(?:[\p{Han}\d\-]*?(?:栋|楼|室|单元|层))*")
        .expect("a pattern")
});
/// A street address in English: a number, words, then a street word.
static ADDRESS_EN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b\d+[a-z]?\s+(?:[a-z]+\s+){0,4}(?:road|rd|street|st|avenue|ave|lane|ln|boulevard|blvd)\b\.?",
    )
    .expect("a pattern")
});

/// `keep` last characters of `s` shown, the rest as `*`.
fn last(s: &str, keep: usize) -> String {
    let digits: Vec<char> = s.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
    let shown = digits.len().saturating_sub(keep);
    let tail: String = digits[shown..].iter().collect();
    format!("{}{tail}", "*".repeat(shown))
}

/// The text with phone numbers, ID-card numbers and street addresses
/// masked: numbers keep their last four digits, an address its first two
/// characters.
pub fn mask_personal(text: &str) -> String {
    let t = ID_CARD.replace_all(text, |c: &regex::Captures| last(&c[0], 4));
    let t = PHONE.replace_all(&t, |c: &regex::Captures| last(&c[0], 4));
    let t = LANDLINE.replace_all(&t, |c: &regex::Captures| last(&c[0], 4));
    let hide = |c: &regex::Captures| {
        let head: String = c[0].chars().take(2).collect();
        format!("{head}***")
    };
    let t = ADDRESS.replace_all(&t, hide);
    ADDRESS_EN.replace_all(&t, hide).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        let local = chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").expect("a time");
        Shanghai
            .from_local_datetime(&local)
            .single()
            .expect("one instant")
            .with_timezone(&Utc)
    }

    #[test]
    fn reply_times_read_as_hours_and_minutes() {
        let m = |s: &str| s.parse::<ReplyWithin>().map(|r| r.minutes);
        assert_eq!(m("4h"), Ok(240));
        assert_eq!(m("4"), Ok(240));
        assert_eq!(m("90m"), Ok(90));
        assert_eq!(m("1h30m"), Ok(90));
        assert!(m("soon").is_err() && m("0h").is_err() && m("").is_err());
    }

    #[test]
    fn a_reply_promised_on_a_friday_evening_is_due_on_monday() {
        let cal = Calendar::china();
        let four = ReplyWithin { minutes: 240 };
        // Tuesday 2026-03-10, 10:00: the same afternoon.
        assert_eq!(four.due(&cal, at("2026-03-10 10:00")), at("2026-03-10 14:00"));
        // 16:00: two hours today, two tomorrow morning.
        assert_eq!(four.due(&cal, at("2026-03-10 16:00")), at("2026-03-11 11:00"));
        // Friday 2026-03-13 at 20:00: Monday 13:00.
        assert_eq!(four.due(&cal, at("2026-03-13 20:00")), at("2026-03-16 13:00"));
    }

    #[test]
    fn the_national_day_holiday_is_not_working_time() {
        let cal = Calendar::china();
        let hour = ReplyWithin { minutes: 60 };
        // Asked on 2026-10-01 (a holiday): the first working day after it.
        let due = hour.due(&cal, at("2026-10-01 10:00"));
        let day = due.with_timezone(&Shanghai).date_naive();
        assert!(
            cal.is_working_day(day) && day > at("2026-10-07 00:00").date_naive(),
            "{due}"
        );
    }

    #[test]
    fn phone_id_card_and_address_keep_only_what_identifies_nothing() {
        let masked =
            mask_personal("电话13812345678，身份证 110101199003071234，地址 北京市海淀区中关村大街1号");
        assert!(
            !masked.contains("13812345678") && masked.contains("*******5678"),
            "{masked}"
        );
        assert!(
            !masked.contains("110101199003071234") && masked.contains("1234"),
            "{masked}"
        );
        assert!(
            !masked.contains("中关村大街1号") && masked.contains("北京***"),
            "{masked}"
        );
        let en = mask_personal("call +86 138-1234-5678, I live at 12 Green Lake Road.");
        assert!(!en.contains("1234-5678") && !en.contains("Green Lake"), "{en}");
    }

    #[test]
    fn amounts_dates_and_instance_ids_are_not_masked() {
        let text = "uhost-1a2b3c4d ¥800.00 2026-03-11 工单 CS20261110-0457";
        assert_eq!(mask_personal(text), text);
    }
}
