//! An input a profile may still need from the user before it can quote:
//! the conversation asks these, in order, with `need.<need>.question` and
//! `need.<need>.where` from the templates.

use serde::{Deserialize, Serialize};

/// An input a profile may need from the user before it can quote.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Need {
    /// Whether the five-day refund is still available (`--first-refund`).
    FirstRefund,
    /// Today's monthly price (`--monthly-price`).
    MonthlyPrice,
    /// The discount step for the months used (`--used-discount`).
    UsedDiscount,
    /// Today's pay-as-you-go price per hour (`--hourly-price`).
    HourlyPrice,
    /// The price after some pay-as-you-go hours (`--hourly-tier`).
    HourlyTier,
    /// The pay-as-you-go bandwidth price per hour (`--bandwidth-price`).
    BandwidthPrice,
    /// Paid renewals not yet started (`--renewal`).
    Renewals,
    /// The handling fee on the refund order, or the refund the unsubscribe
    /// page shows (`--fee`, `--shown-refund`; Huawei).
    RefundFee,
    /// The order's list price, before discounts (`--list-price`; Lighthouse).
    ListPrice,
}

/// One input to ask for: `required` ones stop the figure (or make it wrong);
/// the others only sharpen it. Texts: `need.<need>.question` and `.where`.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub struct Needed {
    pub need: Need,
    pub required: bool,
}
