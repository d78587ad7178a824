//! The billing a provider's rules exclude (not prepaid, or never
//! refundable), said plainly as a quote of nothing with the finding that
//! says what applies instead.

use super::draft::{Draft, finish};
use crate::policy::case::{Billing, CaseFacts};
use crate::policy::profile::Profile;
use crate::policy::quote::{Finding, FindingCode, Line, Quote, Severity, cents};
use rust_decimal::Decimal;

impl Profile {
    /// The rules refund nothing for this billing (not prepaid, or listed as
    /// never refundable): no figure is computed from the time used.
    pub fn excludes(&self, billing: Billing) -> bool {
        self.postpaid.contains(&billing) || self.not_refundable.contains(&billing)
    }
}

/// What the rules exclude, said plainly: a pay-as-you-go resource is
/// released and its billing stops, a trial is not refundable. Nothing comes
/// back; the finding says what applies instead.
pub(crate) fn excluded(facts: &CaseFacts, profile: &Profile) -> Option<Quote> {
    let code = if profile.not_refundable.contains(&facts.billing) {
        FindingCode::TrialNotRefundable
    } else if profile.postpaid.contains(&facts.billing) {
        FindingCode::NotPrepaid
    } else {
        return None;
    };
    let o = &facts.orders[0];
    let paid: Decimal = facts.orders.iter().map(|o| o.paid).sum();
    let billing = facts.billing.as_str();
    let lines = vec![
        Line::new("paid", Some(cents(paid))).money("voucher", facts.voucher),
        Line::new("excluded", None)
            .var("code", code.as_str())
            .var("billing", billing),
    ];
    let findings = vec![
        Finding::new(code, Severity::Risk).var("billing", billing),
        Finding::new(FindingCode::ProviderExclusions, Severity::Info),
    ];
    Some(finish(
        facts,
        profile,
        Draft {
            total: paid,
            consumed: None,
            deductions: Decimal::ZERO,
            used_hours: (facts.at.min(o.end) - o.start).num_hours().max(0),
            period_hours: (o.end - o.start).num_hours(),
            lines,
            findings,
        },
    ))
}
