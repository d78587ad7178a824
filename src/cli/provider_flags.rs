//! The flags (and case-file keys) of the other clouds' rules, parsed into
//! provider facts: unit prices finer than a cent, the discount step, the
//! price tier, unstarted renewals, the five-day answer.

use super::args::QuoteArgs;
use super::flags::{FlagError, bad};
use crate::input;
use crate::policy::provider;
use crate::policy::{HourlyTier, ProviderFacts, Tri};
use rust_decimal::Decimal;
use std::str::FromStr;

fn money(flag: &'static str, example: &'static str, text: &str) -> Result<Decimal, FlagError> {
    input::parse_amount(text, false).map_err(|e| FlagError {
        detail: Some((e.key(), e.params())),
        ..bad(flag, "money", example, text)
    })
}

/// The decimals a unit price may have.
const PRICE_DECIMALS: u32 = 6;

/// A unit price: like an amount, but finer than a cent (0.063 a hour).
fn price(flag: &'static str, example: &'static str, text: &str) -> Result<Decimal, FlagError> {
    let bare = text
        .trim()
        .trim_start_matches(['¥', '￥'])
        .trim_end_matches('元')
        .trim();
    match Decimal::from_str(bare) {
        Ok(x) if x > Decimal::ZERO && x.scale() <= PRICE_DECIMALS => Ok(x),
        // A positive price with too many decimals: say the price's own limit
        // (not the two decimals of an amount).
        Ok(x) if x > Decimal::ZERO => Err(FlagError {
            detail: Some((
                "cli.price_decimals",
                vec![
                    ("got", x.scale().to_string()),
                    ("max", PRICE_DECIMALS.to_string()),
                ],
            )),
            ..bad(flag, "price", example, text)
        }),
        _ => money(flag, example, text).and_then(|_| Err(bad(flag, "price", example, text))),
    }
}

fn discount(text: &str) -> Result<Decimal, FlagError> {
    provider::parse_share(text)
        .filter(|v| *v > Decimal::ZERO && *v <= Decimal::ONE)
        .ok_or_else(|| bad("--used-discount", "discount", "0.88", text))
}

fn tier(text: &str) -> Result<HourlyTier, FlagError> {
    let err = || bad("--hourly-tier", "hourly_tier", "96:0.21", text);
    let (hours, price) = text.split_once(':').ok_or_else(err)?;
    let hours: u32 = hours.trim().parse().ok().filter(|h| *h > 0).ok_or_else(err)?;
    let price = self::price("--hourly-tier", "96:0.21", price).map_err(|_| err())?;
    Ok(HourlyTier { hours, price })
}

/// The provider facts of a JSON case file (its keys `first_refund`,
/// `hourly_price`, `hourly_tier`, `bandwidth_price`, `used_discount`,
/// `renewals`), with the flags taking precedence.
pub fn provider_facts(a: &QuoteArgs) -> Result<ProviderFacts, FlagError> {
    let mut pf = match &a.input {
        None => ProviderFacts::default(),
        Some(path) => {
            let fail = |message: String| FlagError {
                detail: Some(("cli.json_detail", vec![("message", message)])),
                ..bad("--input", "json", "case.json", path)
            };
            let text = std::fs::read_to_string(path).map_err(|e| fail(e.to_string()))?;
            serde_json::from_str(&text).map_err(|e| fail(e.to_string()))?
        }
    };
    if let Some(t) = &a.first_refund {
        pf.first_refund = Some(match t.trim().to_ascii_lowercase().as_str() {
            "yes" | "true" => Tri::Yes,
            "no" | "false" => Tri::No,
            "unsure" => Tri::Unsure,
            _ => return Err(bad("--first-refund", "tri", "yes", t)),
        });
    }
    if let Some(t) = &a.hourly_price {
        pf.hourly_price = Some(price("--hourly-price", "0.42", t)?);
    }
    if let Some(t) = &a.hourly_tier {
        pf.hourly_tier = Some(tier(t)?);
    }
    if let Some(t) = &a.bandwidth_price {
        pf.bandwidth_price = Some(price("--bandwidth-price", "0.063", t)?);
    }
    if let Some(t) = &a.used_discount {
        pf.used_discount = Some(discount(t)?);
    }
    if let Some(t) = &a.fee {
        pf.fee = Some(input::parse_amount(t, true).map_err(|e| FlagError {
            detail: Some((e.key(), e.params())),
            ..bad("--fee", "money", "12.50", t)
        })?);
    }
    if let Some(t) = &a.shown_refund {
        pf.shown_refund = Some(input::parse_amount(t, true).map_err(|e| FlagError {
            detail: Some((e.key(), e.params())),
            ..bad("--shown-refund", "money", "850", t)
        })?);
    }
    if !a.renewals.is_empty() {
        pf.renewals = a
            .renewals
            .iter()
            .map(|t| money("--renewal", "507.96", t))
            .collect::<Result<_, _>>()?;
    }
    Ok(pf)
}
