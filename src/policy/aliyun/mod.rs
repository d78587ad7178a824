//! Alibaba Cloud ECS (sources A1 and A2): the five-day full refund (one
//! instance per user per product per calendar year; vouchers and coupons not
//! refunded). No formula for the non-full refund is published for the China
//! site, so outside the five days no figure is given: the answer says so and
//! where the exact figure is shown.

use crate::policy::case::CaseFacts;
use crate::policy::profile::{FiveDay, Profile};
use crate::policy::provider::ProviderFacts;
use crate::policy::quote::{Finding, FindingCode as C, Line, Quote, Severity as S, cents};
use crate::policy::shared::{
    Draft, FiveDays, RuleFamily, finish, five_day_applies, five_day_last, five_day_unsure, five_days,
};
use crate::policy::timeline::local_date;
use chrono::{DateTime, Days, Utc};
use rust_decimal::Decimal;

/// The fifth calendar day after the purchase (the other reading of "5 days").
fn calendar_last(start: DateTime<Utc>, fd: Option<&FiveDay>) -> String {
    let days = fd.map_or(5, |fd| u64::from(fd.days));
    local_date(start)
        .checked_add_days(Days::new(days))
        .map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

/// What Alibaba's other pages suggest, named as hints and never as the ECS
/// rule: OSS resource plans (China) refund paid − (list price ÷ days
/// bought) × days used, a part day whole; the list price is taken where the
/// order has one, else what was paid (then the hint is the most it gives).
fn hint(facts: &CaseFacts, paid: Decimal) -> Finding {
    let o = &facts.orders[0];
    let day = chrono::TimeDelta::days(1).num_seconds();
    let up = |s: i64| if s <= 0 { 0 } else { (s + day - 1) / day };
    let days = up((o.end - o.start).num_seconds()).max(1);
    let used = up((facts.at.min(o.end) - o.start).num_seconds()).min(days);
    let list = o.list_price.unwrap_or(paid);
    let oss = (paid - cents(list * Decimal::from(used) / Decimal::from(days))).max(Decimal::ZERO);
    Finding::new(C::AliyunHints, S::Info)
        .var("used", used)
        .var("days", days)
        .var("list", o.list_price.is_some())
        .var("oss", format!("{:.2}", cents(oss)))
}

/// Alibaba's rule family: profiles of method `aliyun`.
pub struct Aliyun;

impl RuleFamily for Aliyun {
    fn compute(&self, facts: &CaseFacts, pf: &ProviderFacts, profile: &Profile) -> Quote {
        quote(facts, pf, profile)
    }
}

/// Quote a checked case under Alibaba's rules.
fn quote(facts: &CaseFacts, pf: &ProviderFacts, profile: &Profile) -> Quote {
    let o = &facts.orders[0];
    let paid: Decimal = facts.orders.iter().map(|o| o.paid).sum();
    let mut lines = vec![Line::new("paid", Some(cents(paid))).money("voucher", facts.voucher)];
    let mut findings = vec![Finding::new(C::ProviderExclusions, S::Info)];
    let draft = |consumed, lines, findings| Draft {
        total: paid,
        consumed,
        deductions: Decimal::ZERO,
        used_hours: (facts.at.min(o.end) - o.start).num_hours().max(0),
        period_hours: (o.end - o.start).num_hours(),
        lines,
        findings,
    };
    let fd = profile.five_day.as_ref();
    let window = fd.map_or(FiveDays::Outside, |fd| five_days(fd, o.start, facts.at));
    let applies = fd.and_then(|fd| five_day_applies(fd, facts, pf));
    let last = fd.map(|fd| five_day_last(fd, o.start)).unwrap_or_default();
    if window == FiveDays::Inside && applies == Some(true) {
        lines.push(Line::new("five_day_full", Some(cents(paid))).var("last", last));
        return finish(facts, profile, draft(Some(Decimal::ZERO), lines, findings));
    }
    if window == FiveDays::Unclear && applies != Some(false) {
        findings.push(
            Finding::new(C::FiveDayBoundaryUnclear, S::Risk)
                .var("full", format!("{:.2}", cents(paid)))
                .var("last", calendar_last(o.start, fd)),
        );
    } else if let (None, Some(fd)) = (applies, fd) {
        findings.push(five_day_unsure(pf, fd, paid, last));
    }
    findings.push(Finding::new(C::NoPublishedFormula, S::Risk));
    findings.push(hint(facts, paid));
    lines.push(Line::new("no_figure", None));
    finish(facts, profile, draft(None, lines, findings))
}
