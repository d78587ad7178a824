//! `quote` for UCloud: the yearly length its orders come in, the assessment
//! under its rules with the package assumption said, and its output.

use super::args::QuoteArgs;
use super::flags::{FlagError, quote_error, ucloud_yearly_length};
use super::output::to_json;
use crate::policy::calendar::Calendar;
use crate::policy::{self, CaseFacts, Finding, Profile};
use crate::render::{Lang, Renderer, plain};
use serde_json::json;

/// UCloud's quote of a case whose instance ID (if any) is UCloud's. `extra`
/// are findings of the command itself (how the ID was read).
pub(crate) fn execute(
    a: &QuoteArgs,
    r: &Renderer,
    lang: Lang,
    facts: &CaseFacts,
    profile: &Profile,
    extra: &[Finding],
) -> Result<String, FlagError> {
    ucloud_yearly_length(a, facts)?;
    let mut assessment =
        policy::assess(facts, profile, &Calendar::china(), facts.at).map_err(|e| quote_error(&e))?;
    // The conversation asks whether a package product was bought as a package;
    // the command cannot ask, so it says what it assumed.
    let findings = &mut assessment.quote.findings;
    findings.extend(
        policy::ucloud::package_unconfirmed(facts)
            .into_iter()
            .chain(extra.iter().cloned()),
    );
    findings.sort_by_key(|f| f.severity);
    let out = if a.json {
        serde_json::to_string_pretty(&to_json(r, lang, &assessment)).unwrap_or_default()
    } else {
        plain(&r.text(
            lang,
            "quote",
            json!({
                "quote": assessment.quote,
                "timeline": assessment.timeline,
                "billing": facts.billing,
                "instance_id": facts.instance_id,
            }),
        ))
    };
    Ok(out)
}
