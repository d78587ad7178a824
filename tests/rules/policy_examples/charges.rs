//! What else is charged or kept: overage, value-added services, customisation,
//! written notices, long yearly orders, packages, gifts and the article profile.

use super::*;

#[test]
fn seed_example_20_gb_beyond_a_100_gb_plan_is_deducted_at_the_unit_price() {
    let start = sh(2026, 4, 1, 0, 0, 0);
    let mut f = case(
        Billing::Monthly,
        "300",
        start,
        sh(2026, 5, 1, 0, 0, 0),
        start + TimeDelta::days(15),
    );
    f.overage = Some(Overage {
        quota: d("100"),
        used: d("120"),
        unit_price: d("0.8"),
        unit: Some("GB".into()),
    });
    let q = quote(&f, Profile::load(ProfileId::Article)).expect("quote");
    let line = q.lines.iter().find(|l| l.key == "overage").expect("overage line");
    assert_eq!(line.amount, Some(d("16.00")));
    assert_eq!(line.vars["over"], "20");
    // pro-rata: 300 − 150 − 16
    assert_eq!(q.refund, d("134.00"));
}

#[test]
fn seed_example_support_at_100_a_month_used_half_a_month_deducts_50() {
    let start = sh(2026, 4, 1, 0, 0, 0);
    let mut f = case(
        Billing::Monthly,
        "300",
        start,
        sh(2026, 5, 1, 0, 0, 0),
        start + TimeDelta::days(15),
    );
    f.value_added.push(ValueAdded {
        name: "技术支持".into(),
        price: d("100"),
        used_share: None,
        refundable: true,
    });
    let q = quote(&f, Profile::load(ProfileId::Article)).expect("quote");
    let line = q.lines.iter().find(|l| l.key == "value_added").expect("vas line");
    assert_eq!(line.amount, Some(d("50.00")));
    assert_eq!(q.paid, d("400.00"));
    assert_eq!(q.refund, d("200.00"));
}

#[test]
fn customisation_costs_paid_on_top_are_kept_and_vouchers_are_flagged() {
    let start = sh(2026, 4, 1, 0, 0, 0);
    let mut f = case(
        Billing::Monthly,
        "800",
        start,
        sh(2026, 5, 1, 0, 0, 0),
        start + TimeDelta::days(10),
    );
    f.customisation_cost = d("100");
    f.voucher = d("50");
    f.account.customised = true;
    let q = ucloud(&f);
    assert_eq!((q.paid, q.refund), (d("900.00"), d("400.00")));
    assert!(q.has(FindingCode::VouchersNotRefunded));
    // A deletion refunds at once: no review to wait for.
    assert!(!q.has(FindingCode::LongerReview));
    f.account.request = RequestKind::Requested;
    f.account.ground = Some(Ground::ServiceQuality);
    assert!(ucloud(&f).has(FindingCode::LongerReview));
}

#[test]
fn a_written_notice_refund_pays_20_percent_of_the_unused_amount() {
    let start = sh(2026, 4, 1, 0, 0, 0);
    let mut f = case(
        Billing::Monthly,
        "800",
        start,
        sh(2026, 5, 1, 0, 0, 0),
        start + TimeDelta::days(10),
    );
    f.account.request = RequestKind::Requested;
    f.account.ground = Some(Ground::WrittenNotice);
    let q = ucloud(&f);
    // Unused: 800 × 20/30 = 533.33; 20% of it = 106.67; 400 − 106.67.
    let line = q
        .lines
        .iter()
        .find(|l| l.key == "written_notice_penalty")
        .expect("penalty line");
    assert_eq!(line.amount, Some(d("106.67")));
    assert_eq!(q.refund, d("293.33"));
}

#[test]
fn a_yearly_order_of_eighteen_months_charges_eighteen_monthly_prices() {
    let start = sh(2025, 1, 1, 0, 0, 0);
    let end = sh(2026, 7, 1, 0, 0, 0);
    let period = (end - start).num_hours();
    let mut f = case(
        Billing::Yearly,
        "10000",
        start,
        end,
        start + TimeDelta::hours(period / 6),
    );
    f.monthly_price = Some(d("800"));
    let q = ucloud(&f);
    // 800 × 18 × 1/6 = 2400.
    assert_eq!((q.consumed, q.refund), (d("2400.00"), d("7600.00")));
}

#[test]
fn a_package_product_is_not_refunded() {
    let start = sh(2026, 4, 1, 0, 0, 0);
    let mut f = case(
        Billing::Monthly,
        "800",
        start,
        sh(2026, 5, 1, 0, 0, 0),
        start + TimeDelta::days(10),
    );
    f.account.package = true;
    let q = ucloud(&f);
    assert_eq!(q.refund, d("0.00"));
    assert_eq!(
        q.blockers().next().map(|b| b.code),
        Some(FindingCode::PackageProduct)
    );
}

#[test]
fn the_gift_part_is_refunded_in_proportion() {
    let start = sh(2026, 4, 1, 0, 0, 0);
    let mut f = case(
        Billing::Monthly,
        "800",
        start,
        sh(2026, 5, 1, 0, 0, 0),
        start + TimeDelta::days(10),
    );
    f.gift = d("200");
    let q = ucloud(&f);
    assert_eq!((q.refund_cash, q.refund_gift), (d("300.00"), d("100.00")));
}

#[test]
fn the_article_profile_warns_when_more_than_half_a_yearly_term_is_used() {
    let start = sh(2025, 1, 1, 0, 0, 0);
    let f = case(
        Billing::Yearly,
        "8760",
        start,
        sh(2026, 1, 1, 0, 0, 0),
        start + TimeDelta::hours(4380 + 1),
    );
    let q = quote(&f, Profile::load(ProfileId::Article)).expect("quote");
    assert_eq!(q.refund, d("4379.00"));
    assert!(q.has(FindingCode::YearlyOverHalf));
}
