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
use chrono::{DateTime, DurationRound, Months, TimeDelta, Utc};
use chrono_tz::Asia::Shanghai;
use rust_decimal::Decimal;

fn floor_hour(t: DateTime<Utc>) -> DateTime<Utc> {
    t.duration_trunc(TimeDelta::hours(1)).unwrap_or(t)
}

/// The end of the order as counted: whole hours, rounded down; an expiry
/// written hh:59:59 (Huawei's own, 23:59:59 of the last day) closes with its
/// last second, so the page's 2024/02/01 23:59:59 counts to 2024/02/02 00:00.
fn order_end(end: DateTime<Utc>) -> DateTime<Utc> {
    let next = end + TimeDelta::seconds(1);
    if floor_hour(next) == next {
        next
    } else {
        floor_hour(end)
    }
}

/// The order's hours and the hours used, both whole and rounded down (H3):
/// the order runs from the top of the hour it took effect in (bought 10:30 →
/// from 10:00) to [`order_end`]; the use ends at the top of the hour of the
/// unsubscription (18:40 → 18:00). The page's example: 758 h, 344 h used.
pub fn hours(facts: &CaseFacts) -> (i64, i64) {
    let o = &facts.orders[0];
    let start = floor_hour(o.start);
    let total = (order_end(o.end) - start).num_hours().max(1);
    let used = (floor_hour(facts.at) - start).num_hours().clamp(0, total);
    (used, total)
}

/// `n` years after `from`, by the calendar (Beijing time).
fn years_after(from: DateTime<Utc>, n: u32) -> Option<DateTime<Utc>> {
    from.with_timezone(&Shanghai)
        .checked_add_months(Months::new(12 * n))
        .map(|t| t.with_timezone(&Utc))
}

/// Anniversaries of `from` reached by `to`.
fn anniversaries(from: DateTime<Utc>, to: DateTime<Utc>) -> u32 {
    (1..=10)
        .take_while(|n| years_after(from, *n).is_some_and(|a| a <= to))
        .count() as u32
}

/// The order's term in years by the calendar: 0 under a year (a monthly
/// order), N when it ends on (or within the day after) its N-th anniversary,
/// `None` for a length the fee table has no row for.
fn term_years(start: DateTime<Utc>, end: DateTime<Utc>) -> Option<u32> {
    let n = anniversaries(start, end);
    if n == 0 {
        return Some(0);
    }
    years_after(start, n)
        .filter(|last| end - *last <= TimeDelta::days(1))
        .map(|_| n)
}

/// The year of use an unsubscription falls in, by the calendar: up to the
/// first anniversary (included) is year 1, and so on.
fn year_of_use(start: DateTime<Utc>, used_to: DateTime<Utc>) -> u32 {
    let n = anniversaries(start, used_to);
    if n > 0 && years_after(start, n) == Some(used_to) {
        n
    } else {
        n + 1
    }
}

fn shown(t: DateTime<Utc>) -> String {
    t.with_timezone(&Shanghai).format("%Y-%m-%d %H:%M").to_string()
}

/// Where the whole hours change the durations (a start or an end inside an
/// hour), the finding that shows what was counted.
fn whole_hours(facts: &CaseFacts, used: i64, total: i64) -> Option<Finding> {
    let o = &facts.orders[0];
    let (start, end) = (floor_hour(o.start), order_end(o.end));
    let end_cut = end != o.end && end != o.end + TimeDelta::seconds(1);
    (start != o.start || end_cut).then(|| {
        Finding::new(C::WholeHours, S::Info)
            .var("from", shown(start))
            .var("to", shown(end))
            .var("total", total)
            .var("used_to", shown(floor_hour(facts.at).max(start)))
            .var("used", used)
            .var("end_cut", end_cut)
            .var("given_end", shown(o.end))
    })
}

/// H1: a resource unsubscribed before it starts: nothing charged, everything
/// back, vouchers included; the five-day quota is not used.
fn unstarted(facts: &CaseFacts, pf: &ProviderFacts, profile: &Profile) -> Quote {
    let paid: Decimal = facts.orders.iter().map(|o| o.paid).sum();
    let total = paid + pf.renewals.iter().copied().sum::<Decimal>();
    let mut lines = vec![Line::new("paid", Some(cents(paid))).money("voucher", Decimal::ZERO)];
    for (i, r) in pf.renewals.iter().enumerate() {
        lines.push(Line::new("renewal_unstarted", Some(cents(*r))).var("index", i + 1));
    }
    if facts.voucher > Decimal::ZERO {
        lines.push(Line::new("voucher_returned", Some(cents(facts.voucher))));
    }
    let o = &facts.orders[0];
    let findings = vec![
        Finding::new(C::NotStartedFullRefund, S::Info).var("start", shown(o.start)),
        Finding::new(C::ProviderExclusions, S::Info),
    ];
    clouds::finish(
        facts,
        profile,
        Draft {
            total,
            consumed: Some(Decimal::ZERO),
            deductions: Decimal::ZERO,
            used_hours: 0,
            period_hours: hours(facts).1,
            lines,
            findings,
        },
    )
}

pub fn quote(facts: &CaseFacts, pf: &ProviderFacts, profile: &Profile) -> Quote {
    let o = &facts.orders[0];
    if facts.at < o.start && profile.refunds_unstarted {
        return unstarted(facts, pf, profile);
    }
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
    // The fee's row: the order's term and the year of use, by the calendar
    // (anniversaries), not by blocks of 365 days.
    let start = floor_hour(o.start);
    let term_years = term_years(start, order_end(o.end));
    let used_years = year_of_use(start, start + TimeDelta::hours(used));
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
    findings.extend(whole_hours(facts, used, total));
    clouds::finish(facts, profile, draft(Some(consumed), lines, findings))
}
