//! A question of the check as the user sees it: its template, its step
//! counter, what is known already, and its buttons.

use crate::case::Draft;
use crate::conversation::base::buttons::Id;
use crate::conversation::base::reply::{Button, Reply};
use crate::conversation::base::state::{Position as P, State};
use crate::conversation::base::vocab::Ctx;
use crate::conversation::check::flow::{answered, applies, main, need_of, refine, segment};
use crate::conversation::check::offered;
use serde_json::{Value, json};

/// The ID question when the cloud is known (said in words): only its own
/// buttons, to go on without the ID, and where to find it.
fn known_cloud(d: &Draft) -> Vec<Vec<Button>> {
    use crate::policy::{ProfileId as X, Provider as C};
    let row = |ids: &[Id]| ids.iter().map(|i| Button::new(*i)).collect::<Vec<_>>();
    let own = match (d.product, d.provider) {
        (Some(X::Lighthouse), _) => row(&[Id::ProductLighthouse]),
        (Some(X::Ulhost), _) => row(&[Id::ProductUlhost]),
        (Some(X::CrossBorder), _) => row(&[Id::ProductCrossBorder]),
        (_, Some(C::Tencent)) => row(&[Id::ProviderTencent, Id::ProductLighthouse]),
        // One cloud, one way on: the button says it goes on without the ID.
        (_, Some(c @ (C::Huawei | C::Aliyun))) => {
            let id = if c == C::Huawei {
                Id::ProviderHuawei
            } else {
                Id::ProviderAliyun
            };
            vec![Button::with(
                id.as_str().to_owned(),
                "btn.instance.go_on",
                json!({ "cloud": c.as_str() }),
            )]
        }
        _ => row(&[Id::ProviderUcloud, Id::ProductUlhost, Id::ProductCrossBorder]),
    };
    vec![own, row(&[Id::InstanceUnknown])]
}

pub(crate) fn buttons(p: P, d: &Draft) -> Vec<Vec<Button>> {
    let row = |ids: &[Id]| ids.iter().map(|i| Button::new(*i)).collect::<Vec<_>>();
    let mut rows = match p {
        P::Billing => vec![
            // The common prepaid answer first: the first option always moves forward.
            row(&[Id::BillingMonthly, Id::BillingYearly, Id::BillingHourly]),
            row(&[Id::BillingDaily, Id::BillingTrial, Id::BillingUnsure]),
        ],
        P::Account => vec![
            row(&[Id::AccountNone]),
            row(&[Id::AccountNoneAdmin, Id::AccountNoneFinance]),
            row(&[Id::AccountItems]),
        ],
        P::Arrears => vec![row(&[Id::ArrearsNo, Id::ArrearsYes, Id::ArrearsUnsure])],
        P::Violation => vec![row(&[Id::ViolationNo, Id::ViolationYes, Id::ViolationUnsure])],
        P::Customised => vec![row(&[Id::CustomisedNo, Id::CustomisedYes])],
        P::Applicant => vec![
            row(&[Id::ApplicantOwner, Id::ApplicantAdmin]),
            row(&[Id::ApplicantFinance, Id::ApplicantOther]),
        ],
        P::Request => vec![row(&[Id::RequestSelfService]), row(&[Id::RequestRequested])],
        P::Ground => vec![
            row(&[Id::GroundServiceQuality]),
            row(&[Id::GroundCannotProvide]),
            row(&[Id::GroundSecretLeak]),
            row(&[Id::GroundWrittenNotice]),
            row(&[Id::GroundNone]),
        ],
        // A daily order runs a day at a time.
        P::End if d.billing == Some(crate::policy::Billing::Daily) => vec![row(&[Id::End1d])],
        P::End => vec![row(&[Id::End1m, Id::End3m, Id::End1y])],
        P::Package => vec![row(&[Id::PackageYes, Id::PackageNo])],
        P::ListPrice => vec![row(&[Id::ListNone, Id::ListUnknown])],
        P::Voucher => vec![row(&[Id::VoucherNone])],
        P::Gift => vec![row(&[Id::GiftNone])],
        P::MonthlyPrice => vec![row(&[Id::MonthlyUnknown])],
        P::Overage => vec![row(&[Id::OverageNone])],
        P::ValueAdded if d.value_added.is_empty() => vec![row(&[Id::VasNone])],
        P::ValueAdded => vec![row(&[Id::VasDone])],
        P::Customisation => vec![row(&[Id::CustomNone])],
        P::DeleteAt => vec![row(&[Id::DeleteNow])],
        // The cloud known already (said in words): only its own buttons, to go on without the ID.
        P::Instance if d.provider.is_some() => known_cloud(d),
        // The ID, or only the cloud, or where to find it.
        P::Instance => vec![
            row(&[Id::ProviderUcloud, Id::ProviderTencent]),
            row(&[Id::ProviderHuawei, Id::ProviderAliyun]),
            row(&[Id::ProductLighthouse, Id::ProductUlhost]),
            row(&[Id::ProductCrossBorder, Id::InstanceUnknown]),
        ],
        P::Provider => vec![
            row(&[Id::ProviderUcloud, Id::ProviderTencent]),
            row(&[Id::ProviderHuawei, Id::ProviderAliyun]),
        ],
        P::FirstRefund => vec![row(&[Id::FirstYes, Id::FirstNo]), row(&[Id::FirstUnsure])],
        P::HourlyPrice => vec![row(&[Id::HourlyUnknown])],
        P::UsedDiscount => vec![row(&[Id::DiscountNone])],
        P::HourlyTier => vec![row(&[Id::TierNone])],
        P::BandwidthPrice => vec![row(&[Id::BandwidthNone])],
        P::Renewals => vec![row(&[Id::RenewalsNone])],
        P::RefundFee => vec![row(&[Id::RefundFeeNone])],
        P::Reason => vec![
            row(&[Id::ReasonBusinessChange, Id::ReasonPerformance]),
            row(&[Id::ReasonNotAsDescribed, Id::ReasonBoughtByMistake]),
            row(&[Id::ReasonOther]),
        ],
        _ => vec![],
    };
    let mut nav = Vec::new();
    if answered(p, d) {
        nav.push(Button::new(Id::NavKeep));
    }
    if p != main(d)[0] {
        nav.push(Button::new(Id::NavBack));
    }
    if !nav.is_empty() {
        rows.push(nav);
    }
    rows
}

/// The current answer of a question, for display ("current: monthly").
fn current(p: P, d: &Draft) -> Value {
    let v = match p {
        P::Billing => json!(d.billing),
        P::Arrears => json!(d.arrears),
        P::Violation => json!(d.violation),
        P::Customised => json!(d.customised),
        P::Applicant => json!(d.applicant),
        P::Request => json!(d.request),
        P::Ground => json!(d.ground.map(|g| g.map(|g| g.as_str()).unwrap_or("none"))),
        P::Instance => json!(d.instance),
        P::Start => json!(d.start.map(|t| t.to_rfc3339())),
        P::End => json!(d.end.map(|t| t.to_rfc3339())),
        P::Paid => json!(d.paid),
        P::Package => json!(d.package),
        P::ListPrice => json!(
            d.list_price
                .map(|l| l.map_or("none".to_owned(), |l| l.to_string()))
        ),
        P::Voucher => json!(d.voucher),
        P::Gift => json!(d.gift),
        P::MonthlyPrice => json!(
            d.monthly_price
                .map(|m| m.map_or("unknown".to_owned(), |m| m.to_string()))
        ),
        P::Customisation => json!(d.customisation),
        P::DeleteAt => json!(d.delete_at.map(|t| t.to_rfc3339())),
        P::Reason => json!(d.reason),
        P::Provider => json!(d.provider()),
        P::FirstRefund => json!(d.cloud.first_refund),
        P::HourlyPrice => json!(d.cloud.hourly_price.map(|x| x.to_string())),
        P::UsedDiscount => json!(d.cloud.used_discount.map(|x| x.to_string())),
        P::HourlyTier => json!(d.cloud.hourly_tier.map(|t| format!("{}:{}", t.hours, t.price))),
        P::BandwidthPrice => json!(d.cloud.bandwidth_price.map(|x| x.to_string())),
        P::Renewals => json!(d.cloud.renewals),
        P::RefundFee => json!(d.cloud.fee.map(|x| x.to_string())),
        _ => Value::Null,
    };
    if answered(p, d) { v } else { Value::Null }
}

/// The question for the current position.
pub(crate) fn ask(s: &State, ctx: &Ctx) -> Reply {
    let d = &s.draft;
    let (n, total) = counter(s, ctx.now);
    let need = need_of(s.at).filter(|_| d.is_cloud());
    let key = match need {
        Some(_) => "q.need".to_owned(),
        None => format!("q.{}", json!(s.at).as_str().unwrap_or("menu")),
    };
    Reply::new(
        &key,
        json!({
            "step": n,
            "total": total,
            "refine": refine(d).contains(&s.at),
            "need": need,
            "provider": d.provider(),
            "cloud": d.is_cloud(),
            "current": current(s.at, d),
            "billing": d.billing,
            "start": d.start.map(|t| t.to_rfc3339()),
            "paid": d.paid,
            "product": d.instance.as_ref().map(|i| i.prefix().to_owned()),
            "value_added": d.value_added,
        }),
    )
    .buttons({
        // What the user said without a role first: it is their own answer.
        let mut rows = offered::rows(s);
        rows.extend(buttons(s.at, d));
        rows
    })
}

/// "Step n of m" for the question on screen: m counts the questions of this
/// part (the check, or the refinement after the estimate) that apply, and n
/// is m less the questions still ahead, so a sentence that answers several
/// questions moves it forward and it never goes back. Still ahead are the
/// other questions not answered yet; after `/back` to a question already
/// answered, the ones after it (the user walks through them again).
pub(crate) fn counter(s: &State, now: chrono::DateTime<chrono::Utc>) -> (usize, usize) {
    let d = &s.draft;
    // Before the deletion time is told, the questions it will bring are
    // counted as for a deletion now (Tencent's hourly price after "Now"), so
    // "Last question" is not followed by another.
    let mut supposed = d.clone();
    if supposed.delete_at.is_none() {
        supposed.delete_at = Some(now);
        supposed.not_deleted = true;
    }
    let steps: Vec<P> = segment(s.at, d)
        .iter()
        .copied()
        .filter(|p| applies(*p, &supposed) || *p == s.at)
        .collect();
    let i = steps.iter().position(|p| *p == s.at).unwrap_or(0);
    let revisit = answered(s.at, d) && s.fixing != Some(s.at);
    let ahead = if revisit {
        steps.len() - i - 1
    } else {
        steps.iter().filter(|p| **p != s.at && !answered(**p, d)).count()
    };
    (steps.len() - ahead, steps.len())
}
