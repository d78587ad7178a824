//! Facts out of free text: what a user wrote in one sentence ("uhost-1a2b3c4d
//! 是 2026年3月1日 买的，包月，实付 800 元"), found anywhere in it, in any
//! order, each with the words it came from. Pure: no I/O, no state; the
//! conversation decides what to do with the facts.
//!
//! The types (in `facts`) are the contract between this module and the
//! conversation.
//!
//! How it reads: values first, each claiming its characters so no number is
//! read twice (instance IDs, dates with their times, period lengths, then
//! the numbers that are not money, then amounts); then the words that give
//! values their roles (`templates/*/strings/extract.toml`), each word
//! paired with the nearest value in its clause, one to one. What cannot be
//! paired, or is paired twice with different values, is left unclear.

mod again;
mod amounts;
mod date_patterns;
mod dates;
mod elapsed;
mod facts;
mod joined;
mod pair;
mod roles;
mod scan;
pub(crate) use scan::USED_BEFORE;
mod span;
mod spoken;
mod words;

use chrono::{DateTime, Utc};

use crate::render::Lang;

pub use facts::{Extracted, Fact, Found, ReasonKind, Unclear, UnclearKind, When};

/// The text with the input method's slips put right ("工但" → "工单",
/// `extract.typos`), before anything reads it.
pub fn fix_typos(text: &str) -> std::borrow::Cow<'_, str> {
    words::VOCABULARY.fix_typos(text)
}

/// Finds every fact in `text`. `lang` is the chat's language (a tie-breaker
/// only: both languages' words are always understood); relative dates
/// (昨天, 3 days ago) are resolved against `now` on the Shanghai clock.
/// The one date a sentence gives, not after `now` ("2026年11月23日，刚才
/// 已经告诉过您了"), whatever else it says.
pub fn one_past_date(text: &str, lang: Lang, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    match extract(text, lang, now).past_dates(now).as_slice() {
        [one] => Some(*one),
        _ => None,
    }
}

/// The amount a sentence that answers "how much arrived?" gives ("50, as I
/// said before"): the whole text as an amount, else its one amount.
pub fn amount_said(
    text: &str,
    now: DateTime<Utc>,
) -> Result<rust_decimal::Decimal, crate::input::MoneyError> {
    // "40多 具体没看", "我确实看到40几块": a round figure; the letter needs the amount.
    if let Some(m) = APPROXIMATE.find(text) {
        let about = m
            .as_str()
            .trim_end_matches(|c: char| !c.is_alphanumeric())
            .to_owned();
        return Err(crate::input::MoneyError::Approximate { about });
    }
    crate::input::parse_amount(text, true)
        .or_else(|e| extract(text, Lang::default(), now).lone_amount(None).ok_or(e))
}

/// Whether `text` answers a question for an amount: the amount, or a
/// round figure ("40多") that is asked for exactly.
pub fn amount_answers(text: &str, now: DateTime<Utc>) -> bool {
    matches!(
        amount_said(text, now),
        Ok(_) | Err(crate::input::MoneyError::Approximate { .. })
    )
}

/// A number said roughly: "40多块", "40几", "forty-something".
static APPROXIMATE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"(?i)[0-9]+\s*几[块元]?|[0-9]+\s*多(?:[块元钱]|\s|$|[，。,.!！?？])|[0-9]+-something|\b[a-z]+ty-something\b")
        .expect("approximate amount")
});

pub fn extract(text: &str, lang: Lang, now: DateTime<Utc>) -> Extracted {
    // Both languages' words are always read; nothing yet needs the tie-breaker.
    let _ = lang;
    let source = text;
    let mut text = span::Text::new(text);
    scan::skip_tickets(&mut text);
    let ids = scan::find_ids(&mut text);
    let mut dates = dates::find_dates(&mut text, now);
    again::same_day_again(&mut text, &mut dates);
    let periods = scan::find_periods(&mut text);
    scan::skip_non_money(&mut text);
    let mut money = spoken::find_spoken_money(&mut text);
    money.extend(scan::find_money(&mut text));
    money.sort_by_key(|m| m.at.start);
    let masked = text.masked();
    let words = words::VOCABULARY.find(&masked);

    let mut out = roles::Collector::new(&text);
    for (at, id) in ids {
        out.fact(&at, Fact::Instance(id));
    }
    let lengths: Vec<std::ops::Range<usize>> = periods.iter().map(|(at, _)| at.clone()).collect();
    for (at, period) in periods {
        out.fact(&at, Fact::Period(period));
    }
    roles::plain_words(&mut out, &masked, &words, &money);
    roles::dates(&mut out, &masked, &dates, &words, now);
    amounts::money(&mut out, &masked, &money, &words, &lengths);
    one_billing(same_day(order_total(
        cash_and_gift(out.finish(), &masked),
        source,
    )))
}

/// "…按小时 i think… you listed monthly and daily but not hourly": billing
/// modes that disagree in one message are none of them (the question asks).
fn one_billing(mut found: Extracted) -> Extracted {
    let mut modes: Vec<&crate::policy::Billing> = found
        .facts
        .iter()
        .filter_map(|f| match &f.fact {
            Fact::Billing(b) => Some(b),
            _ => None,
        })
        .collect();
    modes.dedup();
    modes.sort_by_key(|b| format!("{b:?}"));
    modes.dedup();
    if modes.len() > 1 {
        found.facts.retain(|f| !matches!(f.fact, Fact::Billing(_)));
    }
    found
}

/// Words naming an order's total, vouchers included ("订单金额3000元，600是代金券").
const ORDER_TOTAL: [&str; 8] = [
    "订单金额",
    "订单总额",
    "订单总价",
    "订单价",
    "总价",
    "总额",
    "order total",
    "total was",
];

/// An order's total said with the voucher that paid part of it: what was
/// paid is the rest ("订单金额3000元（其中2400是现金，600是代金券）" paid 2400),
/// and the rest said again is no other amount.
fn order_total(mut found: Extracted, text: &str) -> Extracted {
    let voucher = found.facts.iter().find_map(|f| match f.fact {
        Fact::Voucher(v) if !v.is_zero() => Some(v),
        _ => None,
    });
    let Some(voucher) = voucher else {
        return found;
    };
    let lower = text.to_lowercase();
    let mut rest = None;
    for f in &mut found.facts {
        let Fact::Paid(p) = &mut f.fact else {
            continue;
        };
        let Some(at) = lower.find(&f.words.to_lowercase()) else {
            continue;
        };
        let before = crate::input::last_chars(&lower[..at], 10);
        if *p > voucher && ORDER_TOTAL.iter().any(|w| before.contains(w)) {
            *p -= voucher;
            rest = Some(*p);
        }
    }
    if let Some(rest) = rest {
        found.unclear.retain(|u| {
            u.kind != UnclearKind::AmountWithoutRole
                || crate::input::amount_said(&u.words, chrono::Utc::now()).ok() != Some(rest)
        });
    }
    found
}

/// Words saying a gift balance came on top of the cash paid ("微信付了1800，
/// 另外200是赠金"): then what was paid, cash and gift, is their sum.
const ON_TOP: [&str; 7] = ["另外", "另有", "外加", "加上", "plus", "in addition", "on top"];

fn cash_and_gift(mut found: Extracted, text: &str) -> Extracted {
    let amount =
        |want: fn(&Fact) -> Option<rust_decimal::Decimal>| found.facts.iter().find_map(|f| want(&f.fact));
    let paid = amount(|f| if let Fact::Paid(p) = f { Some(*p) } else { None });
    let gift = amount(|f| if let Fact::Gift(g) = f { Some(*g) } else { None });
    let lower = text.to_lowercase();
    if let (Some(p), Some(g)) = (paid, gift)
        && !g.is_zero()
        && ON_TOP.iter().any(|w| lower.contains(w))
    {
        for f in &mut found.facts {
            if let Fact::Paid(v) = &mut f.fact {
                *v = p + g;
            }
        }
        // "原价2000" equal to cash and gift together: no promotion.
        found
            .facts
            .retain(|f| !matches!(f.fact, Fact::ListPrice(l) if l == p + g));
    }
    found
}

/// A day said twice, once with its role and once with its time ("昨天晚上9点
/// 就删了 12月6号"): one moment, the day's role at the time said; the
/// other mention is no date of its own.
fn same_day(mut found: Extracted) -> Extracted {
    use crate::input::datetime::shanghai;
    let day = |at: chrono::DateTime<chrono::Utc>| shanghai(at).date_naive();
    let timed = |at: chrono::DateTime<chrono::Utc>| shanghai(at).time() != chrono::NaiveTime::MIN;
    let mut merged = vec![false; found.unclear.len()];
    for (i, u) in found.unclear.iter().enumerate() {
        let Some(past) = u.past.filter(|_| u.kind == UnclearKind::DateWithoutRole) else {
            continue;
        };
        for f in &mut found.facts {
            let w = match &mut f.fact {
                Fact::Start(w)
                | Fact::End(w)
                | Fact::DeleteAt(w)
                | Fact::Submitted(w)
                | Fact::Withdrawal(w)
                | Fact::Answered(w) => w,
                _ => continue,
            };
            // Two times of one day are two moments.
            if day(w.at) != day(past) || (w.has_time && timed(past) && w.at != past) {
                continue;
            }
            if !w.has_time && timed(past) {
                w.at = past;
                w.has_time = true;
            }
            merged[i] = true;
            break;
        }
    }
    let mut keep = merged.into_iter().map(|m| !m);
    found.unclear.retain(|_| keep.next().unwrap_or(true));
    found
}
