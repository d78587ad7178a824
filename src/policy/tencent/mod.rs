//! Tencent Cloud CVM's rules (sources T2 and T1): the quote, the host time
//! it charges (`usage`) and the prices it still needs.

mod needs;
mod quote;
pub mod usage;

pub use usage::{Usage, usage};

use crate::policy::case::CaseFacts;
use crate::policy::profile::Profile;
use crate::policy::provider::ProviderFacts;
use crate::policy::quote::Quote;
use crate::policy::shared::{Needed, RuleFamily};

/// Tencent's rule family: profiles of method `tencent`.
pub struct Tencent;

impl RuleFamily for Tencent {
    fn compute(&self, facts: &CaseFacts, pf: &ProviderFacts, profile: &Profile) -> Quote {
        quote::quote(facts, pf, profile)
    }

    fn needs(&self, facts: &CaseFacts, pf: &ProviderFacts, profile: &Profile) -> Vec<Needed> {
        needs::needs(facts, pf, profile)
    }
}
