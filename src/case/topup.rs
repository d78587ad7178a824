//! How a balance was topped up, and UCloud's quick-withdrawal window for
//! it (policy-facts "Where the money goes").

use chrono::{Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};
use strum::{IntoStaticStr, VariantArray};

/// UCloud's quick withdrawal takes Alipay top-ups of the last 90 days
/// (UCloud withdrawal rules, policy-facts "Where the money goes").
pub const ALIPAY_QUICK_DAYS: u64 = 90;
/// ... and WeChat top-ups of the last year; Tencent's self-service
/// withdrawal, online top-ups of the last year (自助提现常见问题).
pub const YEAR_QUICK_MONTHS: u32 = 12;

/// How the balance was topped up (it decides UCloud's quick withdrawal).
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, IntoStaticStr, VariantArray)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Channel {
    Alipay,
    Wechat,
    Bank,
}

impl Channel {
    pub const ALL: &'static [Channel] = Channel::VARIANTS;

    pub fn as_str(self) -> &'static str {
        self.into()
    }

    pub fn parse(s: &str) -> Option<Channel> {
        Channel::ALL.iter().copied().find(|c| c.as_str() == s)
    }
}

/// The last day a top-up paid through `channel` on `topup` can be withdrawn
/// quickly (UCloud: Alipay 90 days, WeChat a year); `None` for a bank.
pub fn quick_until(channel: Channel, topup: NaiveDate) -> Option<NaiveDate> {
    match channel {
        Channel::Alipay => topup.checked_add_days(Days::new(ALIPAY_QUICK_DAYS)),
        Channel::Wechat => topup.checked_add_months(Months::new(YEAR_QUICK_MONTHS)),
        Channel::Bank => None,
    }
}
