//! A fact told again with another value ("7月1号买的", later "7月15号买
//! 的"): never put in place of the first without a word. The check asks
//! which is right, with both as buttons, at that fact's question (typing
//! the right value works too); a correction said as one ("不对，是…")
//! replaces and says so (`facts::apply`).

use crate::case::{Draft, Reason};
use crate::conversation::base::answer::Answer;
use crate::conversation::base::buttons::Id;
use crate::conversation::base::reply::{Button, Out, Reply};
pub(crate) use crate::conversation::base::state::{Conflict, Pick};
use crate::conversation::base::state::{Position as P, State};
use crate::conversation::check::flow;
use crate::conversation::check::lines::{date_line, money_line, period_value, reason_of};
use crate::input::{Fact, PeriodLen, When, shanghai};
use crate::policy::Billing;
use chrono::{DateTime, Timelike, Utc};
use rust_decimal::Decimal;
use serde_json::{Value, json};

fn midnight(t: DateTime<Utc>) -> bool {
    let l = shanghai(t);
    (l.hour(), l.minute()) == (0, 0)
}

/// A moment held, as the person gave it (a midnight is a day without time).
fn held(at: DateTime<Utc>) -> When {
    When {
        at,
        has_time: !midnight(at),
        year_inferred: false,
        planned: false,
    }
}

/// The text a date question takes for a moment.
fn date_text(w: &When) -> String {
    let f = if w.has_time { "%Y-%m-%d %H:%M" } else { "%Y-%m-%d" };
    shanghai(w.at).format(f).to_string()
}

/// A day told again with its time ("12月5号" then "12月5号晚上8点") adds to
/// the answer: no conflict.
fn refines(old: DateTime<Utc>, new: &When) -> bool {
    midnight(old) && new.has_time && shanghai(old).date_naive() == shanghai(new.at).date_naive()
}

fn period_text(len: PeriodLen) -> String {
    match len {
        PeriodLen::Hours(n) => format!("{n}小时"),
        PeriodLen::Days(n) => format!("{n}天"),
        PeriodLen::Months(n) => format!("{n}个月"),
        PeriodLen::Years(n) => format!("{n}年"),
    }
}

fn billing_id(b: Billing) -> String {
    match b {
        Billing::Hourly => Id::BillingHourly,
        Billing::Daily => Id::BillingDaily,
        Billing::Monthly => Id::BillingMonthly,
        Billing::Yearly => Id::BillingYearly,
        Billing::Trial => Id::BillingTrial,
    }
    .as_str()
    .to_owned()
}

fn reason_id(r: &Reason) -> Option<String> {
    Some(
        match r {
            Reason::BusinessChange => Id::ReasonBusinessChange,
            Reason::Performance => Id::ReasonPerformance,
            Reason::NotAsDescribed => Id::ReasonNotAsDescribed,
            Reason::BoughtByMistake => Id::ReasonBoughtByMistake,
            Reason::Other(_) => return None,
        }
        .as_str()
        .to_owned(),
    )
}

fn money(at: P, field: &str, old: Option<Decimal>, new: Decimal) -> Option<Conflict> {
    let old = old.filter(|o| *o != new)?;
    Some(Conflict {
        at,
        old: money_line(field, old, false),
        new: money_line(field, new, false),
        keep: Pick::Text(old.normalize().to_string()),
        take: Pick::Text(new.normalize().to_string()),
    })
}

fn date(at: P, field: &str, old: Option<DateTime<Utc>>, new: &When) -> Option<Conflict> {
    // The same day again without its time is no other answer.
    let again =
        |o: &DateTime<Utc>| !new.has_time && shanghai(*o).date_naive() == shanghai(new.at).date_naive();
    let old = old.filter(|o| *o != new.at && !refines(*o, new) && !again(o))?;
    let old = held(old);
    Some(Conflict {
        at,
        old: date_line(field, &old, false),
        // The year said or not: the button shows the day.
        new: date_line(
            field,
            &When {
                year_inferred: false,
                planned: false,
                ..*new
            },
            false,
        ),
        keep: Pick::Text(date_text(&old)),
        take: Pick::Text(date_text(new)),
    })
}

/// The conflict a fact makes with the answer the draft holds, if any.
pub(crate) fn of(d: &Draft, f: &Fact) -> Option<Conflict> {
    match f {
        Fact::Instance(id) => {
            let old = d.instance.as_ref().filter(|o| *o != id)?;
            let line =
                |v: &str| json!({ "field": "instance", "kind": "text", "value": v, "replaced": false });
            Some(Conflict {
                at: P::Instance,
                old: line(old.as_str()),
                new: line(id.as_str()),
                keep: Pick::Text(old.as_str().to_owned()),
                take: Pick::Text(id.as_str().to_owned()),
            })
        }
        Fact::Billing(b) => {
            let old = d.billing.filter(|o| o != b)?;
            let line =
                |v: Billing| json!({ "field": "billing", "kind": "billing", "value": v, "replaced": false });
            Some(Conflict {
                at: P::Billing,
                old: line(old),
                new: line(*b),
                keep: Pick::Button(billing_id(old)),
                take: Pick::Button(billing_id(*b)),
            })
        }
        Fact::Start(w) => date(P::Start, "start", d.start, w),
        Fact::End(w) => date(P::End, "end", d.end, w),
        // A deletion assumed ("现在", "还没删") is not an answer to keep.
        Fact::DeleteAt(w) if !d.not_deleted => date(P::DeleteAt, "delete_at", d.delete_at, w),
        Fact::Period(len) => {
            let old_end = d.end?;
            let new_end = d.start.and_then(|s| len.end_from(s));
            if d.period == Some(*len) || new_end == Some(old_end) {
                return None;
            }
            let line = |l: PeriodLen| {
                let end = d.start.and_then(|s| l.end_from(s)).map(|e| e.to_rfc3339());
                json!({ "field": "period", "kind": "period", "value": period_value(l), "end": end, "replaced": false })
            };
            let (old, keep) = match d.period {
                Some(p) => (line(p), Pick::Text(period_text(p))),
                None => (
                    date_line("end", &held(old_end), false),
                    Pick::Text(date_text(&held(old_end))),
                ),
            };
            Some(Conflict {
                at: P::End,
                old,
                new: line(*len),
                keep,
                take: Pick::Text(period_text(*len)),
            })
        }
        Fact::Paid(v) => money(P::Paid, "paid", d.paid, *v),
        Fact::Voucher(v) => money(P::Voucher, "voucher", d.voucher, *v),
        Fact::Gift(v) => money(P::Gift, "gift", d.gift, *v),
        Fact::ListPrice(v) => money(P::ListPrice, "list_price", d.list_price.flatten(), *v),
        Fact::MonthlyPrice(v) => money(P::MonthlyPrice, "monthly_price", d.monthly_price.flatten(), *v),
        Fact::Reason(k) => {
            let new = reason_of(*k);
            let old = d.reason.as_ref().filter(|o| **o != new)?;
            let line =
                |r: &Reason| json!({ "field": "reason", "kind": "reason", "value": r, "replaced": false });
            Some(Conflict {
                at: P::Reason,
                old: line(old),
                new: line(&new),
                keep: Pick::Button(reason_id(old)?),
                take: Pick::Button(reason_id(&new)?),
            })
        }
        _ => None,
    }
}

/// The reason given in the person's own words stays when a sentence later
/// suggests one of the listed reasons (neither asked nor replaced).
pub(crate) fn keeps_own_reason(d: &Draft, f: &Fact) -> bool {
    matches!(f, Fact::Reason(_)) && matches!(d.reason, Some(Reason::Other(_)))
}

/// Asks which value is right: at the fact's question (so the right value
/// typed is its answer), with the new value and the held one as buttons;
/// the question shows it until it is answered or left.
pub(crate) fn ask(s: &mut State, c: &Conflict, out: &mut Out) {
    if s.at != c.at {
        s.history.push(s.at);
        s.at = c.at;
    }
    s.fixing = Some(c.at);
    s.conflict = Some(c.clone());
    out.say(reply(c));
}

/// Asks about the first conflict of facts just put (after their lines and
/// errors were said); whether one was asked.
pub(crate) fn asked(s: &mut State, conflicts: &[Conflict], out: &mut Out) -> bool {
    let Some(c) = conflicts.first() else {
        return false;
    };
    if !flow::is_check(s.at) {
        s.history = vec![P::Menu];
    }
    ask(s, c, out);
    true
}

/// The question "which is right?", with its two buttons.
pub(crate) fn reply(c: &Conflict) -> Reply {
    let field = json!(c.at).as_str().unwrap_or_default().to_owned();
    let row =
        |pick: &Pick, key: &str, line: &Value| vec![Button::with(pick.id(c.at), key, json!({ "l": line }))];
    Reply::new(
        "conflict.ask",
        json!({ "field": field, "old": c.old, "new": c.new }),
    )
    .buttons(vec![
        row(&c.take, "btn.conflict.take", &c.new),
        row(&c.keep, "btn.conflict.keep", &c.old),
    ])
}

/// A value chosen (`conflict:<question>:t:<text>` or `…:b:<button>`): the
/// question it answers is put on screen, as a fix, and the answer returned
/// for the question to take; the check then goes on.
pub(crate) fn button<'a>(s: &mut State, id: &'a str) -> Option<Answer<'a>> {
    let rest = id.strip_prefix("conflict:")?;
    let mut parts = rest.splitn(3, ':');
    let (field, kind, value) = (parts.next()?, parts.next()?, parts.next()?);
    let at = serde_json::from_value::<P>(json!(field)).ok()?;
    if !flow::is_check(at) || !flow::applies(at, &s.draft) {
        return None;
    }
    if s.at != at {
        s.history.push(s.at);
        s.at = at;
    }
    s.fixing = Some(at);
    s.conflict = None;
    Some(match kind {
        "b" => Answer::Button(value),
        _ => Answer::Text(value),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::parse_period;
    use chrono::TimeZone;

    fn when(y: i32, m: u32, d: u32, h: u32) -> When {
        let at = chrono_tz::Asia::Shanghai
            .with_ymd_and_hms(y, m, d, h, 0, 0)
            .unwrap()
            .with_timezone(&Utc);
        When {
            at,
            has_time: h != 0,
            year_inferred: false,
            planned: false,
        }
    }

    #[test]
    fn a_different_day_conflicts_and_its_time_told_later_does_not() {
        let d = Draft {
            start: Some(when(2026, 7, 1, 0).at),
            ..Draft::default()
        };
        let c = of(&d, &Fact::Start(when(2026, 7, 15, 0))).expect("conflict");
        assert_eq!(c.keep, Pick::Text("2026-07-01".into()));
        assert_eq!(c.take, Pick::Text("2026-07-15".into()));
        assert_eq!(of(&d, &Fact::Start(when(2026, 7, 1, 20))), None);
        assert_eq!(of(&d, &Fact::Start(when(2026, 7, 1, 0))), None);
    }

    #[test]
    fn amounts_lengths_and_ids_conflict_only_when_they_differ() {
        let d = Draft {
            paid: Some(Decimal::new(27000, 2)),
            start: Some(when(2026, 7, 1, 0).at),
            end: PeriodLen::Years(1).end_from(when(2026, 7, 1, 0).at),
            period: Some(PeriodLen::Years(1)),
            ..Draft::default()
        };
        assert_eq!(of(&d, &Fact::Paid(Decimal::new(270, 0))), None);
        let c = of(&d, &Fact::Paid(Decimal::new(300, 0))).expect("paid");
        assert_eq!(
            (c.keep, c.take),
            (Pick::Text("270".into()), Pick::Text("300".into()))
        );
        assert_eq!(of(&d, &Fact::Period(PeriodLen::Months(12))), None, "the same end");
        let c = of(&d, &Fact::Period(PeriodLen::Months(1))).expect("period");
        assert_eq!(c.at, P::End);
        // Both texts are answers the end question takes.
        for p in [c.keep, c.take] {
            let Pick::Text(t) = p else { panic!("text") };
            assert!(parse_period(&t).is_ok(), "{t}");
        }
    }

    #[test]
    fn every_button_id_fits_telegrams_64_bytes() {
        let d = Draft {
            instance: crate::input::read_instance_id("4cc31f70-f0b5-4ce8-8b9a-1e4c0fb53b6a").ok(),
            ..Draft::default()
        };
        let new = crate::input::read_instance_id("5dd31f70-f0b5-4ce8-8b9a-1e4c0fb53b6a").unwrap();
        let c = of(&d, &Fact::Instance(new)).expect("instance");
        assert!(c.take.id(c.at).len() <= 64, "{}", c.take.id(c.at));
    }
}
