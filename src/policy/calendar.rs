//! Working-day calendar for mainland China.
//!
//! Data lives in `policies/calendar-cn.toml` (one table per year, from the
//! State Council's holiday notices) and is compiled in. A day is a working
//! day if the data lists it as an adjusted working day (调休), otherwise if it
//! is neither a listed day off nor a Saturday/Sunday. Years without data
//! therefore fall back to Monday–Friday; [`Calendar::years_without_data`]
//! lets callers say so.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate, Weekday};
use serde::Deserialize;

const CHINA_TOML: &str = include_str!("../../policies/calendar-cn.toml");

/// Working-day calendar: listed days off and adjusted working days per year.
#[derive(Clone, Debug, Default)]
pub struct Calendar {
    /// Years with data, and the notice each year's data comes from.
    sources: BTreeMap<i32, String>,
    /// Days off, with the holiday name when the data gives one.
    off: BTreeMap<NaiveDate, Option<String>>,
    /// Weekend days that are working days.
    workdays: BTreeSet<NaiveDate>,
    /// The Spring Festival (农历正月初一) of years without a notice yet.
    spring: BTreeMap<i32, NaiveDate>,
}

/// Why calendar data could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum CalendarError {
    #[error("calendar data is not valid TOML: {0}")]
    Toml(#[from] toml::de::Error),
    #[error("calendar table key `{0}` is not a year (expected e.g. `[years.2026]`)")]
    BadYear(String),
    #[error("calendar year {year}: `{value}` is not a date in YYYY-MM-DD form")]
    BadDate {
        year: i32,
        value: String,
        source: chrono::ParseError,
    },
    #[error("calendar year {year}: {date} lies outside that year's table")]
    WrongYear { year: i32, date: NaiveDate },
    #[error("calendar year {year}: holiday {name} ends on {to}, before it starts on {from}")]
    RangeReversed {
        year: i32,
        name: String,
        from: NaiveDate,
        to: NaiveDate,
    },
    #[error("calendar: {0} is listed both as a day off and as a working day")]
    Conflict(NaiveDate),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileData {
    #[serde(default)]
    years: BTreeMap<String, YearData>,
    #[serde(default)]
    spring_festival: BTreeMap<String, String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct YearData {
    source: String,
    #[serde(default)]
    holidays: Vec<HolidayData>,
    #[serde(default)]
    workdays: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HolidayData {
    name: Option<String>,
    from: String,
    to: Option<String>,
}

fn parse_date(year: i32, value: &str) -> Result<NaiveDate, CalendarError> {
    let date = NaiveDate::parse_from_str(value, "%Y-%m-%d").map_err(|source| CalendarError::BadDate {
        year,
        value: value.to_owned(),
        source,
    })?;
    if date.year() != year {
        return Err(CalendarError::WrongYear { year, date });
    }
    Ok(date)
}

fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

impl Calendar {
    /// The compiled-in mainland China calendar.
    ///
    /// Panics only if `policies/calendar-cn.toml` is malformed, which the
    /// unit test `embedded_china_data_parses` rules out at build time.
    pub fn china() -> Calendar {
        match Calendar::from_toml(CHINA_TOML) {
            Ok(calendar) => calendar,
            Err(e) => panic!("compiled-in policies/calendar-cn.toml is invalid: {e}"),
        }
    }

    /// Parses calendar data in the `policies/calendar-cn.toml` format.
    pub fn from_toml(text: &str) -> Result<Calendar, CalendarError> {
        let file: FileData = toml::from_str(text)?;
        let mut cal = Calendar::default();
        for (key, data) in file.years {
            let year = key
                .parse::<i32>()
                .ok()
                .filter(|y| y.to_string() == key)
                .ok_or_else(|| CalendarError::BadYear(key.clone()))?;
            for h in &data.holidays {
                let from = parse_date(year, &h.from)?;
                let to = match &h.to {
                    Some(to) => parse_date(year, to)?,
                    None => from,
                };
                if to < from {
                    let name = h.name.clone().unwrap_or_else(|| "(unnamed)".into());
                    return Err(CalendarError::RangeReversed { year, name, from, to });
                }
                for d in from.iter_days().take_while(|d| *d <= to) {
                    cal.off.insert(d, h.name.clone());
                }
            }
            for w in &data.workdays {
                cal.workdays.insert(parse_date(year, w)?);
            }
            cal.sources.insert(year, data.source);
        }
        for (key, day) in &file.spring_festival {
            let year = key
                .parse::<i32>()
                .ok()
                .filter(|y| y.to_string() == *key)
                .ok_or_else(|| CalendarError::BadYear(key.clone()))?;
            cal.spring.insert(year, parse_date(year, day)?);
        }
        if let Some(d) = cal.workdays.iter().find(|d| cal.off.contains_key(d)) {
            return Err(CalendarError::Conflict(*d));
        }
        Ok(cal)
    }

    /// Whether the data covers `year` (otherwise it falls back to Monday–Friday).
    pub fn has_data(&self, year: i32) -> bool {
        self.sources.contains_key(&year)
    }

    /// The notice `year`'s data comes from, if the year has data.
    pub fn source(&self, year: i32) -> Option<&str> {
        self.sources.get(&year).map(String::as_str)
    }

    /// Whether `d` is a working day (Monday–Friday in years without data).
    pub fn is_working_day(&self, d: NaiveDate) -> bool {
        self.workdays.contains(&d) || !(self.off.contains_key(&d) || is_weekend(d))
    }

    /// The date of the n-th working day strictly after `from` (n = 0 returns `from`).
    ///
    /// Always terminates: the data is finite and every week outside it has
    /// five working days, so each working day is found within the longest
    /// listed run of days off plus a weekend (a malformed table marking a
    /// whole year off is just skipped over). Should the walk run past
    /// [`NaiveDate::MAX`], that date is returned.
    pub fn add_working_days(&self, from: NaiveDate, n: u32) -> NaiveDate {
        let Some(skip) = n.checked_sub(1) else {
            return from;
        };
        let mut after = from.iter_days().skip(1).filter(|d| self.is_working_day(*d));
        after.nth(skip as usize).unwrap_or(NaiveDate::MAX)
    }

    /// Number of working days in the half-open interval (from, to]; negative
    /// (counting (to, from]) when to < from; 0 when equal.
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> i64 {
        if to < from {
            return -self.working_days_between(to, from);
        }
        let days = from.iter_days().skip(1).take_while(|d| *d <= to);
        let count = days.filter(|d| self.is_working_day(*d)).count();
        i64::try_from(count).unwrap_or(i64::MAX)
    }

    /// Years in [from, to] (by year, either order) that have no data, so the
    /// answer can say it fell back to Monday–Friday.
    pub fn years_without_data(&self, from: NaiveDate, to: NaiveDate) -> Vec<i32> {
        let (a, b) = (from.year().min(to.year()), from.year().max(to.year()));
        (a..=b).filter(|y| !self.has_data(*y)).collect()
    }

    /// The Spring Festival of a year whose holiday notice is not in the
    /// data yet (from the lunar calendar), to say beside the fallback.
    pub fn spring_festival(&self, year: i32) -> Option<NaiveDate> {
        self.spring.get(&year).copied().filter(|_| !self.has_data(year))
    }

    /// Every holiday name in the data, each once.
    pub fn holiday_names(&self) -> Vec<&str> {
        let names: BTreeSet<&str> = self.off.values().filter_map(|n| n.as_deref()).collect();
        names.into_iter().collect()
    }

    /// The holiday name for a day off, if the data names it.
    pub fn holiday_name(&self, d: NaiveDate) -> Option<&str> {
        self.off.get(&d).and_then(|name| name.as_deref())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
    }

    fn err_of(text: &str) -> CalendarError {
        Calendar::from_toml(text).expect_err("data should be rejected")
    }

    #[test]
    fn embedded_china_data_parses() {
        let cal = Calendar::from_toml(CHINA_TOML).expect("embedded calendar parses");
        assert!(cal.has_data(2025) && cal.has_data(2026));
        assert!(
            cal.source(2025)
                .is_some_and(|s| s.contains("国办发明电〔2024〕12号"))
        );
        assert_eq!(cal.workdays.len(), 11);
        assert!(
            cal.workdays.iter().all(|d| is_weekend(*d)),
            "调休 days are weekend days"
        );
    }

    #[test]
    fn a_spring_festival_is_said_only_for_a_year_without_its_notice() {
        let cal = Calendar::china();
        assert_eq!(cal.spring_festival(2027), Some(ymd(2027, 2, 6)));
        assert_eq!(ymd(2027, 2, 6).weekday(), Weekday::Sat);
        let with_notice = "[years.2027]\nsource = \"n\"\n[spring_festival]\n2027 = \"2027-02-06\"\n";
        assert_eq!(
            Calendar::from_toml(with_notice)
                .map(|c| c.spring_festival(2027))
                .ok(),
            Some(None)
        );
        assert!(matches!(
            err_of("[spring_festival]\n2027 = \"2026-02-06\"\n"),
            CalendarError::WrongYear { year: 2027, .. }
        ));
    }

    #[test]
    fn spring_festival_2026_is_off_and_its_saturdays_are_worked() {
        let cal = Calendar::china();
        assert_eq!(ymd(2026, 1, 1).weekday(), Weekday::Thu);
        assert_eq!(ymd(2026, 2, 13).weekday(), Weekday::Fri);
        assert!((15..=23).all(|d| !cal.is_working_day(ymd(2026, 2, d))));
        assert!(cal.is_working_day(ymd(2026, 2, 14)) && cal.is_working_day(ymd(2026, 2, 28)));
        assert_eq!(cal.holiday_name(ymd(2026, 2, 17)), Some("春节"));
        assert_eq!(cal.holiday_name(ymd(2026, 2, 14)), None);
    }

    #[test]
    fn adding_working_days_steps_over_spring_festival_2026() {
        let cal = Calendar::china();
        let add = |m, d, n| cal.add_working_days(ymd(2026, m, d), n);
        assert_eq!(add(2, 13, 0), ymd(2026, 2, 13));
        assert_eq!(add(2, 13, 1), ymd(2026, 2, 14)); // Fri 13 -> Sat 14 (调休)
        assert_eq!(add(2, 14, 1), ymd(2026, 2, 24)); // Sat 14 -> Tue 24
        assert_eq!(add(2, 12, 3), ymd(2026, 2, 24)); // Fri 13, Sat 14, Tue 24
    }

    #[test]
    fn national_day_2026_leaves_seven_working_days_from_24_sep_to_12_oct() {
        // Mon 28–Wed 30 Sep, then Thu 8, Fri 9, Sat 10 (调休), Mon 12 Oct.
        let cal = Calendar::china();
        assert_eq!(ymd(2026, 9, 20).weekday(), Weekday::Sun);
        assert_eq!(ymd(2026, 10, 10).weekday(), Weekday::Sat);
        assert!(cal.is_working_day(ymd(2026, 9, 20)) && cal.is_working_day(ymd(2026, 10, 10)));
        assert!(!cal.is_working_day(ymd(2026, 9, 25)) && !cal.is_working_day(ymd(2026, 10, 11)));
        assert_eq!(cal.holiday_name(ymd(2026, 10, 3)), Some("国庆节"));
        assert_eq!(cal.working_days_between(ymd(2026, 9, 24), ymd(2026, 10, 12)), 7);
        assert_eq!(cal.add_working_days(ymd(2026, 9, 24), 4), ymd(2026, 10, 8));
    }

    #[test]
    fn adjusted_weekend_days_of_2025_are_working_days() {
        let cal = Calendar::china();
        for (m, d) in [(1, 26), (2, 8), (4, 27), (9, 28), (10, 11)] {
            assert!(is_weekend(ymd(2025, m, d)), "2025-{m}-{d} is a weekend day");
            assert!(cal.is_working_day(ymd(2025, m, d)), "2025-{m}-{d}");
        }
        assert!(!cal.is_working_day(ymd(2025, 1, 28)) && !cal.is_working_day(ymd(2025, 10, 8)));
    }

    #[test]
    fn a_year_without_data_falls_back_to_monday_to_friday() {
        let cal = Calendar::china();
        assert!(!cal.has_data(2027));
        assert!(cal.is_working_day(ymd(2027, 1, 1))); // Friday
        assert!(!cal.is_working_day(ymd(2027, 1, 2))); // Saturday
        assert_eq!(cal.add_working_days(ymd(2027, 1, 1), 1), ymd(2027, 1, 4));
        let missing = |a, b| cal.years_without_data(a, b);
        assert_eq!(missing(ymd(2026, 12, 1), ymd(2027, 3, 1)), vec![2027]);
        assert_eq!(missing(ymd(2027, 3, 1), ymd(2025, 1, 1)), vec![2027]);
        assert!(missing(ymd(2025, 1, 1), ymd(2026, 12, 31)).is_empty());
    }

    #[test]
    fn working_days_between_is_negative_backwards_and_zero_on_the_same_day() {
        let cal = Calendar::china();
        let (a, b) = (ymd(2026, 2, 12), ymd(2026, 2, 24));
        assert_eq!(cal.working_days_between(a, b), 3);
        assert_eq!(cal.working_days_between(b, a), -3);
        assert_eq!(cal.working_days_between(a, a), 0);
    }

    #[test]
    fn counting_the_working_days_added_gives_back_n() {
        let (cal, start) = (Calendar::china(), ymd(2025, 12, 20));
        for n in [0, 1, 5, 30, 250, 600] {
            let end = cal.add_working_days(start, n);
            assert!(n == 0 || cal.is_working_day(end));
            assert_eq!(cal.working_days_between(start, end), i64::from(n));
        }
    }

    #[test]
    fn a_whole_year_marked_off_is_skipped_rather_than_hanging() {
        let text =
            r#"years.2030 = { source = "t", holidays = [{ from = "2030-01-01", to = "2030-12-31" }] }"#;
        let cal = Calendar::from_toml(text).expect("valid test data");
        assert_eq!(cal.add_working_days(ymd(2029, 12, 31), 1), ymd(2031, 1, 1));
        let far = cal.add_working_days(ymd(2026, 1, 1), 10_000);
        assert_eq!(cal.working_days_between(ymd(2026, 1, 1), far), 10_000);
        assert_eq!(cal.add_working_days(NaiveDate::MAX, 1), NaiveDate::MAX);
    }

    #[test]
    fn from_toml_rejects_a_range_ending_before_it_starts() {
        let err = err_of(
            r#"years.2026 = { source = "t", holidays = [{ name = "春节", from = "2026-02-23", to = "2026-02-15" }] }"#,
        );
        assert!(matches!(err, CalendarError::RangeReversed { year: 2026, .. }));
        assert!(err.to_string().contains("春节 ends on 2026-02-15"), "{err}");
    }

    #[test]
    fn from_toml_rejects_a_bad_date_naming_the_value() {
        let err = err_of(r#"years.2026 = { source = "t", workdays = ["2026-02-30"] }"#);
        assert!(matches!(err, CalendarError::BadDate { year: 2026, .. }));
        assert!(err.to_string().contains("`2026-02-30`"), "{err}");
    }

    #[test]
    fn from_toml_rejects_bad_toml_bad_years_wrong_years_and_conflicts() {
        assert!(matches!(err_of("years = ["), CalendarError::Toml(_)));
        assert!(matches!(
            err_of("years.x = { source = \"t\" }"),
            CalendarError::BadYear(_)
        ));
        let wrong_year = r#"years.2026 = { source = "t", workdays = ["2025-02-08"] }"#;
        assert!(matches!(err_of(wrong_year), CalendarError::WrongYear { .. }));
        let clash = r#"years.2026 = { source = "t", workdays = ["2026-02-15"], holidays = [{ from = "2026-02-15" }] }"#;
        assert!(matches!(err_of(clash), CalendarError::Conflict(_)));
    }
}
