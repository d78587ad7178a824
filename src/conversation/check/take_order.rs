//! Taking an answer about the order: the instance, its dates, what was paid
//! and how, usage beyond the plan, value-added services, the reason.

use crate::case::{Draft, Reason};
use crate::conversation::base::answer::{Took, ack, after, amount, err};
use crate::conversation::base::reply::Reply;
use crate::conversation::base::state::Position as P;
use crate::conversation::base::vocab::Ctx;
use crate::conversation::check::compound::{free_text, overage, value_added};
use crate::conversation::knowledge;
use crate::input::{self, PeriodLen};
use crate::policy::Provider;
use rust_decimal::Decimal;
use serde_json::json;
use std::str::FromStr;

pub(crate) fn take(
    d: &mut Draft,
    p: P,
    choice: Option<String>,
    text: Option<&str>,
    ctx: &Ctx,
) -> Result<Took, Took> {
    let needs_button = || Took::Wrong(Reply::key("nav.use_buttons"));
    Ok(match p {
        P::Instance => match choice.as_deref() {
            // Where to find it, and the question again.
            Some("unknown") => {
                let about = knowledge::About::new(ctx.now, ctx.calendar).with_draft(Some(d));
                Took::Stay(knowledge::answer(knowledge::Topic::InstanceId, &about))
            }
            // Only the cloud (or a product with rules of its own): the
            // check goes on without the ID.
            Some(cloud) => {
                match crate::policy::ProfileId::from_str(cloud)
                    .ok()
                    .filter(|p| p.is_product())
                {
                    Some(product) => {
                        d.product = Some(product);
                        d.provider = Some(crate::policy::Profile::load(product).provider);
                    }
                    None => {
                        let p = Provider::from_str(cloud).map_err(|_| err("nav.stale_button", vec![]))?;
                        d.provider = Some(p);
                        d.product = None;
                    }
                }
                d.no_instance = true;
                Took::Next(None)
            }
            None => {
                let (id, as_told) = input::read_instance_id_or_as_told(text.unwrap_or_default())
                    .map_err(|e| err(e.key(), e.params()))?;
                // The cloud read from the ID is said, so a wrong guess is
                // seen at once; an ID of an odd length is kept as told, and said so.
                let provider = id.provider().map(|p| p.as_str());
                let got = id.as_str().split_once('-').map_or(0, |(_, x)| x.len());
                let cloud = match (as_told, provider) {
                    (true, _) => Some(Reply::new(
                        "ack.instance_as_told",
                        json!({ "provider": provider, "id": id.as_str(), "got": got }),
                    )),
                    (false, Some(p)) => Some(Reply::new(
                        "ack.provider_from_id",
                        json!({ "provider": p, "id": id.as_str() }),
                    )),
                    (false, None) => None,
                };
                // "uhost-x4c8nb27，是跨境电商专区主机": the product's own rules.
                if let Some(p) = id.provider()
                    && let Some(product) = ctx.intents.knowledge.product_of(text.unwrap_or_default(), p)
                {
                    d.product = Some(product);
                }
                d.instance = Some(id);
                d.no_instance = false;
                Took::Next(cloud)
            }
        },
        P::Start => {
            // "11月20号下午两点左右": the day and the hour the free-text reader
            // finds, when the date parser alone does not read it.
            let said = text.unwrap_or_default();
            let found = input::one_past_date(said, crate::render::Lang::default(), ctx.now);
            let parsed = input::parse_past_datetime(said, ctx.now);
            let midnight = |t: &chrono::DateTime<chrono::Utc>| {
                crate::input::shanghai(*t).time() == chrono::NaiveTime::MIN
            };
            let t = match (parsed, found) {
                // The parser kept the day and dropped the hour ("下午两点").
                (Ok(p), Some(f))
                    if midnight(&p)
                        && !midnight(&f)
                        && crate::input::shanghai(p).date_naive()
                            == crate::input::shanghai(f).date_naive() =>
                {
                    f
                }
                (Ok(p), _) => p,
                (Err(_), Some(f)) => f,
                (Err(e), None) => return Err(err(e.key(), e.params())),
            };
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
            Took::Next(time_assumed(text.unwrap_or_default(), t))
        }
        P::End => {
            let start = d.start.ok_or_else(|| err("check.start_first", vec![]))?;
            let (end, period) = match choice.as_deref() {
                Some(v) => {
                    let len = match v {
                        "1d" => PeriodLen::Days(1),
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
        P::ListPrice => match choice.as_deref() {
            // Another cloud's list price (Lighthouse): not discounted means
            // the list price is what was paid.
            Some(c) if d.is_cloud() => {
                d.list_price = Some(d.paid);
                if c == "unknown" {
                    ack("ack.list.unknown")
                } else {
                    Took::Next(None)
                }
            }
            // "不知道原价": counted as not promotional, and said what that means.
            Some("unknown") => {
                d.list_price = Some(None);
                ack("ack.list.unknown")
            }
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
                if d.is_cloud() {
                    // Another cloud's list price is part of its formula.
                    Took::Next(None)
                } else {
                    ack("ack.list.promotional")
                }
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
                let o = overage(text.unwrap_or_default())?;
                // The charge alone is said back: it is not the form asked for.
                let said = (o.unit.as_deref() == Some(super::compound::CHARGE_UNIT)).then(|| {
                    Reply::new(
                        "check.overage_charge",
                        serde_json::json!({ "amount": o.used.to_string() }),
                    )
                });
                d.overage = Some(Some(o));
                Took::Next(said)
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
            d.not_deleted = choice.is_some() || t > ctx.now;
            Took::Next(
                choice
                    .is_none()
                    .then(|| time_assumed(text.unwrap_or_default(), t))
                    .flatten(),
            )
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
        _ => return Err(needs_button()),
    })
}

/// A date typed without the time of day is read as 00:00 (Beijing): the
/// reply says so, and how to give the time.
fn time_assumed(text: &str, at: chrono::DateTime<chrono::Utc>) -> Option<Reply> {
    let timed = input::shanghai(at).time() != chrono::NaiveTime::MIN;
    (!input::says_time(text) && !timed).then(|| {
        let day = input::shanghai(at).format("%Y-%m-%d").to_string();
        Reply::new("ack.time_assumed", json!({ "date": day }))
    })
}
