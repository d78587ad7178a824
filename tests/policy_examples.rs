//! The published worked examples, reproduced to the cent.

use chrono::{DateTime, TimeDelta, TimeZone, Utc};
use chrono_tz::Asia::Shanghai;
use refund_assistant::policy::{
    Billing, CaseFacts, FindingCode, Ground, Order, OrderKind, Overage, Profile, ProfileId, Quote,
    RequestKind, ValueAdded, quote,
};
use rust_decimal::Decimal;
use std::str::FromStr;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).expect("decimal literal")
}

fn sh(y: i32, m: u32, day: u32, h: u32, min: u32, s: u32) -> DateTime<Utc> {
    Shanghai
        .with_ymd_and_hms(y, m, day, h, min, s)
        .single()
        .expect("valid Shanghai time")
        .with_timezone(&Utc)
}

fn case(
    billing: Billing,
    paid: &str,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    at: DateTime<Utc>,
) -> CaseFacts {
    CaseFacts {
        billing,
        product: None,
        instance_id: Some("uhost-1a2b3c4d".into()),
        orders: vec![Order {
            kind: OrderKind::New,
            start,
            end,
            paid: d(paid),
            list_price: None,
        }],
        at,
        voucher: Decimal::ZERO,
        gift: Decimal::ZERO,
        monthly_price: None,
        overage: None,
        value_added: vec![],
        customisation_cost: Decimal::ZERO,
        account: Default::default(),
    }
}

fn ucloud(facts: &CaseFacts) -> Quote {
    quote(facts, Profile::load(ProfileId::Ucloud)).expect("quote")
}

#[test]
fn example_1_one_month_800_deleted_after_ten_days_refunds_400() {
    let start = sh(2026, 4, 1, 0, 0, 0);
    let q = ucloud(&case(
        Billing::Monthly,
        "800",
        start,
        sh(2026, 5, 1, 0, 0, 0),
        start + TimeDelta::days(10),
    ));
    assert_eq!((q.consumed, q.refund), (d("400.00"), d("400.00")));
    assert_eq!((q.used_hours, q.period_hours), (240, 720));
}

#[test]
fn example_2_three_months_2400_half_used_refunds_600() {
    let start = sh(2026, 1, 1, 0, 0, 0);
    let end = sh(2026, 4, 1, 0, 0, 0);
    let q = ucloud(&case(
        Billing::Monthly,
        "2400",
        start,
        end,
        start + TimeDelta::days(45),
    ));
    assert_eq!((q.consumed, q.refund), (d("1800.00"), d("600.00")));
}

fn yearly(paid: &str, years: i32, used_hours: i64) -> Quote {
    let start = sh(2025, 1, 1, 0, 0, 0);
    let end = sh(2025 + years, 1, 1, 0, 0, 0);
    let mut f = case(
        Billing::Yearly,
        paid,
        start,
        end,
        start + TimeDelta::hours(used_hours),
    );
    f.monthly_price = Some(d("800"));
    ucloud(&f)
}

#[test]
fn example_3_one_year_8000_used_two_months_refunds_6400() {
    // 8760 h in 2025; two twelfths of it are 1460 h.
    let q = yearly("8000", 1, 1460);
    assert_eq!((q.consumed, q.refund), (d("1600.00"), d("6400.00")));
    assert!(q.has(FindingCode::YearlyClauseConflict));
}

#[test]
fn example_4_one_year_used_eleven_months_refunds_nothing_and_charges_no_excess() {
    let q = yearly("8000", 1, 8030);
    assert_eq!((q.consumed, q.refund), (d("8000.00"), d("0.00")));
    assert!(q.has(FindingCode::ConsumedExceedsPaid));
    let line = q
        .lines
        .iter()
        .find(|l| l.key == "consumed_yearly")
        .expect("yearly line");
    assert_eq!(line.amount, Some(d("8800.00")));
}

#[test]
fn example_5_three_years_14400_used_fifteen_months_refunds_2400() {
    // 2025-2027 hold 26280 h; fifteen thirty-sixths of it are 10950 h.
    let q = yearly("14400", 3, 10950);
    assert_eq!((q.consumed, q.refund), (d("12000.00"), d("2400.00")));
}

#[test]
fn eip_example_with_a_promotion_and_a_downgrade_refunds_0_71_under_the_2026_note() {
    let start = sh(2026, 4, 10, 15, 37, 43);
    let end = sh(2026, 5, 10, 15, 37, 43);
    let mut f = case(Billing::Monthly, "33.75", start, end, sh(2026, 4, 22, 23, 37, 43));
    f.instance_id = Some("eip-abcd1234".into());
    f.orders[0].list_price = Some(d("75.00"));
    f.orders.push(Order {
        kind: OrderKind::Downgrade,
        start: sh(2026, 4, 22, 23, 32, 4),
        end,
        paid: d("-2.21"),
        list_price: Some(d("-26.51")),
    });
    let q = quote(&f, Profile::load(ProfileId::Ucloud2026)).expect("quote");
    let orders: Vec<_> = q.lines.iter().filter(|l| l.key == "order").collect();
    assert_eq!(orders[0].amount, Some(d("30.83")));
    assert_eq!(q.consumed, d("30.83"));
    assert_eq!(q.paid, d("31.54"));
    assert_eq!(q.refund, d("0.71"));
    assert!(q.has(FindingCode::PromotionalOrder));
    // The downgrade is no promotion: coefficient 1.5, consumed 0.00 (the note's ≈ 0.00).
    assert_eq!(orders[1].amount, Some(d("0.00")));
    assert_eq!(orders[1].vars["coefficient"], "1.5");
    assert_eq!(orders[1].vars["promotional"], false);
    // The order lines add up to the total shown.
    let total = q
        .lines
        .iter()
        .find(|l| l.key == "consumed_total")
        .expect("total line");
    let sum: Decimal = orders.iter().filter_map(|l| l.amount).sum();
    assert_eq!(Some(sum), total.amount);
}

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
    let f = case(
        Billing::Daily,
        "100",
        start,
        start + TimeDelta::days(10),
        start + TimeDelta::hours(25),
    );
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
