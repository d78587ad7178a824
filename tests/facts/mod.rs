//! Case facts for the tests at the policy layer: amounts, Shanghai times to
//! the second, and a case of one new order (`mod facts;`).
#![allow(dead_code)] // each test file uses its own part of these

use chrono::{DateTime, TimeZone, Utc};
use chrono_tz::Asia::Shanghai;
use refund_assistant::policy::{Billing, CaseFacts, Order, OrderKind};
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
