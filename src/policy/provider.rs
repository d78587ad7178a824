//! Which cloud a case is about, and the inputs beyond the order that the
//! other clouds' rules need (today's prices, the discount step, renewals).

use super::case::Tri;
use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;
use std::str::FromStr;

/// A share written as a decimal (`0.88`) or a percentage (`88%`); not
/// checked for range here.
pub fn parse_share(text: &str) -> Option<Decimal> {
    let t = text.trim();
    match t.strip_suffix('%') {
        Some(p) => Decimal::from_str(p.trim()).ok().map(|x| x / Decimal::ONE_HUNDRED),
        None => Decimal::from_str(t).ok(),
    }
}

fn share_or_percent<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
    use serde::de::{Error, Unexpected};
    let expected = &"a share such as 0.88 or a percentage such as \"88%\"";
    match Option::<Value>::deserialize(d)? {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => parse_share(&s)
            .map(Some)
            .ok_or_else(|| Error::invalid_value(Unexpected::Str(&s), expected)),
        Some(Value::Number(n)) => parse_share(&n.to_string())
            .map(Some)
            .ok_or_else(|| Error::invalid_value(Unexpected::Other("number"), expected)),
        Some(_) => Err(Error::invalid_type(Unexpected::Other("value"), expected)),
    }
}

/// The provider whose published rules apply.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Default, Hash)]
#[serde(rename_all = "lowercase")]
pub enum Provider {
    #[default]
    Ucloud,
    Tencent,
    Huawei,
    Aliyun,
}

impl Provider {
    pub const ALL: [Provider; 4] = [
        Provider::Ucloud,
        Provider::Tencent,
        Provider::Huawei,
        Provider::Aliyun,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Provider::Ucloud => "ucloud",
            Provider::Tencent => "tencent",
            Provider::Huawei => "huawei",
            Provider::Aliyun => "aliyun",
        }
    }
}

impl FromStr for Provider {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        Provider::ALL
            .into_iter()
            .find(|p| p.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or(())
    }
}

/// A pay-as-you-go price that changes after some hours (Tencent's tiers).
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq)]
pub struct HourlyTier {
    /// The tier starts after this many pay-as-you-go hours.
    pub hours: u32,
    pub price: Decimal,
}

/// Inputs of the Tencent, Huawei and Alibaba rules that an order does not
/// carry. All optional: a rule that needs a missing one says so in a finding.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
#[serde(default)]
pub struct ProviderFacts {
    /// Is the five-day no-reason refund still available to this account?
    /// `None`: not told (treated as not sure).
    pub first_refund: Option<Tri>,
    /// Today's pay-as-you-go price of the instance, per hour.
    pub hourly_price: Option<Decimal>,
    /// The price after some pay-as-you-go hours, where the provider has tiers.
    pub hourly_tier: Option<HourlyTier>,
    /// Today's pay-as-you-go bandwidth price per hour (bandwidth billing).
    pub bandwidth_price: Option<Decimal>,
    /// The discount step for the whole months used, e.g. 0.88 (a case file
    /// may write it as the flag does, `"88%"`).
    #[serde(deserialize_with = "share_or_percent")]
    pub used_discount: Option<Decimal>,
    /// Paid renewal orders that have not started yet.
    pub renewals: Vec<Decimal>,
    /// The handling fee the provider charged, as its refund order or bill
    /// shows it (Huawei: bill type 13 「消费-退订手续费」).
    pub fee: Option<Decimal>,
    /// The refund the provider's unsubscribe page shows before confirming.
    pub shown_refund: Option<Decimal>,
}
