//! Tencent Cloud CVM (sources T2 and T1): the five-day full refund, else
//! refund = current order + orders not started − value used, where value used
//! = whole months × monthly price × discount + the rest by the hour (tiered
//! where given) + bandwidth hours + the used days of upgrades, to the second.

use super::usage::usage;
use crate::policy::case::{CaseFacts, OrderKind};
use crate::policy::profile::Profile;
use crate::policy::provider::ProviderFacts;
use crate::policy::quote::{Finding, FindingCode as C, Line, Quote, Severity as S, Shown, cents};
use crate::policy::shared::{
    Draft, FiveDays, finish, five_day_applies, five_day_last, five_day_unsure, five_days,
};
use chrono::TimeDelta;
use rust_decimal::Decimal;

const HOUR: i64 = 3600;

fn hours(seconds: i64) -> Decimal {
    Decimal::from(seconds) / Decimal::from(HOUR)
}

fn text(x: Decimal) -> String {
    x.round_dp(4).normalize().to_string()
}

/// Quote a checked case under Tencent's rules.
pub(super) fn quote(facts: &CaseFacts, pf: &ProviderFacts, profile: &Profile) -> Quote {
    let o = &facts.orders[0];
    let orders: Decimal = facts.orders.iter().map(|o| o.paid).sum();
    let renewals: Decimal = pf.renewals.iter().copied().sum();
    let total = orders + renewals;
    let mut lines = vec![Line::new("paid", Some(cents(orders))).money("voucher", facts.voucher)];
    for (i, r) in pf.renewals.iter().enumerate() {
        lines.push(Line::new("renewal_unstarted", Some(cents(*r))).var("index", i + 1));
    }
    let mut findings = vec![Finding::new(C::ProviderExclusions, S::Info)];
    let used_hours = (facts.at.min(o.end) - o.start).num_hours().max(0);
    let period_hours = (o.end - o.start).num_hours();
    let draft = |consumed, lines, findings| Draft {
        total,
        consumed,
        deductions: Decimal::ZERO,
        used_hours,
        period_hours,
        lines,
        findings,
    };

    let fd = profile.five_day.as_ref();
    let window = fd.map_or(FiveDays::Outside, |fd| five_days(fd, o.start, facts.at));
    let applies = fd.and_then(|fd| five_day_applies(fd, facts, pf));
    let last = fd.map(|fd| five_day_last(fd, o.start)).unwrap_or_default();
    if window != FiveDays::Outside && applies != Some(false) {
        findings.push(Finding::new(C::FiveDayQuotaScope, S::Risk));
    }
    if applies == Some(true) {
        lines.push(Line::new("five_day_full", Some(cents(total))).var("last", last));
        return finish(facts, profile, draft(Some(Decimal::ZERO), lines, findings));
    }
    if let (None, Some(fd)) = (applies, fd) {
        findings.push(five_day_unsure(pf, fd, total, last));
    }

    // The non-full refund. Each line is rounded as shown and the value used
    // is their sum, so the breakdown adds up to the figure.
    let mut consumed = Shown::default();
    let mut missing = false;
    if facts.at >= o.end {
        let c = consumed.add(o.paid);
        lines.push(Line::new("consumed_whole_period", Some(c)));
        findings.push(Finding::new(C::WholePeriodUsed, S::Info));
    } else {
        let u = usage(facts);
        if u.months > 0 {
            let discount = pf.used_discount.unwrap_or(Decimal::ONE);
            if pf.used_discount.is_none() {
                findings.push(Finding::new(C::DiscountAssumed, S::Info).var("months", u.months));
            }
            match facts.monthly_price {
                Some(m) => {
                    let c = consumed.add(m * Decimal::from(u.months) * discount);
                    lines.push(
                        Line::new("months_used", Some(c))
                            .var("months", u.months)
                            .money("monthly_price", m)
                            .var("discount", text(discount))
                            .var("assumed", pf.used_discount.is_none()),
                    );
                }
                None => {
                    missing = true;
                    findings.push(Finding::new(C::MonthlyPriceNeeded, S::Risk).var("months", u.months));
                }
            }
        }
        if u.rest_seconds > 0 {
            let h = hours(u.rest_seconds);
            match pf.hourly_price {
                Some(p) => {
                    let tier = pf.hourly_tier.filter(|t| h > Decimal::from(t.hours));
                    let first = tier.map_or(h, |t| Decimal::from(t.hours));
                    let c = consumed.add(p * first);
                    lines.push(
                        Line::new("hours_used", Some(c))
                            .var("hours", text(first))
                            .var("price", text(p)),
                    );
                    if let Some(t) = tier {
                        let later = h - first;
                        let c = consumed.add(t.price * later);
                        lines.push(
                            Line::new("hours_used_tier", Some(c))
                                .var("after", t.hours)
                                .var("hours", text(later))
                                .var("price", text(t.price)),
                        );
                    }
                    if pf.hourly_tier.is_some() || h > Decimal::from(96) {
                        findings.push(
                            Finding::new(C::HourlyTierExampleOnly, S::Info)
                                .var("given", pf.hourly_tier.is_some()),
                        );
                    }
                }
                None => {
                    missing = true;
                    findings.push(
                        Finding::new(C::HourlyPriceNeeded, S::Risk)
                            .var("hours", text(h))
                            .var("months", u.months),
                    );
                }
            }
            if let Some(b) = pf.bandwidth_price {
                let c = consumed.add(b * h);
                lines.push(
                    Line::new("bandwidth_used", Some(c))
                        .var("hours", text(h))
                        .var("price", text(b)),
                );
            }
        }
        if u.host_end < facts.at.min(o.end) {
            // T2's published upgrade example charges the original
            // configuration only up to the upgrade: reproduced, flagged.
            let skipped = hours((facts.at.min(o.end) - u.host_end).num_seconds());
            let mut f = Finding::new(C::UpgradeExampleAsPublished, S::Risk).var("hours", text(skipped));
            if let Some(p) = pf.hourly_price {
                f = f.var("more", format!("{:.2}", cents(p * skipped)));
            }
            findings.push(f);
        }
    }
    for (i, up) in facts
        .orders
        .iter()
        .enumerate()
        .filter(|(_, u)| u.kind == OrderKind::Upgrade)
    {
        // T1: the upgrade part is refunded after deducting the days used
        // (a started day counts whole).
        let day = TimeDelta::days(1).num_seconds();
        let days = ((up.end - up.start).num_seconds() + day - 1) / day;
        let used = (((facts.at.min(up.end) - up.start).num_seconds() + day - 1) / day).clamp(0, days);
        let c = consumed.add(up.paid * Decimal::from(used) / Decimal::from(days.max(1)));
        lines.push(
            Line::new("upgrade_used", Some(c))
                .var("index", i + 1)
                .money("paid", up.paid)
                .var("used", used)
                .var("days", days),
        );
    }
    if missing {
        lines.push(Line::new("no_figure", None));
        return finish(facts, profile, draft(None, lines, findings));
    }
    findings.push(Finding::new(C::CurrentPrices, S::Risk));
    let consumed = consumed.total();
    lines.push(Line::new("value_used", Some(consumed)));
    finish(facts, profile, draft(Some(consumed), lines, findings))
}
