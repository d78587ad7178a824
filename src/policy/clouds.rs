//! The other clouds' rule families (Tencent, Huawei, Alibaba): dispatch, the
//! five-day window, the parts every one of them shares, and what a case still
//! needs before it can be quoted.

use super::aliyun;
use super::case::{CaseFacts, Tri};
use super::engine::{self, MAX_AMOUNT, QuoteError};
use super::huawei;
use super::profile::{FiveDay, FiveDayCount, Method, Profile};
use super::provider::ProviderFacts;
use super::quote::{Finding, FindingCode, Line, Quote, Severity, cents};
use super::tencent;
use super::timeline::local_date;
use chrono::{DateTime, Days, TimeDelta, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Quote a case under any profile: the other clouds' engines use the
/// provider facts; UCloud's rules do not need them.
pub fn quote(facts: &CaseFacts, pf: &ProviderFacts, profile: &Profile) -> Result<Quote, QuoteError> {
    let engine = match profile.method {
        Method::Tencent => tencent::quote,
        Method::Huawei => huawei::quote,
        Method::Aliyun => aliyun::quote,
        Method::Coefficient | Method::Orders | Method::ProRata => return engine::quote(facts, profile),
    };
    engine::check(facts)?;
    check(pf)?;
    Ok(engine(facts, pf, profile))
}

fn check(pf: &ProviderFacts) -> Result<(), QuoteError> {
    let amount = |field, x: Decimal| {
        if x.is_sign_negative() && !x.is_zero() {
            Err(QuoteError::Negative { field })
        } else if x > MAX_AMOUNT {
            Err(QuoteError::Absurd { field })
        } else {
            Ok(())
        }
    };
    for (field, x) in [
        ("hourly_price", pf.hourly_price),
        ("bandwidth_price", pf.bandwidth_price),
        ("hourly_tier.price", pf.hourly_tier.map(|t| t.price)),
    ] {
        if let Some(x) = x {
            amount(field, x)?;
        }
    }
    for r in &pf.renewals {
        amount("renewals", *r)?;
    }
    if pf
        .used_discount
        .is_some_and(|d| d <= Decimal::ZERO || d > Decimal::ONE)
    {
        return Err(QuoteError::ShareOutOfRange {
            field: "used_discount",
        });
    }
    Ok(())
}

/// Where a moment falls against the five-day window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FiveDays {
    Inside,
    /// Inside by calendar days, outside by 5 × 24 hours (Alibaba's unclear count).
    Unclear,
    Outside,
}

/// The last moment (or day) of the window, and where `at` falls.
pub fn five_days(fd: &FiveDay, start: DateTime<Utc>, at: DateTime<Utc>) -> FiveDays {
    let hours = start + TimeDelta::hours(24 * i64::from(fd.days));
    let by_date = local_date(start)
        .checked_add_days(Days::new(u64::from(fd.days)))
        .is_some_and(|last| local_date(at) <= last);
    match fd.count {
        FiveDayCount::CalendarDays if by_date => FiveDays::Inside,
        FiveDayCount::Hours if at < hours => FiveDays::Inside,
        FiveDayCount::Unclear if at <= hours => FiveDays::Inside,
        FiveDayCount::Unclear if by_date => FiveDays::Unclear,
        _ => FiveDays::Outside,
    }
}

/// The last day of the window, as the texts show it (Shanghai date and time).
pub fn five_day_last(fd: &FiveDay, start: DateTime<Utc>) -> String {
    match fd.count {
        FiveDayCount::CalendarDays => local_date(start)
            .checked_add_days(Days::new(u64::from(fd.days)))
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default(),
        FiveDayCount::Hours | FiveDayCount::Unclear => (start + TimeDelta::hours(24 * i64::from(fd.days)))
            .with_timezone(&chrono_tz::Asia::Shanghai)
            .format("%Y-%m-%d %H:%M:%S")
            .to_string(),
    }
}

/// Does the five-day refund apply: `Some(true)` yes, `Some(false)` no,
/// `None` it might (inside the window but the chance may be used up, or the
/// window's count is unclear).
pub fn five_day_applies(fd: &FiveDay, facts: &CaseFacts, pf: &ProviderFacts) -> Option<bool> {
    let start = facts.orders[0].start;
    match (five_days(fd, start, facts.at), pf.first_refund) {
        (FiveDays::Outside, _) | (_, Some(Tri::No)) => Some(false),
        (FiveDays::Inside, Some(Tri::Yes)) => Some(true),
        _ => None,
    }
}

/// What the engines have worked out, turned into a quote by [`finish`].
pub(super) struct Draft {
    /// What may be refunded: the orders (and unstarted renewals) paid.
    pub total: Decimal,
    /// What the rule charges; `None` when no figure can be computed.
    pub consumed: Option<Decimal>,
    /// Fees deducted after the consumed amount.
    pub deductions: Decimal,
    pub used_hours: i64,
    pub period_hours: i64,
    pub lines: Vec<Line>,
    pub findings: Vec<Finding>,
}

/// The codes that mean no figure could be computed.
pub const NO_FIGURE: [FindingCode; 3] = [
    FindingCode::NoPublishedFormula,
    FindingCode::MonthlyPriceNeeded,
    FindingCode::HourlyPriceNeeded,
];

impl Quote {
    /// The refund, or `None` when the rules (or the inputs) give no figure:
    /// a finding with one of [`NO_FIGURE`] codes says why. The JSON shows
    /// `"refund": null` then.
    pub fn figure(&self) -> Option<Decimal> {
        (!NO_FIGURE.iter().any(|c| self.has(*c))).then_some(self.refund)
    }
}

pub(super) fn finish(facts: &CaseFacts, profile: &Profile, mut d: Draft) -> Quote {
    let paid: Decimal = facts.orders.iter().map(|o| o.paid).sum();
    let consumed = d.consumed.map(|c| cents(c.max(Decimal::ZERO)));
    let refund = match consumed {
        Some(c) => {
            let r = cents((d.total - c - d.deductions).clamp(Decimal::ZERO, d.total.max(Decimal::ZERO)));
            d.lines.push(
                Line::new("cloud_refund", Some(r))
                    .money("total", d.total)
                    .money("consumed", c)
                    .money("fee", d.deductions),
            );
            if c > d.total {
                d.findings
                    .push(Finding::new(FindingCode::ConsumedExceedsPaid, Severity::Info));
            }
            r
        }
        None => Decimal::ZERO,
    };
    // Cash and gift come back in the proportion they were paid in.
    let refund_gift = if d.total > Decimal::ZERO {
        cents(refund * facts.gift / d.total)
    } else {
        Decimal::ZERO
    };
    if facts.voucher > Decimal::ZERO && !d.lines.iter().any(|l| l.key == "voucher_returned") {
        d.findings.push(
            Finding::new(FindingCode::VouchersNotRefunded, Severity::Info)
                .var("voucher", format!("{:.2}", cents(facts.voucher))),
        );
    }
    let o = &facts.orders[0];
    if facts.at < o.start || facts.at > o.end {
        let which = if facts.at < o.start { "before" } else { "after" };
        d.findings
            .push(Finding::new(FindingCode::DateOutsideOrder, Severity::Risk).var("which", which));
    }
    let provider = profile.provider.as_str();
    for f in &mut d.findings {
        f.vars.insert("provider".into(), provider.into());
    }
    for l in &mut d.lines {
        l.vars.insert("provider".into(), provider.into());
    }
    d.findings.sort_by_key(|f| f.severity);
    Quote {
        policy: profile.id,
        policy_version: profile.version.clone(),
        source_url: profile.source_url.clone(),
        paid: cents(paid),
        voucher: cents(facts.voucher),
        consumed: consumed.unwrap_or_default().min(d.total.max(Decimal::ZERO)),
        deductions: cents(d.deductions),
        refund,
        refund_cash: refund - refund_gift,
        refund_gift,
        used_hours: d.used_hours,
        period_hours: d.period_hours,
        lines: d.lines,
        findings: d.findings,
    }
}

/// The five-day finding when the chance may be used up: `full` is what the
/// five-day refund would give.
pub(super) fn five_day_unsure(pf: &ProviderFacts, fd: &FiveDay, full: Decimal, last: String) -> Finding {
    Finding::new(FindingCode::FiveDayUnsure, Severity::Risk)
        .var("told", pf.first_refund.is_some())
        .var("full", format!("{:.2}", cents(full)))
        .var("per_year", fd.per_year)
        .var("last", last)
}

/// An input a profile may need from the user before it can quote.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Need {
    /// Whether the five-day refund is still available (`--first-refund`).
    FirstRefund,
    /// Today's monthly price (`--monthly-price`).
    MonthlyPrice,
    /// The discount step for the months used (`--used-discount`).
    UsedDiscount,
    /// Today's pay-as-you-go price per hour (`--hourly-price`).
    HourlyPrice,
    /// The price after some pay-as-you-go hours (`--hourly-tier`).
    HourlyTier,
    /// The pay-as-you-go bandwidth price per hour (`--bandwidth-price`).
    BandwidthPrice,
    /// Paid renewals not yet started (`--renewal`).
    Renewals,
}

/// One input to ask for: `required` ones stop the figure (or make it wrong);
/// the others only sharpen it. Texts: `need.<need>.question` and `.where`.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub struct Needed {
    pub need: Need,
    pub required: bool,
}

impl Profile {
    /// The inputs this profile still wants for a case, in the order to ask
    /// them; an input already given is not listed.
    pub fn needs(&self, facts: &CaseFacts, pf: &ProviderFacts) -> Vec<Needed> {
        let mut out = Vec::new();
        let mut push = |need, required, given: bool| {
            if !given {
                out.push(Needed { need, required });
            }
        };
        let Some(o) = facts.orders.first() else {
            return Vec::new();
        };
        if let Some(fd) = &self.five_day
            && five_days(fd, o.start, facts.at) != FiveDays::Outside
        {
            push(Need::FirstRefund, true, pf.first_refund.is_some());
        }
        if self.method == Method::Tencent && five_day_applies_or_not(self, facts, pf) {
            let u = tencent::usage(facts);
            push(
                Need::MonthlyPrice,
                u.months > 0,
                facts.monthly_price.is_some() || u.months == 0,
            );
            push(
                Need::UsedDiscount,
                false,
                pf.used_discount.is_some() || u.months == 0,
            );
            let hours = u.rest_seconds > 0;
            push(Need::HourlyPrice, hours, pf.hourly_price.is_some() || !hours);
            push(Need::HourlyTier, false, pf.hourly_tier.is_some() || !hours);
            push(
                Need::BandwidthPrice,
                false,
                pf.bandwidth_price.is_some() || !hours,
            );
            push(Need::Renewals, false, !pf.renewals.is_empty());
        }
        out
    }
}

/// Whether the non-full formula may be needed (the five-day refund does not
/// surely apply).
fn five_day_applies_or_not(p: &Profile, facts: &CaseFacts, pf: &ProviderFacts) -> bool {
    p.five_day
        .as_ref()
        .is_none_or(|fd| five_day_applies(fd, facts, pf) != Some(true))
}
