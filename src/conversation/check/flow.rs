//! The order of the questions of a check, which apply, which are answered,
//! and how each is asked (its buttons and the current answer).

use crate::case::{Draft, Reason};
use crate::conversation::base::state::Position as P;
use crate::policy::{Billing, Need, Profile, ProviderFacts, RequestKind};
use serde_json::json;

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
pub(crate) const CLOUD_MAIN: [P; 16] = [
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
    P::ListPrice,
    P::MonthlyPrice,
    P::HourlyPrice,
];

/// The details that sharpen the other clouds' figure, asked after it.
pub(crate) const CLOUD_REFINE: [P; 9] = [
    P::UsedDiscount,
    P::HourlyTier,
    P::BandwidthPrice,
    P::Renewals,
    P::RefundFee,
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
        P::RefundFee => Need::RefundFee,
        P::ListPrice => Need::ListPrice,
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
    for o in &mut facts.orders {
        o.list_price = None;
    }
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

/// What a first UCloud estimate still assumes away (the refine amounts not
/// answered), by name: "voucher", "list_price", …
pub(crate) fn assumed_open(d: &Draft) -> Vec<String> {
    [P::ListPrice, P::Voucher, P::Gift, P::Overage, P::ValueAdded]
        .into_iter()
        .filter(|p| applies(*p, d) && !answered(*p, d))
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
            P::RefundFee,
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
        // UCloud's promotional list price is a question of its own.
        P::ListPrice if !d.is_cloud() => true,
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
        P::Instance => d.instance.is_some() || d.no_instance,
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
        P::RefundFee => {
            d.cloud.fee.is_some() || d.cloud.shown_refund.is_some() || d.declined.contains(&Need::RefundFee)
        }
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
