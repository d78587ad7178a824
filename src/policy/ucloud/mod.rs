//! UCloud's rules (sources A and B, and the seed article): the time rules
//! (`consumption`), the extra deductions, the quote (`engine`) and UCloud's
//! findings. They take no provider facts.

pub mod agreement;
mod consumption;
mod deductions;
mod engine;
pub mod findings;
mod orders;

pub use findings::package_unconfirmed;

use crate::policy::case::CaseFacts;
use crate::policy::profile::Profile;
use crate::policy::provider::ProviderFacts;
use crate::policy::quote::Quote;
use crate::policy::shared::{QuoteError, RuleFamily, check_case};

/// UCloud's rule family: profiles of method `coefficient`, `orders` and
/// `pro-rata`.
pub struct Ucloud;

impl RuleFamily for Ucloud {
    fn compute(&self, facts: &CaseFacts, _pf: &ProviderFacts, profile: &Profile) -> Quote {
        engine::quote(facts, profile)
    }

    /// UCloud's rules take no provider facts and exclude no billing: only
    /// the case is checked.
    fn quote(&self, facts: &CaseFacts, pf: &ProviderFacts, profile: &Profile) -> Result<Quote, QuoteError> {
        check_case(facts)?;
        Ok(self.compute(facts, pf, profile))
    }
}
