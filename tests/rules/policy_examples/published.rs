//! UCloud's published worked examples 1 to 5 and the EIP example of the 2026 note.

use super::*;

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

/// The "预付费资源" page's daily example (2026-01): 30 元 for one day, 12
/// hours used → consumed 18.75, refund 11.25 — for a daily resource that is
/// not a cloud host.
#[test]
fn daily_example_2026_thirty_for_one_day_twelve_hours_used_refunds_11_25() {
    let start = sh(2026, 4, 1, 0, 0, 0);
    let mut f = case(
        Billing::Daily,
        "30",
        start,
        start + TimeDelta::days(1),
        start + TimeDelta::hours(12),
    );
    f.instance_id = Some("udisk-1a2b3c4d".into());
    let q = ucloud(&f);
    assert_eq!((q.consumed, q.refund), (d("18.75"), d("11.25")));
    assert!(!q.has(FindingCode::DailyHostNotRefunded));
}

#[test]
fn a_daily_cloud_host_released_early_gets_nothing_and_both_pages_are_named() {
    let start = sh(2026, 4, 1, 0, 0, 0);
    // The worked examples' instance is a host (uhost-…).
    let f = case(
        Billing::Daily,
        "30",
        start,
        start + TimeDelta::days(1),
        start + TimeDelta::hours(12),
    );
    // The 2026 note aligns a daily deletion up to the day: a ten-day order
    // released after 25 hours would refund 75.00 by its formula.
    let ten_days = case(
        Billing::Daily,
        "100",
        start,
        start + TimeDelta::days(10),
        start + TimeDelta::hours(25),
    );
    for (id, f, formula) in [
        (ProfileId::Ucloud, &f, "11.25"),
        (ProfileId::Ucloud2026, &ten_days, "75.00"),
    ] {
        let q = quote(f, Profile::load(id)).expect("quote");
        assert_eq!(q.refund, d("0.00"), "{id:?}");
        let found = q
            .findings
            .iter()
            .find(|f| f.code == FindingCode::DailyHostNotRefunded)
            .expect("the rule is said");
        assert_eq!(found.vars["formula"], formula);
        assert!(q.lines.iter().any(|l| l.key == "daily_host_not_refunded"));
    }
    let r = refund_assistant::render::Renderer::new().expect("templates");
    let q = ucloud(&f);
    let found = q
        .findings
        .iter()
        .find(|f| f.code == FindingCode::DailyHostNotRefunded);
    let zh = r.text(
        refund_assistant::render::Lang::ZhCn,
        "finding.daily_host_not_refunded.reason",
        found,
    );
    assert!(
        zh.contains("云手机") && zh.contains("按日购买云主机") && zh.contains("11.25"),
        "{zh}"
    );
    // A host used for its whole day paid for its day: nothing to refund, no rule needed.
    let whole = case(
        Billing::Daily,
        "30",
        start,
        start + TimeDelta::days(1),
        start + TimeDelta::days(1),
    );
    assert!(!ucloud(&whole).has(FindingCode::DailyHostNotRefunded));
}
