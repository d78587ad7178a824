//! The order of the questions of a check, which apply, which are answered,
//! and how each is asked (its buttons and the current answer).

use super::buttons::Id;
use super::state::{Position as P, State};
use super::{Button, Ctx, Reply};
use crate::case::{Draft, Reason};
use crate::policy::{Billing, Need, Profile, ProviderFacts, RequestKind};
use serde_json::{Value, json};

/// The questions on the way to the first estimate, in order. The account
/// items are asked one by one only when the user opens them.
pub(crate) const MAIN: [P; 13] = [
    P::Billing,
    P::Account,
    P::Arrears,
    P::Violation,
    P::Customised,
    P::Applicant,
    P::Instance,
    P::Provider,
    P::Package,
    P::Start,
    P::End,
    P::Paid,
    P::DeleteAt,
];

/// The same for Tencent, Huawei and Alibaba: then the inputs their rules
/// cannot do without (asked only when the profile needs them).
pub(crate) const CLOUD_MAIN: [P; 15] = [
    P::Billing,
    P::Account,
    P::Arrears,
    P::Violation,
    P::Customised,
    P::Applicant,
    P::Instance,
    P::Provider,
    P::Start,
    P::End,
    P::Paid,
    P::DeleteAt,
    P::FirstRefund,
    P::MonthlyPrice,
    P::HourlyPrice,
];

/// The details that sharpen the other clouds' figure, asked after it.
pub(crate) const CLOUD_REFINE: [P; 8] = [
    P::UsedDiscount,
    P::HourlyTier,
    P::BandwidthPrice,
    P::Renewals,
    P::Voucher,
    P::Gift,
    P::Reason,
    P::ReasonText,
];

/// The profile input a question asks for.
pub(crate) fn need_of(p: P) -> Option<Need> {
    Some(match p {
        P::FirstRefund => Need::FirstRefund,
        P::MonthlyPrice => Need::MonthlyPrice,
        P::UsedDiscount => Need::UsedDiscount,
        P::HourlyPrice => Need::HourlyPrice,
        P::HourlyTier => Need::HourlyTier,
        P::BandwidthPrice => Need::BandwidthPrice,
        P::Renewals => Need::Renewals,
        _ => return None,
    })
}

/// The inputs the case's profile wants, whether given yet or not (the
/// profile lists only the missing ones, so it is asked with none given but
/// the five-day answer, which decides whether prices matter).
pub(crate) fn wanted(d: &Draft) -> Vec<Need> {
    let Some(mut facts) = d.facts() else {
        return Vec::new();
    };
    facts.monthly_price = None;
    let profile = Profile::load(d.profile(crate::policy::ProfileId::Ucloud));
    let pf = ProviderFacts {
        first_refund: d.cloud.first_refund,
        ..Default::default()
    };
    profile.needs(&facts, &pf).into_iter().map(|n| n.need).collect()
}

/// The questions of the check's main part, for its provider.
pub(crate) fn main(d: &Draft) -> &'static [P] {
    if d.is_cloud() { &CLOUD_MAIN } else { &MAIN }
}

/// The questions asked after the first estimate, for its provider.
pub(crate) fn refine(d: &Draft) -> &'static [P] {
    if d.is_cloud() { &CLOUD_REFINE } else { &REFINE }
}

/// The details asked after the first estimate ("Refine"): amounts that are
/// usually none, how the refund is asked for and why.
pub(crate) const REFINE: [P; 11] = [
    P::ListPrice,
    P::Voucher,
    P::Gift,
    P::MonthlyPrice,
    P::Overage,
    P::ValueAdded,
    P::Customisation,
    P::Request,
    P::Ground,
    P::Reason,
    P::ReasonText,
];

/// The part of the check a question belongs to.
pub(crate) fn segment(p: P, d: &Draft) -> &'static [P] {
    if refine(d).contains(&p) {
        refine(d)
    } else {
        main(d)
    }
}

/// The first refine question that applies.
pub(crate) fn first_refine(d: &Draft) -> P {
    refine(d)
        .iter()
        .copied()
        .find(|p| applies(*p, d))
        .unwrap_or(refine(d)[0])
}

/// The refine questions of the other clouds that apply to a case (`open`:
/// only those not answered yet), by name, for the texts that list them.
pub(crate) fn refine_items(d: &Draft, open: bool) -> Vec<String> {
    CLOUD_REFINE
        .iter()
        .filter(|p| !matches!(p, P::Reason | P::ReasonText))
        .filter(|p| applies(**p, d) && !(open && answered(**p, d)))
        .map(|p| json!(p).as_str().unwrap_or_default().to_owned())
        .collect()
}

/// Every refine amount has been answered: the estimate assumes nothing.
pub(crate) fn refined(d: &Draft) -> bool {
    let amounts: &[P] = if d.is_cloud() {
        &[
            P::UsedDiscount,
            P::HourlyTier,
            P::BandwidthPrice,
            P::Renewals,
            P::Voucher,
            P::Gift,
        ]
    } else {
        &[P::ListPrice, P::Voucher, P::Gift, P::Overage, P::ValueAdded]
    };
    amounts.iter().all(|p| !applies(*p, d) || answered(*p, d))
}

/// The longest free text kept (reason, agent, what was said).
pub(crate) const MAX_TEXT: usize = 500;

pub(crate) fn is_check(p: P) -> bool {
    [&MAIN[..], &REFINE, &CLOUD_MAIN, &CLOUD_REFINE]
        .iter()
        .any(|l| l.contains(&p))
}

pub(crate) fn applies(p: P, d: &Draft) -> bool {
    match p {
        P::Arrears | P::Violation | P::Customised | P::Applicant => d.account_items,
        P::Ground => d.request == Some(RequestKind::Requested),
        P::Package => d.is_package_product(),
        // Asked when the instance ID does not name the cloud (counted only
        // once the ID is known, so the step counter stays truthful).
        P::Provider => d.provider.is_some() || (d.instance.is_some() && d.id_provider().is_none()),
        P::MonthlyPrice if d.is_cloud() => wanted(d).contains(&Need::MonthlyPrice),
        P::MonthlyPrice => d.billing == Some(Billing::Yearly),
        p if need_of(p).is_some() => wanted(d).contains(&need_of(p).unwrap_or(Need::FirstRefund)),
        P::Customisation => d.customised == Some(true),
        P::ReasonText => matches!(&d.reason, Some(Reason::Other(t)) if t.is_empty()),
        _ => true,
    }
}

pub(crate) fn answered(p: P, d: &Draft) -> bool {
    match p {
        P::Billing => d.billing.is_some(),
        P::Account => {
            d.account_items
                || (d.arrears.is_some()
                    && d.violation.is_some()
                    && d.customised.is_some()
                    && d.applicant.is_some())
        }
        P::Arrears => d.arrears.is_some(),
        P::Violation => d.violation.is_some(),
        P::Customised => d.customised.is_some(),
        P::Applicant => d.applicant.is_some(),
        P::Request => d.request.is_some(),
        P::Ground => d.ground.is_some(),
        P::Instance => d.instance.is_some(),
        P::Start => d.start.is_some(),
        P::End => d.end.is_some(),
        P::Paid => d.paid.is_some(),
        P::Package => d.package.is_some(),
        P::ListPrice => d.list_price.is_some(),
        P::Voucher => d.voucher.is_some(),
        P::Gift => d.gift.is_some(),
        P::MonthlyPrice => d.monthly_price.is_some(),
        P::Overage => d.overage.is_some(),
        P::ValueAdded => d.value_added_done,
        P::Customisation => d.customisation.is_some(),
        P::DeleteAt => d.delete_at.is_some(),
        P::Reason => d.reason.is_some(),
        P::ReasonText => matches!(&d.reason, Some(Reason::Other(t)) if !t.is_empty()),
        P::Provider => d.provider().is_some(),
        P::FirstRefund => d.cloud.first_refund.is_some(),
        P::HourlyPrice => d.cloud.hourly_price.is_some() || d.declined.contains(&Need::HourlyPrice),
        P::UsedDiscount => d.cloud.used_discount.is_some() || d.declined.contains(&Need::UsedDiscount),
        P::HourlyTier => d.cloud.hourly_tier.is_some() || d.declined.contains(&Need::HourlyTier),
        P::BandwidthPrice => d.cloud.bandwidth_price.is_some() || d.declined.contains(&Need::BandwidthPrice),
        P::Renewals => !d.cloud.renewals.is_empty() || d.declined.contains(&Need::Renewals),
        _ => true,
    }
}

/// How many questions are still to answer before the estimate.
pub(crate) fn questions_left(d: &Draft) -> usize {
    main(d)
        .iter()
        .filter(|p| applies(**p, d) && !answered(**p, d))
        .count()
}

/// The first question still to answer before the estimate (or `Result`
/// when all are in).
pub(crate) fn first_open(d: &Draft) -> P {
    main(d)
        .iter()
        .copied()
        .find(|p| applies(*p, d) && !answered(*p, d))
        .unwrap_or(P::Result)
}

pub(crate) fn buttons(p: P, d: &Draft) -> Vec<Vec<Button>> {
    let row = |ids: &[Id]| ids.iter().map(|i| Button::new(*i)).collect::<Vec<_>>();
    let mut rows = match p {
        P::Billing => vec![
            // The common prepaid answer first: the first option always moves forward.
            row(&[Id::BillingMonthly, Id::BillingYearly, Id::BillingHourly]),
            row(&[Id::BillingDaily, Id::BillingTrial, Id::BillingUnsure]),
        ],
        P::Account => vec![row(&[Id::AccountNone]), row(&[Id::AccountItems])],
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
        P::End => vec![row(&[Id::End1m, Id::End3m, Id::End1y])],
        P::Package => vec![row(&[Id::PackageYes, Id::PackageNo])],
        P::ListPrice => vec![row(&[Id::ListNone])],
        P::Voucher => vec![row(&[Id::VoucherNone])],
        P::Gift => vec![row(&[Id::GiftNone])],
        P::MonthlyPrice => vec![row(&[Id::MonthlyUnknown])],
        P::Overage => vec![row(&[Id::OverageNone])],
        P::ValueAdded if d.value_added.is_empty() => vec![row(&[Id::VasNone])],
        P::ValueAdded => vec![row(&[Id::VasDone])],
        P::Customisation => vec![row(&[Id::CustomNone])],
        P::DeleteAt => vec![row(&[Id::DeleteNow])],
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
        _ => Value::Null,
    };
    if answered(p, d) { v } else { Value::Null }
}

/// The question for the current position.
pub(crate) fn ask(s: &State, _ctx: &Ctx) -> Reply {
    let d = &s.draft;
    // "Step n of m" counts the questions of this part that apply; after the
    // current one only those still to answer are counted (known answers are
    // skipped), unless the user came back to change an answer and will walk
    // through the following ones again.
    let steps: Vec<P> = segment(s.at, d)
        .iter()
        .copied()
        .filter(|p| applies(*p, d) || *p == s.at)
        .collect();
    let i = steps.iter().position(|p| *p == s.at).unwrap_or(0);
    let revisit = answered(s.at, d) && s.fixing != Some(s.at);
    let after = steps[i + 1..]
        .iter()
        .filter(|p| revisit || !answered(**p, d))
        .count();
    let n = i + 1;
    let need = need_of(s.at).filter(|_| d.is_cloud());
    let key = match need {
        Some(_) => "q.need".to_owned(),
        None => format!("q.{}", json!(s.at).as_str().unwrap_or("menu")),
    };
    Reply::new(
        &key,
        json!({
            "step": n,
            "total": n + after,
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
        let mut rows = super::offered::rows(s);
        rows.extend(buttons(s.at, d));
        rows
    })
}
