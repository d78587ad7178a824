//! Properties every profile keeps: the refund is never negative, never more
//! than what was paid in cash and gift, and never grows as more time is used.

use chrono::{TimeDelta, TimeZone, Utc};
use proptest::prelude::*;
use refund_assistant::policy::clouds::quote as quote_with;
use refund_assistant::policy::{
    Billing, CaseFacts, HourlyTier, Order, OrderKind, Profile, ProfileId, ProviderFacts, Tri, quote,
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
    CaseFacts {
        billing,
        product: None,
        instance_id: None,
        orders: vec![Order {
            kind: OrderKind::New,
            start,
            end: start + TimeDelta::hours(period_h),
            paid: Decimal::new(paid_cents, 2),
            list_price: list.map(|l| Decimal::new(l, 2)),
        }],
        at: start + TimeDelta::minutes(at_h),
        voucher: Decimal::ZERO,
        gift: Decimal::ZERO,
        monthly_price: monthly.map(|m| Decimal::new(m, 2)),
        overage: None,
        value_added: vec![],
        customisation_cost: Decimal::ZERO,
        account: Default::default(),
    }
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
