//! UCloud's time rules: what the resource itself consumed, by the share of
//! the period (source A, the seed article) or order by order from the
//! aligned settlement time (source B).

use super::findings::Facts as Computed;
use super::orders::{months_of, promotional_list_price, units_up};
use crate::policy::case::{Billing, CaseFacts};
use crate::policy::profile::{Method, Profile};
use crate::policy::quote::{Line, Shown, cents};
use chrono::TimeDelta;
use chrono_tz::Asia::Shanghai;
use rust_decimal::Decimal;

/// What the time rule charged for the resource itself.
pub(super) struct Consumption {
    pub consumed: Decimal,
    pub used_hours: i64,
    pub period_hours: i64,
    pub lines: Vec<Line>,
    pub computed: Computed,
}

/// Source A and the article: one share of the period, times a coefficient
/// (or the monthly price for yearly orders under source A).
pub(super) fn by_share(facts: &CaseFacts, profile: &Profile) -> Consumption {
    let hour = TimeDelta::hours(1);
    let mut lines = Vec::new();
    let mut computed = Computed::default();
    // Each line is rounded as shown, so the lines add up to the total.
    let mut consumed = Shown::default();
    let (mut used_hours, mut period_hours) = (0, 0);
    for (i, o) in facts.orders.iter().enumerate() {
        computed.note_dates(o, facts.at);
        let minutes = facts.billing == Billing::Hourly && profile.method == Method::Coefficient;
        let unit = if minutes { TimeDelta::minutes(1) } else { hour };
        let period = units_up(o.start, o.end, unit);
        let used = units_up(o.start, facts.at, unit).min(period);
        if i == 0 {
            used_hours = units_up(o.start, facts.at.min(o.end), hour);
            period_hours = units_up(o.start, o.end, hour);
        }
        let share = Decimal::from(used) / Decimal::from(period);
        let unit_name = if minutes { "minute" } else { "hour" };
        computed.used_share = computed.used_share.max(share);
        if used >= period {
            computed.whole_period_used = true;
            let c = consumed.add(o.paid);
            lines.push(Line::new("consumed_whole_period", Some(c)));
            continue;
        }
        let coefficient = profile.coefficient(facts.billing);
        match (profile.method, coefficient) {
            (Method::Coefficient, None) => {
                // Source A: monthly price × 12 × years × used share; an order
                // of whole years is 12 × years months, others count their months.
                let months = months_of(o);
                let years = months.div_ceil(12);
                let monthly = match facts.monthly_price {
                    Some(m) => m,
                    None => {
                        let d = profile
                            .yearly_discount(facts.product().as_deref(), years)
                            .unwrap_or(Decimal::ONE);
                        // The discounted yearly price is what the order
                        // cost, vouchers included: a voucher pays, it
                        // does not discount (one order: the voucher is its).
                        let voucher = if facts.orders.len() == 1 {
                            facts.voucher
                        } else {
                            Decimal::ZERO
                        };
                        let m = (o.paid + voucher) / (Decimal::from(months) * d);
                        computed.estimated_monthly = Some((cents(m), d));
                        m
                    }
                };
                let c = consumed
                    .add(monthly * Decimal::from(months) * Decimal::from(used) / Decimal::from(period));
                let whole_years = months.is_multiple_of(12).then_some(months / 12);
                lines.push(
                    Line::new("consumed_yearly", Some(c))
                        .money("monthly_price", monthly)
                        .var("years", whole_years)
                        .var("months", months)
                        .var("used", used)
                        .var("period", period)
                        .var("estimated", facts.monthly_price.is_none()),
                );
            }
            (_, k) => {
                let k = if profile.method == Method::ProRata {
                    Decimal::ONE
                } else {
                    k.unwrap_or(Decimal::ONE)
                };
                let c = consumed.add(o.paid * Decimal::from(used) / Decimal::from(period) * k);
                lines.push(
                    Line::new("consumed_share", Some(c))
                        .money("paid", o.paid)
                        .var("used", used)
                        .var("period", period)
                        .var("unit", unit_name)
                        .var("coefficient", k.normalize().to_string()),
                );
            }
        }
    }
    Consumption {
        consumed: consumed.total(),
        used_hours,
        period_hours,
        lines,
        computed,
    }
}

/// Source B: the deletion time aligned up from creation, then order by order.
pub(super) fn by_orders(facts: &CaseFacts, profile: &Profile) -> Consumption {
    let first = &facts.orders[0];
    let step = if facts.billing == Billing::Daily {
        TimeDelta::days(1)
    } else {
        TimeDelta::hours(1)
    };
    let settle = if facts.at <= first.start {
        facts.at
    } else {
        first.start + step * units_up(first.start, facts.at, step) as i32
    };
    let mut computed = Computed::default();
    let mut lines = vec![
        Line::new("settlement", None).var(
            "at",
            settle
                .with_timezone(&Shanghai)
                .format("%Y-%m-%d %H:%M:%S")
                .to_string(),
        ),
    ];
    // Each line is rounded as shown, so the lines add up to the total.
    let mut consumed = Shown::default();
    for (i, o) in facts.orders.iter().enumerate() {
        computed.note_dates(o, facts.at);
        let total = (o.end - o.start).num_seconds();
        let ratio = if settle <= o.start {
            Decimal::ONE
        } else if settle >= o.end {
            computed.whole_period_used = true;
            Decimal::ZERO
        } else {
            Decimal::from((o.end - settle).num_seconds()) / Decimal::from(total)
        };
        let remaining = o.paid * ratio;
        let promo = promotional_list_price(o);
        let coefficient = match promo {
            Some(l) => l / o.paid,
            None => profile.coefficient(facts.billing).unwrap_or(Decimal::ONE),
        };
        if promo.is_some() {
            computed.promotional = true;
        }
        let c = consumed.add((o.paid - remaining) * coefficient);
        computed.used_share = computed.used_share.max(Decimal::ONE - ratio);
        lines.push(
            Line::new("order", Some(c))
                .var("index", i + 1)
                .var("kind", serde_json::to_value(o.kind).unwrap_or_default())
                .money("paid", o.paid)
                .var(
                    "remaining_percent",
                    cents(ratio * Decimal::ONE_HUNDRED).normalize().to_string(),
                )
                .var("coefficient", coefficient.round_dp(4).normalize().to_string())
                .var("promotional", promo.is_some()),
        );
    }
    let used_hours = units_up(first.start, settle.min(first.end), TimeDelta::hours(1));
    let period_hours = units_up(first.start, first.end, TimeDelta::hours(1));
    let consumed = consumed.total();
    lines.push(Line::new("consumed_total", Some(consumed)));
    Consumption {
        consumed,
        used_hours,
        period_hours,
        lines,
        computed,
    }
}
