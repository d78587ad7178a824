//! Huawei Cloud (sources H2 and H3): the five-day refund (5 × 24 h from
//! activation, vouchers returned), else paid − paid × hours used ÷ hours
//! ordered − a handling fee whose China table is not readable: no China fee
//! is computed. The fee on the user's refund order (or the refund the
//! unsubscribe page shows) is taken and the rest of the formula checked
//! against it; without it the refund is shown before the fee, "as shown on
//! your unsubscribe page", with the international table's rate as a range.

use super::fee::fee_row;
use super::hours::{floor_hour, hours, order_end, shown, whole_hours};
use crate::policy::case::CaseFacts;
use crate::policy::profile::Profile;
use crate::policy::provider::ProviderFacts;
use crate::policy::quote::{Finding, FindingCode as C, Line, Quote, Severity as S, cents};
use crate::policy::shared::{Draft, finish, five_day_applies, five_day_last, five_day_unsure};
use rust_decimal::Decimal;

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
    finish(
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

/// Quote a checked case under Huawei's rules.
pub(super) fn quote(facts: &CaseFacts, pf: &ProviderFacts, profile: &Profile) -> Quote {
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
    let draft = |consumed, deductions, lines, findings| Draft {
        total: paid + renewals,
        consumed,
        deductions,
        used_hours: used,
        period_hours: total,
        lines,
        findings,
    };
    let fd = profile.five_day.as_ref();
    let applies = fd.and_then(|fd| five_day_applies(fd, facts, pf));
    let last = fd.map(|fd| five_day_last(fd, o.start)).unwrap_or_default();
    if applies == Some(true) {
        // The vouchers come back here: the paid line does not call them lost.
        lines[0] = Line::new("paid", Some(cents(paid))).money("voucher", Decimal::ZERO);
        lines.push(Line::new("five_day_full", Some(cents(paid))).var("last", last));
        if facts.voucher > Decimal::ZERO && fd.is_some_and(|fd| fd.vouchers_returned) {
            lines.push(Line::new("voucher_returned", Some(cents(facts.voucher))));
        }
        return finish(
            facts,
            profile,
            draft(Some(Decimal::ZERO), Decimal::ZERO, lines, findings),
        );
    }
    if let (None, Some(fd)) = (applies, fd) {
        findings.push(five_day_unsure(pf, fd, paid, last));
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
    // (anniversaries), not by blocks of 365 days. It is the international
    // site's table: China's is not readable, and no China fee is computed.
    let row = fee_row(profile, floor_hour(o.start), order_end(o.end), used);
    let intl = row.map(|r| (r.rate * Decimal::ONE_HUNDRED).normalize().to_string());
    let percent = |fee: Decimal| {
        (paid > Decimal::ZERO).then(|| cents(fee * Decimal::ONE_HUNDRED / paid).normalize().to_string())
    };
    let mut deductions = Decimal::ZERO;
    if let Some(fee) = pf.fee {
        // The fee Huawei charged, from the user's own refund order.
        deductions = cents(fee);
        lines.push(Line::new("fee_given", Some(deductions)));
        findings.push(
            Finding::new(C::FeeFromRefundOrder, S::Info)
                .var("percent", percent(deductions))
                .var("intl", intl.clone()),
        );
    } else if let Some(shown) = pf.shown_refund {
        // The page's refund, and the fee it implies once the rest of the
        // formula is taken away.
        let implied = before - cents(shown);
        deductions = implied.max(Decimal::ZERO);
        lines.push(
            Line::new("fee_implied", Some(deductions))
                .money("shown", shown)
                .money("before", before),
        );
        findings.push(
            Finding::new(
                C::FeeFromShownRefund,
                if implied < Decimal::ZERO { S::Risk } else { S::Info },
            )
            .var("percent", percent(deductions))
            .var("intl", intl.clone())
            .var("above", implied < Decimal::ZERO)
            .var("difference", format!("{:.2}", cents(implied.abs()))),
        );
    } else {
        let mut fee = Finding::new(C::HandlingFeeUnpublished, S::Risk).var("found", row.is_some());
        if let Some(r) = row {
            let amount = cents(paid * r.rate);
            let low = (before - amount).max(Decimal::ZERO);
            lines.push(
                Line::new("fee_range", Some(amount))
                    .var("rate", intl.clone())
                    .money("low", low)
                    .money("high", before),
            );
            fee = fee
                .var("rate", (r.rate * Decimal::ONE_HUNDRED).normalize().to_string())
                .var("low", format!("{low:.2}"))
                .var("high", format!("{before:.2}"));
        }
        lines.push(Line::new("fee_on_page", None));
        findings.push(fee);
    }
    findings.push(Finding::new(C::UsageCountedInDays, S::Info));
    findings.extend(whole_hours(facts, used, total));
    finish(facts, profile, draft(Some(consumed), deductions, lines, findings))
}
