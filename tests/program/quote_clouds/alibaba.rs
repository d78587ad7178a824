//! The provider picked from the instance ID, and Alibaba Cloud's answer inside
//! and outside its five days.

use super::*;

#[test]
fn the_instance_id_picks_the_provider_when_no_policy_is_given() {
    let v = json(&[
        "--billing",
        "monthly",
        "--paid",
        "100",
        "--start",
        "2026-04-01",
        "--period",
        "1 month",
        "--at",
        "2026-04-02",
        "--instance",
        "ins-3jaw1j8m",
        "--first-refund",
        "yes",
    ]);
    assert_eq!(v["policy"], "tencent");
    let v = json(&[
        "--billing",
        "monthly",
        "--paid",
        "100",
        "--start",
        "2026-04-01",
        "--period",
        "1 month",
        "--at",
        "2026-04-20",
        "--instance",
        "i-bp1etb69sqxgl4abcd",
    ]);
    assert_eq!(v["policy"], "aliyun");
}

#[test]
fn alibaba_outside_five_days_gives_no_figure_says_why_and_where() {
    let args = [
        "--policy",
        "aliyun",
        "--billing",
        "yearly",
        "--paid",
        "1200",
        "--voucher",
        "50",
        "--start",
        "2026-01-05 10:00",
        "--period",
        "1 year",
        "--at",
        "2026-03-01 10:00",
    ];
    let v = json(&args);
    assert_eq!(v["refund"], Value::Null);
    assert_eq!(v["consumed"], Value::Null);
    assert!(codes(&v).contains(&"no_published_formula".to_owned()));
    let mut en = args.to_vec();
    en.extend(["--lang", "en"]);
    let en = text(&en);
    assert!(en.contains("No figure can be given"), "{en}");
    assert!(en.contains("InquiryPriceRefundInstance"), "{en}");
    assert!(en.contains("2–3 working days"), "{en}");
    let zh = text(&args);
    assert!(zh.contains("无法给出金额"), "{zh}");
    assert!(zh.contains("非全额退订"), "{zh}");
}

#[test]
fn alibaba_inside_five_days_first_refund_returns_cash_not_vouchers() {
    let v = json(&[
        "--policy",
        "aliyun",
        "--billing",
        "yearly",
        "--paid",
        "1200",
        "--voucher",
        "50",
        "--start",
        "2026-01-05 10:00",
        "--period",
        "1 year",
        "--at",
        "2026-01-07 10:00",
        "--first-refund",
        "yes",
    ]);
    refund(&v, "1200.00", "1200.00", "0.00");
    assert!(codes(&v).contains(&"vouchers_not_refunded".to_owned()));
    assert_eq!(v["cloud_timeline"]["arrival"]["max_days"], 3);
}
