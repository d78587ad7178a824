//! Properties every profile keeps: the refund is never negative, never more
//! than what was paid in cash and gift, and never grows as more time is used.

use crate::facts;

use chrono::{TimeDelta, TimeZone, Utc};
use proptest::prelude::*;
use refund_assistant::policy::quote_with;
use refund_assistant::policy::{
    Billing, CaseFacts, HourlyTier, Profile, ProfileId, ProviderFacts, Tri, quote,
};
use rust_decimal::Decimal;

fn facts(
    billing: Billing,
    paid_cents: i64,
    period_h: i64,
    at_h: i64,
    list: Option<i64>,
    monthly: Option<i64>,
) -> CaseFacts {
    let start = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).single().expect("valid");
    let end = start + TimeDelta::hours(period_h);
    let mut f = facts::case(billing, "0", start, end, start + TimeDelta::minutes(at_h));
    f.orders[0].paid = Decimal::new(paid_cents, 2);
    f.orders[0].list_price = list.map(|l| Decimal::new(l, 2));
    f.monthly_price = monthly.map(|m| Decimal::new(m, 2));
    f
}

fn billing() -> impl Strategy<Value = Billing> {
    prop::sample::select(Billing::ALL.to_vec())
}

fn profile() -> impl Strategy<Value = ProfileId> {
    prop::sample::select(ProfileId::ALL.to_vec())
}

proptest! {
    #[test]
    fn refund_stays_between_zero_and_paid_and_never_grows_with_time(
        b in billing(),
        p in profile(),
        paid in 1i64..10_000_000,
        period in 1i64..30_000,
        t1 in -1_000i64..2_000_000,
        dt in 0i64..2_000_000,
        list in prop::option::of(1i64..20_000_000),
        monthly in prop::option::of(1i64..2_000_000),
    ) {
        let profile = Profile::load(p);
        let early = quote(&facts(b, paid, period, t1, list, monthly), profile).expect("valid case");
        let late = quote(&facts(b, paid, period, t1 + dt, list, monthly), profile).expect("valid case");
        let paid = Decimal::new(paid, 2);
        for q in [&early, &late] {
            prop_assert!(q.refund >= Decimal::ZERO, "negative refund {}", q.refund);
            prop_assert!(q.refund <= paid, "refund {} above paid {}", q.refund, paid);
        }
        prop_assert!(late.refund <= early.refund, "refund grew from {} to {}", early.refund, late.refund);
    }
}

fn cloud() -> impl Strategy<Value = ProfileId> {
    prop::sample::select(vec![ProfileId::Tencent, ProfileId::Huawei, ProfileId::Aliyun])
}

fn tri() -> impl Strategy<Value = Option<Tri>> {
    prop::option::of(prop::sample::select(vec![Tri::Yes, Tri::No, Tri::Unsure]))
}

proptest! {
    /// Tencent, Huawei and Alibaba: whatever the inputs, a figure is never
    /// negative and never above what was paid (unstarted renewals included);
    /// vouchers come back only as vouchers. (Tencent's refund may grow when a
    /// month completes, since whole months are charged at the monthly price:
    /// the published rule does that, so monotony is not asserted here.)
    #[test]
    fn other_clouds_never_refund_below_zero_or_above_what_was_paid(
        p in cloud(),
        paid in 1i64..10_000_000,
        voucher in 0i64..1_000_000,
        gift_share in 0i64..=100,
        period in 1i64..30_000,
        at in -1_000i64..2_000_000,
        first in tri(),
        hourly in prop::option::of(1i64..100_000),
        tier in prop::option::of((1u32..500, 1i64..100_000)),
        bandwidth in prop::option::of(1i64..10_000),
        discount in prop::option::of(1i64..=100),
        monthly in prop::option::of(1i64..2_000_000),
        renewal in prop::option::of(1i64..10_000_000),
    ) {
        let mut f = facts(Billing::Yearly, paid, period, at, None, monthly);
        f.voucher = Decimal::new(voucher, 2);
        f.gift = Decimal::new(paid * gift_share / 100, 2);
        let pf = ProviderFacts {
            first_refund: first,
            hourly_price: hourly.map(|h| Decimal::new(h, 4)),
            hourly_tier: tier.map(|(hours, price)| HourlyTier { hours, price: Decimal::new(price, 4) }),
            bandwidth_price: bandwidth.map(|b| Decimal::new(b, 4)),
            used_discount: discount.map(|d| Decimal::new(d, 2)),
            renewals: renewal.map(|r| Decimal::new(r, 2)).into_iter().collect(),
            ..Default::default()
        };
        let q = quote_with(&f, &pf, Profile::load(p)).expect("valid case");
        let most = Decimal::new(paid + renewal.unwrap_or(0), 2);
        prop_assert!(q.refund >= Decimal::ZERO, "negative refund {}", q.refund);
        prop_assert!(q.refund <= most, "refund {} above paid {}", q.refund, most);
        prop_assert!(q.refund_gift >= Decimal::ZERO && q.refund_cash >= Decimal::ZERO);
        prop_assert_eq!(q.refund_cash + q.refund_gift, q.refund);
        if let Some(figure) = q.figure() {
            prop_assert_eq!(figure, q.refund);
        } else {
            prop_assert_eq!(q.refund, Decimal::ZERO);
        }
    }
}

/// A money string as shown: digits, a point, two decimals.
fn two_decimals(s: &str) -> bool {
    let s = s.strip_prefix('-').unwrap_or(s);
    s.split_once('.').is_some_and(|(i, f)| {
        !i.is_empty()
            && i.bytes().all(|b| b.is_ascii_digit())
            && f.len() == 2
            && f.bytes().all(|b| b.is_ascii_digit())
    })
}

/// The variables of lines and findings that hold money.
const MONEY_VARS: [&str; 9] = [
    "voucher",
    "monthly_price",
    "paid",
    "total",
    "consumed",
    "fee",
    "low",
    "high",
    "full",
];

fn shown(l: &refund_assistant::policy::Line) -> Decimal {
    l.amount.unwrap_or_default()
}

proptest! {
    /// Tencent, Huawei and Alibaba, any billing: the breakdown adds up to
    /// what it shows (the value used is the sum of its lines; the refund is
    /// what was paid, renewals included, less the consumed amount and fee,
    /// never below 0), and every money string of the JSON has two decimals.
    #[test]
    fn other_clouds_breakdowns_add_up_and_every_money_string_has_two_decimals(
        p in cloud(),
        b in billing(),
        paid in 1i64..10_000_000,
        voucher in 0i64..100_000,
        period in 1i64..30_000,
        at in -1_000i64..2_000_000,
        first in tri(),
        hourly in prop::option::of(1i64..10_000_000),
        tier in prop::option::of((1u32..500, 1i64..1_000_000)),
        bandwidth in prop::option::of(1i64..100_000),
        discount in prop::option::of(1i64..=100),
        monthly in prop::option::of(1i64..2_000_000),
        renewal in prop::option::of(1i64..10_000_000),
    ) {
        use refund_assistant::cli::quote::to_json;
        use refund_assistant::policy::{assess_with, calendar::Calendar};
        use refund_assistant::render::{Lang, Renderer};
        let mut f = facts(b, paid, period, at, None, monthly);
        f.voucher = Decimal::new(voucher, 2);
        let pf = ProviderFacts {
            first_refund: first,
            hourly_price: hourly.map(|h| Decimal::new(h, 6)),
            hourly_tier: tier.map(|(hours, price)| HourlyTier { hours, price: Decimal::new(price, 6) }),
            bandwidth_price: bandwidth.map(|b| Decimal::new(b, 6)),
            used_discount: discount.map(|d| Decimal::new(d, 2)),
            renewals: renewal.map(|r| Decimal::new(r, 2)).into_iter().collect(),
            ..Default::default()
        };
        let a = assess_with(&f, &pf, Profile::load(p), &Calendar::china(), f.at).expect("valid case");
        let q = &a.quote;
        let sum = |keys: &[&str]| -> Decimal {
            q.lines.iter().filter(|l| keys.contains(&l.key.as_str())).map(shown).sum()
        };
        if let Some(used) = q.lines.iter().find(|l| l.key == "value_used") {
            let parts = sum(&["consumed_whole_period", "months_used", "hours_used", "hours_used_tier", "bandwidth_used", "upgrade_used"]);
            prop_assert_eq!(parts, shown(used), "{:?}", q.lines);
        }
        if let Some(r) = q.lines.iter().find(|l| l.key == "cloud_refund") {
            let var = |k: &str| Decimal::from_str_exact(r.vars[k].as_str().unwrap_or_default()).expect("money");
            let total = sum(&["paid", "renewal_unstarted"]);
            prop_assert_eq!(var("total"), total);
            let consumed = var("consumed");
            if let Some(used) = q.lines.iter().find(|l| ["value_used", "hours_share"].contains(&l.key.as_str())) {
                prop_assert_eq!(consumed, shown(used), "{:?}", q.lines);
            }
            let expected = (total - consumed - var("fee")).max(Decimal::ZERO);
            prop_assert_eq!(shown(r), expected, "{:?}", q.lines);
            prop_assert_eq!(q.refund, expected);
            prop_assert_eq!(q.consumed, consumed.min(total));
        }
        if let Some(fee) = q.lines.iter().find(|l| l.key == "fee_range") {
            let var = |k: &str| Decimal::from_str_exact(fee.vars[k].as_str().unwrap_or_default()).expect("money");
            prop_assert_eq!(var("low"), (var("high") - shown(fee)).max(Decimal::ZERO));
        }
        prop_assert_eq!(q.refund_cash + q.refund_gift, q.refund);
        let r = Renderer::new().expect("templates");
        let v = to_json(&r, Lang::En, &a);
        for k in ["refund", "paid", "voucher", "consumed", "deductions", "refund_cash", "refund_gift"] {
            let s = v[k].as_str().unwrap_or_default();
            prop_assert!(two_decimals(s), "{} = {:?}", k, s);
        }
        let items = v["lines"].as_array().into_iter().chain(v["findings"].as_array()).flatten();
        for item in items {
            if let Some(s) = item["amount"].as_str() {
                prop_assert!(two_decimals(s), "{}: amount {:?}", item["key"], s);
            }
            for k in MONEY_VARS {
                if let Some(s) = item["vars"][k].as_str() {
                    prop_assert!(two_decimals(s), "{}{}: {} = {:?}", item["key"], item["code"], k, s);
                }
            }
        }
    }
}
