//! An independent implementation of the product formulas, in whole cents and
//! integer arithmetic (no Decimal, no code of the engine), that must agree
//! with the engine to the cent on random cases: ULHost (days × paid ÷ period
//! days × 1.5), the cross-border zone (nothing back) and Lighthouse (the
//! five-day refund, else the used days at the list price).

use crate::facts;
use chrono::{DateTime, Datelike, Months, TimeDelta, TimeZone, Utc};
use chrono_tz::Asia::Shanghai;
use proptest::prelude::*;
use refund_assistant::policy::{Billing, Profile, ProfileId, ProviderFacts, Tri, quote_with};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

const DAY: i64 = 86_400;

/// `n ÷ d` rounded half up, for n ≥ 0 and d > 0.
fn div_half_up(n: i128, d: i128) -> i128 {
    (2 * n + d) / (2 * d)
}

/// Started days from `a` to `b` (0 when `b` is not after `a`).
fn started_days(a: DateTime<Utc>, b: DateTime<Utc>) -> i128 {
    let s = (b - a).num_seconds();
    if s <= 0 {
        0
    } else {
        i128::from(s / DAY + i64::from(s % DAY != 0))
    }
}

fn cents(x: Decimal) -> i128 {
    (x * Decimal::ONE_HUNDRED).to_i128().expect("whole cents")
}

fn start() -> DateTime<Utc> {
    Shanghai
        .with_ymd_and_hms(2026, 1, 31, 9, 30, 0)
        .single()
        .expect("valid")
        .with_timezone(&Utc)
}

/// An order end: `months` whole months after the start, or (months = 0)
/// `hours` hours, under 28 days so that it is never a whole month.
fn end_of(months: u32, hours: i64) -> DateTime<Utc> {
    let s = start().with_timezone(&Shanghai);
    if months > 0 {
        s.checked_add_months(Months::new(months))
            .expect("date")
            .with_timezone(&Utc)
    } else {
        start() + TimeDelta::hours(hours)
    }
}

proptest! {
    #[test]
    fn ulhost_and_cross_border_agree_with_an_independent_implementation(
        paid in 1i64..10_000_000,
        months in 0u32..=12,
        hours in 1i64..672,
        at in -100i64..20_000,
    ) {
        let end = end_of(months, hours);
        let at = start() + TimeDelta::minutes(at * 30);
        let mut f = facts::case(Billing::Monthly, "1", start(), end, at);
        f.orders[0].paid = Decimal::new(paid, 2);
        let q = quote_with(&f, &ProviderFacts::default(), Profile::load(ProfileId::Ulhost)).expect("quote");
        let period = if months > 0 { 30 * i128::from(months) } else { started_days(start(), end) };
        let expected = if at >= end {
            0
        } else {
            let used = started_days(start(), at).min(period);
            let consumed = div_half_up(used * i128::from(paid) * 15, period * 10);
            (i128::from(paid) - consumed).max(0)
        };
        prop_assert_eq!(cents(q.refund), expected, "{:?}", q.lines);
        let q = quote_with(&f, &ProviderFacts::default(), Profile::load(ProfileId::CrossBorder)).expect("quote");
        prop_assert_eq!(cents(q.refund), 0);
    }

    #[test]
    fn lighthouse_agrees_with_an_independent_implementation(
        disk in any::<bool>(),
        paid in 1i64..10_000_000,
        markup in 0i64..5_000_000,
        months in 1u32..=36,
        at in -100i64..30_000,
        first in prop::sample::select(vec![Tri::Yes, Tri::No, Tri::Unsure]),
    ) {
        let end = end_of(months, 0);
        let at = start() + TimeDelta::minutes(at * 60);
        let list = paid + markup;
        let mut f = facts::case(Billing::Monthly, "1", start(), end, at);
        f.orders[0].paid = Decimal::new(paid, 2);
        f.orders[0].list_price = Some(Decimal::new(list, 2));
        let pf = ProviderFacts { first_refund: Some(first), ..Default::default() };
        let id = if disk { ProfileId::LighthouseDisk } else { ProfileId::Lighthouse };
        let q = quote_with(&f, &pf, Profile::load(id)).expect("quote");
        // Calendar days in Shanghai: the day of purchase not counted, the fifth included.
        let local = |t: DateTime<Utc>| t.with_timezone(&Shanghai).date_naive();
        let day_no = |t: DateTime<Utc>| i64::from(local(t).num_days_from_ce());
        let inside = day_no(at) - day_no(start()) <= 5;
        let expected = if inside && first == Tri::Yes {
            i128::from(paid)
        } else if at >= end {
            0
        } else {
            let total = started_days(start(), end);
            let used = started_days(start(), at).min(total);
            (i128::from(paid) - div_half_up(used * i128::from(list), total)).max(0)
        };
        prop_assert_eq!(cents(q.refund), expected, "{:?}", q.lines);
    }
}

proptest! {
    /// UCloud's deletion rule for daily orders (source A): consumed = paid ×
    /// started hours ÷ period hours × 1.25; a cloud host (or a case without
    /// its product) released early gets nothing, other products the rest.
    #[test]
    fn ucloud_daily_orders_agree_with_an_independent_implementation(
        paid in 1i64..10_000_000,
        days in 1i64..=30,
        minutes in 0i64..50_000,
        product in prop::sample::select(vec![None, Some("uhost"), Some("uphost"), Some("udisk"), Some("eip")]),
    ) {
        let end = start() + TimeDelta::days(days);
        let at = start() + TimeDelta::minutes(minutes);
        let mut f = facts::case(Billing::Daily, "1", start(), end, at);
        f.orders[0].paid = Decimal::new(paid, 2);
        f.instance_id = product.map(|p| format!("{p}-1a2b3c4d"));
        let q = quote_with(&f, &ProviderFacts::default(), Profile::load(ProfileId::Ucloud)).expect("quote");
        let period = i128::from(days * 24);
        let secs = (at - start()).num_seconds();
        let used = i128::from(secs.max(0) / 3600 + i64::from(secs > 0 && secs % 3600 != 0)).min(period);
        let host = matches!(product, None | Some("uhost") | Some("uphost"));
        let expected = if used >= period || host {
            0
        } else {
            let consumed = div_half_up(i128::from(paid) * used * 125, period * 100);
            (i128::from(paid) - consumed).max(0)
        };
        prop_assert_eq!(cents(q.refund), expected, "{:?}", q.lines);
    }
}

proptest! {
    /// Huawei outside the five days: no China fee is computed. The fee from
    /// the user's refund order is deducted, or the unsubscribe page's refund
    /// sets it; without either the figure is the refund before the fee.
    /// (The whole hours are Huawei's own count, `huawei::hours`.)
    #[test]
    fn huawei_fees_agree_with_an_independent_implementation(
        paid in 1i64..10_000_000,
        months in 1u32..=36,
        at in 1i64..20_000,
        fee in prop::option::of(0i64..2_000_000),
        shown in prop::option::of(0i64..12_000_000),
    ) {
        use refund_assistant::policy::huawei::hours;
        let profile = Profile::load(ProfileId::Huawei);
        let end = profile.expiry(end_of(months, 0));
        let at = start() + TimeDelta::minutes(at * 60 + 7);
        let mut f = facts::case(Billing::Monthly, "1", start(), end, at);
        f.orders[0].paid = Decimal::new(paid, 2);
        let pf = ProviderFacts {
            first_refund: Some(Tri::No),
            fee: fee.map(|x| Decimal::new(x, 2)),
            shown_refund: shown.map(|x| Decimal::new(x, 2)),
            ..Default::default()
        };
        let q = quote_with(&f, &pf, profile).expect("quote");
        let (used, total) = hours(&f);
        let (used, total) = (i128::from(used), i128::from(total));
        let consumed = if used >= total { i128::from(paid) } else { div_half_up(i128::from(paid) * used, total) };
        let before = (i128::from(paid) - consumed).max(0);
        let expected = match (fee, shown) {
            (Some(fee), _) => (before - i128::from(fee)).max(0),
            (None, Some(shown)) => before.min(i128::from(shown)),
            (None, None) => before,
        };
        prop_assert_eq!(cents(q.refund), expected, "{:?}", q.lines);
        let asks = profile.needs(&f, &pf).iter().any(|n| n.need == refund_assistant::policy::Need::RefundFee);
        prop_assert_eq!(asks, fee.is_none() && shown.is_none());
    }
}
