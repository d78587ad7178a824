//! The published worked examples, reproduced to the cent. The tests live in
//! `tests/rules/policy_examples/`, by area.

use crate::facts;

#[path = "policy_examples/charges.rs"]
mod charges;
#[path = "policy_examples/figures.rs"]
mod figures;
#[path = "policy_examples/published.rs"]
mod published;

use chrono::{DateTime, TimeDelta, Utc};
use facts::{d, sh};
use refund_assistant::policy::{
    Billing, CaseFacts, FindingCode, Ground, Order, OrderKind, Overage, Profile, ProfileId, Quote,
    RequestKind, ValueAdded, quote,
};
use rust_decimal::Decimal;

type At = DateTime<Utc>;

/// A one-order case ([`facts::case`]) on the worked examples' instance.
fn case(billing: Billing, paid: &str, start: At, end: At, at: At) -> CaseFacts {
    CaseFacts {
        instance_id: Some("uhost-1a2b3c4d".into()),
        ..facts::case(billing, paid, start, end, at)
    }
}

fn ucloud(facts: &CaseFacts) -> Quote {
    quote(facts, Profile::load(ProfileId::Ucloud)).expect("quote")
}
