//! Who a complaint names as respondent: `policies/respondents.toml`, the
//! provider's legal name and registered address with their sources. What
//! the file does not give is asked of the user.

use crate::policy::Provider;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

const RESPONDENTS_TOML: &str = include_str!("../../../policies/respondents.toml");

/// A provider's company as the data file gives it.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct Respondent {
    pub name: Option<String>,
    pub name_source: Option<String>,
    pub address: Option<String>,
    pub address_source: Option<String>,
    /// The name was verified against a source (else the user is asked to check it).
    #[serde(default)]
    pub checked: bool,
}

/// The respondent for `provider`; empty when the file has nothing (or cannot be read).
pub fn respondent(provider: Provider) -> Respondent {
    let all: BTreeMap<String, Respondent> = toml::from_str(RESPONDENTS_TOML).unwrap_or_else(|e| {
        tracing::error!("policies/respondents.toml: {e}");
        BTreeMap::new()
    });
    let key = serde_json::to_value(provider)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default();
    let mut r = all.get(&key).cloned().unwrap_or_default();
    // A value is used only with its source.
    if r.name_source.is_none() {
        r.name = None;
    }
    if r.address_source.is_none() {
        r.address = None;
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_provider_has_a_sourced_name_and_no_address_without_a_source() {
        let all: BTreeMap<String, Respondent> = toml::from_str(RESPONDENTS_TOML).expect("the file reads");
        assert_eq!(all.len(), Provider::ALL.len());
        for p in Provider::ALL {
            let r = respondent(p);
            assert!(r.name.is_some() && r.name_source.is_some(), "{p:?}");
            assert_eq!(r.address.is_some(), r.address_source.is_some(), "{p:?}");
        }
    }
}
