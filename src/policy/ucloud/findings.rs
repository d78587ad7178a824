//! UCloud's findings: what will get a request rejected or delayed, and what
//! the user should know, each with a stable code and a severity.

use super::agreement::clauses;
use super::orders::promotional_list_price;
use crate::policy::case::{Applicant, Billing, CaseFacts, Ground, Order, RequestKind, Tri};
use crate::policy::profile::{Method, Profile, ProfileId};
use crate::policy::quote::{Finding, FindingCode as C, Severity as S, cents};
use chrono::{DateTime, Utc};
use rust_decimal::Decimal;

/// What the computation found out, besides the figures.
#[derive(Debug, Default, Clone)]
pub struct Facts {
    pub whole_period_used: bool,
    pub consumed_exceeds: bool,
    pub penny_kept: bool,
    pub promotional: bool,
    /// The estimated monthly price and the discount it assumed.
    pub estimated_monthly: Option<(Decimal, Decimal)>,
    pub used_share: Decimal,
    pub before_start: bool,
    pub after_end: bool,
    pub paid: Decimal,
    pub refund: Decimal,
    /// What the deletion formula would refund, before a rule that refunds
    /// nothing (a daily host released early).
    pub formula_refund: Decimal,
}

impl Facts {
    pub fn note_dates(&mut self, o: &Order, at: DateTime<Utc>) {
        self.before_start |= at < o.start;
        self.after_end |= at > o.end;
    }
}

fn money(x: Decimal) -> String {
    format!("{:.2}", cents(x))
}

/// UCloud's cloud hosts: daily ones released early are not refunded.
pub const HOST_PRODUCTS: [&str; 2] = ["uhost", "uphost"];

/// A daily cloud host released before its day is out (UCloud's profiles):
/// the linked "预付费资源" page (2026-01) says 「按日购买云主机，并提前释放，不作
/// 退费」, where the older refund page said cloud phones; the newer page is
/// applied. A case that does not name its product is taken as a host.
pub fn daily_host_released_early(facts: &CaseFacts, profile: &Profile, c: &Facts) -> bool {
    let ucloud = matches!(profile.id, ProfileId::Ucloud | ProfileId::Ucloud2026);
    let host = facts
        .product()
        .is_none_or(|p| HOST_PRODUCTS.contains(&p.as_str()));
    ucloud && host && facts.billing == Billing::Daily && !c.whole_period_used
}

/// Products UCloud sells as packages or one-off usage packs (source A).
pub const PACKAGE_PRODUCTS: [&str; 5] = ["ucdn", "ufile", "uads", "usms", "uddos"];

/// The instance's product is sold as packages, and the case does not say the
/// order was one: for callers that cannot ask (the `quote` command), a risk
/// naming the product and what a package would change.
pub fn package_unconfirmed(facts: &CaseFacts) -> Option<Finding> {
    let product = facts.instance_id.as_deref()?.split('-').next()?;
    (PACKAGE_PRODUCTS.contains(&product) && !facts.account.package)
        .then(|| Finding::new(C::PackageUnconfirmed, S::Risk).var("product", product))
}

/// Every finding for a case, blockers first.
pub fn collect(facts: &CaseFacts, profile: &Profile, c: &Facts) -> Vec<Finding> {
    let a = &facts.account;
    let mut out = account(facts);
    let clause = clauses(facts.orders.first().map(|o| o.start)).refund;
    if a.request == RequestKind::Requested {
        match a.ground {
            None => out.push(Finding::new(C::NoAgreementGround, S::Risk).var("clause", clause)),
            Some(Ground::WrittenNotice) => {
                out.push(Finding::new(C::WrittenNoticePenalty, S::Info).var("clause", clause))
            }
            Some(_) => {}
        }
    }
    collect_rest(facts, profile, c, out)
}

/// What the account and the applicant decide, under every UCloud product's
/// rules: arrears, a violation, a package, someone else applying.
pub fn account(facts: &CaseFacts) -> Vec<Finding> {
    let a = &facts.account;
    let mut out = Vec::new();
    let clause = clauses(facts.orders.first().map(|o| o.start));
    match a.arrears {
        Tri::Yes => out.push(
            Finding::new(C::ArrearsOutstanding, S::Blocker)
                .var("clause", clause.arrears)
                .var("refund_clause", clause.refund),
        ),
        Tri::Unsure => out.push(Finding::new(C::ArrearsUnknown, S::Risk)),
        Tri::No => {}
    }
    match a.violation {
        Tri::Yes => out.push(Finding::new(C::AccountViolation, S::Blocker)),
        Tri::Unsure => out.push(Finding::new(C::ViolationUnknown, S::Risk)),
        Tri::No => {}
    }
    if a.package {
        out.push(Finding::new(C::PackageProduct, S::Blocker).var("clause", clause.refund));
    }
    if a.applicant == Applicant::Other {
        out.push(Finding::new(C::ApplicantPermission, S::Blocker));
    }
    out
}

fn collect_rest(facts: &CaseFacts, profile: &Profile, c: &Facts, mut out: Vec<Finding>) -> Vec<Finding> {
    let a = &facts.account;
    let ucloud = matches!(profile.id, ProfileId::Ucloud | ProfileId::Ucloud2026);
    if facts.billing == Billing::Yearly && ucloud {
        out.push(Finding::new(C::YearlyClauseConflict, S::Risk));
    }
    let over_limit = profile
        .yearly_warning_share
        .is_some_and(|limit| c.used_share > limit);
    if facts.billing == Billing::Yearly && over_limit {
        out.push(Finding::new(C::YearlyOverHalf, S::Risk));
    }
    if daily_host_released_early(facts, profile, c) {
        out.push(
            Finding::new(C::DailyHostNotRefunded, S::Risk)
                .var("product", facts.product())
                .var("formula", money(c.formula_refund)),
        );
    } else if facts.billing == Billing::Daily && ucloud && !c.whole_period_used {
        out.push(Finding::new(C::DailyEarlyRelease, S::Risk));
    }
    let promo = c.promotional || facts.orders.iter().any(|o| promotional_list_price(o).is_some());
    if promo {
        out.push(Finding::new(C::PromotionalOrder, S::Risk));
    }
    if c.before_start || c.after_end {
        let which = if c.before_start { "before" } else { "after" };
        out.push(Finding::new(C::DateOutsideOrder, S::Risk).var("which", which));
    }
    if facts.voucher > Decimal::ZERO {
        out.push(Finding::new(C::VouchersNotRefunded, S::Info).var("voucher", money(facts.voucher)));
    }
    let large = c.paid >= profile.review.large_amount;
    // Only a refund asked from support is reviewed; a deletion refunds at once.
    if a.request == RequestKind::Requested && (a.customised || large) {
        out.push(
            Finding::new(C::LongerReview, S::Info)
                .var("customised", a.customised)
                .var("large", large)
                .var("threshold", money(profile.review.large_amount)),
        );
    }
    if c.whole_period_used && !c.after_end {
        out.push(Finding::new(C::WholePeriodUsed, S::Info));
    }
    if c.consumed_exceeds {
        out.push(Finding::new(C::ConsumedExceedsPaid, S::Info));
    }
    if let Some((m, d)) = c.estimated_monthly {
        out.push(
            Finding::new(C::MonthlyPriceEstimated, S::Info)
                .var("monthly_price", money(m))
                .var("discount", (d * Decimal::ONE_HUNDRED).normalize().to_string()),
        );
    }
    if facts.billing == Billing::Trial {
        out.push(Finding::new(C::TrialPeriod, S::Info).var("article", profile.method == Method::ProRata));
    }
    if c.penny_kept {
        out.push(Finding::new(C::PennyKept, S::Info));
    }
    out.sort_by_key(|f| f.severity);
    out
}
