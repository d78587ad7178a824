//! Huawei Cloud's rules (sources H1 to H3): the quote, its whole hours and
//! the handling fee's table row.

mod fee;
pub mod hours;
mod quote;

pub use hours::hours;

use crate::policy::case::CaseFacts;
use crate::policy::profile::Profile;
use crate::policy::provider::ProviderFacts;
use crate::policy::quote::Quote;
use crate::policy::shared::RuleFamily;

/// Huawei's rule family: profiles of method `huawei`.
pub struct Huawei;

impl RuleFamily for Huawei {
    fn compute(&self, facts: &CaseFacts, pf: &ProviderFacts, profile: &Profile) -> Quote {
        quote::quote(facts, pf, profile)
    }
}
