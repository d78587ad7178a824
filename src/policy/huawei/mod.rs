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
use crate::policy::shared::{Need, Needed, RuleFamily, five_day_applies};

/// Huawei's rule family: profiles of method `huawei`.
pub struct Huawei;

impl RuleFamily for Huawei {
    fn compute(&self, facts: &CaseFacts, pf: &ProviderFacts, profile: &Profile) -> Quote {
        quote::quote(facts, pf, profile)
    }

    /// Outside the five-day refund, the fee Huawei charged (its refund
    /// order, or the refund its unsubscribe page shows): China's fee table is
    /// not readable, so it is asked, never computed.
    fn needs(&self, facts: &CaseFacts, pf: &ProviderFacts, profile: &Profile) -> Vec<Needed> {
        let five_day = profile
            .five_day
            .as_ref()
            .and_then(|fd| five_day_applies(fd, facts, pf));
        if five_day == Some(true) || pf.fee.is_some() || pf.shown_refund.is_some() {
            return Vec::new();
        }
        vec![Needed {
            need: Need::RefundFee,
            required: false,
        }]
    }
}
