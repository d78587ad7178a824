//! The written forms of a date the sentence reader looks for (`dates`):
//! numeric, Chinese (digits or numerals), slashed, dotted, English month
//! names, a day alone, and a time of day after any of them.

use std::sync::LazyLock;

use regex::Regex;

use super::span::re;

pub(super) const TIME: &str = r"(?:(?:上午|早上|早晨|凌晨|中午|下午|傍晚|晚上)?\s*(?:[0-9]{1,2}(?::[0-9]{2}(?::[0-9]{2})?(?:\s*[ap]m(?-u:\b))?|\s*[点點时時](?:半|[0-9]{1,2}(?:\s*分)?|\s+[0-9]{1,2}\s*分)?|\s*[ap]m(?-u:\b))|[一二两兩三四五六七八九十]{1,3}\s*[点點时時]半?)|中午|正午|(?-u:\b)(?:noon|midday)(?-u:\b))";
pub(super) static HOUR_NUMERAL: LazyLock<Regex> = LazyLock::new(|| re(r"[一二两兩三四五六七八九十]+"));
/// Role words that may stand between a day and its time ("12月1号买的，下午3点").
pub(super) const ROLE_BEFORE_TIME: [&str; 5] = ["买的", "购买的", "下单的", "删的", "删除的"];

pub(super) static AFTER: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"^(?:t|\s*(?:(?:at\s+)?(?:around|about|approximately|roughly|~)\s*|at\s+|(?:买的|购买的|下单的|删的|删除的)\s*[,，]?\s*|的|[,，]\s*|大概|大约|约)?\s*)({TIME})"
    ))
});
pub(super) static NUMERIC: LazyLock<Regex> =
    LazyLock::new(|| re(r"([0-9]{4})([-/.])([0-9]{1,2})([-/.])([0-9]{1,2})"));
pub(super) static CHINESE: LazyLock<Regex> = LazyLock::new(|| {
    // Digits or Chinese numerals ("十一月十二号"); a day in numerals ends in 日/号.
    re(
        r"(?:([0-9]{4})\s*年\s*|(今年|去年|明年|前年|后年)\s*)?([0-9]{1,2}|[一二两三四五六七八九十]{1,3})\s*月\s*(?:([0-9]{1,2})\s*[日号號]?|([一二两三四五六七八九十]{1,3})\s*[日号號])",
    )
});
pub(super) static SLASH: LazyLock<Regex> = LazyLock::new(|| re(r"([0-9]{1,2})/([0-9]{1,2})(?:/([0-9]{4}))?"));
/// "3.1买的", "11-28提的工单": month.day or month-day, read as a date only
/// right before a date's role word (a part of the day may come between:
/// "11-27下午删的").
pub(super) static DOTTED: LazyLock<Regex> = LazyLock::new(|| re(r"([0-9]{1,2})[.-]([0-9]{1,2})"));
/// A part of the day said without its hour ("下午", "晚上").
pub(super) const DAY_PART: [&str; 8] = ["上午", "早上", "早晨", "凌晨", "中午", "下午", "傍晚", "晚上"];
pub(super) const MONTH: &str = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?";
pub(super) static EN_MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?-u:\b){MONTH}\s*([0-9]{{1,2}})(?:st|nd|rd|th)?(?-u:\b)(?:\s*,?\s*([0-9]{{4}})(?-u:\b))?"
    ))
});
pub(super) static EN_DAY_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?-u:\b)([0-9]{{1,2}})(?:st|nd|rd|th)?\s*(?:of\s+)?{MONTH}(?-u:\b)(?:\s*,?\s*([0-9]{{4}})(?-u:\b))?"
    ))
});
pub(super) static DAY_ONLY: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"([0-9]{1,2}|[一二两三四五六七八九十]{1,3})\s*[号號]|(?-u:\b)(?:the\s+)?([0-9]{1,2})(?:st|nd|rd|th)(?-u:\b)",
    )
});

pub(super) const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

pub(super) fn month_number(word: &str) -> Option<u32> {
    let word = word.trim_end_matches('.');
    let i = MONTHS
        .iter()
        .position(|m| word.len() >= 3 && (m.starts_with(word) || (word == "sept" && *m == "september")))?;
    u32::try_from(i + 1).ok()
}
