//! Huawei Cloud's published examples to the cent: the five-day refund, hours
//! from activation, the fee with its international range, an unstarted renewal.

use super::*;

#[test]
fn huawei_five_day_example_100_is_80_cash_and_the_20_voucher_returned() {
    let v = json(&[
        "--policy",
        "huawei",
        "--billing",
        "monthly",
        "--paid",
        "80",
        "--voucher",
        "20",
        "--start",
        "2020-10-20 10:00",
        "--period",
        "1 month",
        "--at",
        "2020-10-22 10:00",
        "--first-refund",
        "yes",
    ]);
    refund(&v, "80.00", "80.00", "0.00");
    assert_eq!(v["voucher_returned"], "20.00");
    assert!(!codes(&v).contains(&"vouchers_not_refunded".to_owned()));
    let zh = text(&[
        "--policy",
        "huawei",
        "--billing",
        "monthly",
        "--paid",
        "80",
        "--voucher",
        "20",
        "--start",
        "2020-10-20 10:00",
        "--period",
        "1 month",
        "--at",
        "2020-10-22 10:00",
        "--first-refund",
        "yes",
    ]);
    assert!(zh.contains("预计退款 ¥80.00，另有 ¥20.00 按代金券退回"), "{zh}");
}

#[test]
fn huawei_five_days_are_5_x_24_hours_from_activation() {
    let base = [
        "--policy",
        "huawei",
        "--billing",
        "monthly",
        "--paid",
        "100",
        "--start",
        "2022-11-24 14:30:30",
        "--period",
        "1 month",
        "--first-refund",
        "yes",
    ];
    let mut inside = base.to_vec();
    inside.extend(["--at", "2022-11-29 14:30"]);
    assert_eq!(json(&inside)["refund"], "100.00");
    let mut outside = base.to_vec();
    outside.extend(["--at", "2022-11-29 14:31"]);
    assert!(codes(&json(&outside)).contains(&"handling_fee_unpublished".to_owned()));
}

#[test]
fn huawei_344_of_758_hours_consumed_shown_before_the_fee_with_the_international_range() {
    let v = json(&[
        "--policy",
        "huawei",
        "--billing",
        "monthly",
        "--paid",
        "758",
        "--start",
        "2024-01-01 10:30:00",
        "--end",
        "2024-02-01 23:59:59",
        "--at",
        "2024-01-15 18:40",
        "--first-refund",
        "no",
    ]);
    assert_eq!(v["used_hours"], 344);
    assert_eq!(v["period_hours"], 758);
    assert_eq!(v["consumed"], "344.00");
    assert_eq!(v["refund"], "414.00");
    let fee = v["findings"]
        .as_array()
        .and_then(|f| f.iter().find(|f| f["code"] == "handling_fee_unpublished"))
        .expect("the fee is flagged");
    assert_eq!(fee["severity"], "risk");
    assert_eq!(fee["vars"]["rate"], "10");
    assert_eq!(fee["vars"]["low"], "338.20");
    assert_eq!(fee["vars"]["high"], "414.00");
    assert!(codes(&v).contains(&"usage_counted_in_days".to_owned()));
    let en = text(&[
        "--policy",
        "huawei",
        "--billing",
        "monthly",
        "--paid",
        "758",
        "--start",
        "2024-01-01 10:30:00",
        "--end",
        "2024-02-01 23:59:59",
        "--at",
        "2024-01-15 18:40",
        "--first-refund",
        "no",
        "--lang",
        "en",
    ]);
    assert!(
        en.contains("Expected refund ¥414.00 before the handling fee"),
        "{en}"
    );
}

#[test]
fn huawei_an_unstarted_renewal_comes_back_whole_with_no_fee_on_it() {
    let v = json(&[
        "--policy",
        "huawei",
        "--billing",
        "monthly",
        "--paid",
        "758",
        "--start",
        "2024-01-01 10:30:00",
        "--end",
        "2024-02-01 23:59:59",
        "--at",
        "2024-01-15 18:40",
        "--first-refund",
        "no",
        "--renewal",
        "100",
    ]);
    assert_eq!(v["refund"], "514.00");
    let fee = v["findings"]
        .as_array()
        .and_then(|f| f.iter().find(|f| f["code"] == "handling_fee_unpublished"))
        .expect("the fee is flagged");
    assert_eq!(fee["vars"]["low"], "438.20");
    assert!(v["timeline"]["withdrawal"].is_object(), "{v:#}");
    assert!(v["timeline"].get("quick").is_none());
}
