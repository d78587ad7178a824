//! A quote's draft, as the other clouds' rules work it out, and how it is
//! finished: the refund line, cash and gift split in the proportion paid,
//! the findings every provider shares, the provider named in every text.

use crate::policy::case::CaseFacts;
use crate::policy::profile::Profile;
use crate::policy::quote::{Finding, FindingCode, Line, Quote, Severity, cents};
use rust_decimal::Decimal;

/// What the engines have worked out, turned into a quote by [`finish`].
pub(crate) struct Draft {
    /// What may be refunded: the orders (and unstarted renewals) paid.
    pub total: Decimal,
    /// What the rule charges; `None` when no figure can be computed.
    pub consumed: Option<Decimal>,
    /// Fees deducted after the consumed amount.
    pub deductions: Decimal,
    pub used_hours: i64,
    pub period_hours: i64,
    pub lines: Vec<Line>,
    pub findings: Vec<Finding>,
}

/// The gift-balance part of a refund: cash and gift come back in the
/// proportion they were paid in. `None` when nothing positive was paid.
pub fn gift_share(refund: Decimal, gift: Decimal, paid: Decimal) -> Option<Decimal> {
    (paid > Decimal::ZERO).then(|| cents(refund * gift / paid))
}

/// The codes that mean no figure could be computed.
pub const NO_FIGURE: [FindingCode; 4] = [
    FindingCode::NoPublishedFormula,
    FindingCode::MonthlyPriceNeeded,
    FindingCode::HourlyPriceNeeded,
    FindingCode::ListPriceNeeded,
];

impl Quote {
    /// The refund, or `None` when the rules (or the inputs) give no figure:
    /// a finding with one of [`NO_FIGURE`] codes says why. The JSON shows
    /// `"refund": null` then.
    pub fn figure(&self) -> Option<Decimal> {
        (!NO_FIGURE.iter().any(|c| self.has(*c))).then_some(self.refund)
    }
}

/// The quote of a draft: the refund line (what may be refunded − consumed −
/// fees, within 0 and the total), the cash and gift parts, the vouchers kept,
/// a date outside the order, and the provider in every line and finding.
pub(crate) fn finish(facts: &CaseFacts, profile: &Profile, mut d: Draft) -> Quote {
    let paid: Decimal = facts.orders.iter().map(|o| o.paid).sum();
    let consumed = d.consumed.map(|c| cents(c.max(Decimal::ZERO)));
    let refund = match consumed {
        Some(c) => {
            let r = cents((d.total - c - d.deductions).clamp(Decimal::ZERO, d.total.max(Decimal::ZERO)));
            d.lines.push(
                Line::new("cloud_refund", Some(r))
                    .money("total", d.total)
                    .money("consumed", c)
                    .money("fee", d.deductions),
            );
            if c > d.total {
                d.findings
                    .push(Finding::new(FindingCode::ConsumedExceedsPaid, Severity::Info));
            }
            r
        }
        None => cents(Decimal::ZERO),
    };
    let refund_gift = gift_share(refund, facts.gift, d.total).unwrap_or_else(|| cents(Decimal::ZERO));
    if facts.voucher > Decimal::ZERO && !d.lines.iter().any(|l| l.key == "voucher_returned") {
        d.findings.push(
            Finding::new(FindingCode::VouchersNotRefunded, Severity::Info)
                .var("voucher", format!("{:.2}", cents(facts.voucher))),
        );
    }
    let o = &facts.orders[0];
    let unstarted = d
        .findings
        .iter()
        .any(|f| f.code == FindingCode::NotStartedFullRefund);
    if (facts.at < o.start && !unstarted) || facts.at > o.end {
        let which = if facts.at < o.start { "before" } else { "after" };
        d.findings
            .push(Finding::new(FindingCode::DateOutsideOrder, Severity::Risk).var("which", which));
    }
    let provider = profile.provider.as_str();
    for f in &mut d.findings {
        f.vars.insert("provider".into(), provider.into());
    }
    for l in &mut d.lines {
        l.vars.insert("provider".into(), provider.into());
    }
    d.findings.sort_by_key(|f| f.severity);
    Quote {
        policy: profile.id,
        policy_version: profile.version.clone(),
        source_url: profile.source_url.clone(),
        paid: cents(paid),
        voucher: cents(facts.voucher),
        // Capped at what may be refunded, as a figure shown: two decimals.
        consumed: cents(consumed.unwrap_or_default().min(d.total.max(Decimal::ZERO))),
        deductions: cents(d.deductions),
        refund,
        refund_cash: refund - refund_gift,
        refund_gift,
        used_hours: d.used_hours,
        period_hours: d.period_hours,
        lines: d.lines,
        findings: d.findings,
    }
}
