//! Tests for `period.rs` (kept apart to keep each file short).

use super::*;

fn ok(s: &str) -> PeriodLen {
    parse_period(s).unwrap_or_else(|e| panic!("{s:?}: {e:?}"))
}

fn utc(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

/// One of every variant; the match breaks the build when one is added.
pub(crate) fn every_error() -> Vec<PeriodError> {
    let all = vec![
        PeriodError::Empty,
        PeriodError::Unrecognised,
        PeriodError::Ambiguous { count: 1 },
        PeriodError::Zero,
        PeriodError::TooLong {
            limit: 120,
            unit: "months",
        },
    ];
    for e in &all {
        match e {
            PeriodError::Empty
            | PeriodError::Unrecognised
            | PeriodError::Ambiguous { .. }
            | PeriodError::Zero
            | PeriodError::TooLong { .. } => {}
        }
    }
    all
}

#[test]
fn chinese_months_need_ge() {
    assert_eq!(ok("1 个月"), PeriodLen::Months(1));
    assert_eq!(ok("3个月"), PeriodLen::Months(3));
    assert_eq!(ok("三个月"), PeriodLen::Months(3));
    assert_eq!(ok("十二个月"), PeriodLen::Months(12));
    assert_eq!(ok("一個月"), PeriodLen::Months(1));
}

#[test]
fn chinese_years_days_hours_and_weeks_are_read() {
    assert_eq!(ok("1 年"), PeriodLen::Years(1));
    assert_eq!(ok("一年"), PeriodLen::Years(1));
    assert_eq!(ok("两年"), PeriodLen::Years(2));
    assert_eq!(ok("30 天"), PeriodLen::Days(30));
    assert_eq!(ok("7天"), PeriodLen::Days(7));
    assert_eq!(ok("12小时"), PeriodLen::Hours(12));
    assert_eq!(ok("两周"), PeriodLen::Days(14));
    assert_eq!(ok("1个星期"), PeriodLen::Days(7));
}

#[test]
fn half_a_year_is_six_months() {
    assert_eq!(ok("半年"), PeriodLen::Months(6));
    assert_eq!(ok("一年半"), PeriodLen::Months(18));
    assert_eq!(ok("2年半"), PeriodLen::Months(30));
}

#[test]
fn chinese_numerals_up_to_ninety_nine_are_read() {
    assert_eq!(ok("十天"), PeriodLen::Days(10));
    assert_eq!(ok("十五天"), PeriodLen::Days(15));
    assert_eq!(ok("二十天"), PeriodLen::Days(20));
    assert_eq!(ok("九十九天"), PeriodLen::Days(99));
    assert_eq!(ok("兩年"), PeriodLen::Years(2));
}

#[test]
fn english_units_and_abbreviations_are_read() {
    assert_eq!(ok("1 month"), PeriodLen::Months(1));
    assert_eq!(ok("3 months"), PeriodLen::Months(3));
    assert_eq!(ok("1 year"), PeriodLen::Years(1));
    assert_eq!(ok("2 Years"), PeriodLen::Years(2));
    assert_eq!(ok("10 days"), PeriodLen::Days(10));
    assert_eq!(ok("1 mo"), PeriodLen::Months(1));
    assert_eq!(ok("1y"), PeriodLen::Years(1));
    assert_eq!(ok("2 weeks"), PeriodLen::Days(14));
    assert_eq!(ok("48h"), PeriodLen::Hours(48));
}

#[test]
fn full_width_digits_and_spaces_are_read_as_ascii() {
    assert_eq!(ok("３\u{3000}个月"), PeriodLen::Months(3));
    assert_eq!(ok("  1 年 "), PeriodLen::Years(1));
}

#[test]
fn empty_text_is_refused() {
    assert_eq!(parse_period(" "), Err(PeriodError::Empty));
}

#[test]
fn text_that_is_not_a_period_is_unrecognised() {
    for s in [
        "abc",
        "1",
        "月",
        "1.5年",
        "一百天",
        "3 fortnights",
        "半个月",
        "30日",
        "1年2个月",
    ] {
        assert_eq!(parse_period(s), Err(PeriodError::Unrecognised), "{s}");
    }
}

#[test]
fn bare_month_or_m_is_refused_as_ambiguous() {
    assert_eq!(parse_period("1月"), Err(PeriodError::Ambiguous { count: 1 }));
    assert_eq!(parse_period("三月"), Err(PeriodError::Ambiguous { count: 3 }));
    assert_eq!(parse_period("3m"), Err(PeriodError::Ambiguous { count: 3 }));
}

#[test]
fn zero_length_is_refused() {
    for s in ["0个月", "零年", "0 days", "0h"] {
        assert_eq!(parse_period(s), Err(PeriodError::Zero), "{s}");
    }
}

#[test]
fn periods_over_ten_years_are_refused_with_the_limit() {
    let too_long = |limit, unit| Err(PeriodError::TooLong { limit, unit });
    assert_eq!(parse_period("121个月"), too_long(120, "months"));
    assert_eq!(parse_period("11 years"), too_long(10, "years"));
    assert_eq!(parse_period("3651天"), too_long(3650, "days"));
    assert_eq!(parse_period("99999999999 days"), too_long(3650, "days"));
    assert_eq!(parse_period("87601h"), too_long(87600, "hours"));
    assert_eq!(parse_period("十年半"), too_long(120, "months"));
    assert_eq!(ok("120个月"), PeriodLen::Months(120));
    assert_eq!(ok("十年"), PeriodLen::Years(10));
}

#[test]
fn end_from_clamps_to_the_last_day_of_a_shorter_month() {
    // 2026-01-31 00:00 Shanghai + 1 month = 2026-02-28 00:00 Shanghai.
    let start = utc("2026-01-30T16:00:00Z");
    let end = PeriodLen::Months(1).end_from(start);
    assert_eq!(end, Some(utc("2026-02-27T16:00:00Z")));
    let leap = PeriodLen::Years(1).end_from(utc("2024-02-28T16:00:00Z"));
    assert_eq!(leap, Some(utc("2025-02-27T16:00:00Z")));
}

#[test]
fn end_from_adds_months_on_the_shanghai_calendar() {
    // 2026-01-31 20:00Z is already 1 February in Shanghai.
    let end = PeriodLen::Months(1).end_from(utc("2026-01-31T20:00:00Z"));
    assert_eq!(end, Some(utc("2026-02-28T20:00:00Z")));
    let end = PeriodLen::Years(2).end_from(utc("2026-03-01T06:00:00Z"));
    assert_eq!(end, Some(utc("2028-03-01T06:00:00Z")));
}

#[test]
fn end_from_adds_days_and_hours_as_exact_durations() {
    let start = utc("2026-03-01T06:30:00Z");
    assert_eq!(
        PeriodLen::Days(30).end_from(start),
        Some(utc("2026-03-31T06:30:00Z"))
    );
    assert_eq!(
        PeriodLen::Hours(5).end_from(start),
        Some(utc("2026-03-01T11:30:00Z"))
    );
}

#[test]
fn end_from_out_of_range_is_none_not_a_panic() {
    let start = DateTime::<Utc>::MAX_UTC;
    assert_eq!(PeriodLen::Years(u32::MAX).end_from(start), None);
    assert_eq!(PeriodLen::Days(u32::MAX).end_from(start), None);
    assert_eq!(PeriodLen::Hours(1).end_from(start), None);
    assert_eq!(PeriodLen::Months(1).end_from(start), None);
}

#[test]
fn period_len_round_trips_through_serde() {
    let json = serde_json::to_string(&PeriodLen::Months(3)).unwrap();
    assert_eq!(json, r#"{"Months":3}"#);
    assert_eq!(
        serde_json::from_str::<PeriodLen>(&json).unwrap(),
        PeriodLen::Months(3)
    );
}
