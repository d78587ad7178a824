//! The seed's extra deductions, in every UCloud profile: usage beyond the
//! plan, value-added services by their used share, customisation kept whole,
//! and clause 14 (4)'s written-notice penalty.

use crate::policy::case::{CaseFacts, Ground, RequestKind};
use crate::policy::quote::{Line, cents};
use rust_decimal::Decimal;

/// What is deducted beyond the time rule, and what it adds to the amount paid.
pub(super) struct Deductions {
    /// Everything deducted.
    pub total: Decimal,
    /// Value-added services paid (each refunded less its used part).
    pub vas_paid: Decimal,
    /// Customisation paid on top of the resource (and kept whole).
    pub custom: Decimal,
    pub lines: Vec<Line>,
}

/// The deductions of a case whose resource was used for `share` of its
/// period, `resource_paid` being what the orders paid.
pub(super) fn deductions(facts: &CaseFacts, share: Decimal, resource_paid: Decimal) -> Deductions {
    let mut lines = Vec::new();
    let mut deductions = Decimal::ZERO;
    let mut vas_paid = Decimal::ZERO;
    if let Some(ov) = &facts.overage {
        let over = (ov.used - ov.quota).max(Decimal::ZERO);
        let cost = cents(over * ov.unit_price);
        deductions += cost;
        lines.push(
            Line::new("overage", Some(cost))
                .var("over", over.normalize().to_string())
                .var("quota", ov.quota.normalize().to_string())
                .var("used", ov.used.normalize().to_string())
                .var("unit", ov.unit.clone().unwrap_or_default())
                .money("unit_price", ov.unit_price),
        );
    }
    for v in &facts.value_added {
        vas_paid += v.price;
        let (used, key) = if v.refundable {
            let s = v.used_share.unwrap_or(share).min(Decimal::ONE);
            (cents(v.price * s), "value_added")
        } else {
            (v.price, "value_added_kept")
        };
        deductions += used;
        let pct = cents(v.used_share.unwrap_or(share).min(Decimal::ONE) * Decimal::ONE_HUNDRED);
        lines.push(
            Line::new(key, Some(used))
                .var("name", v.name.clone())
                .money("price", v.price)
                .var("percent", pct.normalize().to_string()),
        );
    }
    // Customisation is paid on top of the resource and kept whole.
    let custom = facts.customisation_cost;
    if custom > Decimal::ZERO {
        deductions += custom;
        lines.push(Line::new("customisation", Some(cents(custom))));
    }
    // Clause 14 (4): a written request 30 days ahead, with 20% of the remaining
    // (unused) amount paid as a penalty.
    let a = &facts.account;
    if a.request == RequestKind::Requested && a.ground == Some(Ground::WrittenNotice) {
        let remaining = (resource_paid * (Decimal::ONE - share.min(Decimal::ONE))).max(Decimal::ZERO);
        let penalty = cents(remaining * Decimal::new(2, 1));
        deductions += penalty;
        lines.push(Line::new("written_notice_penalty", Some(penalty)).money("remaining", remaining));
    }
    Deductions {
        total: deductions,
        vas_paid,
        custom,
        lines,
    }
}
