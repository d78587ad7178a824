//! Huawei Cloud (sources H2 and H3): the five-day refund (5 × 24 h from
//! activation, vouchers returned), else paid − paid × hours used ÷ hours
//! ordered − a handling fee whose current table is not published in full:
//! the refund is shown before the fee, with the fee of the older
//! international table as a flagged range.

use super::case::CaseFacts;
use super::clouds::{self, Draft};
use super::profile::Profile;
use super::provider::ProviderFacts;
use super::quote::{Finding, FindingCode as C, Line, Quote, Severity as S, cents};
use chrono::{DateTime, DurationRound, TimeDelta, Utc};
use rust_decimal::Decimal;

const HOURS_A_YEAR: i64 = 365 * 24;

fn floor_hour(t: DateTime<Utc>) -> DateTime<Utc> {
    t.duration_trunc(TimeDelta::hours(1)).unwrap_or(t)
}

/// The order's hours and the hours used, both whole (H3): the order runs from
/// the top of the hour it took effect in; an end such as 23:59:59 closes at
/// the next full hour (the page's 758 h example); the use ends at the top of
/// the hour of the unsubscription.
pub fn hours(facts: &CaseFacts) -> (i64, i64) {
    let o = &facts.orders[0];
    let start = floor_hour(o.start);
    let end = o.end.duration_round_up(TimeDelta::hours(1)).unwrap_or(o.end);
    let total = (end - start).num_hours().max(1);
    let used = (floor_hour(facts.at) - start).num_hours().clamp(0, total);
    (used, total)
}

pub fn quote(facts: &CaseFacts, pf: &ProviderFacts, profile: &Profile) -> Quote {
    let o = &facts.orders[0];
    let paid: Decimal = facts.orders.iter().map(|o| o.paid).sum();
    // H1: an unstarted renewal period is refunded whole, with no fee.
    let renewals: Decimal = pf.renewals.iter().copied().sum();
    let (used, total) = hours(facts);
    let mut lines = vec![Line::new("paid", Some(cents(paid))).money("voucher", facts.voucher)];
    for (i, r) in pf.renewals.iter().enumerate() {
        lines.push(Line::new("renewal_unstarted", Some(cents(*r))).var("index", i + 1));
    }
    let mut findings = vec![Finding::new(C::ProviderExclusions, S::Info)];
    let draft = |consumed, lines, findings| Draft {
        total: paid + renewals,
        consumed,
        deductions: Decimal::ZERO,
        used_hours: used,
        period_hours: total,
        lines,
        findings,
    };
    let fd = profile.five_day.as_ref();
    let applies = fd.and_then(|fd| clouds::five_day_applies(fd, facts, pf));
    let last = fd
        .map(|fd| clouds::five_day_last(fd, o.start))
        .unwrap_or_default();
    if applies == Some(true) {
        // The vouchers come back here: the paid line does not call them lost.
        lines[0] = Line::new("paid", Some(cents(paid))).money("voucher", Decimal::ZERO);
        lines.push(Line::new("five_day_full", Some(cents(paid))).var("last", last));
        if facts.voucher > Decimal::ZERO && fd.is_some_and(|fd| fd.vouchers_returned) {
            lines.push(Line::new("voucher_returned", Some(cents(facts.voucher))));
        }
        return clouds::finish(facts, profile, draft(Some(Decimal::ZERO), lines, findings));
    }
    if let (None, Some(fd)) = (applies, fd) {
        findings.push(clouds::five_day_unsure(pf, fd, paid, last));
    }
    let consumed = if used >= total {
        findings.push(Finding::new(C::WholePeriodUsed, S::Info));
        paid
    } else {
        paid * Decimal::from(used) / Decimal::from(total)
    };
    lines.push(
        Line::new("hours_share", Some(cents(consumed)))
            .money("paid", paid)
            .var("used", used)
            .var("total", total),
    );
    let before = (paid + renewals - cents(consumed)).max(Decimal::ZERO);
    let term_years = match total {
        t if t < HOURS_A_YEAR => Some(0),
        t if t <= HOURS_A_YEAR + 24 => Some(1),
        t if t <= 2 * HOURS_A_YEAR + 48 => Some(2),
        t if t <= 3 * HOURS_A_YEAR + 72 => Some(3),
        _ => None,
    };
    let used_years = ((used + HOURS_A_YEAR - 1) / HOURS_A_YEAR).max(1) as u32;
    let row = term_years.and_then(|t| {
        profile
            .fee_table
            .iter()
            .find(|r| r.term_years == t && r.used_years == used_years)
    });
    let mut fee = Finding::new(C::HandlingFeeUnpublished, S::Risk).var("found", row.is_some());
    if let Some(r) = row {
        let amount = cents(paid * r.rate);
        let low = (before - amount).max(Decimal::ZERO);
        lines.push(
            Line::new("fee_range", Some(amount))
                .var("rate", (r.rate * Decimal::ONE_HUNDRED).normalize().to_string())
                .money("low", low)
                .money("high", before),
        );
        fee = fee
            .var("rate", (r.rate * Decimal::ONE_HUNDRED).normalize().to_string())
            .var("low", format!("{low:.2}"))
            .var("high", format!("{before:.2}"));
    }
    findings.push(fee);
    findings.push(Finding::new(C::UsageCountedInDays, S::Info));
    clouds::finish(facts, profile, draft(Some(consumed), lines, findings))
}
