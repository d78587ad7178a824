//! `quote` for Tencent, Huawei and Alibaba: the flags their rules need, the
//! profile picked from the instance ID, and their output (a figure, or
//! `"refund": null` with the finding that says why).

use super::flags::{FlagError, bad};
use super::quote::{QuoteArgs, quote_error, to_json};
use crate::input;
use crate::policy::calendar::Calendar;
use crate::policy::provider;
use crate::policy::{
    self, Assessment, CaseFacts, Finding, FindingCode, HourlyTier, Profile, ProfileId, Provider,
    ProviderFacts, Severity, Tri,
};
use crate::render::{Lang, Renderer, plain};
use rust_decimal::Decimal;
use serde_json::{Value, json};
use std::str::FromStr;

/// The profile the instance ID points to, when its format names a provider.
pub fn policy_from_instance(facts: &CaseFacts) -> Option<ProfileId> {
    let id = input::parse_instance_id(facts.instance_id.as_deref()?).ok()?;
    id.provider().map(ProfileId::for_provider)
}

fn money(flag: &'static str, example: &'static str, text: &str) -> Result<Decimal, FlagError> {
    input::parse_amount(text, false).map_err(|e| FlagError {
        detail: Some((e.key(), e.params())),
        ..bad(flag, "money", example, text)
    })
}

/// The decimals a unit price may have.
const PRICE_DECIMALS: u32 = 6;

/// A unit price: like an amount, but finer than a cent (0.063 a hour).
fn price(flag: &'static str, example: &'static str, text: &str) -> Result<Decimal, FlagError> {
    let bare = text
        .trim()
        .trim_start_matches(['¥', '￥'])
        .trim_end_matches('元')
        .trim();
    match Decimal::from_str(bare) {
        Ok(x) if x > Decimal::ZERO && x.scale() <= PRICE_DECIMALS => Ok(x),
        // A positive price with too many decimals: say the price's own limit
        // (not the two decimals of an amount).
        Ok(x) if x > Decimal::ZERO => Err(FlagError {
            detail: Some((
                "cli.price_decimals",
                vec![
                    ("got", x.scale().to_string()),
                    ("max", PRICE_DECIMALS.to_string()),
                ],
            )),
            ..bad(flag, "price", example, text)
        }),
        _ => money(flag, example, text).and_then(|_| Err(bad(flag, "price", example, text))),
    }
}

fn discount(text: &str) -> Result<Decimal, FlagError> {
    provider::parse_share(text)
        .filter(|v| *v > Decimal::ZERO && *v <= Decimal::ONE)
        .ok_or_else(|| bad("--used-discount", "discount", "0.88", text))
}

fn tier(text: &str) -> Result<HourlyTier, FlagError> {
    let err = || bad("--hourly-tier", "hourly_tier", "96:0.21", text);
    let (hours, price) = text.split_once(':').ok_or_else(err)?;
    let hours: u32 = hours.trim().parse().ok().filter(|h| *h > 0).ok_or_else(err)?;
    let price = self::price("--hourly-tier", "96:0.21", price).map_err(|_| err())?;
    Ok(HourlyTier { hours, price })
}

/// The provider facts of a JSON case file (its keys `first_refund`,
/// `hourly_price`, `hourly_tier`, `bandwidth_price`, `used_discount`,
/// `renewals`), with the flags taking precedence.
pub fn provider_facts(a: &QuoteArgs) -> Result<ProviderFacts, FlagError> {
    let mut pf = match &a.input {
        None => ProviderFacts::default(),
        Some(path) => {
            let fail = |message: String| FlagError {
                detail: Some(("cli.json_detail", vec![("message", message)])),
                ..bad("--input", "json", "case.json", path)
            };
            let text = std::fs::read_to_string(path).map_err(|e| fail(e.to_string()))?;
            serde_json::from_str(&text).map_err(|e| fail(e.to_string()))?
        }
    };
    if let Some(t) = &a.first_refund {
        pf.first_refund = Some(match t.trim().to_ascii_lowercase().as_str() {
            "yes" | "true" => Tri::Yes,
            "no" | "false" => Tri::No,
            "unsure" => Tri::Unsure,
            _ => return Err(bad("--first-refund", "tri", "yes", t)),
        });
    }
    if let Some(t) = &a.hourly_price {
        pf.hourly_price = Some(price("--hourly-price", "0.42", t)?);
    }
    if let Some(t) = &a.hourly_tier {
        pf.hourly_tier = Some(tier(t)?);
    }
    if let Some(t) = &a.bandwidth_price {
        pf.bandwidth_price = Some(price("--bandwidth-price", "0.063", t)?);
    }
    if let Some(t) = &a.used_discount {
        pf.used_discount = Some(discount(t)?);
    }
    if !a.renewals.is_empty() {
        pf.renewals = a
            .renewals
            .iter()
            .map(|t| money("--renewal", "507.96", t))
            .collect::<Result<_, _>>()?;
    }
    Ok(pf)
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

/// The other clouds' quote: `Ok(None)` hands a UCloud case back to the
/// UCloud path; an instance ID of another provider than the policy's is an
/// error. `extra` are findings of the command itself (how the ID was read).
pub fn execute(
    a: &QuoteArgs,
    r: &Renderer,
    lang: Lang,
    facts: &CaseFacts,
    policy: ProfileId,
    extra: &[Finding],
) -> Result<Option<String>, FlagError> {
    let profile = &Profile::load(policy);
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
    if profile.provider == Provider::Ucloud {
        return Ok(None);
    }
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
    Ok(Some(out))
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
