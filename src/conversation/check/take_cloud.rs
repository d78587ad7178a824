//! Taking an answer to what the other clouds' rules need: the provider, a
//! first refund, today's prices and discounts, renewals.

use crate::case::Draft;
use crate::conversation::base::answer::{Took, ack, amount, err, tri};
use crate::conversation::base::reply::Reply;
use crate::conversation::base::state::Position as P;
use crate::input;
use crate::policy::{HourlyTier, Need, Provider};
use rust_decimal::Decimal;
use serde_json::json;
use std::str::FromStr;

pub(crate) fn take(d: &mut Draft, p: P, choice: Option<String>, text: Option<&str>) -> Result<Took, Took> {
    let needs_button = || Took::Wrong(Reply::key("nav.use_buttons"));
    Ok(match p {
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
        P::RefundFee => {
            d.declined.retain(|n| *n != Need::RefundFee);
            d.cloud.fee = match choice {
                Some(_) => {
                    d.declined.push(Need::RefundFee);
                    None
                }
                // A fee of 0 is a fee too (a contract that waives it).
                None => Some(amount(text.unwrap_or_default(), true)?),
            };
            Took::Next(None)
        }
        _ => return Err(needs_button()),
    })
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
