//! Answers with several parts, typed in one message: usage beyond the plan,
//! a value-added service, and free text the bot keeps.

use crate::conversation::base::answer::{Took, err};
use crate::conversation::check::flow::MAX_TEXT;
use crate::input;
use crate::policy::{Overage, ValueAdded};
use rust_decimal::Decimal;
use std::str::FromStr;

/// Free text the bot keeps: not empty, not too long.
pub(crate) fn free_text(t: &str) -> Result<String, Took> {
    let t = t.trim();
    if t.is_empty() {
        return Err(err("check.text_empty", vec![]));
    }
    if t.chars().count() > MAX_TEXT {
        return Err(err("check.text_too_long", vec![("max", MAX_TEXT.to_string())]));
    }
    Ok(t.to_owned())
}

/// `100 120 0.8 GB`: quota, usage, unit price and an optional unit.
pub(crate) fn overage(text: &str) -> Result<Overage, Took> {
    let mut nums = Vec::new();
    let mut unit = None;
    for tok in text.split(|c: char| c.is_whitespace() || c == '/' || c == '，' || c == ',') {
        if tok.is_empty() {
            continue;
        }
        match input::parse_amount(tok, true) {
            Ok(n) => nums.push(n),
            Err(_) if tok.chars().all(char::is_alphabetic) && unit.is_none() => unit = Some(tok.to_owned()),
            Err(_) => nums.push(Decimal::NEGATIVE_ONE),
        }
    }
    match nums[..] {
        [quota, used, unit_price]
            if unit_price > Decimal::ZERO && quota >= Decimal::ZERO && used >= Decimal::ZERO =>
        {
            Ok(Overage {
                quota,
                used,
                unit_price,
                unit,
            })
        }
        // "费用大概是¥20左右": the charge alone, as yuan at ¥1 each.
        _ if let Ok(charge) = input::amount_said(text, chrono::Utc::now())
            && charge > Decimal::ZERO =>
        {
            Ok(Overage {
                quota: Decimal::ZERO,
                used: charge,
                unit_price: Decimal::ONE,
                unit: Some(CHARGE_UNIT.to_owned()),
            })
        }
        _ => Err(err("check.overage_format", vec![])),
    }
}

/// The unit of usage beyond the plan told as its charge only.
pub(crate) const CHARGE_UNIT: &str = "¥";

/// `技术支持 100`, `support 100 50%`, `support 100 0.5`, `安全加固 300 不可退`.
pub(crate) fn value_added(text: &str) -> Result<ValueAdded, Took> {
    let bad = || err("check.vas_format", vec![]);
    let toks: Vec<&str> = text.split_whitespace().collect();
    let pos = toks
        .iter()
        .position(|t| input::parse_amount(t, false).is_ok())
        .ok_or_else(bad)?;
    if pos == 0 {
        return Err(bad());
    }
    let name = free_text(&toks[..pos].join(" "))?;
    let price = input::parse_amount(toks[pos], false).map_err(|_| bad())?;
    let mut v = ValueAdded {
        name,
        price,
        used_share: None,
        refundable: true,
    };
    match toks.get(pos + 1..).unwrap_or_default() {
        [] => {}
        [t] if ["不可退", "不退", "kept", "non-refundable", "nonrefundable"]
            .contains(&t.to_lowercase().as_str()) =>
        {
            v.refundable = false;
        }
        [t] => {
            let share = match t.strip_suffix('%') {
                Some(p) => Decimal::from_str(p).ok().map(|x| x / Decimal::ONE_HUNDRED),
                None => Decimal::from_str(t).ok(),
            };
            v.used_share = Some(
                share
                    .filter(|s| *s >= Decimal::ZERO && *s <= Decimal::ONE)
                    .ok_or_else(bad)?,
            );
        }
        _ => return Err(bad()),
    }
    Ok(v)
}
