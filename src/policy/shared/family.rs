//! The one trait every provider's rules implement. The dispatcher
//! (`policy::dispatch`) picks the family for a profile; a provider's folder
//! implements it and imports nothing above `shared`.

use super::checks::{check_case, check_provider};
use super::error::QuoteError;
use super::exclusions::excluded;
use super::need::Needed;
use crate::policy::case::CaseFacts;
use crate::policy::profile::Profile;
use crate::policy::provider::ProviderFacts;
use crate::policy::quote::Quote;

/// One provider's published rules: how they quote a case, and what they
/// still need from the user first.
pub trait RuleFamily: Sync {
    /// The quote of a case that passed the checks of [`RuleFamily::quote`]
    /// (so it has at least one order) and whose billing the rules do not
    /// exclude.
    fn compute(&self, facts: &CaseFacts, pf: &ProviderFacts, profile: &Profile) -> Quote;

    /// Check the inputs, then quote. By default the case and the provider
    /// facts are checked and a billing the rules exclude is said plainly;
    /// a family whose rules take no provider facts overrides this.
    fn quote(&self, facts: &CaseFacts, pf: &ProviderFacts, profile: &Profile) -> Result<Quote, QuoteError> {
        check_case(facts)?;
        check_provider(pf)?;
        if let Some(q) = excluded(facts, profile) {
            return Ok(q);
        }
        Ok(self.compute(facts, pf, profile))
    }

    /// The inputs beyond the order (and beyond the five-day question, which
    /// `Profile::needs` asks for every family with a window) that these rules
    /// still want for a case, in the order to ask them. None by default.
    fn needs(&self, _facts: &CaseFacts, _pf: &ProviderFacts, _profile: &Profile) -> Vec<Needed> {
        Vec::new()
    }
}
