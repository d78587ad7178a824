//! Tencent Lighthouse (轻量应用服务器), instances and data disks: the
//! five-day refund gives back everything paid (vouchers and discounts
//! excepted); otherwise 退还金额 = 支付金额 −（已使用时长/总时长）× 订单原价,
//! in days, a part day counted whole: the used days at the list price.

use crate::policy::case::CaseFacts;
use crate::policy::profile::Profile;
use crate::policy::provider::ProviderFacts;
use crate::policy::quote::{Finding, FindingCode as C, Line, Quote, Severity as S, cents};
use crate::policy::shared::{
    Draft, FiveDays, Need, Needed, RuleFamily, finish, five_day_applies, five_day_last, five_day_unsure,
    five_days,
};
use crate::policy::ulhost::days_up;
use rust_decimal::Decimal;

/// The Lighthouse rule family: profiles of method `list-price-days`.
pub struct Lighthouse;

impl RuleFamily for Lighthouse {
    fn compute(&self, facts: &CaseFacts, pf: &ProviderFacts, profile: &Profile) -> Quote {
        quote(facts, pf, profile)
    }

    /// The order's list price, where the ordinary formula may be used (the
    /// used days are charged at it) and the period is not over.
    fn needs(&self, facts: &CaseFacts, pf: &ProviderFacts, profile: &Profile) -> Vec<Needed> {
        let o = &facts.orders[0];
        let five_day = profile
            .five_day
            .as_ref()
            .and_then(|fd| five_day_applies(fd, facts, pf));
        if five_day == Some(true) || o.list_price.is_some() || facts.at >= o.end {
            return Vec::new();
        }
        vec![Needed {
            need: Need::ListPrice,
            required: true,
        }]
    }
}

/// The used days charged at the list price: `used ÷ total × list`.
pub fn used_value(used: i64, total: i64, list: Decimal) -> Decimal {
    Decimal::from(used) * list / Decimal::from(total.max(1))
}

fn quote(facts: &CaseFacts, pf: &ProviderFacts, profile: &Profile) -> Quote {
    let o = &facts.orders[0];
    let paid: Decimal = facts.orders.iter().map(|o| o.paid).sum();
    let mut lines = vec![Line::new("paid", Some(cents(paid))).money("voucher", facts.voucher)];
    let mut findings = Vec::new();
    if let Some(q) = &profile.quota {
        findings.push(
            Finding::new(C::LighthouseQuota, S::Info)
                .var("five_day", q.five_day)
                .var("per_year", q.ordinary_per_year)
                .var("disk", profile.id.as_str().ends_with("disk")),
        );
    }
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
    if window != FiveDays::Outside {
        findings.push(Finding::new(C::LighthouseFiveDayCount, S::Info).var("last", last.clone()));
    }
    if applies == Some(true) {
        lines.push(Line::new("five_day_full", Some(cents(paid))).var("last", last));
        return finish(facts, profile, draft(Some(Decimal::ZERO), lines, findings));
    }
    if let (None, Some(fd)) = (applies, fd) {
        findings.push(five_day_unsure(pf, fd, paid, last));
    }
    let total = days_up(o.start, o.end);
    let used = days_up(o.start, facts.at.min(o.end)).min(total);
    if facts.at >= o.end {
        findings.push(Finding::new(C::WholePeriodUsed, S::Info));
        lines.push(Line::new("consumed_whole_period", Some(cents(paid))));
        return finish(facts, profile, draft(Some(cents(paid)), lines, findings));
    }
    match o.list_price {
        Some(list) => {
            let c = cents(used_value(used, total, list));
            lines.push(
                Line::new("list_price_days", Some(c))
                    .var("used", used)
                    .var("total", total)
                    .money("list", list),
            );
            finish(facts, profile, draft(Some(c), lines, findings))
        }
        None => {
            // The list price is at least what was paid: the refund is at
            // most what the same days would cost at the price paid.
            let at_most = (paid - cents(used_value(used, total, paid))).max(Decimal::ZERO);
            findings.push(
                Finding::new(C::ListPriceNeeded, S::Risk)
                    .var("used", used)
                    .var("total", total)
                    .var("at_most", format!("{:.2}", cents(at_most))),
            );
            lines.push(Line::new("no_figure", None));
            finish(facts, profile, draft(None, lines, findings))
        }
    }
}
