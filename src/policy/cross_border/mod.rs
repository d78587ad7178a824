//! UCloud's cross-border e-commerce zone (跨境电商专区) hosts: deleting one
//! refunds nothing of the remaining period. The quote says so, with the
//! source, and keeps the account's findings.

use crate::policy::case::CaseFacts;
use crate::policy::profile::Profile;
use crate::policy::provider::ProviderFacts;
use crate::policy::quote::{Finding, FindingCode as C, Line, Quote, Severity as S, cents};
use crate::policy::shared::{Draft, RuleFamily, finish};
use crate::policy::ucloud::findings::account;
use rust_decimal::Decimal;

/// The cross-border rule family: profiles of method `no-refund`.
pub struct CrossBorder;

impl RuleFamily for CrossBorder {
    fn compute(&self, facts: &CaseFacts, _pf: &ProviderFacts, profile: &Profile) -> Quote {
        let o = &facts.orders[0];
        let paid: Decimal = facts.orders.iter().map(|o| o.paid).sum();
        let mut findings = account(facts);
        findings.push(Finding::new(C::CrossBorderNoRefund, S::Risk));
        let lines = vec![
            Line::new("paid", Some(cents(paid))).money("voucher", facts.voucher),
            Line::new("cross_border_no_refund", Some(cents(paid))),
        ];
        finish(
            facts,
            profile,
            Draft {
                total: paid,
                consumed: Some(paid),
                deductions: Decimal::ZERO,
                used_hours: (facts.at.min(o.end) - o.start).num_hours().max(0),
                period_hours: (o.end - o.start).num_hours(),
                lines,
                findings,
            },
        )
    }
}
