//! The refund check: taking the answer to the current question, then moving on.

use super::buttons::Id;
use super::compound::{free_text, overage, value_added};
use super::flow::{answered, applies, ask, buttons, first_open, segment};
use super::state::{Position as P, State};
use super::{Ctx, Out, Reply, cases};
use crate::case::Reason;
use crate::input::{self, PeriodLen};
use crate::policy::{Applicant, Billing, Ground, HourlyTier, Need, Provider, RequestKind, Tri};
use rust_decimal::Decimal;
use serde_json::{Value, json};
use std::str::FromStr;

/// What the user gave for the current question.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Answer<'a> {
    Text(&'a str),
    Button(&'a str),
}

/// What an answer did: a one-line reason to show, or an error to show before
/// asking again. `Stay` keeps the question open (e.g. another value-added service).
pub(crate) enum Took {
    Next(Option<Reply>),
    Stay(Reply),
    Wrong(Reply),
}

pub(crate) fn err(key: &str, params: Vec<(&'static str, String)>) -> Took {
    let data: serde_json::Map<String, Value> = params
        .into_iter()
        .map(|(k, v)| (k.to_owned(), json!(v)))
        .collect();
    Took::Wrong(Reply::new(key, Value::Object(data)))
}

fn ack(key: &str) -> Took {
    Took::Next(Some(Reply::key(key)))
}

fn amount(text: &str, allow_zero: bool) -> Result<Decimal, Took> {
    input::parse_amount(text, allow_zero).map_err(|e| err(e.key(), e.params()))
}

fn tri(v: &str) -> Option<Tri> {
    serde_json::from_value(json!(v)).ok()
}

/// Apply an answer to the current question.
pub(crate) fn answer(s: &mut State, a: Answer, ctx: &Ctx, out: &mut Out) {
    if matches!(a, Answer::Button(b) if Id::parse(b) == Some(Id::NavKeep)) && answered(s.at, &s.draft) {
        return advance(s, ctx, out, true);
    }
    // Coming back to an answered question walks through the following ones
    // again; a first answer skips those already known.
    let revisit = answered(s.at, &s.draft) && s.fixing != Some(s.at);
    let took = match take(s, a, ctx) {
        Ok(t) => t,
        Err(t) => t,
    };
    match took {
        Took::Next(r) => {
            s.fixing = None;
            if let Some(r) = r {
                out.say(r);
            }
            advance(s, ctx, out, revisit);
        }
        Took::Stay(r) => {
            out.say(r);
            out.say(ask(s, ctx));
        }
        Took::Wrong(r) => {
            out.say(r);
            out.say(ask(s, ctx));
        }
    }
}

/// Whether `text` answers the question on screen (nothing is changed).
pub(crate) fn accepts(s: &State, text: &str, ctx: &Ctx) -> bool {
    let mut trial = s.clone();
    matches!(
        take(&mut trial, Answer::Text(text), ctx),
        Ok(Took::Next(_) | Took::Stay(_))
    )
}

fn take(s: &mut State, a: Answer, ctx: &Ctx) -> Result<Took, Took> {
    let d = &mut s.draft;
    let p = s.at;
    let prefix = |id: &str| id.split_once(':').map(|(p, v)| (p.to_owned(), v.to_owned()));
    // A button from another question, or text where only buttons make sense.
    let choice = match a {
        Answer::Button(id) => {
            let own = buttons(p, d).iter().flatten().any(|b| b.id == id);
            if !own {
                return Err(Took::Wrong(Reply::key("nav.stale_button")));
            }
            prefix(id).map(|(_, v)| v)
        }
        Answer::Text(_) => None,
    };
    let text = match a {
        Answer::Text(t) => Some(t),
        Answer::Button(_) => None,
    };
    let needs_button = || Took::Wrong(Reply::key("nav.use_buttons"));
    Ok(match p {
        P::Billing => match choice.as_deref() {
            Some("unsure") => Took::Stay(Reply::key("hint.billing")),
            Some(v) => {
                let b = Billing::from_str(v).map_err(|_| needs_button())?;
                d.billing = Some(b);
                ack(&format!("ack.billing.{v}"))
            }
            None => return Err(needs_button()),
        },
        P::Account => match choice.as_deref() {
            Some("none") => {
                d.account_items = false;
                d.arrears = Some(Tri::No);
                d.violation = Some(Tri::No);
                d.customised = Some(false);
                d.applicant = Some(Applicant::Owner);
                Took::Next(None)
            }
            Some(_) => {
                d.account_items = true;
                Took::Next(None)
            }
            None => return Err(needs_button()),
        },
        P::Arrears | P::Violation => {
            let v = choice.as_deref().and_then(tri).ok_or_else(needs_button)?;
            let name = if p == P::Arrears { "arrears" } else { "violation" };
            if p == P::Arrears {
                d.arrears = Some(v);
            } else {
                d.violation = Some(v);
            }
            match v {
                Tri::No => Took::Next(None),
                _ => ack(&format!("ack.{name}.{}", json!(v).as_str().unwrap_or("yes"))),
            }
        }
        P::Customised => {
            let yes = match choice.as_deref() {
                Some("yes") => true,
                Some("no") => false,
                _ => return Err(needs_button()),
            };
            d.customised = Some(yes);
            if yes {
                ack("ack.customised.yes")
            } else {
                Took::Next(None)
            }
        }
        P::Applicant => {
            let v: Applicant = choice
                .as_deref()
                .and_then(|v| serde_json::from_value(json!(v)).ok())
                .ok_or_else(needs_button)?;
            d.applicant = Some(v);
            match v {
                Applicant::Owner => Took::Next(None),
                Applicant::Other => ack("ack.applicant.other"),
                _ => ack("ack.applicant.member"),
            }
        }
        P::Request => {
            let v: RequestKind = choice
                .as_deref()
                .and_then(|v| serde_json::from_value(json!(v)).ok())
                .ok_or_else(needs_button)?;
            d.request = Some(v);
            ack(&format!(
                "ack.request.{}",
                json!(v).as_str().unwrap_or("requested")
            ))
        }
        P::Ground => match choice.as_deref() {
            Some("none") => {
                d.ground = Some(None);
                ack("ack.ground.none")
            }
            Some(v) => {
                let g = Ground::from_str(v).map_err(|_| needs_button())?;
                d.ground = Some(Some(g));
                if g == Ground::WrittenNotice {
                    ack("ack.ground.written_notice")
                } else {
                    ack("ack.ground.evidence")
                }
            }
            None => return Err(needs_button()),
        },
        P::Instance => {
            let id =
                input::parse_instance_id(text.unwrap_or_default()).map_err(|e| err(e.key(), e.params()))?;
            d.instance = Some(id);
            Took::Next(None)
        }
        P::Start => {
            let t = input::parse_past_datetime(text.unwrap_or_default(), ctx.now)
                .map_err(|e| err(e.key(), e.params()))?;
            // An end given as a length moves with the start; a date that is
            // no longer after the start must be asked again.
            if let Some(len) = d.period {
                d.end = len.end_from(t);
            }
            if d.end.is_some_and(|e| e <= t) {
                d.end = None;
                d.period = None;
            }
            d.start = Some(t);
            Took::Next(None)
        }
        P::End => {
            let start = d.start.ok_or_else(|| err("check.start_first", vec![]))?;
            let (end, period) = match choice.as_deref() {
                Some(v) => {
                    let len = match v {
                        "1m" => PeriodLen::Months(1),
                        "3m" => PeriodLen::Months(3),
                        _ => PeriodLen::Years(1),
                    };
                    (len.end_from(start), Some(len))
                }
                None => {
                    let t = text.unwrap_or_default();
                    match input::parse_period(t) {
                        Ok(len) => (len.end_from(start), Some(len)),
                        Err(pe) => match input::parse_datetime(t, after(start)) {
                            Ok(e) => (Some(e), None),
                            Err(de) if pe == input::PeriodError::Unrecognised => {
                                return Err(err(de.key(), de.params()));
                            }
                            Err(_) => return Err(err(pe.key(), pe.params())),
                        },
                    }
                }
            };
            let end = end.ok_or_else(|| err("check.end_before_start", vec![]))?;
            if end <= start {
                return Err(err("check.end_before_start", vec![("start", start.to_rfc3339())]));
            }
            d.end = Some(end);
            d.period = period;
            Took::Next(None)
        }
        P::Paid => {
            let v = amount(text.unwrap_or_default(), false)?;
            if d.gift.is_some_and(|g| g > v) {
                d.gift = None;
            }
            if d.list_price.flatten().is_some_and(|l| l <= v) {
                d.list_price = None;
            }
            d.paid = Some(v);
            Took::Next(None)
        }
        P::Package => {
            let yes = match choice.as_deref() {
                Some("yes") => true,
                Some("no") => false,
                _ => return Err(needs_button()),
            };
            d.package = Some(yes);
            if yes {
                ack("ack.package.yes")
            } else {
                Took::Next(None)
            }
        }
        P::ListPrice => match choice {
            Some(_) => {
                d.list_price = Some(None);
                Took::Next(None)
            }
            None => {
                let list = amount(text.unwrap_or_default(), false)?;
                let paid = d.paid.unwrap_or_default();
                if list <= paid {
                    return Err(err("check.list_not_above_paid", vec![("paid", paid.to_string())]));
                }
                d.list_price = Some(Some(list));
                ack("ack.list.promotional")
            }
        },
        P::Voucher => {
            let v = match choice {
                Some(_) => Decimal::ZERO,
                None => amount(text.unwrap_or_default(), true)?,
            };
            d.voucher = Some(v);
            if v > Decimal::ZERO {
                ack("ack.voucher.some")
            } else {
                Took::Next(None)
            }
        }
        P::Gift => {
            let v = match choice {
                Some(_) => Decimal::ZERO,
                None => amount(text.unwrap_or_default(), true)?,
            };
            let paid = d.paid.unwrap_or_default();
            if v > paid {
                return Err(err("check.gift_exceeds_paid", vec![("paid", paid.to_string())]));
            }
            d.gift = Some(v);
            Took::Next(None)
        }
        P::MonthlyPrice => match choice {
            Some(_) if d.is_cloud() => {
                d.monthly_price = Some(None);
                ack("ack.need.unknown")
            }
            Some(_) => {
                d.monthly_price = Some(None);
                ack("ack.monthly.unknown")
            }
            None => {
                d.monthly_price = Some(Some(amount(text.unwrap_or_default(), false)?));
                Took::Next(None)
            }
        },
        P::Overage => match choice {
            Some(_) => {
                d.overage = Some(None);
                Took::Next(None)
            }
            None => {
                d.overage = Some(Some(overage(text.unwrap_or_default())?));
                Took::Next(None)
            }
        },
        P::ValueAdded => match choice {
            Some(_) => {
                d.value_added_done = true;
                Took::Next(None)
            }
            None => {
                d.value_added.push(value_added(text.unwrap_or_default())?);
                Took::Stay(Reply::new("ack.vas.added", json!({ "items": d.value_added })))
            }
        },
        P::Customisation => {
            let v = match choice {
                Some(_) => Decimal::ZERO,
                None => amount(text.unwrap_or_default(), true)?,
            };
            d.customisation = Some(v);
            Took::Next(None)
        }
        P::DeleteAt => {
            let t = match choice {
                Some(_) => ctx.now,
                None => input::parse_datetime(text.unwrap_or_default(), d.start.map_or(ctx.now, after))
                    .map_err(|e| err(e.key(), e.params()))?,
            };
            if d.start.is_some_and(|st| t < st) {
                return Err(err("check.delete_before_start", vec![]));
            }
            d.delete_at = Some(t);
            Took::Next(None)
        }
        P::Reason => {
            let r = match (choice.as_deref(), text) {
                (Some("business_change"), _) => Reason::BusinessChange,
                (Some("performance"), _) => Reason::Performance,
                (Some("not_as_described"), _) => Reason::NotAsDescribed,
                (Some("bought_by_mistake"), _) => Reason::BoughtByMistake,
                (Some(_), _) => Reason::Other(String::new()),
                (None, Some(t)) => Reason::Other(free_text(t)?),
                (None, None) => return Err(needs_button()),
            };
            let key = matches!(r, Reason::Performance).then_some("ack.reason.performance");
            d.reason = Some(r);
            Took::Next(key.map(Reply::key))
        }
        P::ReasonText => {
            d.reason = Some(Reason::Other(free_text(text.unwrap_or_default())?));
            Took::Next(None)
        }
        P::Provider => {
            let v = choice.as_deref().ok_or_else(needs_button)?;
            d.provider = Some(Provider::from_str(v).map_err(|_| needs_button())?);
            Took::Next(None)
        }
        P::FirstRefund => {
            d.cloud.first_refund = Some(choice.as_deref().and_then(tri).ok_or_else(needs_button)?);
            Took::Next(None)
        }
        P::HourlyPrice | P::BandwidthPrice => {
            let need = if p == P::HourlyPrice {
                Need::HourlyPrice
            } else {
                Need::BandwidthPrice
            };
            let v = match choice {
                Some(_) => None,
                None => Some(unit_price(text.unwrap_or_default(), p)?),
            };
            if p == P::HourlyPrice {
                d.cloud.hourly_price = v;
            } else {
                d.cloud.bandwidth_price = v;
            }
            d.declined.retain(|n| *n != need);
            if v.is_none() {
                d.declined.push(need);
                if p == P::HourlyPrice {
                    return Ok(ack("ack.need.unknown"));
                }
            }
            Took::Next(None)
        }
        P::UsedDiscount => {
            d.declined.retain(|n| *n != Need::UsedDiscount);
            d.cloud.used_discount = match choice {
                Some(_) => {
                    d.declined.push(Need::UsedDiscount);
                    None
                }
                None => Some(discount(text.unwrap_or_default())?),
            };
            Took::Next(None)
        }
        P::HourlyTier => {
            d.declined.retain(|n| *n != Need::HourlyTier);
            d.cloud.hourly_tier = match choice {
                Some(_) => {
                    d.declined.push(Need::HourlyTier);
                    None
                }
                None => Some(tier(text.unwrap_or_default())?),
            };
            Took::Next(None)
        }
        P::Renewals => {
            d.declined.retain(|n| *n != Need::Renewals);
            match choice {
                Some(_) => {
                    d.cloud.renewals.clear();
                    d.declined.push(Need::Renewals);
                }
                None => d.cloud.renewals = vec![amount(text.unwrap_or_default(), false)?],
            }
            Took::Next(None)
        }
        _ => return Err(needs_button()),
    })
}

/// Move to the next question of this part that applies (and is not known
/// yet, unless `revisit`), or to the result.
pub(crate) fn advance(s: &mut State, ctx: &Ctx, out: &mut Out, revisit: bool) {
    let seg = segment(s.at, &s.draft);
    let from = seg.iter().position(|p| *p == s.at).map_or(0, |i| i + 1);
    let next = seg[from..]
        .iter()
        .copied()
        .find(|p| applies(*p, &s.draft) && (revisit || !answered(*p, &s.draft)));
    s.history.push(s.at);
    match next {
        Some(p) => {
            s.at = p;
            out.say(ask(s, ctx));
        }
        None => match first_open(&s.draft) {
            P::Result => cases::finish(s, ctx, out),
            p => {
                s.at = p;
                out.say(ask(s, ctx));
            }
        },
    }
}

/// A price per hour: finer than a cent (0.063), above 0.
fn unit_price(text: &str, p: P) -> Result<Decimal, Took> {
    let t = input::normalize(text);
    let bare = t
        .trim()
        .trim_end_matches(['。', '.'])
        .trim_end_matches("/h")
        .trim_end_matches("/小时")
        .trim_end_matches("每小时")
        .trim_end_matches('元')
        .trim_start_matches(['¥', '￥'])
        .trim();
    match Decimal::from_str(bare) {
        Ok(x) if x > Decimal::ZERO && x.scale() <= 6 && x < Decimal::from(1_000_000) => Ok(x),
        _ => Err(err(
            "check.price_format",
            vec![("what", json!(p).as_str().unwrap_or_default().to_owned())],
        )),
    }
}

/// A discount step: 0.88, 88%, 8.8折 or 88折.
fn discount(text: &str) -> Result<Decimal, Took> {
    let t = input::normalize(text);
    let t = t.trim();
    let bad = || err("check.discount_format", vec![]);
    let (num, scale) = if let Some(p) = t.strip_suffix('%') {
        (p, Some(Decimal::ONE_HUNDRED))
    } else if let Some(z) = t.strip_suffix('折') {
        let x = Decimal::from_str(z.trim()).map_err(|_| bad())?;
        (
            z,
            Some(if x > Decimal::TEN {
                Decimal::ONE_HUNDRED
            } else {
                Decimal::TEN
            }),
        )
    } else {
        (t, None)
    };
    let x = Decimal::from_str(num.trim()).map_err(|_| bad())?;
    let x = match scale {
        Some(s) => x / s,
        None if x > Decimal::ONE => x / Decimal::ONE_HUNDRED,
        None => x,
    };
    if x <= Decimal::ZERO || x > Decimal::ONE {
        return Err(bad());
    }
    Ok(x.normalize())
}

/// A price tier: hours and the price after them, "96:0.21" or "96 0.21".
fn tier(text: &str) -> Result<HourlyTier, Took> {
    let t = input::normalize(text);
    let bad = || err("check.tier_format", vec![]);
    let (h, price) = t.trim().split_once([':', ' ', ',']).ok_or_else(bad)?;
    let hours: u32 = h
        .trim()
        .trim_end_matches(['h', 'H'])
        .parse()
        .ok()
        .filter(|h| *h > 0)
        .ok_or_else(bad)?;
    let price = unit_price(price, P::HourlyTier).map_err(|_| bad())?;
    Ok(HourlyTier { hours, price })
}

/// The reference "now" for a date that comes after `start` (an end, a
/// deletion): a month and day typed without a year is then read as the first
/// such day after the start, not the last one before today.
fn after(start: chrono::DateTime<chrono::Utc>) -> chrono::DateTime<chrono::Utc> {
    start + chrono::TimeDelta::days(365)
}
