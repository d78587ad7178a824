//! The checks a case (and the provider facts) pass before any rule quotes
//! it: amounts neither negative nor absurd, orders that end after they
//! start, shares between 0 and 1.

use super::error::{MAX_AMOUNT, QuoteError};
use crate::policy::case::{CaseFacts, OrderKind};
use crate::policy::provider::ProviderFacts;
use rust_decimal::Decimal;

/// An amount that is not negative and not above [`MAX_AMOUNT`].
fn amount(field: &'static str, x: Decimal) -> Result<(), QuoteError> {
    if x.is_sign_negative() && !x.is_zero() {
        Err(QuoteError::Negative { field })
    } else if x > MAX_AMOUNT {
        Err(QuoteError::Absurd { field })
    } else {
        Ok(())
    }
}

/// The case facts every rule family needs checked.
pub(crate) fn check_case(facts: &CaseFacts) -> Result<(), QuoteError> {
    if facts.orders.is_empty() {
        return Err(QuoteError::NoOrders);
    }
    for (i, o) in facts.orders.iter().enumerate() {
        let index = i + 1;
        if o.end <= o.start {
            return Err(QuoteError::EndNotAfterStart { index });
        }
        if o.paid.abs() > MAX_AMOUNT {
            return Err(QuoteError::Absurd { field: "paid" });
        }
        if o.kind != OrderKind::Downgrade && o.paid <= Decimal::ZERO {
            return Err(QuoteError::PaidNotPositive { index });
        }
        if o.list_price.is_some_and(|l| l.abs() > MAX_AMOUNT) {
            return Err(QuoteError::Absurd { field: "list_price" });
        }
    }
    amount("voucher", facts.voucher)?;
    amount("gift", facts.gift)?;
    amount("customisation_cost", facts.customisation_cost)?;
    if let Some(m) = facts.monthly_price {
        amount("monthly_price", m)?;
    }
    if let Some(ov) = &facts.overage {
        amount("overage.quota", ov.quota)?;
        amount("overage.used", ov.used)?;
        amount("overage.unit_price", ov.unit_price)?;
    }
    for v in &facts.value_added {
        amount("value_added.price", v.price)?;
        if v.used_share
            .is_some_and(|s| s < Decimal::ZERO || s > Decimal::ONE)
        {
            return Err(QuoteError::ShareOutOfRange {
                field: "value_added.used_share",
            });
        }
    }
    let paid: Decimal = facts.orders.iter().map(|o| o.paid).sum();
    if facts.gift > paid.max(Decimal::ZERO) {
        return Err(QuoteError::GiftExceedsPaid);
    }
    Ok(())
}

/// The provider facts the other clouds' rules take (UCloud's take none).
pub(crate) fn check_provider(pf: &ProviderFacts) -> Result<(), QuoteError> {
    for (field, x) in [
        ("hourly_price", pf.hourly_price),
        ("bandwidth_price", pf.bandwidth_price),
        ("hourly_tier.price", pf.hourly_tier.map(|t| t.price)),
    ] {
        if let Some(x) = x {
            amount(field, x)?;
        }
    }
    for r in &pf.renewals {
        amount("renewals", *r)?;
    }
    if let Some(x) = pf.fee {
        amount("fee", x)?;
    }
    if let Some(x) = pf.shown_refund {
        amount("shown_refund", x)?;
    }
    if pf
        .used_discount
        .is_some_and(|d| d <= Decimal::ZERO || d > Decimal::ONE)
    {
        return Err(QuoteError::ShareOutOfRange {
            field: "used_discount",
        });
    }
    Ok(())
}
