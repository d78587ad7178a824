//! `refund-assistant quote`: a thin shell over the policy engine.

use super::flags::{FlagError, bad, choice, facts_from_flags, facts_from_json};
use crate::policy::calendar::Calendar;
use crate::policy::{self, Assessment, Profile, ProfileId, QuoteError};
use crate::render::{Lang, Renderer, plain};
use chrono::{DateTime, Utc};
use clap::Args;
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
    #[arg(long, allow_hyphen_values = true)]
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
    /// Is the five-day no-reason refund still yours (tencent, huawei, aliyun): yes | no | unsure
    #[arg(long)]
    pub first_refund: Option<String>,
    /// Today's pay-as-you-go price per hour (tencent), e.g. 0.42
    #[arg(long, allow_hyphen_values = true)]
    pub hourly_price: Option<String>,
    /// The pay-as-you-go price after HOURS hours (tencent), e.g. 96:0.21
    #[arg(long, allow_hyphen_values = true)]
    pub hourly_tier: Option<String>,
    /// The discount step for the whole months used (tencent), e.g. 0.88 or 88%
    #[arg(long, allow_hyphen_values = true)]
    pub used_discount: Option<String>,
    /// A paid renewal not yet started (tencent), repeatable, e.g. 507.96
    #[arg(long = "renewal", allow_hyphen_values = true)]
    pub renewals: Vec<String>,
    /// Today's pay-as-you-go bandwidth price per hour (tencent, bandwidth billing), e.g. 0.063
    #[arg(long, allow_hyphen_values = true)]
    pub bandwidth_price: Option<String>,
}

fn render_flag_error(r: &Renderer, lang: Lang, e: &FlagError) -> String {
    // The detail is text already rendered (and escaped): it goes into the
    // line as plain text, so it is escaped once, and decoded once by `plain`.
    let detail = e.detail.as_ref().map(|(key, params)| {
        let vars: serde_json::Map<String, Value> =
            params.iter().map(|(k, v)| ((*k).to_owned(), json!(v))).collect();
        plain(&r.text(lang, key, vars))
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

pub(super) fn quote_error(e: &QuoteError) -> FlagError {
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
    let (mut facts, file_policy) = match parsed {
        Ok(x) => x,
        Err(e) => return fail(e),
    };
    let policy = match choice::<ProfileId>("--policy", "policy", "ucloud-2026", &a.policy) {
        Ok(p) => p
            .or(file_policy)
            .or_else(|| super::clouds::policy_from_instance(&facts))
            .unwrap_or_default(),
        Err(e) => return fail(e),
    };
    if let Err(e) = super::flags::deleted_before_start(a, &facts, Profile::load(policy)) {
        return fail(e);
    }
    let normalised = super::clouds::normalise_instance(a, &mut facts);
    let extra: Vec<_> = normalised.into_iter().collect();
    match super::clouds::execute(a, &r, lang, &facts, policy, &extra) {
        Ok(Some(out)) => return (0, out, String::new()),
        Ok(None) => {}
        Err(e) => return fail(e),
    }
    if let Err(e) = super::flags::ucloud_yearly_length(a, &facts) {
        return fail(e);
    }
    let profile = Profile::load(policy);
    let mut assessment = match policy::assess(&facts, profile, &Calendar::china(), facts.at) {
        Ok(x) => x,
        Err(e) => return fail(quote_error(&e)),
    };
    // The conversation asks whether a package product was bought as a package;
    // the command cannot ask, so it says what it assumed.
    let findings = &mut assessment.quote.findings;
    findings.extend(
        policy::ucloud::package_unconfirmed(&facts)
            .into_iter()
            .chain(extra),
    );
    findings.sort_by_key(|f| f.severity);
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
    use std::io::Write;
    let (code, out, err) = execute(&a, Utc::now());
    // A reader that stops early (`quote | head -1`) closes the pipe: the rest
    // of the output has nowhere to go, and that is no error.
    if !out.is_empty() {
        let mut stdout = std::io::stdout().lock();
        let _ = writeln!(stdout, "{out}").and_then(|()| stdout.flush());
    }
    if !err.is_empty() {
        let _ = writeln!(std::io::stderr(), "{err}");
    }
    ExitCode::from(code)
}
