//! Properties every profile keeps: the refund is never negative, never more
//! than what was paid in cash and gift, and never grows as more time is used.

use chrono::{TimeDelta, TimeZone, Utc};
use proptest::prelude::*;
use refund_assistant::policy::{Billing, CaseFacts, Order, OrderKind, Profile, ProfileId, quote};
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
        let early = quote(&facts(b, paid, period, t1, list, monthly), &profile).expect("valid case");
        let late = quote(&facts(b, paid, period, t1 + dt, list, monthly), &profile).expect("valid case");
        let paid = Decimal::new(paid, 2);
        for q in [&early, &late] {
            prop_assert!(q.refund >= Decimal::ZERO, "negative refund {}", q.refund);
            prop_assert!(q.refund <= paid, "refund {} above paid {}", q.refund, paid);
        }
        prop_assert!(late.refund <= early.refund, "refund grew from {} to {}", early.refund, late.refund);
    }
}
