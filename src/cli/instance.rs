//! The instance ID in a `quote`: the profile its format points to, its
//! canonical form, and a refusal when it names another provider than the
//! policy's.

use super::args::QuoteArgs;
use super::flags::{FlagError, bad};
use crate::input;
use crate::policy::{CaseFacts, Finding, FindingCode, Profile, ProfileId, Provider, Severity};

/// The profile the instance ID points to, when its format names a provider:
/// the product's own (Lighthouse's `lhins-`, ULHost's `ulhost-`), else the
/// provider's.
pub fn policy_from_instance(facts: &CaseFacts) -> Option<ProfileId> {
    let id = input::parse_instance_id(facts.instance_id.as_deref()?).ok()?;
    ProfileId::for_prefix(id.prefix()).or_else(|| id.provider().map(ProfileId::for_provider))
}

/// The instance ID in its canonical form (IDs are lower case): a case
/// file's ID is put in that form here (the flags' already is); where the
/// text given differs, the finding that says how it was read.
pub fn normalise_instance(a: &QuoteArgs, facts: &mut CaseFacts) -> Option<Finding> {
    let given = match &a.input {
        Some(_) => facts.instance_id.clone()?,
        None => a.instance.clone()?,
    };
    let id = input::parse_instance_id(&given).ok()?;
    facts.instance_id = Some(id.as_str().to_owned());
    (given.trim() != id.as_str()).then(|| {
        Finding::new(FindingCode::InstanceIdNormalised, Severity::Info)
            .var("given", given.trim())
            .var("read", id.as_str())
    })
}

/// An instance ID of another provider than the profile's is refused,
/// naming the flag and an ID of the profile's provider.
pub(crate) fn provider_matches(facts: &CaseFacts, profile: &Profile) -> Result<(), FlagError> {
    if let Some(id) = &facts.instance_id
        && let Some(p) = input::parse_instance_id(id).ok().and_then(|i| i.provider())
        && p != profile.provider
    {
        return Err(bad(
            "--instance",
            "instance_provider",
            match profile.provider {
                Provider::Tencent => "ins-rfmme2si",
                Provider::Aliyun => "i-bp1etb69sqxgl4",
                Provider::Ucloud | Provider::Huawei => "uhost-1a2b3c4d",
            },
            id,
        ));
    }
    Ok(())
}
