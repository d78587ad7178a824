//! Tests for `money.rs` (kept apart to keep each file short).

use std::str::FromStr;

use super::*;

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn ok(s: &str) -> Decimal {
    parse_amount(s, false).unwrap_or_else(|e| panic!("{s:?}: {e:?}"))
}

/// One of every variant; the match breaks the build when one is added.
pub(crate) fn every_error() -> Vec<MoneyError> {
    let all = vec![
        MoneyError::Empty,
        MoneyError::NotANumber,
        MoneyError::BadSeparator,
        MoneyError::TooManyDecimals { got: 3, max: 2 },
        MoneyError::Negative,
        MoneyError::Zero,
        MoneyError::TooLarge { limit: MAX_AMOUNT },
        MoneyError::Approximate {
            about: "40多".to_owned(),
        },
    ];
    for e in &all {
        match e {
            MoneyError::Empty
            | MoneyError::NotANumber
            | MoneyError::BadSeparator
            | MoneyError::TooManyDecimals { .. }
            | MoneyError::Negative
            | MoneyError::Zero
            | MoneyError::TooLarge { .. }
            | MoneyError::Approximate { .. } => {}
        }
    }
    all
}

#[test]
fn plain_integers_and_decimals_are_read_exactly() {
    assert_eq!(ok("800"), dec("800"));
    assert_eq!(ok("800.5"), dec("800.5"));
    assert_eq!(ok("0.01"), dec("0.01"));
    assert_eq!(ok("800.50").scale(), 2);
}

#[test]
fn currency_symbols_and_words_are_accepted() {
    for s in ["¥800", "￥800", "800元", "800 元", "RMB 800", "CNY800", "rmb800"] {
        assert_eq!(ok(s), dec("800"), "{s}");
    }
    for s in ["800块", "800块钱", "800元整", "800 CNY", "人民币800", "¥ 800 元"] {
        assert_eq!(ok(s), dec("800"), "{s}");
    }
}

#[test]
fn thousands_separators_are_accepted_in_both_widths() {
    assert_eq!(ok("1,200.50"), dec("1200.50"));
    assert_eq!(ok("1，200.50"), dec("1200.50"));
    assert_eq!(ok("¥12,345,678"), dec("12345678"));
}

#[test]
fn full_width_digits_are_read_as_ascii() {
    assert_eq!(ok("８００"), dec("800"));
    assert_eq!(ok("８００．５０元"), dec("800.50"));
    assert_eq!(ok("￥１，２００"), dec("1200"));
}

#[test]
fn surrounding_spaces_and_a_final_full_stop_are_ignored() {
    assert_eq!(ok("  800  "), dec("800"));
    assert_eq!(ok("\u{3000}800元。"), dec("800"));
    assert_eq!(ok("+800"), dec("800"));
}

#[test]
fn empty_text_is_refused() {
    assert_eq!(parse_amount("", false), Err(MoneyError::Empty));
    assert_eq!(parse_amount("  \u{3000} ", true), Err(MoneyError::Empty));
}

#[test]
fn text_that_is_not_a_number_is_refused() {
    for s in [
        "八百百",
        "abc",
        "¥",
        "元",
        "12a",
        "1.2.3",
        ".5",
        "5.",
        "1 200",
        "1e3",
    ] {
        assert_eq!(parse_amount(s, true), Err(MoneyError::NotANumber), "{s}");
    }
}

#[test]
fn amounts_in_chinese_numerals_are_read() {
    assert_eq!(parse_amount("八百", false), Ok(Decimal::from(800)));
    assert_eq!(parse_amount("三百块", false), Ok(Decimal::from(300)));
    assert_eq!(parse_amount("一千九百六十元", false), Ok(Decimal::from(1960)));
}

#[test]
fn a_number_with_its_magnitude_is_read() {
    assert_eq!(parse_amount("2.4k", false), Ok(Decimal::from(2400)));
    assert_eq!(parse_amount("1.2万", false), Ok(Decimal::from(12_000)));
    assert_eq!(parse_amount("3千元", false), Ok(Decimal::from(3000)));
}

#[test]
fn misplaced_commas_are_refused() {
    for s in ["12,00", "1,2345", ",200", "1,200,", "1234,567"] {
        assert_eq!(parse_amount(s, true), Err(MoneyError::BadSeparator), "{s}");
    }
}

#[test]
fn more_than_two_decimal_places_are_refused() {
    assert_eq!(
        parse_amount("800.505", false),
        Err(MoneyError::TooManyDecimals { got: 3, max: 2 })
    );
    assert_eq!(
        parse_amount("800.500", false),
        Err(MoneyError::TooManyDecimals { got: 3, max: 2 })
    );
}

#[test]
fn negative_amounts_are_refused() {
    for s in ["-5", "- 5", "−5", "-¥5", "¥-5", "－８００元"] {
        assert_eq!(parse_amount(s, true), Err(MoneyError::Negative), "{s}");
    }
}

#[test]
fn zero_is_refused_unless_allowed() {
    assert_eq!(parse_amount("0", false), Err(MoneyError::Zero));
    assert_eq!(parse_amount("¥0.00", false), Err(MoneyError::Zero));
    assert_eq!(parse_amount("0", true), Ok(Decimal::ZERO));
}

#[test]
fn absurdly_large_amounts_are_refused_with_the_limit() {
    let too_large = Err(MoneyError::TooLarge { limit: MAX_AMOUNT });
    assert_eq!(parse_amount("100000000.01", false), too_large);
    assert_eq!(parse_amount("1,000,000,000", false), too_large);
    assert_eq!(parse_amount(&"9".repeat(200), false), too_large);
    assert_eq!(ok("100,000,000"), MAX_AMOUNT);
    assert_eq!(ok("000000000000800"), dec("800"));
    let params = MoneyError::TooLarge { limit: MAX_AMOUNT }.params();
    assert_eq!(params, vec![("limit", "100000000".to_string())]);
}

#[test]
fn odd_unicode_never_panics() {
    for s in [
        "¥\u{0301}",
        "元元",
        "١٢٣",
        "𝟖𝟎𝟎",
        "\u{FEFF}",
        "-",
        "+",
        ",",
        "￥.",
    ] {
        let _ = parse_amount(s, false);
    }
}
