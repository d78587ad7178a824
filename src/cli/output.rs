//! What the `quote` command prints: a flag error as one line, and the JSON
//! form of an assessment with every line and finding rendered.

use super::flags::FlagError;
use crate::policy::Assessment;
use crate::render::{Lang, Renderer, plain};
use serde_json::{Value, json};

/// A flag error as the one line the command prints on stderr.
pub(crate) fn render_flag_error(r: &Renderer, lang: Lang, e: &FlagError) -> String {
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
