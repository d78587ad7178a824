//! How the figures are shown: order lines that add up, promotions, caps, the 2026
//! note's rounding and alignment, whole hours, an estimated monthly price.

use super::*;

#[test]
fn order_lines_always_add_up_to_the_total_shown() {
    // Unrounded 0.3474 + 0.1094 − 0.0324 = 0.4244 would show 0.42 under lines
    // of 0.35, 0.11 and −0.03.
    let start = sh(2026, 4, 1, 0, 0, 0);
    let end = sh(2026, 5, 1, 0, 0, 0);
    let mut f = case(Billing::Monthly, "33.33", start, end, sh(2026, 4, 1, 5, 0, 0));
    for (paid, hour) in [("13.13", 1), ("-7.77", 3)] {
        f.orders.push(Order {
            kind: if paid.starts_with('-') {
                OrderKind::Downgrade
            } else {
                OrderKind::Upgrade
            },
            start: sh(2026, 4, 1, hour, 0, 0),
            end,
            paid: d(paid),
            list_price: None,
        });
    }
    let q = quote(&f, Profile::load(ProfileId::Ucloud2026)).expect("quote");
    let sum: Decimal = q
        .lines
        .iter()
        .filter(|l| l.key == "order")
        .filter_map(|l| l.amount)
        .sum();
    let total = q
        .lines
        .iter()
        .find(|l| l.key == "consumed_total")
        .expect("total line");
    assert_eq!(Some(sum), total.amount);
    assert_eq!(q.paid - q.consumed, q.refund);
}

#[test]
fn a_list_price_below_what_was_paid_is_no_promotion() {
    let start = sh(2026, 4, 1, 0, 0, 0);
    let mut f = case(
        Billing::Monthly,
        "800",
        start,
        sh(2026, 5, 1, 0, 0, 0),
        sh(2026, 4, 11, 0, 0, 0),
    );
    f.orders[0].list_price = Some(d("500"));
    let q = quote(&f, Profile::load(ProfileId::Ucloud2026)).expect("quote");
    let order = q.lines.iter().find(|l| l.key == "order").expect("order line");
    assert_eq!(
        order.vars["coefficient"], "1.5",
        "the published coefficient, not 500/800"
    );
    assert!(!q.has(FindingCode::PromotionalOrder));
    assert_eq!(q.consumed, d("400.00"));
}

#[test]
fn a_capped_consumption_says_so_on_the_refund_line() {
    let start = sh(2026, 4, 1, 0, 0, 0);
    let f = case(
        Billing::Monthly,
        "800",
        start,
        sh(2026, 5, 1, 0, 0, 0),
        sh(2026, 4, 25, 0, 0, 0),
    );
    let q = quote(&f, Profile::load(ProfileId::Ucloud2026)).expect("quote");
    assert_eq!(q.consumed.to_string(), "800.00");
    let refund = q.lines.iter().find(|l| l.key == "refund").expect("refund line");
    assert_eq!(refund.vars["capped"], true);
    assert_eq!(refund.vars["computed"], "960.00");
    assert_eq!(refund.vars["consumed"], "800.00");
    let uncapped = ucloud(&case(
        Billing::Monthly,
        "800",
        start,
        sh(2026, 5, 1, 0, 0, 0),
        sh(2026, 4, 11, 0, 0, 0),
    ));
    let line = uncapped
        .lines
        .iter()
        .find(|l| l.key == "refund")
        .expect("refund line");
    assert_eq!(line.vars["capped"], false);
}

#[test]
fn the_2026_note_keeps_a_cent_when_the_result_equals_what_was_paid() {
    let start = sh(2026, 4, 1, 0, 0, 0);
    let f = case(
        Billing::Monthly,
        "800",
        start,
        sh(2026, 5, 1, 0, 0, 0),
        start - TimeDelta::hours(1),
    );
    let q = quote(&f, Profile::load(ProfileId::Ucloud2026)).expect("quote");
    assert_eq!(q.refund, d("799.99"));
    assert!(q.has(FindingCode::PennyKept));
}

#[test]
fn the_2026_note_aligns_a_daily_order_up_to_the_next_day() {
    let start = sh(2026, 4, 1, 10, 0, 0);
    let mut f = case(
        Billing::Daily,
        "100",
        start,
        start + TimeDelta::days(10),
        start + TimeDelta::hours(25),
    );
    // A disk: a daily host released early is not refunded at all.
    f.instance_id = Some("udisk-1a2b3c4d".into());
    let q = quote(&f, Profile::load(ProfileId::Ucloud2026)).expect("quote");
    // two whole days of ten: consumed 100 × 0.2 × 1.25 = 25.
    assert_eq!(q.refund, d("75.00"));
}

#[test]
fn a_started_hour_counts_as_a_whole_hour() {
    let start = sh(2026, 4, 1, 0, 0, 0);
    let f = case(
        Billing::Monthly,
        "720",
        start,
        sh(2026, 5, 1, 0, 0, 0),
        start + TimeDelta::minutes(61),
    );
    let q = ucloud(&f);
    assert_eq!(q.used_hours, 2);
    assert_eq!(q.consumed, d("3.00"));
}

#[test]
fn a_yearly_order_without_monthly_price_is_estimated_from_the_yearly_discount() {
    let start = sh(2025, 1, 1, 0, 0, 0);
    let f = case(
        Billing::Yearly,
        "7968",
        start,
        sh(2026, 1, 1, 0, 0, 0),
        start + TimeDelta::hours(1460),
    );
    let q = ucloud(&f);
    // 7968 ÷ (12 × 0.83) = 800 a month; two months used = 1600.
    assert_eq!(q.consumed, d("1600.00"));
    let est = q
        .findings
        .iter()
        .find(|x| x.code == FindingCode::MonthlyPriceEstimated)
        .expect("flagged");
    assert_eq!(est.vars["monthly_price"], "800.00");
}
