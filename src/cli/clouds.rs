//! `quote` for Tencent, Huawei and Alibaba: their provider facts, the
//! assessment under their rules, and their output (a figure, or
//! `"refund": null` with the finding that says why).

use super::args::QuoteArgs;
use super::flags::{FlagError, quote_error};
use super::output::to_json;
use super::provider_flags::provider_facts;
use crate::policy::calendar::Calendar;
use crate::policy::{self, Assessment, CaseFacts, Finding, FindingCode, Profile, ProviderFacts};
use crate::render::{Lang, Renderer, plain};
use rust_decimal::Decimal;
use serde_json::{Value, json};

/// The other clouds' quote of a case whose instance ID (if any) matches the
/// profile's provider. `extra` are findings of the command itself (how the
/// ID was read).
pub(crate) fn execute(
    a: &QuoteArgs,
    r: &Renderer,
    lang: Lang,
    facts: &CaseFacts,
    profile: &Profile,
    extra: &[Finding],
) -> Result<String, FlagError> {
    let pf = provider_facts(a)?;
    let mut assessment = policy::assess_with(facts, &pf, profile, &Calendar::china(), facts.at)
        .map_err(|e| quote_error(&e))?;
    let findings = &mut assessment.quote.findings;
    findings.extend_from_slice(extra);
    findings.sort_by_key(|f| f.severity);
    let out = if a.json {
        serde_json::to_string_pretty(&json_of(r, lang, &assessment, facts, &pf, profile)).unwrap_or_default()
    } else {
        plain(&r.text(lang, "cloud_quote", view(&assessment, facts, profile)))
    };
    Ok(out)
}

fn voucher_returned(a: &Assessment) -> Option<Decimal> {
    a.quote
        .lines
        .iter()
        .find(|l| l.key == "voucher_returned")
        .and_then(|l| l.amount)
}

fn view(a: &Assessment, facts: &CaseFacts, profile: &Profile) -> Value {
    json!({
        "quote": a.quote,
        "figure": a.quote.figure(),
        "voucher_returned": voucher_returned(a),
        "before_fee": a.quote.has(FindingCode::HandlingFeeUnpublished),
        "provider": profile.provider,
        "timeline": a.cloud,
        "billing": facts.billing,
        "instance_id": facts.instance_id,
    })
}

/// The UCloud JSON shape, with `refund` null where no figure is computed,
/// the provider, the returned vouchers, the timing and what is still needed.
fn json_of(
    r: &Renderer,
    lang: Lang,
    a: &Assessment,
    facts: &CaseFacts,
    pf: &ProviderFacts,
    profile: &Profile,
) -> Value {
    let mut v = to_json(r, lang, a);
    v["refund"] = json!(a.quote.figure());
    if a.quote.figure().is_none() {
        v["consumed"] = Value::Null;
    }
    v["provider"] = json!(profile.provider);
    v["voucher_returned"] = json!(voucher_returned(a));
    // UCloud's timeline (review, quick withdrawal) does not apply here.
    v["timeline"] = json!(a.cloud);
    v["cloud_timeline"] = json!(a.cloud);
    v["timeline_text"] = json!(plain(&r.text(lang, "cloud_timeline", &a.cloud)));
    v["needs"] = json!(profile.needs(facts, pf));
    v
}
