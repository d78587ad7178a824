//! Huawei and Alibaba outside the five days as of the 2026 reading: no
//! China fee is made up for Huawei (the fee on the user's refund order, or the
//! refund the unsubscribe page shows, is taken and the rest of the formula
//! checked against it), and Alibaba's other pages are offered only as hints.

use crate::facts;

use facts::{case, d, fee_rate, line, not_first, run, sh};
use refund_assistant::policy::{Billing, FindingCode as C, Profile, ProfileId, ProviderFacts, Quote};

/// Huawei's monthly disk of the H3 example, 100 paid, unsubscribed after
/// 14 days: 336 of 768 whole hours used, 56.25 before any fee.
fn huawei_disk(pf: ProviderFacts) -> Quote {
    let f = case(
        Billing::Monthly,
        "100",
        sh(2026, 3, 1, 0, 0, 0),
        Profile::load(ProfileId::Huawei).expiry(sh(2026, 4, 1, 0, 0, 0)),
        sh(2026, 3, 15, 0, 0, 0),
    );
    run(ProfileId::Huawei, &f, &pf)
}

#[test]
fn huawei_outside_five_days_computes_no_china_fee_and_says_where_the_fee_is_shown() {
    let q = huawei_disk(not_first());
    assert_eq!(q.refund, d("56.25"));
    assert!(q.has(C::HandlingFeeUnpublished));
    assert!(q.lines.iter().any(|l| l.key == "fee_on_page"));
    // The only rate shown is the international site's, as a range.
    assert_eq!(fee_rate(&q).as_deref(), Some("10"));
    let r = refund_assistant::render::Renderer::new().expect("templates");
    let f = q.findings.iter().find(|f| f.code == C::HandlingFeeUnpublished);
    let zh = r.text(
        refund_assistant::render::Lang::ZhCn,
        "finding.handling_fee_unpublished.action",
        f,
    );
    assert!(
        zh.contains("退订与退换货") && zh.contains("消费-退订手续费"),
        "{zh}"
    );
    let en = r.text(
        refund_assistant::render::Lang::En,
        "finding.handling_fee_unpublished.reason",
        f,
    );
    assert!(
        en.contains("international rate") && en.contains("unsubscribe page"),
        "{en}"
    );
}

#[test]
fn huawei_with_the_fee_from_the_refund_order_deducts_it_and_names_no_table() {
    let q = huawei_disk(ProviderFacts {
        fee: Some(d("10")),
        ..not_first()
    });
    assert_eq!(line(&q, "fee_given"), Some(d("10.00")));
    assert_eq!(q.refund, d("46.25"));
    assert_eq!(q.figure(), Some(d("46.25")));
    assert!(!q.has(C::HandlingFeeUnpublished));
    let f = q
        .findings
        .iter()
        .find(|f| f.code == C::FeeFromRefundOrder)
        .expect("said");
    assert_eq!(f.vars["percent"], "10");
}

#[test]
fn huawei_with_the_refund_shown_on_the_page_checks_the_fee_it_implies() {
    let q = huawei_disk(ProviderFacts {
        shown_refund: Some(d("40")),
        ..not_first()
    });
    assert_eq!(line(&q, "fee_implied"), Some(d("16.25")));
    assert_eq!(q.refund, d("40.00"));
    let f = q
        .findings
        .iter()
        .find(|f| f.code == C::FeeFromShownRefund)
        .expect("said");
    assert_eq!(
        (f.vars["percent"].as_str(), f.vars["above"].as_bool()),
        (Some("16.25"), Some(false))
    );
    // A page showing more than the formula: said, never a negative fee.
    let q = huawei_disk(ProviderFacts {
        shown_refund: Some(d("60")),
        ..not_first()
    });
    assert_eq!(line(&q, "fee_implied"), Some(d("0.00")));
    let f = q
        .findings
        .iter()
        .find(|f| f.code == C::FeeFromShownRefund)
        .expect("said");
    assert_eq!(
        (f.vars["difference"].as_str(), f.vars["above"].as_bool()),
        (Some("3.75"), Some(true))
    );
}

#[test]
fn alibaba_outside_five_days_gives_no_figure_and_the_other_pages_only_as_hints() {
    let f = case(
        Billing::Monthly,
        "100",
        sh(2026, 3, 1, 0, 0, 0),
        sh(2026, 4, 1, 0, 0, 0),
        sh(2026, 3, 14, 12, 0, 0),
    );
    let q = run(ProfileId::Aliyun, &f, &not_first());
    assert_eq!(q.figure(), None);
    assert!(q.has(C::NoPublishedFormula));
    let hint = q
        .findings
        .iter()
        .find(|f| f.code == C::AliyunHints)
        .expect("hints");
    // 14 started days of 31 at the price paid: 100 − 45.16.
    assert_eq!(
        (hint.vars["used"].as_i64(), hint.vars["oss"].as_str()),
        (Some(14), Some("54.84"))
    );
    let r = refund_assistant::render::Renderer::new().expect("templates");
    let zh = r.text(
        refund_assistant::render::Lang::ZhCn,
        "finding.aliyun_hints.reason",
        hint,
    );
    assert!(zh.starts_with("只是提示，不是 ECS 的规则"), "{zh}");
    let en = r.text(
        refund_assistant::render::Lang::En,
        "finding.aliyun_hints.reason",
        hint,
    );
    assert!(en.starts_with("Hints only, not the ECS rule"), "{en}");
}
