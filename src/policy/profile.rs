//! Rule profiles: the data in `policies/*.toml`, parsed into typed values.

use super::case::Billing;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::str::FromStr;

/// Which published rule a quote follows.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
#[serde(rename_all = "kebab-case")]
pub enum ProfileId {
    #[default]
    Ucloud,
    #[serde(rename = "ucloud-2026")]
    Ucloud2026,
    Article,
}

impl ProfileId {
    pub const ALL: [ProfileId; 3] = [ProfileId::Ucloud, ProfileId::Ucloud2026, ProfileId::Article];

    pub fn as_str(self) -> &'static str {
        match self {
            ProfileId::Ucloud => "ucloud",
            ProfileId::Ucloud2026 => "ucloud-2026",
            ProfileId::Article => "article",
        }
    }

    fn data(self) -> &'static str {
        match self {
            ProfileId::Ucloud => include_str!("../../policies/ucloud.toml"),
            ProfileId::Ucloud2026 => include_str!("../../policies/ucloud-2026.toml"),
            ProfileId::Article => include_str!("../../policies/article.toml"),
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
}

#[derive(Deserialize, Clone, Debug)]
pub struct Coefficients {
    pub hourly: Decimal,
    pub daily: Decimal,
    pub monthly: Decimal,
    pub trial: Decimal,
    #[serde(default)]
    pub yearly: Option<Decimal>,
}

#[derive(Deserialize, Clone, Debug)]
pub struct YearlyDiscount {
    pub host: Vec<Decimal>,
    pub eip: Vec<Decimal>,
}

#[derive(Deserialize, Clone, Debug)]
pub struct Review {
    pub simple: [u32; 2],
    pub complex: [u32; 2],
    pub large_amount: Decimal,
}

#[derive(Deserialize, Clone, Debug)]
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
    pub coefficients: Coefficients,
    pub yearly_discount: YearlyDiscount,
    pub review: Review,
    pub withdrawal: Withdrawal,
    #[serde(default)]
    pub yearly_warning_share: Option<Decimal>,
}

impl Profile {
    /// The compiled-in profile; a unit test proves each one parses.
    pub fn load(id: ProfileId) -> Profile {
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
