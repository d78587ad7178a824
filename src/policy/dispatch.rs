//! Which provider's rules apply for a profile, and the quote under them.
//! It sits above the providers (they never import it): a new provider is a
//! folder implementing [`RuleFamily`] and one line in [`family`].

use super::aliyun::Aliyun;
use super::case::CaseFacts;
use super::cross_border::CrossBorder;
use super::huawei::Huawei;
use super::lighthouse::Lighthouse;
use super::profile::{Method, Profile};
use super::provider::ProviderFacts;
use super::quote::Quote;
use super::shared::{QuoteError, RuleFamily};
use super::tencent::Tencent;
use super::ucloud::Ucloud;
use super::ulhost::Ulhost;

/// The rule family of a profile, by its method.
pub fn family(profile: &Profile) -> &'static dyn RuleFamily {
    match profile.method {
        Method::Coefficient | Method::Orders | Method::ProRata => &Ucloud,
        Method::Tencent => &Tencent,
        Method::Huawei => &Huawei,
        Method::Aliyun => &Aliyun,
        Method::Days => &Ulhost,
        Method::NoRefund => &CrossBorder,
        Method::ListPriceDays => &Lighthouse,
    }
}

/// Quote a case under any profile: the other clouds' rules use the
/// provider facts; UCloud's rules do not need them.
pub fn quote_with(facts: &CaseFacts, pf: &ProviderFacts, profile: &Profile) -> Result<Quote, QuoteError> {
    family(profile).quote(facts, pf, profile)
}

/// Quote a case under a profile, with no provider facts.
pub fn quote(facts: &CaseFacts, profile: &Profile) -> Result<Quote, QuoteError> {
    quote_with(facts, &ProviderFacts::default(), profile)
}
