//! Tests for `datetime.rs` (kept apart to keep each file short).

use super::*;

/// `y-m-d h:mi:s` on the Shanghai clock, as UTC.
fn sh(y: i32, m: u32, d: u32, h: u32, mi: u32, s: u32) -> DateTime<Utc> {
    Shanghai
        .with_ymd_and_hms(y, m, d, h, mi, s)
        .single()
        .unwrap()
        .with_timezone(&Utc)
}

fn now() -> DateTime<Utc> {
    sh(2026, 3, 5, 12, 0, 0)
}

fn ok(s: &str) -> DateTime<Utc> {
    parse_datetime(s, now()).unwrap_or_else(|e| panic!("{s:?}: {e:?}"))
}

fn err(s: &str) -> DateError {
    match parse_datetime(s, now()) {
        Ok(t) => panic!("{s:?} parsed as {t}"),
        Err(e) => e,
    }
}

/// One of every variant; the match breaks the build when one is added.
pub(crate) fn every_error() -> Vec<DateError> {
    let all = vec![
        DateError::Unrecognised,
        DateError::InvalidDate {
            year: 2026,
            month: 2,
            day: 30,
        },
        DateError::InvalidTime {
            time: "25:00".to_string(),
        },
        DateError::InFuture { at: now() },
        DateError::OutOfRange {
            date: NaiveDate::from_ymd_opt(1970, 1, 1).expect("date"),
            earliest: NaiveDate::from_ymd_opt(2012, 1, 1).expect("date"),
            latest: NaiveDate::from_ymd_opt(2036, 12, 31).expect("date"),
        },
    ];
    for e in &all {
        match e {
            DateError::Unrecognised
            | DateError::InvalidDate { .. }
            | DateError::InvalidTime { .. }
            | DateError::InFuture { .. }
            | DateError::OutOfRange { .. } => {}
        }
    }
    all
}

#[test]
fn a_date_without_offset_means_midnight_in_shanghai() {
    let expected = "2026-02-28T16:00:00Z".parse::<DateTime<Utc>>().unwrap();
    assert_eq!(ok("2026-03-01"), expected);
}

#[test]
fn numeric_dates_accept_dash_slash_and_dot() {
    for s in ["2026-03-01", "2026/3/1", "2026.3.1", "2026-3-01", " 2026/03/01 "] {
        assert_eq!(ok(s), sh(2026, 3, 1, 0, 0, 0), "{s}");
    }
}

#[test]
fn chinese_dates_accept_ri_hao_and_spaces() {
    for s in [
        "2026年3月1日",
        "2026年3月1号",
        "2026年03月01日",
        "2026 年 3 月 1 日",
        "2026年3月1",
    ] {
        assert_eq!(ok(s), sh(2026, 3, 1, 0, 0, 0), "{s}");
    }
}

#[test]
fn month_and_day_alone_take_the_most_recent_year_not_after_now() {
    let early = sh(2026, 2, 10, 9, 0, 0);
    assert_eq!(parse_datetime("3月1日", early), Ok(sh(2025, 3, 1, 0, 0, 0)));
    let later = sh(2026, 3, 5, 9, 0, 0);
    assert_eq!(parse_datetime("3月1日", later), Ok(sh(2026, 3, 1, 0, 0, 0)));
    assert_eq!(parse_datetime("3月5号", later), Ok(sh(2026, 3, 5, 0, 0, 0)));
    assert_eq!(parse_datetime("2月29日", later), Ok(sh(2024, 2, 29, 0, 0, 0)));
}

#[test]
fn year_inference_uses_the_shanghai_date_of_now() {
    // 2026-02-28T17:00Z is already 1 March in Shanghai.
    let now = "2026-02-28T17:00:00Z".parse::<DateTime<Utc>>().unwrap();
    assert_eq!(parse_datetime("3月1日", now), Ok(sh(2026, 3, 1, 0, 0, 0)));
}

#[test]
fn clock_times_follow_a_space_or_t() {
    assert_eq!(ok("2026-03-01 14:00"), sh(2026, 3, 1, 14, 0, 0));
    assert_eq!(ok("2026-03-01 14:00:30"), sh(2026, 3, 1, 14, 0, 30));
    assert_eq!(ok("2026-03-01T14:00"), sh(2026, 3, 1, 14, 0, 0));
    assert_eq!(ok("2026/3/1 9:05"), sh(2026, 3, 1, 9, 5, 0));
    assert_eq!(ok("3月1日 14:00"), sh(2026, 3, 1, 14, 0, 0));
}

#[test]
fn chinese_times_are_read() {
    assert_eq!(ok("2026-03-01 14点"), sh(2026, 3, 1, 14, 0, 0));
    assert_eq!(ok("2026年3月1日14点30分"), sh(2026, 3, 1, 14, 30, 0));
    assert_eq!(ok("2026年3月1日 14点30"), sh(2026, 3, 1, 14, 30, 0));
    assert_eq!(ok("2026年3月1日下午2点"), sh(2026, 3, 1, 14, 0, 0));
    assert_eq!(ok("2026年3月1日 下午2点半"), sh(2026, 3, 1, 14, 30, 0));
    assert_eq!(ok("2026年3月1日 上午9:15"), sh(2026, 3, 1, 9, 15, 0));
    assert_eq!(ok("2026年3月1日 凌晨12点"), sh(2026, 3, 1, 0, 0, 0));
    assert_eq!(ok("2026年3月1日 中午12点"), sh(2026, 3, 1, 12, 0, 0));
    assert_eq!(ok("2026年3月1日 晚上8点"), sh(2026, 3, 1, 20, 0, 0));
    assert_eq!(ok("3月1日10时5分6秒"), sh(2026, 3, 1, 10, 5, 6));
}

#[test]
fn english_am_and_pm_are_read() {
    assert_eq!(ok("2026-03-01 2pm"), sh(2026, 3, 1, 14, 0, 0));
    assert_eq!(ok("2026-03-01 2:30 PM"), sh(2026, 3, 1, 14, 30, 0));
    assert_eq!(ok("2026-03-01 12am"), sh(2026, 3, 1, 0, 0, 0));
}

#[test]
fn rfc3339_with_an_offset_is_honoured() {
    assert_eq!(ok("2026-03-01T14:00:00+08:00"), sh(2026, 3, 1, 14, 0, 0));
    assert_eq!(ok("2026-03-01T06:00:00Z"), sh(2026, 3, 1, 14, 0, 0));
    assert_eq!(ok("2026-03-01t06:00:00z"), sh(2026, 3, 1, 14, 0, 0));
    assert_eq!(ok("2026-03-01 01:00:00-05:00"), sh(2026, 3, 1, 14, 0, 0));
    assert_eq!(ok("2026-03-01T14:00+0800"), sh(2026, 3, 1, 14, 0, 0));
    let frac = ok("2026-03-01T06:00:00.25Z");
    assert_eq!(
        frac - sh(2026, 3, 1, 14, 0, 0),
        chrono::Duration::milliseconds(250)
    );
}

#[test]
fn full_width_digits_and_colon_are_read_as_ascii() {
    assert_eq!(ok("２０２６－０３－０１　１４：００"), sh(2026, 3, 1, 14, 0, 0));
    assert_eq!(ok("２０２６年３月１日"), sh(2026, 3, 1, 0, 0, 0));
}

#[test]
fn text_without_a_date_is_unrecognised() {
    for s in [
        "",
        "   ",
        "hello",
        "昨天",
        "3/1",
        "3-1",
        "1月",
        "2026",
        "２０２６年",
    ] {
        assert_eq!(err(s), DateError::Unrecognised, "{s}");
    }
}

#[test]
fn junk_around_a_date_is_unrecognised() {
    for s in [
        "2026-03-0114:00",
        "2026-03/01",
        "2026-03-01 abc",
        "2026-03-01 14:00 x",
    ] {
        assert_eq!(err(s), DateError::Unrecognised, "{s}");
    }
}

#[test]
fn impossible_dates_are_reported_with_their_parts() {
    let feb30 = DateError::InvalidDate {
        year: 2026,
        month: 2,
        day: 30,
    };
    assert_eq!(err("2026-02-30"), feb30);
    assert_eq!(err("2月30日"), feb30);
    assert_eq!(err("2025年2月29日").key(), "input.date.invalid_date");
    assert_eq!(err("2026/13/1").key(), "input.date.invalid_date");
    assert_eq!(err("13月1日").key(), "input.date.invalid_date");
    assert_eq!(err("2026-00-10").key(), "input.date.invalid_date");
}

#[test]
fn impossible_times_are_invalid_time() {
    let bad = [
        "25:00",
        "24:00",
        "14:60",
        "14:00:60",
        "25点",
        "上午13点",
        "晚上12点",
        "13pm",
    ];
    for t in bad {
        let e = err(&format!("2026-03-01 {t}"));
        assert_eq!(e, DateError::InvalidTime { time: t.to_string() }, "{t}");
    }
    assert_eq!(err("2026-03-01T14:00+25:00").key(), "input.date.invalid_time");
}

#[test]
fn past_moments_pass_and_future_ones_are_refused() {
    let now = sh(2026, 3, 1, 14, 0, 0);
    assert_eq!(parse_past_datetime("2026-03-01 14:00", now), Ok(now));
    assert_eq!(
        parse_past_datetime("2026-03-01", now),
        Ok(sh(2026, 3, 1, 0, 0, 0))
    );
    let later = sh(2026, 3, 1, 14, 1, 0);
    let e = parse_past_datetime("2026-03-01 14:01", now);
    assert_eq!(e, Err(DateError::InFuture { at: later }));
    let params = DateError::InFuture { at: later }.params();
    assert_eq!(params, vec![("at", "2026-03-01 14:01".to_string())]);
}

#[test]
fn shanghai_shows_the_same_instant_on_the_beijing_clock() {
    let t = shanghai("2026-02-28T16:00:00Z".parse().unwrap());
    assert_eq!(
        t.format("%Y-%m-%d %H:%M %z").to_string(),
        "2026-03-01 00:00 +0800"
    );
}

#[test]
fn odd_unicode_never_panics() {
    for s in [
        "٢٠٢٦-٠٣-٠١",
        "2026-03-01T",
        "9999-12-31 23:59:59+23:59",
        "3月",
        "2026年3月1日T",
    ] {
        let _ = parse_datetime(s, now());
    }
    let _ = parse_datetime("0000-01-01 00:00:00.999999999-23:59", now());
}

#[test]
fn only_dates_a_refund_case_can_involve_are_accepted() {
    for text in [
        "0000-01-01",
        "1970-01-01",
        "2011-12-31 23:59",
        "9999-12-31",
        "2037-01-01",
    ] {
        let e = parse_datetime(text, now()).expect_err(text);
        assert!(matches!(e, DateError::OutOfRange { .. }), "{text}: {e:?}");
        let params = e.params();
        assert!(
            params.contains(&("earliest", "2012-01-01".to_string())),
            "{params:?}"
        );
        assert!(
            params.contains(&("latest", "2036-12-31".to_string())),
            "{params:?}"
        );
    }
    assert!(parse_past_datetime("1970-01-01", now()).is_err());
    ok("2012-01-01");
    ok("2036-12-31 23:59");
}

#[test]
fn noon_in_words_is_twelve_oclock() {
    for s in [
        "2026年3月1日中午",
        "2026-03-01 中午",
        "2026-03-01 noon",
        "2026-03-01 at noon",
        "3月1日正午",
    ] {
        assert_eq!(ok(s), sh(2026, 3, 1, 12, 0, 0), "{s}");
    }
    // "中午12点半" keeps its own reading.
    assert_eq!(ok("2026年3月1日中午12点半"), sh(2026, 3, 1, 12, 30, 0));
}
