//! The other clouds' rule families (Tencent, Huawei, Alibaba): dispatch, the
//! five-day window, the parts every one of them shares, and what a case still
//! needs before it can be quoted.

use super::aliyun;
use super::case::{Billing, CaseFacts, Tri};
use super::engine::{self, MAX_AMOUNT, QuoteError};
use super::huawei;
use super::profile::{FiveDay, FiveDayCount, Method, Profile};
use super::provider::ProviderFacts;
use super::quote::{Finding, FindingCode, Line, Quote, Severity, cents};
use super::tencent;
use super::timeline::local_date;
use chrono::{DateTime, Days, TimeDelta, Utc};
use rust_decimal::Decimal;

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
    if let Some(q) = excluded(facts, profile) {
        return Ok(q);
    }
    Ok(engine(facts, pf, profile))
}

impl Profile {
    /// The end of an order of whole months or years ending at `end`, as the
    /// provider writes it: Huawei's expiry is 23:59:59 of the last day (H3's
    /// example: bought 2024/01/01 10:30:00, expiring 2024/02/01 23:59:59).
    pub fn expiry(&self, end: DateTime<Utc>) -> DateTime<Utc> {
        use chrono::TimeZone;
        let Some(last) = local_date(end).and_hms_opt(23, 59, 59) else {
            return end;
        };
        match chrono_tz::Asia::Shanghai.from_local_datetime(&last) {
            chrono::LocalResult::Single(t) if self.expires_end_of_day => t.with_timezone(&Utc),
            _ => end,
        }
    }

    /// The rules refund nothing for this billing (not prepaid, or listed as
    /// never refundable): no figure is computed from the time used.
    pub fn excludes(&self, billing: Billing) -> bool {
        self.postpaid.contains(&billing) || self.not_refundable.contains(&billing)
    }
}

/// What the rules exclude, said plainly: a pay-as-you-go resource is
/// released and its billing stops, a trial is not refundable. Nothing comes
/// back; the finding says what applies instead.
fn excluded(facts: &CaseFacts, profile: &Profile) -> Option<Quote> {
    let code = if profile.not_refundable.contains(&facts.billing) {
        FindingCode::TrialNotRefundable
    } else if profile.postpaid.contains(&facts.billing) {
        FindingCode::NotPrepaid
    } else {
        return None;
    };
    let o = &facts.orders[0];
    let paid: Decimal = facts.orders.iter().map(|o| o.paid).sum();
    let billing = facts.billing.as_str();
    let lines = vec![
        Line::new("paid", Some(cents(paid))).money("voucher", facts.voucher),
        Line::new("excluded", None)
            .var("code", code.as_str())
            .var("billing", billing),
    ];
    let findings = vec![
        Finding::new(code, Severity::Risk).var("billing", billing),
        Finding::new(FindingCode::ProviderExclusions, Severity::Info),
    ];
    Some(finish(
        facts,
        profile,
        Draft {
            total: paid,
            consumed: None,
            deductions: Decimal::ZERO,
            used_hours: (facts.at.min(o.end) - o.start).num_hours().max(0),
            period_hours: (o.end - o.start).num_hours(),
            lines,
            findings,
        },
    ))
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
        None => cents(Decimal::ZERO),
    };
    // Cash and gift come back in the proportion they were paid in.
    let refund_gift = if d.total > Decimal::ZERO {
        cents(refund * facts.gift / d.total)
    } else {
        cents(Decimal::ZERO)
    };
    if facts.voucher > Decimal::ZERO && !d.lines.iter().any(|l| l.key == "voucher_returned") {
        d.findings.push(
            Finding::new(FindingCode::VouchersNotRefunded, Severity::Info)
                .var("voucher", format!("{:.2}", cents(facts.voucher))),
        );
    }
    let o = &facts.orders[0];
    let unstarted = d
        .findings
        .iter()
        .any(|f| f.code == FindingCode::NotStartedFullRefund);
    if (facts.at < o.start && !unstarted) || facts.at > o.end {
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
        // Capped at what may be refunded, as a figure shown: two decimals.
        consumed: cents(consumed.unwrap_or_default().min(d.total.max(Decimal::ZERO))),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::ProfileId;
    use chrono::TimeZone;
    use chrono_tz::Asia::Shanghai;

    fn sh(d: u32, h: u32, m: u32) -> DateTime<Utc> {
        Shanghai
            .with_ymd_and_hms(2026, 4, d, h, m, 0)
            .single()
            .expect("valid")
            .with_timezone(&Utc)
    }

    fn window(id: ProfileId, at: DateTime<Utc>) -> FiveDays {
        let p = Profile::load(id);
        five_days(p.five_day.as_ref().expect("five-day rule"), sh(1, 9, 30), at)
    }

    #[test]
    fn tencent_counts_calendar_days_huawei_hours_alibaba_flags_the_gap() {
        assert_eq!(window(ProfileId::Tencent, sh(6, 23, 59)), FiveDays::Inside);
        assert_eq!(window(ProfileId::Tencent, sh(7, 0, 0)), FiveDays::Outside);
        assert_eq!(window(ProfileId::Huawei, sh(6, 9, 29)), FiveDays::Inside);
        assert_eq!(window(ProfileId::Huawei, sh(6, 9, 30)), FiveDays::Outside);
        assert_eq!(window(ProfileId::Aliyun, sh(6, 9, 30)), FiveDays::Inside);
        assert_eq!(window(ProfileId::Aliyun, sh(6, 20, 0)), FiveDays::Unclear);
        assert_eq!(window(ProfileId::Aliyun, sh(7, 0, 0)), FiveDays::Outside);
    }
}
