//! A value said again to correct one the check holds, with no role of its
//! own: "320 not 300", "哦不对 是356", "sorry, it was 2026-06-03".

use crate::case::Draft;
use crate::input::{Fact, Found, When};
use chrono::{DateTime, Utc};
use rust_decimal::Decimal;

/// Makes the fact of one amount answer (`Fact::Paid`, ...), or of one date (`Fact::Start`, ...).
type AmountFact = fn(Decimal) -> Fact;
type DateFact = fn(When) -> Fact;

/// "320 not 300" / "是 320 不是 300": of two amounts said with no role, the one the check holds
/// is denied, and the other is that answer's new value; one amount corrects the one held.
pub(crate) fn denied_amount(d: &Draft, read: &crate::input::Extracted) -> Option<Found> {
    let amounts: Vec<(Decimal, &str)> = read
        .unclear
        .iter()
        .filter(|u| u.kind == crate::input::UnclearKind::AmountWithoutRole)
        .filter_map(|u| {
            crate::input::parse_amount(&u.words, true)
                .ok()
                .map(|v| (v, u.words.as_str()))
        })
        .collect();
    let held: [(Option<Decimal>, AmountFact); 5] = [
        (d.paid, Fact::Paid),
        (d.voucher, Fact::Voucher),
        (d.gift, Fact::Gift),
        (d.monthly_price.flatten(), Fact::MonthlyPrice),
        (d.list_price.flatten(), Fact::ListPrice),
    ];
    let fits = |v: Decimal| held.iter().find(|(h, _)| *h == Some(v)).map(|(_, f)| *f);
    let (new, words, make) = match amounts.as_slice() {
        [(a, aw), (b, bw)] => match (fits(*a), fits(*b)) {
            (None, Some(f)) => (*a, *aw, f),
            (Some(f), None) => (*b, *bw, f),
            _ => return None,
        },
        // "哦不对 是356": the one amount the check holds is corrected.
        [(a, aw)] => {
            let mut told = held
                .iter()
                .filter(|(h, _)| h.is_some_and(|h| h > Decimal::ZERO && h != *a));
            match (told.next(), told.next()) {
                (Some((_, f)), None) => (*a, *aw, *f),
                _ => return None,
            }
        }
        _ => return None,
    };
    let fact = make(new); // "0，一分钱都没退": nothing came; no price or payment is 0.
    if new.is_zero() && !matches!(fact, Fact::Voucher(_) | Fact::Gift(_)) {
        return None;
    }
    Some(Found {
        fact,
        words: words.to_owned(),
    })
}

/// "sorry, it was 2026-06-03": one day said with no role, and the check holds one date (the
/// purchase, the end or the deletion): that date is corrected.
pub(crate) fn denied_date(d: &Draft, read: &crate::input::Extracted) -> Option<Found> {
    let [u] = read
        .unclear
        .iter()
        .filter(|u| u.kind == crate::input::UnclearKind::DateWithoutRole)
        .collect::<Vec<_>>()[..]
    else {
        return None;
    };
    let w = When {
        at: u.past?,
        has_time: crate::input::says_time(&u.words),
        year_inferred: false,
        planned: false,
    };
    let held: [(Option<DateTime<Utc>>, DateFact); 3] = [
        (d.start, Fact::Start),
        (d.end, Fact::End),
        (d.delete_at, Fact::DeleteAt),
    ];
    let mut told = held.iter().filter(|(h, _)| h.is_some_and(|h| h != w.at));
    let (Some((_, make)), None) = (told.next(), told.next()) else {
        return None;
    };
    Some(Found {
        fact: make(w),
        words: u.words.clone(),
    })
}
