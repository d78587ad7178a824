//! An answer as a reply: the topic's template key with what the case
//! lets it say (`aware`), never text. The provider is `null` when nothing
//! names it; the templates then answer for the four clouds briefly.

use super::about::About;
use super::aware;
use super::topic::Topic;
use crate::conversation::base::reply::{Button, Reply};
use crate::policy::{Profile, ProfileId};
use serde_json::{Value, json};

/// The answer to a question about `topic`.
pub fn answer(topic: Topic, a: &About) -> Reply {
    let d = a.answers();
    let ucloud = Profile::load(ProfileId::Ucloud);
    let mut data = json!({
        "topic": topic.as_str(),
        "provider": a.provider().map(|p| p.as_str()),
        "case": a.case.map(|c| c.number),
    });
    let extra = match topic {
        Topic::InstanceId => json!({
            "instance": d.and_then(|d| d.instance.as_ref()).map(|i| i.as_str()),
            "lighthouse": a.product == Some(crate::policy::ProfileId::Lighthouse),
        }),
        Topic::BillingKinds | Topic::Coefficient | Topic::Formula => json!({
            "billing": d.and_then(|d| d.billing),
            "coef": { "daily": ucloud.coefficients.daily, "monthly": ucloud.coefficients.monthly },
        }),
        Topic::Customised => json!({ "customised": d.and_then(|d| d.customised) }),
        Topic::Today => json!({ "now": a.now.to_rfc3339() }),
        Topic::Lighthouse => {
            json!({ "lighthouse": d.is_some_and(|d| d.provider() == Some(crate::policy::Provider::Tencent) && d.instance.as_ref().is_some_and(|i| i.as_str().starts_with("lhins-"))) })
        }
        Topic::Evidence => json!({
            "withdrawal": a.case.is_some_and(|c| c.data.withdrawal_at.is_some()),
            "rejection": a.case.filter(|c| c.status == crate::case::CaseStatus::Rejected).and_then(|c| c.data.rejection),
        }),
        Topic::Overage => json!({ "overage": d.and_then(|d| d.overage.clone().flatten()).is_some() }),
        Topic::Arrears => json!({ "arrears": d.and_then(|d| d.arrears) }),
        Topic::Violations => json!({ "violation": d.and_then(|d| d.violation) }),
        Topic::WhoMayApply => json!({ "applicant": d.and_then(|d| d.applicant) }),
        Topic::FiveDay | Topic::NewUserOffer | Topic::Promotion => json!({ "five": aware::five_day(a) }),
        Topic::Withdrawal | Topic::WhereMoneyGoes => json!({
            "channel": a.channel.or(a.case.and_then(|c| c.data.topup)),
            "w": aware::withdrawal(a),
        }),
        Topic::Timing => json!({ "when": aware::timing(a) }),
        Topic::MonthlyPrice => json!({
            "billing": d.and_then(|d| d.billing),
            "monthly": d.and_then(|d| d.monthly_price.flatten()).map(|v| v.to_string()),
            "monthly_estimated": d.is_some_and(|d| d.monthly_price.flatten().is_none()),
            // What the order cost: a voucher pays, it does not discount.
            "paid": d.and_then(|d| d.paid.map(|p| p + d.voucher.unwrap_or_default())).map(|v| v.to_string()),
            "voucher": d.and_then(|d| d.voucher).filter(|v| !v.is_zero()).map(|v| v.to_string()),
        }),
        // Not deleted yet: deleting is the request, and its confirm page
        // shows the refund before anything is final.
        Topic::ApplyAfterDelete => json!({
            "amount": aware::amount(a),
            "status": a.case.map(|c| c.status.as_str()),
            "undeleted": d.is_none_or(|d| d.not_deleted || d.delete_at.is_none_or(|t| t > a.now)),
        }),
        Topic::CheckAmount
        | Topic::WhereToSee
        | Topic::Invoices
        | Topic::RecheckRisk
        | Topic::GiftVsVoucher => json!({
            "amount": aware::amount(a),
            "status": a.case.map(|c| c.status.as_str()),
        }),
        Topic::Chances => json!({ "rejection": a.case.and_then(|c| c.data.rejection) }),
        Topic::WhyFigure | Topic::ShouldDelete => json!({
            "amount": aware::amount(a),
            "billing": d.and_then(|d| d.billing),
            "end": d.and_then(|d| d.end).map(|e| e.to_rfc3339()),
            "not_deleted": d.is_some_and(|d| d.not_deleted),
        }),
        Topic::DeleteInAppeal => json!({
            "amount": aware::amount(a),
            "status": a.case.map(|c| c.status.as_str()),
            "deleted": d.is_some_and(|d| !d.not_deleted && d.delete_at.is_some_and(|t| t <= a.now)),
            "rejection": a.case.and_then(|c| c.data.rejection),
        }),
        Topic::Miit => json!({ "ladder": aware::miit(a) }),
        Topic::Samr => json!({ "ladder": aware::samr(a) }),
        _ => Value::Null,
    };
    if let (Some(obj), Value::Object(more)) = (data.as_object_mut(), extra) {
        obj.extend(more);
    }
    Reply::new(&topic.key(), data)
}

/// Topics that may be what was asked instead of the one answered (`or`:
/// "if you meant …"), or beside it (`also`), as buttons: the likelier topic
/// is answered first, never a menu instead of an answer.
pub fn offer(key: &str, topics: &[Topic]) -> Reply {
    offer_keeping(key, topics, topics)
}

/// `offer`, naming `named` but keeping every button of `kept` in its place
/// (a topic just pressed stays where it was, so the numbers do not move).
pub fn offer_keeping(key: &str, named: &[Topic], kept: &[Topic]) -> Reply {
    let button = |t: &Topic| Button::with(t.button_id(), &format!("btn.kb.{}", t.as_str()), Value::Null);
    let names: Vec<&str> = named.iter().map(|t| t.as_str()).collect();
    Reply::new(key, json!({ "topics": names })).buttons(kept.iter().map(|t| vec![button(t)]).collect())
}
