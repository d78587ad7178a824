//! Rule profiles: the data in `policies/*.toml`, parsed into typed values.

use super::case::Billing;
use super::provider::Provider;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::str::FromStr;
use std::sync::LazyLock;

/// Which published rule a quote follows.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
#[serde(rename_all = "kebab-case")]
pub enum ProfileId {
    #[default]
    Ucloud,
    #[serde(rename = "ucloud-2026")]
    Ucloud2026,
    Article,
    Tencent,
    Huawei,
    Aliyun,
    /// UCloud's lightweight host (ULHost): its own day formula.
    Ulhost,
    /// UCloud's cross-border e-commerce zone hosts: no refund.
    CrossBorder,
    /// Tencent Lighthouse (轻量应用服务器) instances.
    Lighthouse,
    /// Tencent Lighthouse data disks.
    LighthouseDisk,
}

impl ProfileId {
    pub const ALL: [ProfileId; 10] = [
        ProfileId::Ucloud,
        ProfileId::Ucloud2026,
        ProfileId::Article,
        ProfileId::Tencent,
        ProfileId::Huawei,
        ProfileId::Aliyun,
        ProfileId::Ulhost,
        ProfileId::CrossBorder,
        ProfileId::Lighthouse,
        ProfileId::LighthouseDisk,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ProfileId::Ucloud => "ucloud",
            ProfileId::Ucloud2026 => "ucloud-2026",
            ProfileId::Article => "article",
            ProfileId::Tencent => "tencent",
            ProfileId::Huawei => "huawei",
            ProfileId::Aliyun => "aliyun",
            ProfileId::Ulhost => "ulhost",
            ProfileId::CrossBorder => "cross-border",
            ProfileId::Lighthouse => "lighthouse",
            ProfileId::LighthouseDisk => "lighthouse-disk",
        }
    }

    /// A product with rules of its own (`quote --product`), beside its
    /// provider's general rules.
    pub fn is_product(self) -> bool {
        matches!(
            self,
            ProfileId::Ulhost | ProfileId::CrossBorder | ProfileId::Lighthouse | ProfileId::LighthouseDisk
        )
    }

    /// The product profile an instance ID's prefix names, where it names
    /// one (Tencent Lighthouse `lhins-`, UCloud ULHost `ulhost-`).
    pub fn for_prefix(prefix: &str) -> Option<ProfileId> {
        match prefix {
            "lhins" => Some(ProfileId::Lighthouse),
            "ulhost" => Some(ProfileId::Ulhost),
            _ => None,
        }
    }

    /// The profile that applies to a provider by default.
    pub fn for_provider(p: Provider) -> ProfileId {
        match p {
            Provider::Ucloud => ProfileId::Ucloud,
            Provider::Tencent => ProfileId::Tencent,
            Provider::Huawei => ProfileId::Huawei,
            Provider::Aliyun => ProfileId::Aliyun,
        }
    }

    fn data(self) -> &'static str {
        match self {
            ProfileId::Ucloud => include_str!("../../policies/ucloud.toml"),
            ProfileId::Ucloud2026 => include_str!("../../policies/ucloud-2026.toml"),
            ProfileId::Article => include_str!("../../policies/article.toml"),
            ProfileId::Tencent => include_str!("../../policies/tencent.toml"),
            ProfileId::Huawei => include_str!("../../policies/huawei.toml"),
            ProfileId::Aliyun => include_str!("../../policies/aliyun.toml"),
            ProfileId::Ulhost => include_str!("../../policies/ulhost.toml"),
            ProfileId::CrossBorder => include_str!("../../policies/cross-border.toml"),
            ProfileId::Lighthouse => include_str!("../../policies/lighthouse.toml"),
            ProfileId::LighthouseDisk => include_str!("../../policies/lighthouse-disk.toml"),
        }
    }
}

impl FromStr for ProfileId {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        ProfileId::ALL
            .into_iter()
            .find(|p| p.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or(())
    }
}

/// How consumption is computed.
#[derive(Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum Method {
    /// Source A: paid × used share × coefficient; yearly at the monthly price.
    Coefficient,
    /// Source B: order by order, remaining ratio, coefficient, 0.01 rule.
    Orders,
    /// The seed article: straight pro-rata.
    ProRata,
    /// Tencent CVM: whole months at the monthly price, the rest by the hour.
    Tencent,
    /// Huawei Cloud: five-day refund, else paid × hours used ÷ hours ordered.
    Huawei,
    /// Alibaba Cloud: five-day refund only; no published non-full formula.
    Aliyun,
    /// UCloud ULHost: paid − days used × (paid ÷ period days) × factor.
    Days,
    /// No refund of the remaining period (UCloud's cross-border zone).
    NoRefund,
    /// Tencent Lighthouse: five-day refund, else paid − used days at the list price.
    ListPriceDays,
}

#[derive(Deserialize, Clone, Debug, Default)]
pub struct Coefficients {
    pub hourly: Decimal,
    pub daily: Decimal,
    pub monthly: Decimal,
    pub trial: Decimal,
    #[serde(default)]
    pub yearly: Option<Decimal>,
}

#[derive(Deserialize, Clone, Debug, Default)]
pub struct YearlyDiscount {
    pub host: Vec<Decimal>,
    pub eip: Vec<Decimal>,
}

#[derive(Deserialize, Clone, Debug, Default)]
#[serde(default)]
pub struct Review {
    pub simple: [u32; 2],
    pub complex: [u32; 2],
    pub large_amount: Decimal,
}

#[derive(Deserialize, Clone, Debug, Default)]
#[serde(default)]
pub struct Withdrawal {
    pub offline: [u32; 2],
    pub quick_hours: u32,
    pub quick_limit: Decimal,
    pub quick_per_day: u32,
}

/// A rule profile, as data.
#[derive(Deserialize, Clone, Debug)]
pub struct Profile {
    #[serde(skip, default)]
    pub id: ProfileId,
    pub version: String,
    pub source_url: String,
    pub method: Method,
    /// UCloud only (the other providers' profiles leave them out).
    #[serde(default)]
    pub coefficients: Coefficients,
    #[serde(default)]
    pub yearly_discount: YearlyDiscount,
    /// A requested refund's review window; for the other providers, their
    /// ticket window where published (0–0 where not).
    #[serde(default)]
    pub review: Review,
    /// The offline withdrawal window; for the other providers, as published.
    #[serde(default)]
    pub withdrawal: Withdrawal,
    #[serde(default)]
    pub yearly_warning_share: Option<Decimal>,
    /// The provider whose rules these are.
    #[serde(default)]
    pub provider: Provider,
    /// The five-day no-reason refund (Tencent, Huawei, Alibaba).
    #[serde(default)]
    pub five_day: Option<FiveDay>,
    /// When the money arrives and what happens to the resource.
    #[serde(default)]
    pub timing: Option<Timing>,
    /// Huawei's handling-fee table as far as it is published.
    #[serde(default)]
    pub fee_table: Vec<FeeRow>,
    /// Billing that is not prepaid: the provider refunds nothing, the
    /// resource is released and billing stops (Tencent, Huawei, Alibaba).
    #[serde(default)]
    pub postpaid: Vec<Billing>,
    /// Billing the provider lists as not refundable at all (Huawei: trials).
    #[serde(default)]
    pub not_refundable: Vec<Billing>,
    /// A resource unsubscribed before it starts comes back whole, vouchers
    /// included (Huawei H1); elsewhere a deletion before the start is refused.
    #[serde(default)]
    pub refunds_unstarted: bool,
    /// The provider's own expiry is 23:59:59 of the last day (Huawei): an end
    /// computed from a length ends there.
    #[serde(default)]
    pub expires_end_of_day: bool,
    /// A product's day formula (ULHost), as published.
    #[serde(default)]
    pub days: Option<DayRule>,
    /// How many self-service refunds a product allows (Lighthouse).
    #[serde(default)]
    pub quota: Option<Quota>,
    /// Where the rule was read, when the page is gone or dated: quoted in
    /// the breakdown.
    #[serde(default)]
    pub source_note: Option<SourceNote>,
}

/// A formula counted in days: part days count whole, each day used costs
/// `factor` times the day's share of what was paid.
#[derive(Deserialize, Clone, Debug)]
pub struct DayRule {
    pub factor: Decimal,
    /// Days a month counts for an order of whole months (the page's examples: 30).
    pub days_per_month: u32,
}

/// Self-service refunds a product allows: five-day ones per package, and
/// ordinary ones a year.
#[derive(Deserialize, Clone, Debug)]
pub struct Quota {
    pub five_day: u32,
    pub ordinary_per_year: u32,
}

/// The source line a breakdown quotes: the page, its date, and (where the
/// page is gone) when it was deleted.
#[derive(Deserialize, Clone, Debug, Serialize)]
pub struct SourceNote {
    pub repo_path: String,
    pub read: String,
    #[serde(default)]
    pub deleted: Option<String>,
}

/// How the five-day window is counted.
#[derive(Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum FiveDayCount {
    /// Calendar days, the day of purchase not counted, the fifth included (Tencent).
    CalendarDays,
    /// 5 × 24 hours from activation (Huawei).
    Hours,
    /// "Within five days" with no published way of counting (Alibaba): 120 hours
    /// is taken, and the calendar reading is flagged.
    Unclear,
}

#[derive(Deserialize, Clone, Debug)]
pub struct FiveDay {
    pub days: u32,
    pub count: FiveDayCount,
    /// Vouchers come back as vouchers (Huawei) or are kept (Tencent, Alibaba).
    pub vouchers_returned: bool,
    /// How many five-day refunds a calendar year; `None`: once (Tencent).
    #[serde(default)]
    pub per_year: Option<u32>,
}

/// Published timing, all optional; working-day spans are `[min, max]`.
#[derive(Deserialize, Clone, Debug, Default)]
#[serde(default)]
pub struct Timing {
    /// Self-service refund to the account balance, in minutes.
    pub balance_minutes: Option<[u32; 2]>,
    /// Days the instance can still be restored from the recycle bin.
    pub recycle_bin_days: Option<u32>,
    /// A refund ticket is handled within these working days.
    pub ticket_days: Option<[u32; 2]>,
    /// The refund reaches the payer within these working days.
    pub arrival_days: Option<[u32; 2]>,
    /// An offline (or bank-transfer) withdrawal, in working days.
    pub withdrawal_days: Option<[u32; 2]>,
}

/// One row of a handling-fee table: orders of `term_years`, used up to
/// `used_years`, pay `rate` of what was paid.
#[derive(Deserialize, Clone, Debug)]
pub struct FeeRow {
    pub term_years: u32,
    pub used_years: u32,
    pub rate: Decimal,
}

impl Profile {
    /// The compiled-in profile, parsed once (a unit test proves each one parses).
    pub fn load(id: ProfileId) -> &'static Profile {
        static PARSED: LazyLock<Vec<Profile>> =
            LazyLock::new(|| ProfileId::ALL.iter().map(|id| Profile::parse(*id)).collect());
        let i = ProfileId::ALL.iter().position(|p| *p == id).unwrap_or(0);
        &PARSED[i]
    }

    fn parse(id: ProfileId) -> Profile {
        match toml::from_str::<Profile>(id.data()) {
            Ok(mut p) => {
                p.id = id;
                p
            }
            Err(e) => panic!("compiled-in policy {} is invalid: {e}", id.as_str()),
        }
    }

    /// The coefficient for a billing type (`None` for a yearly order under
    /// source A, which charges the monthly price instead).
    pub fn coefficient(&self, billing: Billing) -> Option<Decimal> {
        let c = &self.coefficients;
        match billing {
            Billing::Hourly => Some(c.hourly),
            Billing::Daily => Some(c.daily),
            Billing::Monthly => Some(c.monthly),
            Billing::Trial => Some(c.trial),
            Billing::Yearly => c.yearly,
        }
    }

    /// The yearly discount for a product and a number of years (source A2).
    pub fn yearly_discount(&self, product: Option<&str>, years: u32) -> Option<Decimal> {
        let table = match product {
            Some("eip") => &self.yearly_discount.eip,
            _ => &self.yearly_discount.host,
        };
        let i = years.clamp(1, table.len() as u32) as usize - 1;
        table.get(i).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_compiled_in_profile_parses_and_knows_its_id() {
        for id in ProfileId::ALL {
            assert_eq!(Profile::load(id).id, id);
        }
    }

    #[test]
    fn source_b_has_a_yearly_coefficient_and_source_a_does_not() {
        assert_eq!(
            Profile::load(ProfileId::Ucloud2026).coefficient(Billing::Yearly),
            Some(Decimal::new(12, 1))
        );
        assert_eq!(
            Profile::load(ProfileId::Ucloud).coefficient(Billing::Yearly),
            None
        );
    }

    #[test]
    fn elastic_ips_keep_the_one_year_discount_for_three_years() {
        let p = Profile::load(ProfileId::Ucloud);
        assert_eq!(p.yearly_discount(Some("eip"), 3), Some(Decimal::new(83, 2)));
        assert_eq!(p.yearly_discount(Some("uhost"), 3), Some(Decimal::new(50, 2)));
        assert_eq!(p.yearly_discount(None, 9), Some(Decimal::new(50, 2)));
    }
}
