//! Instance IDs, period lengths and amounts of money in a sentence, and the
//! numbers that are none of these (times, percentages, counts, other IDs).

use super::elapsed::elapsed;
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;
use rust_decimal::Decimal;

use super::span::{Text, head, re, tail};
use super::words::VOCABULARY;
use crate::input::instance_id::{IdError, InstanceId, KNOWN_PREFIXES, parse_instance_id};
use crate::input::money::parse_amount;
use crate::input::period::{PeriodLen, parse_period};

static DASHED_ID: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?-u:\b)[a-z][a-z0-9]{1,11}\s?-\s?[a-z0-9]{8}(?-u:\b)"));
/// A server's ID one or two characters off the usual eight ("uhost-4kd92js"):
/// kept as told (`instance_id::as_told`), and said so.
static ODD_ID: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?-u:\b)(?:uhost|uphost|ins|lhins|udisk)-[a-z0-9]{6,10}(?-u:\b)"));
/// Huawei ECS: a UUID, as its console shows it.
static HUAWEI_ID: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?-u:\b)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?-u:\b)"));
/// Alibaba ECS: `i-` and letters/digits of an unpublished length.
static ALIYUN_ID: LazyLock<Regex> = LazyLock::new(|| re(r"(?-u:\b)i-[a-z0-9]{8,30}(?-u:\b)"));
/// UCloud ULHost: `ulhost-` and a suffix of 8 to 16 letters/digits.
static ULHOST_ID: LazyLock<Regex> = LazyLock::new(|| re(r"(?-u:\b)ulhost\s?-\s?[a-z0-9]{8,16}(?-u:\b)"));
/// A known product prefix with the dash missing ("uhost1a2b3c4d",
/// "uhost 1a2b3c4d").
static UNDASHED_ID: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?-u:\b)(?:{})(?:_|\s)?[a-z0-9]{{8}}(?-u:\b)",
        KNOWN_PREFIXES.join("|")
    ))
});
/// Letters and digits mixed, with dashes: other providers' IDs, order
/// numbers, model names. Read as nothing, so their digits are not money.
static OTHER_TOKEN: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?-u:\b)(?:[a-z][a-z0-9]*[0-9][a-z0-9]*|[a-z0-9]+(?:-[a-z0-9]+)+)(?-u:\b)"));

const ZH_NUMBER: &str = r"[0-9]+|[零〇一二两兩三四五六七八九十]+|半";
static PERIOD_ZH: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?:{ZH_NUMBER})\s*(?:个|個)?\s*(?:小时|小時|天|周|週|星期|礼拜|月|年)半?"
    ))
});
static PERIOD_EN: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?-u:\b)([0-9]+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|eighteen|twenty-four|half\s+a)\s*-?\s*(hours?|days?|weeks?|months?|mos?|years?|yrs?)(?-u:\b)",
    )
});

/// An amount with its currency mark before or after, or a bare number.
static MONEY: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(¥|rmb|cny|人民币)?\s*([0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?)\s*(元整|块钱|元|块|yuan|rmb|cny)?",
    )
});
/// "1.2万", "2k": amounts we do not read, so their digits are no amount.
static MAGNITUDE: LazyLock<Regex> = LazyLock::new(|| re(r"^\s*(?:[万千百十亿]|[kw](?-u:\b))"));
static PER_MONTH: LazyLock<Regex> =
    LazyLock::new(|| re(r"^\s*(?:/\s*(?:月|month|mo)|每月|每个月|一个月|a month|per month|each month)"));
static NOT_MONEY: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?:\$|us\$|usd)\s*[0-9][0-9,]*(?:\.[0-9]+)?|[0-9][0-9,]*(?:\.[0-9]+)?\s*(?:usd|dollars?|%)|(?:arrears|欠费|欠款)(?:\s*of)?(?:\s*(?:about|around|approximately|roughly|大概|大约|约|差不多))?\s*[¥￥]?\s*[0-9][0-9,]*(?:\.[0-9]+)?|[0-9]+\s*几|[0-9]+\s*多(?:[块元钱]|\s|$|[，。,.!！?？])|[¥￥]?\s*[0-9][0-9,]*(?:\.[0-9]+)?\s*(?:元|块|yuan|rmb)?\s*(?:的)?\s*(?:arrears|欠费|欠款)|[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?|百分之[0-9]+|\(\s*[0-9]{1,2}\s*\)|(?:^|[\s,;，；:：])[0-9]{1,2}\)|(?:\bnot\s+|不是)20[2-3][0-9](?:\.?(?:[^0-9]|$))|[0-9]+\s*\+\s*(?:weeks?|days?|months?|hours?|years?|周|天|个月|小时)",
    )
});

pub(super) fn find_ids(text: &mut Text) -> Vec<(Range<usize>, InstanceId)> {
    let mut found = Vec::new();
    for pattern in [
        &*HUAWEI_ID,
        &*ULHOST_ID,
        &*DASHED_ID,
        &*ALIYUN_ID,
        &*UNDASHED_ID,
        &*ODD_ID,
    ] {
        let s = text.masked();
        for m in pattern.find_iter(&s) {
            let id = match parse_instance_id(m.as_str()) {
                Ok(id) => Some(id),
                Err(IdError::MissingDash { suggestion }) => parse_instance_id(&suggestion).ok(),
                Err(_) => crate::input::instance_id::as_told(m.as_str()),
            };
            let Some(id) = id else { continue };
            // Without a dash only a known product counts, with a digit after it.
            let undashed = !m.as_str().contains('-');
            let digit = id.as_str().bytes().any(|b| b.is_ascii_digit());
            if undashed && !(KNOWN_PREFIXES.contains(&id.prefix()) && digit) {
                continue;
            }
            // "I've checked all that - instance is gone": words joined by a
            // dash, no product's and no digit, are no ID.
            if !digit && !KNOWN_PREFIXES.contains(&id.prefix()) {
                continue;
            }
            if text.is_free(&m.range()) {
                text.take(&m.range());
                found.push((m.range(), id));
            }
        }
    }
    found
}

/// Words before a length that make it the time the server was used ("用了
/// 两天"): the order's length only when the message gives no other ("月付的，
/// 用了两个月"; "一年的 用了两天太卡了" is a year's order used two days).
pub(crate) const USED_BEFORE: [&str; 11] = [
    "用了",
    "使用了",
    "用过",
    "跑了",
    "才用",
    "只用",
    "used it for",
    "used it",
    "used for",
    "using it for",
    "ran it for",
];

/// Billing by the month or the year named in the message.
const MONTHLY_OR_MORE: [&str; 10] = [
    "包月",
    "按月",
    "月付",
    "包年",
    "按年",
    "年付",
    "monthly",
    "yearly",
    "annual",
    "per month",
];

fn used(before: &str) -> bool {
    let before = before.trim_end();
    USED_BEFORE.iter().any(|w| before.ends_with(w))
}

/// "一小时四毛五", "一小时0.45元", "an hour 0.45": a price per hour, not a
/// length (a longer length with an amount after it is what it cost).
fn rate(length: &str, after: &str) -> bool {
    let hourly = ["小时", "钟头", "hour", "hr"].iter().any(|u| length.contains(u));
    let after = after.trim_start();
    let head: String = after.chars().take(4).collect();
    let price = after.starts_with(|c: char| c.is_ascii_digit() || c == '¥' || c == '￥')
        || (head.starts_with(|c: char| "一二两三四五六七八九十半几".contains(c))
            && head.chars().any(|c| "毛块元分角".contains(c)));
    hourly && price
}

pub(super) fn find_periods(text: &mut Text) -> Vec<(Range<usize>, PeriodLen)> {
    let monthly_or_more = {
        let s = text.masked().to_lowercase();
        MONTHLY_OR_MORE.iter().any(|w| s.contains(w))
    };
    let mut found = order_periods(text);
    // Time used counts as the length only when nothing else gave one, and
    // days or hours never for an order billed by the month or year ("包月
    // 300块…我算的用了10天": ten days used of a month).
    let (used, order): (Vec<_>, Vec<_>) = found.drain(..).partition(|(_, _, used)| *used);
    let short = |p: &PeriodLen| matches!(p, PeriodLen::Days(_) | PeriodLen::Hours(_));
    let used = used
        .into_iter()
        .filter(|(_, p, _)| !(monthly_or_more && short(p)))
        .collect();
    let kept = if order.is_empty() { used } else { order };
    kept.into_iter().map(|(at, p, _)| (at, p)).collect()
}

/// Each length with whether it was said as time used.
fn order_periods(text: &mut Text) -> Vec<(Range<usize>, PeriodLen, bool)> {
    let mut found = Vec::new();
    let s = text.masked();
    let mut take = |text: &mut Text, at: Range<usize>, p: Option<PeriodLen>| {
        if let Some(p) = p
            && text.is_free(&at)
        {
            text.take(&at);
            let was_used = used(&s[..at.start]);
            found.push((at, p, was_used));
        }
    };
    for m in PERIOD_ZH.find_iter(&s) {
        // "12" of "3.12个月" or "2.5个月": a number it does not read whole.
        let before_digit = m.start() > 0
            && s.as_bytes()
                .get(m.start() - 1)
                .is_some_and(|b| b.is_ascii_digit() || *b == b'.');
        // "已满15天仍无答复", "等了10天": time gone by, not the order's length.
        if !before_digit && (elapsed(&s[..m.start()], &s[m.end()..]) || rate(m.as_str(), &s[m.end()..])) {
            text.take(&m.range());
            continue;
        }
        if !before_digit {
            take(text, m.range(), parse_period(m.as_str()).ok());
        }
    }
    for c in PERIOD_EN.captures_iter(&s) {
        let (Some(all), Some(n), Some(unit)) = (c.get(0), c.get(1), c.get(2)) else {
            continue;
        };
        let after_amount = s[..all.start()]
            .trim_end()
            .ends_with(|c: char| c.is_ascii_digit())
            || ["yuan", "rmb", "cny", "元", "块"]
                .iter()
                .any(|w| s[..all.start()].trim_end().ends_with(w));
        // "5 months" of "i used about 8.5 months of 12": no order length, nor is the whole.
        if let Some(head) = s[..all.start()].strip_suffix('.') {
            text.take(&(head.trim_end_matches(|c: char| c.is_ascii_digit()).len()..all.end()));
            continue;
        }
        // "it's been 2 weeks" is time gone by, not the order's length.
        if elapsed(&s[..all.start()], &s[all.end()..]) || rate(all.as_str(), &s[all.end()..]) {
            text.take(&all.range());
            continue;
        }
        if matches!(n.as_str(), "a" | "an") && after_amount {
            continue;
        }
        let n = match n.as_str() {
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
            "eighteen" => "18",
            "twenty-four" => "24",
            other if other.starts_with("half") => "half",
            other => other,
        };
        let period = if n == "half" {
            unit.as_str().starts_with('y').then_some(PeriodLen::Months(6))
        } else {
            parse_period(&format!("{n} {}", unit.as_str())).ok()
        };
        take(text, all.range(), period);
    }
    found
}

/// An amount, with whether a currency was written and whether it is said
/// to be per month ("100元/月").
#[derive(Debug, Clone)]
pub(super) struct MoneyHit {
    pub(super) at: Range<usize>,
    pub(super) value: Decimal,
    pub(super) marked: bool,
    pub(super) per_month: bool,
}

/// Marks the numbers that are not money: other IDs, times, percentages,
/// dollars, counts ("2台", "第3").
/// A ticket or order number ("CS20261121-0088", "WD-20261118-3391",
/// "工单号 202611210088") or a shopping festival ("双11", "618"): neither an
/// instance ID nor an amount.
static TICKET: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?-u:\b)[a-z]{1,6}-?[0-9]{6,}(?:-[0-9]+)+(?-u:\b)|(?-u:\b)[a-z]{1,6}[0-9]{8,}(?-u:\b)|(?:工单号?|单号|订单号|ticket|case|no\.)\s*[:：#]?\s*[a-z]{0,6}-?[0-9]{5,}(?:-[0-9]+)*|双\s*(?:11|12|十一|十二)|(?-u:\b)double[\s-]*(?:11|12|eleven|twelve)(?-u:\b)|(?-u:\b)618(?-u:\b)|(?:工信部|去|打|拨打?|向|找|到|上|to|call|with)\s*(?:12300|12315|12345)|(?:12300|12315|12345)\s*(?:申诉|投诉|热线|电话|平台|网站|complaint|hotline)",
    )
});

/// Ticket numbers and festival names, read before anything else.
pub(super) fn skip_tickets(text: &mut Text) {
    let s = text.masked();
    for m in TICKET.find_iter(&s) {
        if text.is_free(&m.range()) {
            text.take(&m.range());
        }
    }
}

pub(super) fn skip_non_money(text: &mut Text) {
    for pattern in [&*OTHER_TOKEN, &*NOT_MONEY] {
        let s = text.masked();
        for m in pattern.find_iter(&s) {
            let is_currency = MONEY.captures(m.as_str()).is_some_and(|c| {
                c.get(0).is_some_and(|a| a.len() == m.len()) && (c.get(1).is_some() || c.get(3).is_some())
            });
            let has_digit = m.as_str().bytes().any(|b| b.is_ascii_digit());
            if has_digit && !is_currency && text.is_free(&m.range()) {
                text.take(&m.range());
            }
        }
    }
}

/// The magnitude written right after a number ("k", "千", "万", "w") and its
/// length in bytes.
fn magnitude(after: &str) -> Option<(rust_decimal::Decimal, usize)> {
    let word_ends = |rest: &str| !rest.starts_with(|c: char| c.is_ascii_alphanumeric());
    let (scale, len) = match after.chars().next()? {
        'k' if word_ends(&after[1..]) => (1_000, 1),
        'w' if word_ends(&after[1..]) => (10_000, 1),
        '千' => (1_000, '千'.len_utf8()),
        '万' => (10_000, '万'.len_utf8()),
        _ => return None,
    };
    Some((rust_decimal::Decimal::from(scale), len))
}

/// Every amount left in the text: marked ones (¥800, 800元) and bare numbers.
/// "3600÷12=300": the numbers of a sum worked out, up to its "=".
static ARITHMETIC: LazyLock<Regex> =
    LazyLock::new(|| re(r"\d+(?:\.\d+)?\s*[÷/×*xX]\s*\d+(?:\.\d+)?\s*[=＝]"));

pub(super) fn find_money(text: &mut Text) -> Vec<MoneyHit> {
    let mut found = Vec::new();
    // Only what a sum comes to is an amount.
    let sums: Vec<Range<usize>> = ARITHMETIC.find_iter(&text.masked()).map(|m| m.range()).collect();
    for r in sums {
        if text.is_free(&r) {
            text.take(&r);
        }
    }
    let s = text.masked();
    for c in MONEY.captures_iter(&s) {
        let Some(num) = c.get(2) else { continue };
        let mut at = c.get(1).map_or(num.start(), |m| m.start())..c.get(3).map_or(num.end(), |m| m.end());
        let marked = c.get(1).is_some() || c.get(3).is_some();
        // Part of a longer token ("v2", "v2.0", "1.2.3", "12,34") is not an
        // amount; a comma after a date ("2026-03-01,800元") is a separator.
        let norm = text.norm.as_bytes();
        let masked = s.as_bytes();
        let at_byte =
            |b: &[u8], i: Option<usize>, f: fn(&u8) -> bool| i.and_then(|i| b.get(i)).is_some_and(f);
        let glued = |i: Option<usize>, next: Option<usize>| {
            at_byte(norm, i, u8::is_ascii_alphanumeric)
                || (at_byte(norm, i, |b| *b == b'.') && at_byte(norm, next, u8::is_ascii_alphanumeric))
                || (at_byte(masked, i, |b| *b == b',') && at_byte(masked, next, u8::is_ascii_digit))
        };
        let glued_before = glued(at.start.checked_sub(1), at.start.checked_sub(2));
        // "paid 2.4k", "1.2万": a number with its magnitude is an amount.
        if c.get(1).is_none()
            && c.get(3).is_none()
            && let Some((scale, len)) = magnitude(&s[at.end..])
        {
            let span = at.start..at.end + len;
            if text.is_free(&span) && !glued_before {
                text.take(&span);
                if let Ok(v) = parse_amount(num.as_str(), true) {
                    found.push(MoneyHit {
                        at: span,
                        value: (v * scale).normalize(),
                        marked: true,
                        per_month: false,
                    });
                }
            }
            continue;
        }
        let glued_after = glued(Some(at.end), Some(at.end + 1));
        if !text.is_free(&at) || glued_after || glued_before {
            continue;
        }
        // Units and counts are short: look a few characters around only.
        let after = head(&s[at.end..], 24);
        let before = tail(&s[..at.start], 24);
        let magnitude = MAGNITUDE.is_match(after);
        if !marked && (VOCABULARY.starts_with_unit(after) || VOCABULARY.ends_with_count(before)) || magnitude
        {
            text.take(&at);
            continue;
        }
        text.take(&at);
        let mut per_month = false;
        if let Some(m) = PER_MONTH.find(after) {
            let tail = at.end..at.end + m.end();
            per_month = true;
            text.take(&tail);
            if marked {
                at.end = tail.end;
            }
        }
        let literal = format!("{}{}", c.get(1).map_or("", |m| m.as_str()), num.as_str());
        if let Ok(value) = parse_amount(&literal, true) {
            found.push(MoneyHit {
                at,
                value,
                marked,
                per_month,
            });
        }
    }
    found
}
