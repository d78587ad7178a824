//! Computes a quote from the case facts under one rule profile.

use super::case::{Billing, CaseFacts, Ground, Order, OrderKind, RequestKind};
use super::findings::{self, Facts as Computed};
use super::profile::{Method, Profile};
use super::quote::{Line, Quote, Shown, cents};
use chrono::{DateTime, Months, TimeDelta, Utc};
use chrono_tz::Asia::Shanghai;
use rust_decimal::Decimal;
use thiserror::Error;

/// The largest amount the engine accepts, in yuan: anything above is a typo.
pub const MAX_AMOUNT: Decimal = Decimal::from_parts(100_000_000, 0, 0, false, 0);

/// Why a case cannot be quoted. Each names the field at fault.
#[derive(Debug, Error, Clone, PartialEq)]
pub enum QuoteError {
    #[error("no order: at least one order is needed")]
    NoOrders,
    #[error("order {index}: the end must be after the start")]
    EndNotAfterStart { index: usize },
    #[error("order {index}: a new or upgrade order must have a positive amount paid")]
    PaidNotPositive { index: usize },
    #[error("{field}: must not be negative")]
    Negative { field: &'static str },
    #[error("{field}: more than {MAX_AMOUNT} is not a plausible amount")]
    Absurd { field: &'static str },
    #[error("gift: the gift part cannot be more than what was paid")]
    GiftExceedsPaid,
    #[error("{field}: a used share must be between 0 and 1")]
    ShareOutOfRange { field: &'static str },
}

/// Whole units of `unit` from `from` to `to`, a started unit counting whole.
fn units_up(from: DateTime<Utc>, to: DateTime<Utc>, unit: TimeDelta) -> i64 {
    let d = (to - from).num_seconds();
    let u = unit.num_seconds();
    if d <= 0 { 0 } else { (d + u - 1) / u }
}

/// The months a yearly order runs: calendar-aligned when the end is a whole
/// number of months after the start, else its days ÷ 30 rounded (at least 1).
fn months_of(o: &Order) -> u32 {
    let start = o.start.with_timezone(&Shanghai);
    let end = o.end.with_timezone(&Shanghai);
    for m in 1..=120u32 {
        if start.checked_add_months(Months::new(m)) == Some(end) {
            return m;
        }
    }
    let days = (o.end - o.start).num_days();
    ((days + 15) / 30).clamp(1, 120) as u32
}

pub(super) fn check(facts: &CaseFacts) -> Result<(), QuoteError> {
    if facts.orders.is_empty() {
        return Err(QuoteError::NoOrders);
    }
    let amount = |field, x: Decimal| {
        if x.is_sign_negative() && !x.is_zero() {
            Err(QuoteError::Negative { field })
        } else if x > MAX_AMOUNT {
            Err(QuoteError::Absurd { field })
        } else {
            Ok(())
        }
    };
    for (i, o) in facts.orders.iter().enumerate() {
        let index = i + 1;
        if o.end <= o.start {
            return Err(QuoteError::EndNotAfterStart { index });
        }
        if o.paid.abs() > MAX_AMOUNT {
            return Err(QuoteError::Absurd { field: "paid" });
        }
        if o.kind != OrderKind::Downgrade && o.paid <= Decimal::ZERO {
            return Err(QuoteError::PaidNotPositive { index });
        }
        if o.list_price.is_some_and(|l| l.abs() > MAX_AMOUNT) {
            return Err(QuoteError::Absurd { field: "list_price" });
        }
    }
    amount("voucher", facts.voucher)?;
    amount("gift", facts.gift)?;
    amount("customisation_cost", facts.customisation_cost)?;
    if let Some(m) = facts.monthly_price {
        amount("monthly_price", m)?;
    }
    if let Some(ov) = &facts.overage {
        amount("overage.quota", ov.quota)?;
        amount("overage.used", ov.used)?;
        amount("overage.unit_price", ov.unit_price)?;
    }
    for v in &facts.value_added {
        amount("value_added.price", v.price)?;
        if v.used_share
            .is_some_and(|s| s < Decimal::ZERO || s > Decimal::ONE)
        {
            return Err(QuoteError::ShareOutOfRange {
                field: "value_added.used_share",
            });
        }
    }
    let paid: Decimal = facts.orders.iter().map(|o| o.paid).sum();
    if facts.gift > paid.max(Decimal::ZERO) {
        return Err(QuoteError::GiftExceedsPaid);
    }
    Ok(())
}

/// The list price of an order bought at a promotional discount: one above
/// a positive amount paid. A list price at or below what was paid is no
/// discount, and a downgrade's negative amounts are no promotion either (the
/// order keeps its billing coefficient).
pub(crate) fn promotional_list_price(o: &Order) -> Option<Decimal> {
    o.list_price.filter(|l| o.paid > Decimal::ZERO && *l > o.paid)
}

/// What the time rule charged for the resource itself.
struct Consumption {
    consumed: Decimal,
    used_hours: i64,
    period_hours: i64,
    lines: Vec<Line>,
    computed: Computed,
}

/// Quote a case under a profile.
pub fn quote(facts: &CaseFacts, profile: &Profile) -> Result<Quote, QuoteError> {
    check(facts)?;
    let mut c = match profile.method {
        Method::Orders => by_orders(facts, profile),
        Method::Coefficient | Method::ProRata => by_share(facts, profile),
        Method::Tencent | Method::Huawei | Method::Aliyun => {
            return super::clouds::quote(facts, &Default::default(), profile);
        }
    };
    let resource_paid: Decimal = facts.orders.iter().map(|o| o.paid).sum();
    let mut lines = vec![Line::new("paid", Some(cents(resource_paid))).money("voucher", facts.voucher)];
    lines.append(&mut c.lines);

    let consumed = cents(c.consumed);
    if consumed >= resource_paid {
        c.computed.consumed_exceeds = consumed > resource_paid;
    }
    let charged = cents(consumed.min(resource_paid).max(Decimal::ZERO));
    let mut resource_refund = (resource_paid - charged).max(Decimal::ZERO);
    if profile.method == Method::Orders && resource_refund == resource_paid && resource_paid > Decimal::ZERO {
        resource_refund -= Decimal::new(1, 2);
        c.computed.penny_kept = true;
        lines.push(Line::new("penny_kept", Some(Decimal::new(1, 2))));
    }

    // The seed's extra deductions, in every profile.
    let share = if c.period_hours > 0 {
        Decimal::from(c.used_hours) / Decimal::from(c.period_hours)
    } else {
        Decimal::ONE
    };
    let mut deductions = Decimal::ZERO;
    let mut vas_paid = Decimal::ZERO;
    if let Some(ov) = &facts.overage {
        let over = (ov.used - ov.quota).max(Decimal::ZERO);
        let cost = cents(over * ov.unit_price);
        deductions += cost;
        lines.push(
            Line::new("overage", Some(cost))
                .var("over", over.normalize().to_string())
                .var("quota", ov.quota.normalize().to_string())
                .var("used", ov.used.normalize().to_string())
                .var("unit", ov.unit.clone().unwrap_or_default())
                .money("unit_price", ov.unit_price),
        );
    }
    for v in &facts.value_added {
        vas_paid += v.price;
        let (used, key) = if v.refundable {
            let s = v.used_share.unwrap_or(share).min(Decimal::ONE);
            (cents(v.price * s), "value_added")
        } else {
            (v.price, "value_added_kept")
        };
        deductions += used;
        let pct = cents(v.used_share.unwrap_or(share).min(Decimal::ONE) * Decimal::ONE_HUNDRED);
        lines.push(
            Line::new(key, Some(used))
                .var("name", v.name.clone())
                .money("price", v.price)
                .var("percent", pct.normalize().to_string()),
        );
    }
    // Customisation is paid on top of the resource and kept whole.
    let custom = facts.customisation_cost;
    if custom > Decimal::ZERO {
        deductions += custom;
        lines.push(Line::new("customisation", Some(cents(custom))));
    }
    // Clause 14 (4): a written request 30 days ahead, with 20% of the remaining
    // (unused) amount paid as a penalty.
    let a = &facts.account;
    if a.request == RequestKind::Requested && a.ground == Some(Ground::WrittenNotice) {
        let remaining = (resource_paid * (Decimal::ONE - share.min(Decimal::ONE))).max(Decimal::ZERO);
        let penalty = cents(remaining * Decimal::new(2, 1));
        deductions += penalty;
        lines.push(Line::new("written_notice_penalty", Some(penalty)).money("remaining", remaining));
    }

    let paid = resource_paid + vas_paid + custom;
    let mut refund =
        (resource_refund + vas_paid + custom - deductions).clamp(Decimal::ZERO, paid.max(Decimal::ZERO));
    if facts.account.package {
        refund = Decimal::ZERO;
        lines.push(Line::new("package_not_refundable", None));
    }
    refund = cents(refund);
    let refund_gift = if paid > Decimal::ZERO {
        cents(refund * facts.gift / paid)
    } else {
        Decimal::ZERO
    };
    lines.push(
        Line::new("refund", Some(refund))
            .money("paid", paid)
            .money("consumed", charged)
            .money("deductions", deductions)
            .var("capped", consumed > resource_paid)
            .money("computed", consumed),
    );

    let mut computed = c.computed;
    computed.paid = paid;
    computed.refund = refund;
    let found = findings::collect(facts, profile, &computed);
    Ok(Quote {
        policy: profile.id,
        policy_version: profile.version.clone(),
        source_url: profile.source_url.clone(),
        paid: cents(paid),
        voucher: cents(facts.voucher),
        consumed: charged,
        deductions: cents(deductions),
        refund,
        refund_cash: refund - refund_gift,
        refund_gift,
        used_hours: c.used_hours,
        period_hours: c.period_hours,
        lines,
        findings: found,
    })
}

/// Source A and the article: one share of the period, times a coefficient
/// (or the monthly price for yearly orders under source A).
fn by_share(facts: &CaseFacts, profile: &Profile) -> Consumption {
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
                        let m = o.paid / (Decimal::from(months) * d);
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
fn by_orders(facts: &CaseFacts, profile: &Profile) -> Consumption {
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
