//! Facts seen in a message without a role ("共 70 元" is clear, "800块"
//! alone is not; "got it on march 5" is, "march 5" alone is not): never
//! used unasked and never dropped. They are kept in the state and offered
//! as buttons at the question they may answer — an amount at "how much did
//! you pay", a date at the next date question — and a press answers that
//! question as if the user had typed the words again.

use crate::conversation::base::reply::{Button, Reply};
use crate::conversation::base::state::{Position as P, State};
use crate::input::{self, Extracted, UnclearKind};
use serde_json::json;

/// At most this many of each are kept (a pasted table is not a fact).
const KEEP: usize = 4;

/// Keeps the role-less amounts and dates of `read`; the reply that says
/// so, when there was anything new.
pub(crate) fn keep(s: &mut State, read: &Extracted) -> Option<Reply> {
    let mut amounts = Vec::new();
    let mut dates = Vec::new();
    // "订单是1188 我付了988 还有200是代金券抵的": the order's total, paid
    // and voucher together, is no amount of its own.
    let said = |want: fn(&input::Fact) -> Option<rust_decimal::Decimal>| {
        read.facts.iter().find_map(|f| want(&f.fact))
    };
    let total = said(|f| match f {
        input::Fact::Paid(v) => Some(*v),
        _ => None,
    })
    .zip(said(|f| match f {
        input::Fact::Voucher(v) => Some(*v),
        _ => None,
    }))
    .map(|(p, v)| p + v);
    for u in &read.unclear {
        let words = u.words.trim().to_owned();
        match u.kind {
            UnclearKind::AmountWithoutRole | UnclearKind::ConflictingAmounts => {
                // ("150块… 现金付了150": one amount, whatever its words.)
                let value = input::parse_amount(&words, false).ok();
                let same = |w: &String| input::parse_amount(w, false).ok() == value;
                if value.is_some_and(|v| Some(v) != total)
                    && !s.offered.amounts.iter().any(same)
                    && !amounts.iter().any(same)
                {
                    amounts.push(words);
                }
            }
            UnclearKind::DateWithoutRole | UnclearKind::ConflictingDates => {
                if !s.offered.dates.contains(&words) && !dates.contains(&words) {
                    dates.push(words);
                }
            }
        }
    }
    if amounts.is_empty() && dates.is_empty() {
        return None;
    }
    let shown: Vec<serde_json::Value> = amounts
        .iter()
        .filter_map(|w| input::parse_amount(w, false).ok())
        .map(|v| json!(v))
        .collect();
    let reply = Reply::new("offered.noted", json!({ "amounts": shown, "dates": dates }));
    push(&mut s.offered.amounts, amounts);
    push(&mut s.offered.dates, dates);
    Some(reply)
}

fn push(list: &mut Vec<String>, new: Vec<String>) {
    list.extend(new);
    let over = list.len().saturating_sub(KEEP);
    list.drain(..over);
}

/// Questions a kept date may answer.
pub(crate) fn takes_date(p: P) -> bool {
    matches!(p, P::Start | P::End | P::DeleteAt)
}

/// The buttons offering what was kept, for the question on screen.
pub(crate) fn rows(s: &State) -> Vec<Vec<Button>> {
    let mut buttons: Vec<Button> = Vec::new();
    if s.at == P::Paid {
        // The same amount kept twice ("150块… 现金付了150") is one button.
        let mut seen = Vec::new();
        for (i, w) in s.offered.amounts.iter().enumerate() {
            if let Ok(v) = input::parse_amount(w, false)
                && !seen.contains(&v)
            {
                seen.push(v);
                buttons.push(Button::with(
                    format!("offer:a{i}"),
                    "btn.offer.amount",
                    json!({ "amount": v }),
                ));
            }
        }
    }
    if takes_date(s.at) {
        // An end or a deletion comes after the purchase: "dec 3 2026" taken
        // as the purchase day is no end date to offer.
        let after_start = |w: &str| match (s.at, s.draft.start) {
            (P::End | P::DeleteAt, Some(start)) => input::parse_datetime(w, start).is_ok_and(|t| t > start),
            _ => true,
        };
        let mut seen: Vec<&String> = Vec::new();
        for (i, w) in s.offered.dates.iter().enumerate().filter(|(_, w)| after_start(w)) {
            if seen.contains(&w) {
                continue;
            }
            seen.push(w);
            buttons.push(Button::with(
                format!("offer:d{i}"),
                "btn.offer.date",
                json!({ "words": w }),
            ));
        }
    }
    buttons.chunks(2).map(<[Button]>::to_vec).collect()
}

/// The check is done: what was offered has had its chance.
pub(crate) fn clear(s: &mut State) {
    s.offered = Default::default();
}
