//! The published examples of the product pages, to the cent.

use crate::facts::{self, d, sh};
use refund_assistant::input::parse_instance_id;
use refund_assistant::policy::{
    Billing, CaseFacts, FindingCode, Profile, ProfileId, Provider, ProviderFacts, Quote, Tri, quote_with,
};

fn run(id: ProfileId, f: &CaseFacts, first: Option<Tri>) -> Quote {
    let pf = ProviderFacts {
        first_refund: first,
        ..Default::default()
    };
    quote_with(f, &pf, Profile::load(id)).expect("quote")
}

fn line(q: &Quote, key: &str) -> Option<rust_decimal::Decimal> {
    q.lines.iter().find(|l| l.key == key).and_then(|l| l.amount)
}

/// A ULHost order of `months` months paid `paid`, deleted after 9.5 days.
fn ulhost(paid: &str, months: u32) -> Quote {
    let start = sh(2026, 3, 1, 0, 0, 0);
    let end = sh(2026, 3 + months, 1, 0, 0, 0);
    let f = facts::case(Billing::Monthly, paid, start, end, sh(2026, 3, 10, 12, 0, 0));
    run(ProfileId::Ulhost, &f, None)
}

#[test]
fn ulhost_68_for_two_months_used_nine_and_a_half_days_refunds_51() {
    let q = ulhost("68", 2);
    assert_eq!(line(&q, "ulhost_days_used"), Some(d("17.00")), "{:?}", q.lines);
    assert_eq!(q.refund, d("51.00"));
    assert_eq!(q.figure(), Some(d("51.00")));
}

#[test]
fn ulhost_34_for_one_month_refunds_17_and_says_the_page_printed_14() {
    let q = ulhost("34", 1);
    assert_eq!(q.refund, d("17.00"));
    let f = q
        .findings
        .iter()
        .find(|f| f.code == FindingCode::UlhostPageDeleted)
        .expect("the deleted page is named");
    assert_eq!(f.vars["deleted"], "2026-06-03");
    let r = refund_assistant::render::Renderer::new().expect("templates");
    for lang in [
        refund_assistant::render::Lang::ZhCn,
        refund_assistant::render::Lang::En,
    ] {
        let text = r.text(lang, "finding.ulhost_page_deleted.reason", f);
        assert!(
            text.contains("14") && text.contains("17") && text.contains("2026-06-03"),
            "{text}"
        );
    }
}

#[test]
fn ulhost_counts_a_started_day_whole_and_a_whole_period_used_refunds_nothing() {
    let start = sh(2026, 3, 1, 0, 0, 0);
    let end = sh(2026, 4, 1, 0, 0, 0);
    let f = facts::case(Billing::Monthly, "30", start, end, sh(2026, 3, 1, 0, 0, 1));
    // One started day of 30: 1 × 30/30 × 1.5 = 1.50.
    assert_eq!(run(ProfileId::Ulhost, &f, None).refund, d("28.50"));
    let f = facts::case(Billing::Monthly, "30", start, end, end);
    let q = run(ProfileId::Ulhost, &f, None);
    assert_eq!(q.refund, d("0.00"));
    assert!(q.has(FindingCode::WholePeriodUsed));
}

#[test]
fn ulhost_keeps_the_accounts_blockers() {
    let start = sh(2026, 3, 1, 0, 0, 0);
    let mut f = facts::case(
        Billing::Monthly,
        "34",
        start,
        sh(2026, 4, 1, 0, 0, 0),
        sh(2026, 3, 5, 0, 0, 0),
    );
    f.account.arrears = Tri::Yes;
    assert!(run(ProfileId::Ulhost, &f, None).has(FindingCode::ArrearsOutstanding));
}

#[test]
fn a_cross_border_zone_host_gets_no_refund_of_the_remaining_period() {
    let start = sh(2026, 3, 1, 0, 0, 0);
    let f = facts::case(
        Billing::Monthly,
        "120",
        start,
        sh(2026, 4, 1, 0, 0, 0),
        sh(2026, 3, 2, 0, 0, 0),
    );
    let q = run(ProfileId::CrossBorder, &f, None);
    assert_eq!(q.refund, d("0.00"));
    assert_eq!(q.figure(), Some(d("0.00")));
    assert!(q.has(FindingCode::CrossBorderNoRefund));
    assert_eq!(line(&q, "cross_border_no_refund"), Some(d("120.00")));
}

/// A one-year Lighthouse order paid `paid` at list `list`, returned `days`
/// days after the purchase.
fn lighthouse(id: ProfileId, paid: &str, list: &str, days: i64, first: Tri) -> Quote {
    let start = sh(2026, 1, 1, 10, 0, 0);
    let end = sh(2027, 1, 1, 10, 0, 0);
    let mut f = facts::case(
        Billing::Yearly,
        paid,
        start,
        end,
        start + chrono::TimeDelta::days(days),
    );
    f.orders[0].list_price = Some(d(list));
    run(id, &f, Some(first))
}

#[test]
fn lighthouse_instance_918_paid_1080_list_five_day_918_thirty_days_829_23() {
    let q = lighthouse(ProfileId::Lighthouse, "918", "1080", 2, Tri::Yes);
    assert_eq!(q.refund, d("918.00"));
    let q = lighthouse(ProfileId::Lighthouse, "918", "1080", 30, Tri::No);
    assert_eq!(line(&q, "list_price_days"), Some(d("88.77")), "{:?}", q.lines);
    assert_eq!(q.refund, d("829.23"));
    assert!(q.has(FindingCode::LighthouseQuota));
}

#[test]
fn lighthouse_disk_306_paid_360_list_five_day_306_thirty_days_276_41() {
    let q = lighthouse(ProfileId::LighthouseDisk, "306", "360", 1, Tri::Yes);
    assert_eq!(q.refund, d("306.00"));
    let q = lighthouse(ProfileId::LighthouseDisk, "306", "360", 30, Tri::No);
    assert_eq!(q.refund, d("276.41"));
    let quota = q
        .findings
        .iter()
        .find(|f| f.code == FindingCode::LighthouseQuota)
        .expect("quota");
    assert_eq!(quota.vars["per_year"], 199);
}

#[test]
fn lighthouse_without_the_list_price_gives_no_figure_but_its_ceiling() {
    let start = sh(2026, 1, 1, 10, 0, 0);
    let f = facts::case(
        Billing::Yearly,
        "918",
        start,
        sh(2027, 1, 1, 10, 0, 0),
        sh(2026, 1, 31, 10, 0, 0),
    );
    let q = run(ProfileId::Lighthouse, &f, Some(Tri::No));
    assert_eq!(q.figure(), None);
    let need = q
        .findings
        .iter()
        .find(|f| f.code == FindingCode::ListPriceNeeded)
        .expect("asked");
    // 918 − 30/365 × 918 = 918 − 75.45
    assert_eq!(need.vars["at_most"], "842.55");
}

#[test]
fn lighthouse_inside_five_days_unsure_of_the_quota_says_how_the_days_are_counted() {
    let q = lighthouse(ProfileId::Lighthouse, "918", "1080", 2, Tri::Unsure);
    assert!(q.has(FindingCode::LighthouseFiveDayCount));
    assert!(q.has(FindingCode::FiveDayUnsure));
    // Until told, the ordinary refund: 2 days of 365 at the list price.
    assert_eq!(q.refund, d("912.08"));
}

#[test]
fn lighthouse_and_ulhost_ids_name_their_products() {
    let id = parse_instance_id("lhins-g4bwdjbf").expect("lighthouse id");
    assert_eq!(id.provider(), Some(Provider::Tencent));
    assert_eq!(ProfileId::for_prefix(id.prefix()), Some(ProfileId::Lighthouse));
    let id = parse_instance_id("ULHost-1tregne0qp7u").expect("ulhost id as the console shows it");
    assert_eq!(id.as_str(), "ulhost-1tregne0qp7u");
    assert_eq!(id.provider(), Some(Provider::Ucloud));
    assert_eq!(ProfileId::for_prefix(id.prefix()), Some(ProfileId::Ulhost));
    assert!(parse_instance_id("lhins-123").is_err());
}
