//! UCloud's lightweight host (ULHost): the refund page's last text before it
//! was deleted (2026-06-03): refund = paid − days used × (paid ÷ period days)
//! × 1.5, a part day counted as a whole day, a month counted as 30 days as
//! the page's examples count it. Its first example printed 14 where its own
//! expression gives 17: the expression is followed, and the finding says so.

use crate::policy::case::CaseFacts;
use crate::policy::profile::{DayRule, Profile};
use crate::policy::provider::ProviderFacts;
use crate::policy::quote::{Finding, FindingCode as C, Line, Quote, Severity as S, cents};
use crate::policy::shared::{Draft, RuleFamily, finish};
use crate::policy::ucloud::findings::account;
use chrono::{DateTime, Months, TimeDelta, Utc};
use chrono_tz::Asia::Shanghai;
use rust_decimal::Decimal;

/// The ULHost rule family: profiles of method `days`.
pub struct Ulhost;

impl RuleFamily for Ulhost {
    fn compute(&self, facts: &CaseFacts, _pf: &ProviderFacts, profile: &Profile) -> Quote {
        quote(facts, profile)
    }
}

/// Whole days from `from` to `to`, a started day counting whole (0 when
/// `to` is not after `from`).
pub fn days_up(from: DateTime<Utc>, to: DateTime<Utc>) -> i64 {
    let d = (to - from).num_seconds();
    let day = TimeDelta::days(1).num_seconds();
    if d <= 0 { 0 } else { (d + day - 1) / day }
}

/// The whole calendar months from `start` to `end`, when the order is one of
/// whole months (Shanghai time).
pub fn whole_months(start: DateTime<Utc>, end: DateTime<Utc>) -> Option<u32> {
    let s = start.with_timezone(&Shanghai);
    (1..=36u32).find(|m| s.checked_add_months(Months::new(*m)) == Some(end.with_timezone(&Shanghai)))
}

/// The days an order counts for: 30 a month for an order of whole months
/// (as the page's examples count them), else its days, a started day whole.
pub fn period_days(rule: &DayRule, start: DateTime<Utc>, end: DateTime<Utc>) -> (i64, Option<u32>) {
    match whole_months(start, end) {
        Some(m) => (i64::from(m) * i64::from(rule.days_per_month), Some(m)),
        None => (days_up(start, end), None),
    }
}

fn quote(facts: &CaseFacts, profile: &Profile) -> Quote {
    let rule = profile.days.clone().unwrap_or(DayRule {
        factor: Decimal::new(15, 1),
        days_per_month: 30,
    });
    let o = &facts.orders[0];
    let paid: Decimal = facts.orders.iter().map(|o| o.paid).sum();
    let (period, months) = period_days(&rule, o.start, o.end);
    let used = days_up(o.start, facts.at.min(o.end)).min(period);
    let mut lines = vec![Line::new("paid", Some(cents(paid))).money("voucher", facts.voucher)];
    let mut findings = account(facts);
    let note = profile.source_note.as_ref();
    findings.push(
        Finding::new(C::UlhostPageDeleted, S::Info)
            .var("deleted", note.and_then(|n| n.deleted.clone()))
            .var("path", note.map(|n| n.repo_path.clone())),
    );
    let consumed = if facts.at >= o.end {
        findings.push(Finding::new(C::WholePeriodUsed, S::Info));
        let c = cents(paid);
        lines.push(Line::new("consumed_whole_period", Some(c)));
        c
    } else {
        let c = cents(Decimal::from(used) * paid / Decimal::from(period.max(1)) * rule.factor);
        lines.push(
            Line::new("ulhost_days_used", Some(c))
                .var("used", used)
                .var("period", period)
                .var("months", months)
                .money("paid", paid)
                .var("factor", rule.factor.normalize().to_string()),
        );
        c
    };
    finish(
        facts,
        profile,
        Draft {
            total: paid,
            consumed: Some(consumed),
            deductions: Decimal::ZERO,
            used_hours: (facts.at.min(o.end) - o.start).num_hours().max(0),
            period_hours: (o.end - o.start).num_hours(),
            lines,
            findings,
        },
    )
}
