//! What the customer bought, paid and used: the input of a quote.

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::str::FromStr;

/// How the resource is billed.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Billing {
    Hourly,
    Daily,
    Monthly,
    Yearly,
    Trial,
}

impl Billing {
    pub const ALL: [Billing; 5] = [
        Billing::Hourly,
        Billing::Daily,
        Billing::Monthly,
        Billing::Yearly,
        Billing::Trial,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Billing::Hourly => "hourly",
            Billing::Daily => "daily",
            Billing::Monthly => "monthly",
            Billing::Yearly => "yearly",
            Billing::Trial => "trial",
        }
    }
}

impl FromStr for Billing {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        Billing::ALL
            .into_iter()
            .find(|b| b.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or(())
    }
}

/// What an order did to the resource (source B computes them one by one).
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
#[serde(rename_all = "lowercase")]
pub enum OrderKind {
    #[default]
    New,
    Upgrade,
    Downgrade,
}

/// One order for the resource. `paid` is cash plus gift balance after
/// discounts, vouchers excluded; a downgrade has a negative amount.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Order {
    #[serde(default)]
    pub kind: OrderKind,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub paid: Decimal,
    /// The list price of a promotional order (the used part is charged at it).
    #[serde(default)]
    pub list_price: Option<Decimal>,
}

/// A yes / no / not sure answer about the account.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
#[serde(rename_all = "lowercase")]
pub enum Tri {
    #[default]
    No,
    Yes,
    Unsure,
}

/// Who is asking for the refund.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
#[serde(rename_all = "lowercase")]
pub enum Applicant {
    #[default]
    Owner,
    Admin,
    Finance,
    Other,
}

impl FromStr for Applicant {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        match s.trim().to_ascii_lowercase().as_str() {
            "owner" => Ok(Applicant::Owner),
            "admin" => Ok(Applicant::Admin),
            "finance" => Ok(Applicant::Finance),
            "other" => Ok(Applicant::Other),
            _ => Err(()),
        }
    }
}

/// How the refund is obtained: deleting the resource in the console
/// (self-service) or asking support for it (a requested refund).
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
#[serde(rename_all = "kebab-case")]
pub enum RequestKind {
    #[default]
    SelfService,
    Requested,
}

/// The four grounds of clause 14 of the UCloud user agreement.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum Ground {
    ServiceQuality,
    CannotProvide,
    SecretLeak,
    WrittenNotice,
}

impl Ground {
    pub const ALL: [Ground; 4] = [
        Ground::ServiceQuality,
        Ground::CannotProvide,
        Ground::SecretLeak,
        Ground::WrittenNotice,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Ground::ServiceQuality => "service-quality",
            Ground::CannotProvide => "cannot-provide",
            Ground::SecretLeak => "secret-leak",
            Ground::WrittenNotice => "written-notice",
        }
    }

    /// The item number in clause 14.
    pub fn item(self) -> u8 {
        match self {
            Ground::ServiceQuality => 1,
            Ground::CannotProvide => 2,
            Ground::SecretLeak => 3,
            Ground::WrittenNotice => 4,
        }
    }
}

impl FromStr for Ground {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        Ground::ALL
            .into_iter()
            .find(|g| g.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or(())
    }
}

/// Facts about the account and the request that decide findings, not figures.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
#[serde(default)]
pub struct AccountFacts {
    pub arrears: Tri,
    pub violation: Tri,
    /// Customised services or configuration on the resource.
    pub customised: bool,
    pub applicant: Applicant,
    pub request: RequestKind,
    pub ground: Option<Ground>,
    /// Bought as a package or one-off usage pack (never refundable).
    pub package: bool,
}

/// Usage beyond what the plan includes (the seed's example: 120 GB used on a 100 GB plan).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Overage {
    pub quota: Decimal,
    pub used: Decimal,
    pub unit_price: Decimal,
    #[serde(default)]
    pub unit: Option<String>,
}

/// A value-added service bought with the resource (e.g. technical support).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct ValueAdded {
    pub name: String,
    pub price: Decimal,
    /// The share of its period already used (0..=1); without it, the
    /// resource's own used share applies.
    #[serde(default)]
    pub used_share: Option<Decimal>,
    #[serde(default = "yes")]
    pub refundable: bool,
}

fn yes() -> bool {
    true
}

/// Everything a quote is computed from.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct CaseFacts {
    pub billing: Billing,
    /// Product prefix such as `uhost`, `udisk`, `eip` (taken from the instance
    /// id when absent).
    #[serde(default)]
    pub product: Option<String>,
    #[serde(default)]
    pub instance_id: Option<String>,
    pub orders: Vec<Order>,
    /// When the resource is (or will be) deleted.
    pub at: DateTime<Utc>,
    /// Part paid with vouchers: never refunded.
    #[serde(default)]
    pub voucher: Decimal,
    /// Part of `paid` that came from the gift balance.
    #[serde(default)]
    pub gift: Decimal,
    /// Monthly list price, for yearly orders.
    #[serde(default)]
    pub monthly_price: Option<Decimal>,
    #[serde(default)]
    pub overage: Option<Overage>,
    #[serde(default)]
    pub value_added: Vec<ValueAdded>,
    #[serde(default)]
    pub customisation_cost: Decimal,
    #[serde(default)]
    pub account: AccountFacts,
}

impl CaseFacts {
    /// The product prefix: given, or the part of the instance id before the dash.
    pub fn product(&self) -> Option<String> {
        self.product.clone().or_else(|| {
            self.instance_id
                .as_deref()
                .and_then(|id| id.split_once('-'))
                .map(|(p, _)| p.to_ascii_lowercase())
        })
    }
}
