//! Facts read from a sentence, put into the check: each is checked like the answer to its own
//! question, a fact that changes an earlier answer replaces it, and the reply lists what was
//! understood, one line per fact, with a button to correct each.

use super::lines::{date_line, money_line, period_value, reason_of};
use crate::case::Draft;
use crate::conversation::base::reply::{Button, Reply};
use crate::conversation::base::state::Position as P;
use crate::input::{Fact, Found, PeriodLen, When, shanghai};
use crate::policy::Billing;
use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde_json::{Value, json};

/// What putting the facts in did.
#[derive(Default)]
pub(crate) struct Applied {
    /// One line per fact taken, for the "understood" reply.
    pub lines: Vec<Value>,
    /// The questions the facts answered (for the correction buttons).
    pub fixes: Vec<P>,
    /// Facts refused, each with its question's own error.
    pub errors: Vec<Reply>,
    /// Facts told with another value than the answer held: asked, not put.
    pub conflicts: Vec<super::conflict::Conflict>,
}

/// Whether a fact belongs to the check (a submission date belongs to the follow-up of a case).
pub(crate) fn for_check(f: &Fact) -> bool {
    !matches!(f, Fact::Submitted(_) | Fact::Withdrawal(_) | Fact::Answered(_))
}

/// What a message carries of a check: facts placed, or only amounts and dates whose role is not
/// said (offered, never dropped), or nothing.
/// The facts of a reading that answer the check's questions.
pub(crate) fn of_check(read: &crate::input::Extracted) -> Vec<Found> {
    read.facts
        .iter()
        .filter(|f| for_check(&f.fact))
        .cloned()
        .collect()
}

pub(crate) fn carried(read: &crate::input::Extracted) -> Carried {
    if read.facts.iter().any(|f| for_check(&f.fact)) {
        Carried::Placed
    } else if read.unclear.is_empty() {
        Carried::Nothing
    } else {
        Carried::Unplaced
    }
}

/// The order facts are put in: what others are checked against comes first.
fn rank(f: &Fact) -> u8 {
    match f {
        Fact::Instance(_) | Fact::Billing(_) => 0,
        Fact::Start(_) => 1,
        Fact::Period(_) | Fact::End(_) => 2,
        Fact::Paid(_) => 3,
        _ => 4,
    }
}

fn error(key: &str, data: Value) -> Reply {
    Reply::new(key, data)
}

fn changed<T: PartialEq>(old: &Option<T>, new: &T) -> bool {
    old.as_ref().is_some_and(|o| o != new)
}

fn rfc(t: DateTime<Utc>) -> String {
    t.to_rfc3339()
}

/// Put the check facts into the draft, except those that differ from an answer held (other
/// than the one being fixed): those are asked about.
pub(crate) fn apply_asking(d: &mut Draft, found: &[Found], now: DateTime<Utc>, fixing: Option<P>) -> Applied {
    let mut conflicts = Vec::new();
    let kept: Vec<Found> = found
        .iter()
        .filter(|f| !super::conflict::keeps_own_reason(d, &f.fact))
        .filter(|f| {
            // A value the question would refuse gets its error, not a choice.
            let refused = || {
                !apply(&mut d.clone(), std::slice::from_ref(*f), now)
                    .errors
                    .is_empty()
            };
            match super::conflict::of(d, &f.fact).filter(|c| Some(c.at) != fixing && !refused()) {
                Some(c) => {
                    if !conflicts.contains(&c) {
                        conflicts.push(c);
                    }
                    false
                }
                None => true,
            }
        })
        .cloned()
        .collect();
    let mut a = apply(d, &kept, now);
    a.conflicts = conflicts;
    a
}

/// Put every check fact into the draft (a value told again replaces the one held, and says so).
pub(crate) fn apply(d: &mut Draft, found: &[Found], now: DateTime<Utc>) -> Applied {
    let mut facts: Vec<&Fact> = found.iter().map(|f| &f.fact).filter(|f| for_check(f)).collect();
    facts.sort_by_key(|f| rank(f));
    let period_words = found
        .iter()
        .find(|f| matches!(f.fact, Fact::Period(_)))
        .map(|f| f.words.clone());
    let mut a = Applied::default();
    for f in facts {
        match f {
            Fact::Instance(id) => {
                let replaced = changed(&d.instance, id);
                d.instance = Some(id.clone());
                a.lines.push(json!({ "field": "instance", "kind": "text", "value": id.as_str(), "replaced": replaced }));
                a.fixes.push(P::Instance);
            }
            Fact::Billing(b) => {
                let replaced = changed(&d.billing, b);
                d.billing = Some(*b);
                a.lines
                    .push(json!({ "field": "billing", "kind": "billing", "value": b, "replaced": replaced }));
                a.fixes.push(P::Billing);
            }
            Fact::Start(w) => {
                if w.at > now {
                    let at = shanghai(w.at).format("%Y-%m-%d %H:%M").to_string();
                    a.errors.push(error("input.date.in_future", json!({ "at": at })));
                    continue;
                }
                // "然后18号用余额买的": the same day again without a time keeps its time.
                if let Some(h) = d.start
                    && !w.has_time
                    && shanghai(h).date_naive() == shanghai(w.at).date_naive()
                {
                    continue;
                }
                // "11月15号上午10点", then "不是15号 是11月25号": the day changes,
                // the time of day told before stays.
                let w = &match d.start.map(shanghai).map(|h| h.time()) {
                    Some(time) if !w.has_time && time != chrono::NaiveTime::MIN => {
                        let day = shanghai(w.at).date_naive().and_time(time);
                        match day.and_local_timezone(shanghai(w.at).timezone()).single() {
                            Some(at) if at.with_timezone(&chrono::Utc) <= now => When {
                                at: at.with_timezone(&chrono::Utc),
                                has_time: true,
                                ..*w
                            },
                            _ => *w,
                        }
                    }
                    _ => *w,
                };
                let replaced = changed(&d.start, &w.at);
                if let Some(len) = d.period {
                    d.end = len.end_from(w.at);
                }
                if d.end.is_some_and(|e| e <= w.at) {
                    d.end = None;
                    d.period = None;
                }
                d.start = Some(w.at);
                a.lines.push(date_line("start", w, replaced));
                a.fixes.push(P::Start);
            }
            Fact::Period(len) => {
                // "3个月" / "1-year plan": the billing, when not said, follows.
                let implied = match len {
                    PeriodLen::Months(_) => Some(Billing::Monthly),
                    PeriodLen::Years(_) => Some(Billing::Yearly),
                    _ => None,
                };
                if let Some(b) = implied.filter(|_| d.billing.is_none()) {
                    d.billing = Some(b);
                    a.lines.push(json!({ "field": "billing", "kind": "billing", "value": b, "replaced": false, "from": period_words }));
                    a.fixes.push(P::Billing);
                }
                let replaced = d.end.is_some() && d.period != Some(*len);
                d.period = Some(*len);
                d.end = d.start.and_then(|s| len.end_from(s));
                a.lines.push(json!({ "field": "period", "kind": "period", "value": period_value(*len), "end": d.end.map(rfc), "replaced": replaced }));
                a.fixes.push(P::End);
            }
            Fact::End(w) => {
                if let Some(start) = d.start.filter(|s| w.at <= *s) {
                    a.errors
                        .push(error("check.end_before_start", json!({ "start": rfc(start) })));
                    continue;
                }
                let replaced = changed(&d.end, &w.at);
                d.end = Some(w.at);
                d.period = None;
                a.lines.push(date_line("end", w, replaced));
                a.fixes.push(P::End);
            }
            Fact::DeleteAt(w) => {
                if d.start.is_some_and(|s| w.at < s) {
                    a.errors.push(error("check.delete_before_start", Value::Null));
                    continue;
                }
                // "想今天就删了": still to come, from now; the same day again without a time keeps its time.
                let at = match d.delete_at {
                    _ if w.planned && w.at <= now => now,
                    Some(h) if !w.has_time && shanghai(h).date_naive() == shanghai(w.at).date_naive() => h,
                    _ => w.at,
                };
                let replaced = changed(&d.delete_at, &at);
                d.delete_at = Some(at);
                d.not_deleted = at > now || w.planned;
                a.lines.push(date_line("delete_at", w, replaced));
                a.fixes.push(P::DeleteAt);
            }
            Fact::Paid(v) => {
                if *v <= Decimal::ZERO {
                    a.errors.push(error("input.money.zero", Value::Null));
                    continue;
                }
                let replaced = changed(&d.paid, v);
                if d.gift.is_some_and(|g| g > *v) {
                    d.gift = None;
                }
                if d.list_price.flatten().is_some_and(|l| l <= *v) {
                    d.list_price = None;
                }
                d.paid = Some(*v);
                a.lines.push(money_line("paid", *v, replaced));
                a.fixes.push(P::Paid);
            }
            Fact::ListPrice(v) => {
                if let Some(paid) = d.paid.filter(|p| v <= p) {
                    a.errors
                        .push(error("check.list_not_above_paid", json!({ "paid": paid })));
                    continue;
                }
                let replaced = d.list_price.flatten().is_some_and(|l| l != *v);
                d.list_price = Some(Some(*v));
                a.lines.push(money_line("list_price", *v, replaced));
                a.fixes.push(P::ListPrice);
            }
            Fact::Voucher(v) => {
                let replaced = changed(&d.voucher, v);
                d.voucher = Some(*v);
                a.lines.push(money_line("voucher", *v, replaced));
                a.fixes.push(P::Voucher);
            }
            Fact::Gift(v) => {
                if let Some(paid) = d.paid.filter(|p| v > p) {
                    a.errors
                        .push(error("check.gift_exceeds_paid", json!({ "paid": paid })));
                    continue;
                }
                let replaced = changed(&d.gift, v);
                d.gift = Some(*v);
                a.lines.push(money_line("gift", *v, replaced));
                a.fixes.push(P::Gift);
            }
            Fact::MonthlyPrice(v) => {
                let replaced = d.monthly_price.flatten().is_some_and(|m| m != *v);
                d.monthly_price = Some(Some(*v));
                a.lines.push(money_line("monthly_price", *v, replaced));
                a.fixes.push(P::MonthlyPrice);
            }
            Fact::Reason(k) => {
                let r = reason_of(*k);
                let replaced = changed(&d.reason, &r);
                d.reason = Some(r.clone());
                a.lines
                    .push(json!({ "field": "reason", "kind": "reason", "value": r, "replaced": replaced }));
                a.fixes.push(P::Reason);
            }
            Fact::Submitted(_) | Fact::Withdrawal(_) | Fact::Answered(_) => {}
        }
    }
    a.fixes.dedup();
    a
}

/// The "understood" reply.
pub(crate) fn reply(a: &Applied) -> Reply {
    Reply::new("understood", json!({ "lines": a.lines }))
}

/// A correction button per question the facts answered, in rows of three: put after the next
/// question's own options, so its first option is still the first one on screen.
pub(crate) fn fix_rows(a: &Applied) -> Vec<Vec<Button>> {
    let buttons: Vec<Button> = a
        .fixes
        .iter()
        .map(|p| {
            let name = json!(p).as_str().unwrap_or("menu").to_owned();
            Button::with(format!("fix:{name}"), "btn.fix", json!({ "field": name }))
        })
        .collect();
    buttons.chunks(3).map(<[Button]>::to_vec).collect()
}

/// A correction button for every answered question of the check's main part ("that's wrong").
pub(crate) fn fix_all(d: &Draft) -> Vec<Vec<Button>> {
    let answered = crate::conversation::check::flow::main(d)
        .iter()
        .copied()
        .filter(|p| !matches!(p, P::Account) && crate::conversation::check::flow::applies(*p, d))
        .filter(|p| crate::conversation::check::flow::answered(*p, d))
        .collect();
    fix_rows(&Applied {
        fixes: answered,
        ..Applied::default()
    })
}

/// What a message carries of a check, for [`Intents::classify`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Carried {
    Nothing,
    /// Only amounts or dates whose role is not said.
    Unplaced,
    /// Facts the check takes (an ID, a dated purchase, the amount paid...).
    Placed,
}

/// An amount said with the role of the amount question on screen ("付了988" at "实付多少").
pub(crate) fn names_screen_amount(at: P, f: &Fact) -> bool {
    matches!(
        (at, f),
        (P::Paid, Fact::Paid(_))
            | (P::Voucher, Fact::Voucher(_))
            | (P::Gift, Fact::Gift(_))
            | (P::ListPrice, Fact::ListPrice(_))
            | (P::MonthlyPrice, Fact::MonthlyPrice(_))
    )
}

/// Whether a fact is the answer of the button question on screen (the choice says it already).
pub(crate) fn answers_here(at: P, f: &Fact) -> bool {
    matches!((at, f), (P::Billing, Fact::Billing(_)))
}

#[cfg(test)]
#[path = "facts_tests.rs"]
mod tests;
