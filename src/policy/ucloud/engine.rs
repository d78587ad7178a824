//! UCloud's quote: what the time rule consumed, the 0.01 kept by source B,
//! the extra deductions, the refund split into cash and gift, and UCloud's
//! findings.

use super::consumption::{by_orders, by_share};
use super::deductions::deductions;
use super::findings;
use crate::policy::case::CaseFacts;
use crate::policy::profile::{Method, Profile};
use crate::policy::quote::{Line, Quote, cents};
use crate::policy::shared::gift_share;
use rust_decimal::Decimal;

/// Quote a checked case (at least one order) under one of UCloud's profiles.
pub(super) fn quote(facts: &CaseFacts, profile: &Profile) -> Quote {
    let mut c = match profile.method {
        Method::Orders => by_orders(facts, profile),
        // Source A and the article (the dispatcher sends no other method here).
        _ => by_share(facts, profile),
    };
    let resource_paid: Decimal = facts.orders.iter().map(|o| o.paid).sum();
    let mut lines = vec![Line::new("paid", Some(cents(resource_paid))).money("voucher", facts.voucher)];
    lines.append(&mut c.lines);

    let consumed = cents(c.consumed);
    if consumed >= resource_paid {
        c.computed.consumed_exceeds = consumed > resource_paid;
    }
    let charged = cents(consumed.min(resource_paid).max(Decimal::ZERO));
    let mut resource_refund = (resource_paid - charged).max(Decimal::ZERO);
    if profile.method == Method::Orders && resource_refund == resource_paid && resource_paid > Decimal::ZERO {
        resource_refund -= Decimal::new(1, 2);
        c.computed.penny_kept = true;
        lines.push(Line::new("penny_kept", Some(Decimal::new(1, 2))));
    }

    // The seed's extra deductions, in every profile.
    let share = if c.period_hours > 0 {
        Decimal::from(c.used_hours) / Decimal::from(c.period_hours)
    } else {
        Decimal::ONE
    };
    let mut d = deductions(facts, share, resource_paid);
    lines.append(&mut d.lines);
    let (deductions, vas_paid, custom) = (d.total, d.vas_paid, d.custom);

    let paid = resource_paid + vas_paid + custom;
    let mut refund =
        (resource_refund + vas_paid + custom - deductions).clamp(Decimal::ZERO, paid.max(Decimal::ZERO));
    let formula_refund = cents(refund);
    if facts.account.package {
        refund = Decimal::ZERO;
        lines.push(Line::new("package_not_refundable", None));
    } else if findings::daily_host_released_early(facts, profile, &c.computed) {
        refund = Decimal::ZERO;
        lines.push(Line::new("daily_host_not_refunded", None).money("formula", formula_refund));
    }
    refund = cents(refund);
    // A rule that refunds nothing whatever the formula gives (a package, a
    // daily host released early): the line names the rule, not a subtraction.
    let overridden = refund != formula_refund;
    let refund_gift = gift_share(refund, facts.gift, paid).unwrap_or(Decimal::ZERO);
    lines.push(
        Line::new("refund", Some(refund))
            .money("paid", paid)
            .money("consumed", charged)
            .money("deductions", deductions)
            .var("capped", consumed > resource_paid)
            .var("overridden", overridden)
            .money("computed", consumed),
    );

    let mut computed = c.computed;
    computed.paid = paid;
    computed.refund = refund;
    computed.formula_refund = formula_refund;
    let found = findings::collect(facts, profile, &computed);
    Quote {
        policy: profile.id,
        policy_version: profile.version.clone(),
        source_url: profile.source_url.clone(),
        paid: cents(paid),
        voucher: cents(facts.voucher),
        consumed: charged,
        deductions: cents(deductions),
        refund,
        refund_cash: refund - refund_gift,
        refund_gift,
        used_hours: c.used_hours,
        period_hours: c.period_hours,
        lines,
        findings: found,
    }
}
