//! Case facts for the tests at the policy layer: amounts, Shanghai times to
//! the second, and a case of one new order (`mod facts;`).
#![allow(dead_code)] // each test file uses its own part of these

use chrono::{DateTime, TimeZone, Utc};
use chrono_tz::Asia::Shanghai;
use refund_assistant::policy::{
    Billing, CaseFacts, Order, OrderKind, Profile, ProfileId, ProviderFacts, Quote, Tri, quote_with,
};
use rust_decimal::Decimal;
use std::str::FromStr;

pub fn d(s: &str) -> Decimal {
    Decimal::from_str(s).expect("decimal literal")
}

pub fn sh(y: i32, m: u32, day: u32, h: u32, min: u32, s: u32) -> DateTime<Utc> {
    Shanghai
        .with_ymd_and_hms(y, m, day, h, min, s)
        .single()
        .expect("valid Shanghai time")
        .with_timezone(&Utc)
}

/// One new order from `start` to `end`, `paid` for it, the case taken `at`;
/// no instance ID, vouchers, gifts or extras.
pub fn case(
    billing: Billing,
    paid: &str,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    at: DateTime<Utc>,
) -> CaseFacts {
    CaseFacts {
        billing,
        product: None,
        instance_id: None,
        orders: vec![Order {
            kind: OrderKind::New,
            start,
            end,
            paid: d(paid),
            list_price: None,
        }],
        at,
        voucher: Decimal::ZERO,
        gift: Decimal::ZERO,
        monthly_price: None,
        overage: None,
        value_added: vec![],
        customisation_cost: Decimal::ZERO,
        account: Default::default(),
    }
}

/// Not the account's first refund (the five-day quota used).
pub fn not_first() -> ProviderFacts {
    ProviderFacts {
        first_refund: Some(Tri::No),
        ..Default::default()
    }
}

/// The quote of a case under a profile.
pub fn run(id: ProfileId, f: &CaseFacts, pf: &ProviderFacts) -> Quote {
    quote_with(f, pf, Profile::load(id)).expect("valid case")
}

/// The amount of a breakdown line.
pub fn line(q: &Quote, key: &str) -> Option<Decimal> {
    q.lines.iter().find(|l| l.key == key).and_then(|l| l.amount)
}

/// The rate a fee-range line names.
pub fn fee_rate(q: &Quote) -> Option<String> {
    let l = q.lines.iter().find(|l| l.key == "fee_range")?;
    l.vars["rate"].as_str().map(str::to_owned)
}
