//! `refund-assistant quote`: a thin shell over the policy engine.

use crate::input::{self, PeriodLen};
use crate::policy::calendar::Calendar;
use crate::policy::{
    self, AccountFacts, Applicant, Assessment, Billing, CaseFacts, Ground, Order, OrderKind, Overage,
    Profile, ProfileId, QuoteError, RequestKind, Tri, ValueAdded,
};
use crate::render::{Lang, Renderer, plain};
use chrono::{DateTime, Utc};
use clap::Args;
use rust_decimal::Decimal;
use serde_json::{Value, json};
use std::process::ExitCode;
use std::str::FromStr;

#[derive(Args, Debug, Default)]
pub struct QuoteArgs {
    /// hourly | daily | monthly | yearly | trial
    #[arg(long)]
    pub billing: Option<String>,
    /// Amount paid in cash and gift balance, vouchers excluded (e.g. 800)
    #[arg(long, allow_hyphen_values = true)]
    pub paid: Option<String>,
    /// Start of the order: 2026-03-01, "2026-03-01 14:00" or RFC 3339
    #[arg(long, allow_hyphen_values = true)]
    pub start: Option<String>,
    /// End of the order (same forms as --start)
    #[arg(long, allow_hyphen_values = true)]
    pub end: Option<String>,
    /// Length of the order instead of --end: "1 month", "3个月", "1 year"
    #[arg(long)]
    pub period: Option<String>,
    /// When the resource is deleted (default: now)
    #[arg(long, allow_hyphen_values = true)]
    pub at: Option<String>,
    /// ucloud (default) | ucloud-2026 | article
    #[arg(long)]
    pub policy: Option<String>,
    /// Part paid with vouchers (not refunded)
    #[arg(long, allow_hyphen_values = true)]
    pub voucher: Option<String>,
    /// Part of --paid that came from the gift balance
    #[arg(long, allow_hyphen_values = true)]
    pub gift: Option<String>,
    /// List price of a promotional order
    #[arg(long, allow_hyphen_values = true)]
    pub list_price: Option<String>,
    /// Monthly list price of a yearly order (estimated when absent)
    #[arg(long, allow_hyphen_values = true)]
    pub monthly_price: Option<String>,
    /// Instance ID, e.g. uhost-1a2b3c4d
    #[arg(long)]
    pub instance: Option<String>,
    /// Quota of the plan, for usage beyond it (e.g. 100)
    #[arg(long, allow_hyphen_values = true)]
    pub quota: Option<String>,
    /// Usage in the period (e.g. 120)
    #[arg(long, allow_hyphen_values = true)]
    pub usage: Option<String>,
    /// Unit price of usage beyond the plan (e.g. 0.8)
    #[arg(long, allow_hyphen_values = true)]
    pub unit_price: Option<String>,
    /// Unit of the usage (e.g. GB)
    #[arg(long)]
    pub unit: Option<String>,
    /// Value-added service NAME:PRICE[:USED_SHARE|:kept], repeatable
    #[arg(long = "vas")]
    pub vas: Vec<String>,
    /// Customisation costs (kept by the provider)
    #[arg(long, allow_hyphen_values = true)]
    pub customisation: Option<String>,
    /// Arrears on the account: no | yes | unsure
    #[arg(long)]
    pub arrears: Option<String>,
    /// Violation on the account: no | yes | unsure
    #[arg(long)]
    pub violation: Option<String>,
    /// The resource has customised services or configuration
    #[arg(long)]
    pub customised: bool,
    /// Bought as a package or usage pack
    #[arg(long)]
    pub package: bool,
    /// owner | admin | finance | other
    #[arg(long)]
    pub applicant: Option<String>,
    /// The refund is asked from support rather than by deleting the resource
    #[arg(long)]
    pub requested: bool,
    /// Ground of clause 14: service-quality | cannot-provide | secret-leak | written-notice
    #[arg(long)]
    pub ground: Option<String>,
    /// A JSON case file (see README)
    #[arg(long)]
    pub input: Option<String>,
    /// Print JSON instead of the readable breakdown
    #[arg(long)]
    pub json: bool,
    /// zh-CN (default) | en
    #[arg(long)]
    pub lang: Option<String>,
}

/// A flag with a bad value: rendered as one line, exit status 2.
#[derive(Debug, Clone, PartialEq)]
pub struct FlagError {
    pub flag: &'static str,
    /// Template key under `cli.expected.`
    pub expected: &'static str,
    pub example: &'static str,
    pub got: String,
    /// A more precise reason from the input parser, if any.
    pub detail: Option<(&'static str, Vec<(&'static str, String)>)>,
}

fn bad(flag: &'static str, expected: &'static str, example: &'static str, got: &str) -> FlagError {
    FlagError {
        flag,
        expected,
        example,
        got: got.to_owned(),
        detail: None,
    }
}

fn money(flag: &'static str, v: &Option<String>, allow_zero: bool) -> Result<Option<Decimal>, FlagError> {
    let Some(text) = v else { return Ok(None) };
    input::parse_amount(text, allow_zero)
        .map(Some)
        .map_err(|e| FlagError {
            detail: Some((e.key(), e.params())),
            ..bad(flag, "money", "800", text)
        })
}

fn moment(flag: &'static str, v: &str, now: DateTime<Utc>) -> Result<DateTime<Utc>, FlagError> {
    input::parse_datetime(v, now).map_err(|e| FlagError {
        detail: Some((e.key(), e.params())),
        ..bad(flag, "date", "2026-03-01 14:00", v)
    })
}

fn choice<T: FromStr>(
    flag: &'static str,
    expected: &'static str,
    example: &'static str,
    v: &Option<String>,
) -> Result<Option<T>, FlagError> {
    match v {
        None => Ok(None),
        Some(s) => T::from_str(s)
            .map(Some)
            .map_err(|_| bad(flag, expected, example, s)),
    }
}

fn tri(flag: &'static str, v: &Option<String>) -> Result<Tri, FlagError> {
    Ok(match v.as_deref().map(str::to_ascii_lowercase).as_deref() {
        None | Some("no") | Some("false") => Tri::No,
        Some("yes") | Some("true") => Tri::Yes,
        Some("unsure") => Tri::Unsure,
        Some(_) => return Err(bad(flag, "tri", "no", v.as_deref().unwrap_or_default())),
    })
}

fn vas(text: &str) -> Result<ValueAdded, FlagError> {
    let err = || bad("--vas", "vas", "support:100:0.5", text);
    let mut parts = text.split(':');
    let name = parts
        .next()
        .filter(|n| !n.trim().is_empty())
        .ok_or_else(err)?
        .trim()
        .to_owned();
    let price = parts
        .next()
        .and_then(|p| input::parse_amount(p, false).ok())
        .ok_or_else(err)?;
    let (mut used_share, mut refundable) = (None, true);
    match parts.next().map(str::trim) {
        None => {}
        Some("kept") => refundable = false,
        Some(s) => {
            let share = Decimal::from_str(s)
                .ok()
                .filter(|x| *x >= Decimal::ZERO && *x <= Decimal::ONE)
                .ok_or_else(err)?;
            used_share = Some(share);
        }
    }
    if parts.next().is_some() {
        return Err(err());
    }
    Ok(ValueAdded {
        name,
        price,
        used_share,
        refundable,
    })
}

/// The case the flags describe.
pub fn facts_from_flags(a: &QuoteArgs, now: DateTime<Utc>) -> Result<CaseFacts, FlagError> {
    let billing = match &a.billing {
        None => return Err(bad("--billing", "billing", "monthly", "")),
        Some(s) => Billing::from_str(s).map_err(|_| bad("--billing", "billing", "monthly", s))?,
    };
    let paid = money("--paid", &a.paid, false)?.ok_or_else(|| bad("--paid", "money", "800", ""))?;
    let start_text = a
        .start
        .as_deref()
        .ok_or_else(|| bad("--start", "date", "2026-03-01", ""))?;
    let start = moment("--start", start_text, now)?;
    let end = match (&a.end, &a.period) {
        (Some(e), _) => moment("--end", e, now)?,
        (None, Some(p)) => {
            let len: PeriodLen = input::parse_period(p).map_err(|e| FlagError {
                detail: Some((e.key(), e.params())),
                ..bad("--period", "period", "1 month", p)
            })?;
            len.end_from(start)
                .ok_or_else(|| bad("--period", "period", "1 month", p))?
        }
        (None, None) => return Err(bad("--end", "date", "2026-03-31", "")),
    };
    if end <= start {
        return Err(bad(
            "--end",
            "end_after_start",
            "2026-03-31",
            a.end.as_deref().unwrap_or_default(),
        ));
    }
    let at = match &a.at {
        Some(t) => moment("--at", t, now)?,
        None => now,
    };
    let instance_id = match &a.instance {
        None => None,
        Some(t) => Some(
            input::parse_instance_id(t)
                .map_err(|e| FlagError {
                    detail: Some((e.key(), e.params())),
                    ..bad("--instance", "instance", "uhost-1a2b3c4d", t)
                })?
                .as_str()
                .to_owned(),
        ),
    };
    let overage = match (&a.quota, &a.usage, &a.unit_price) {
        (None, None, None) => None,
        (q, u, p) => Some(Overage {
            quota: money("--quota", q, true)?.ok_or_else(|| bad("--quota", "money", "100", ""))?,
            used: money("--usage", u, true)?.ok_or_else(|| bad("--usage", "money", "120", ""))?,
            unit_price: money("--unit-price", p, false)?
                .ok_or_else(|| bad("--unit-price", "money", "0.8", ""))?,
            unit: a.unit.clone(),
        }),
    };
    let voucher = money("--voucher", &a.voucher, true)?.unwrap_or_default();
    let gift = money("--gift", &a.gift, true)?.unwrap_or_default();
    if gift > paid {
        return Err(bad(
            "--gift",
            "gift_within_paid",
            "200",
            a.gift.as_deref().unwrap_or_default(),
        ));
    }
    Ok(CaseFacts {
        billing,
        product: None,
        instance_id,
        orders: vec![Order {
            kind: OrderKind::New,
            start,
            end,
            paid,
            list_price: money("--list-price", &a.list_price, false)?,
        }],
        at,
        voucher,
        gift,
        monthly_price: money("--monthly-price", &a.monthly_price, false)?,
        overage,
        value_added: a.vas.iter().map(|v| vas(v)).collect::<Result<_, _>>()?,
        customisation_cost: money("--customisation", &a.customisation, true)?.unwrap_or_default(),
        account: AccountFacts {
            arrears: tri("--arrears", &a.arrears)?,
            violation: tri("--violation", &a.violation)?,
            customised: a.customised,
            applicant: choice::<Applicant>("--applicant", "applicant", "owner", &a.applicant)?
                .unwrap_or_default(),
            request: if a.requested {
                RequestKind::Requested
            } else {
                RequestKind::SelfService
            },
            ground: choice::<Ground>("--ground", "ground", "service-quality", &a.ground)?,
            package: a.package,
        },
    })
}

/// The case a JSON file describes (`at` defaults to now; `policy` may be set).
pub fn facts_from_json(text: &str, now: DateTime<Utc>) -> Result<(CaseFacts, Option<ProfileId>), FlagError> {
    let fail = |msg: String| FlagError {
        detail: Some(("cli.json_detail", vec![("message", msg)])),
        ..bad("--input", "json", "case.json", "")
    };
    let mut v: Value = serde_json::from_str(text).map_err(|e| fail(e.to_string()))?;
    let obj = v
        .as_object_mut()
        .ok_or_else(|| fail("not a JSON object".into()))?;
    let policy = match obj.remove("policy") {
        None => None,
        Some(p) => Some(serde_json::from_value::<ProfileId>(p).map_err(|e| fail(e.to_string()))?),
    };
    obj.entry("at").or_insert_with(|| json!(now.to_rfc3339()));
    let facts = serde_json::from_value(v).map_err(|e| fail(e.to_string()))?;
    Ok((facts, policy))
}

impl FromStr for Applicant {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        serde_json::from_value(json!(s.trim().to_ascii_lowercase())).map_err(|_| ())
    }
}

fn render_flag_error(r: &Renderer, lang: Lang, e: &FlagError) -> String {
    let detail = e.detail.as_ref().map(|(key, params)| {
        let vars: serde_json::Map<String, Value> =
            params.iter().map(|(k, v)| ((*k).to_owned(), json!(v))).collect();
        r.text(lang, key, vars)
    });
    plain(&r.text(
        lang,
        "cli.error",
        json!({
            "flag": e.flag,
            "expected": r.text(lang, &format!("cli.expected.{}", e.expected), ()),
            "example": e.example,
            "got": e.got,
            "detail": detail,
        }),
    ))
}

fn quote_error(e: &QuoteError) -> FlagError {
    let field = match e {
        QuoteError::NoOrders => "orders",
        QuoteError::EndNotAfterStart { .. } => "end",
        QuoteError::PaidNotPositive { .. } => "paid",
        QuoteError::Negative { field }
        | QuoteError::Absurd { field }
        | QuoteError::ShareOutOfRange { field } => field,
        QuoteError::GiftExceedsPaid => "gift",
    };
    FlagError {
        detail: Some(("cli.json_detail", vec![("message", e.to_string())])),
        ..bad("--input", "json", "case.json", field)
    }
}

/// The JSON form of an assessment, with every line and finding rendered.
pub fn to_json(r: &Renderer, lang: Lang, a: &Assessment) -> Value {
    let q = &a.quote;
    let lines: Vec<Value> = q
        .lines
        .iter()
        .map(|l| {
            let mut v = json!(l);
            v["text"] = json!(plain(&r.text(lang, &format!("line.{}", l.key), l)));
            v
        })
        .collect();
    let findings: Vec<Value> = q
        .findings
        .iter()
        .map(|f| {
            let code = f.code.as_str();
            let mut v = json!(f);
            v["reason"] = json!(plain(&r.text(lang, &format!("finding.{code}.reason"), f)));
            v["action"] = json!(plain(&r.text(lang, &format!("finding.{code}.action"), f)));
            v
        })
        .collect();
    json!({
        "refund": q.refund,
        "policy": q.policy,
        "policy_version": q.policy_version,
        "source": { "title": plain(&r.text(lang, &format!("source.{}", q.policy.as_str()), ())), "url": q.source_url },
        "paid": q.paid,
        "voucher": q.voucher,
        "consumed": q.consumed,
        "deductions": q.deductions,
        "refund_cash": q.refund_cash,
        "refund_gift": q.refund_gift,
        "used_hours": q.used_hours,
        "period_hours": q.period_hours,
        "lines": lines,
        "findings": findings,
        "timeline": a.timeline,
    })
}

/// Runs the command with a fixed clock (tests) and returns (exit code, stdout, stderr).
pub fn execute(a: &QuoteArgs, now: DateTime<Utc>) -> (u8, String, String) {
    let Ok(r) = Renderer::new() else {
        return (1, String::new(), "templates failed to load".into());
    };
    let lang = match &a.lang {
        None => Lang::ZhCn,
        Some(l) => match Lang::from_str(l) {
            Ok(l) => l,
            Err(()) => {
                return (
                    2,
                    String::new(),
                    render_flag_error(&r, Lang::ZhCn, &bad("--lang", "lang", "en", l)),
                );
            }
        },
    };
    let fail = |e: FlagError| (2, String::new(), render_flag_error(&r, lang, &e));
    let parsed = match &a.input {
        Some(path) => match std::fs::read_to_string(path) {
            Ok(text) => facts_from_json(&text, now),
            Err(e) => Err(FlagError {
                detail: Some(("cli.json_detail", vec![("message", e.to_string())])),
                ..bad("--input", "file", "case.json", path)
            }),
        },
        None => facts_from_flags(a, now).map(|f| (f, None)),
    };
    let (facts, file_policy) = match parsed {
        Ok(x) => x,
        Err(e) => return fail(e),
    };
    let policy = match choice::<ProfileId>("--policy", "policy", "ucloud-2026", &a.policy) {
        Ok(p) => p.or(file_policy).unwrap_or_default(),
        Err(e) => return fail(e),
    };
    let profile = Profile::load(policy);
    let assessment = match policy::assess(&facts, &profile, &Calendar::china(), facts.at) {
        Ok(x) => x,
        Err(e) => return fail(quote_error(&e)),
    };
    let out = if a.json {
        serde_json::to_string_pretty(&to_json(&r, lang, &assessment)).unwrap_or_default()
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
    (0, out, String::new())
}

pub fn run(a: QuoteArgs) -> ExitCode {
    let (code, out, err) = execute(&a, Utc::now());
    if !out.is_empty() {
        println!("{out}");
    }
    if !err.is_empty() {
        eprintln!("{err}");
    }
    ExitCode::from(code)
}
