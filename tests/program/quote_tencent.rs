//! Tencent Cloud through the `quote` command: the nine published worked
//! examples (T1 cases 1a, 1b, 2a, 2b; T2 examples 1-5) to the cent, cash and
//! gift parts included, and the answers without a figure.

use crate::clouds;

use clouds::{codes, json, refund, text};
use serde_json::Value;
use std::io::Write;

/// T1/T2 background: S1 1 vCPU 1 GB, 51 a month, 1 year at 83% = 507.96,
/// voucher 100, paid 407.96 (T1 case 1: cash 200, gift 207.96).
const T1_CASE_1: [&str; 14] = [
    "--policy",
    "tencent",
    "--billing",
    "yearly",
    "--paid",
    "407.96",
    "--voucher",
    "100",
    "--gift",
    "207.96",
    "--start",
    "2026-03-02 10:00",
    "--period",
    "1 year",
];

fn t1_case_1(extra: &[&str]) -> Value {
    let mut args = T1_CASE_1.to_vec();
    args.extend_from_slice(extra);
    json(&args)
}

#[test]
fn tencent_t1_1a_five_day_first_refund_returns_all_but_the_voucher_split_cash_and_gift() {
    let v = t1_case_1(&["--at", "2026-03-04 09:00", "--first-refund", "yes"]);
    refund(&v, "407.96", "200.00", "207.96");
    assert_eq!(v["provider"], "tencent");
    assert_eq!(v["policy"], "tencent");
    let c = codes(&v);
    assert!(c.contains(&"five_day_quota_scope".to_owned()), "{c:?}");
    assert!(c.contains(&"vouchers_not_refunded".to_owned()), "{c:?}");
}

#[test]
fn tencent_t1_1b_not_the_first_refund_120_hours_at_the_tiered_hourly_price() {
    let v = t1_case_1(&[
        "--at",
        "2026-03-07 10:00",
        "--first-refund",
        "no",
        "--hourly-price",
        "0.42",
        "--hourly-tier",
        "96:0.21",
    ]);
    refund(&v, "362.60", "177.76", "184.84");
    assert_eq!(v["consumed"], "45.36");
    assert!(codes(&v).contains(&"hourly_tier_example_only".to_owned()));
}

/// T1 case 2: plus 1 Mbps bandwidth (20 a month): 1 year at 83% = 707.16;
/// voucher 100, cash 300, gift 307.16.
fn t1_case_2(extra: &[&str]) -> Value {
    let mut args = vec![
        "--policy",
        "tencent",
        "--billing",
        "yearly",
        "--paid",
        "607.16",
        "--voucher",
        "100",
        "--gift",
        "307.16",
        "--start",
        "2026-01-10 10:00",
        "--period",
        "1 year",
    ];
    args.extend_from_slice(extra);
    json(&args)
}

#[test]
fn tencent_t1_2a_five_day_first_refund_with_bandwidth() {
    let v = t1_case_2(&["--at", "2026-01-15 23:00", "--first-refund", "yes"]);
    refund(&v, "607.16", "300.00", "307.16");
}

#[test]
fn tencent_t1_2b_seven_months_five_days_at_the_88_percent_step_plus_tiered_hours_and_bandwidth() {
    let v = t1_case_2(&[
        "--at",
        "2026-08-15 10:00",
        "--first-refund",
        "no",
        "--monthly-price",
        "71",
        "--used-discount",
        "0.88",
        "--hourly-price",
        "0.42",
        "--hourly-tier",
        "96:0.21",
        "--bandwidth-price",
        "0.063",
    ]);
    assert_eq!(v["consumed"], "490.28");
    refund(&v, "116.88", "57.75", "59.13");
}

/// T2 background: paid 407.96 (no split published), voucher 100.
fn t2(extra: &[&str]) -> Value {
    let mut args = vec![
        "--policy",
        "tencent",
        "--billing",
        "yearly",
        "--paid",
        "407.96",
        "--voucher",
        "100",
        "--start",
        "2026-04-01 09:30",
        "--period",
        "1 year",
        "--instance",
        "ins-rfmme2si",
    ];
    args.extend_from_slice(extra);
    json(&args)
}

#[test]
fn tencent_t2_1_five_day_refund_of_the_accounts_first() {
    let v = t2(&["--at", "2026-04-02 09:30", "--first-refund", "yes"]);
    refund(&v, "407.96", "407.96", "0.00");
}

#[test]
fn tencent_t2_2_within_five_days_day_five_included_first_of_the_year() {
    // Day 5 counted from the day after delivery: 6 April, to its last second.
    let v = t2(&["--at", "2026-04-06 23:59", "--first-refund", "yes"]);
    refund(&v, "407.96", "407.96", "0.00");
    // The day after, the five-day refund is gone: the non-full rule applies.
    let later = t2(&[
        "--at",
        "2026-04-07 00:01",
        "--first-refund",
        "yes",
        "--hourly-price",
        "0.42",
    ]);
    assert!(later["refund"].as_str() < Some("407.96"), "{later:#}");
}

#[test]
fn tencent_t2_3_not_the_first_48_hours_at_the_hourly_price() {
    let v = t2(&[
        "--at",
        "2026-04-03 09:30",
        "--first-refund",
        "no",
        "--hourly-price",
        "0.42",
    ]);
    refund(&v, "387.80", "387.80", "0.00");
}

#[test]
fn tencent_t2_4_a_paid_renewal_not_started_comes_back_whole() {
    let v = t2(&[
        "--at",
        "2026-04-03 09:30",
        "--first-refund",
        "no",
        "--hourly-price",
        "0.42",
        "--renewal",
        "507.96",
    ]);
    refund(&v, "895.76", "895.76", "0.00");
}

#[test]
fn tencent_t2_5_upgrade_after_12_hours_reproduced_as_published_and_flagged() {
    let case = r#"{
        "policy": "tencent",
        "billing": "yearly",
        "instance_id": "ins-2pajzo4q",
        "voucher": "100",
        "orders": [
            {"kind": "new", "start": "2026-04-01T00:00:00+08:00", "end": "2027-04-01T00:00:00+08:00", "paid": "407.96"},
            {"kind": "upgrade", "start": "2026-04-01T12:00:00+08:00", "end": "2027-04-01T00:00:00+08:00", "paid": "100"}
        ],
        "at": "2026-04-04T00:00:00+08:00",
        "first_refund": "no",
        "hourly_price": "0.42"
    }"#;
    let mut file = tempfile::NamedTempFile::new().expect("temp file");
    file.write_all(case.as_bytes()).expect("write case");
    let path = file.path().to_str().expect("utf-8 path");
    let v = json(&["--input", path]);
    // 407.96 − 0.42 × 12 + 100/365 × (365 − 3) = 502.10
    refund(&v, "502.10", "502.10", "0.00");
    let flag = v["findings"]
        .as_array()
        .and_then(|f| f.iter().find(|f| f["code"] == "upgrade_example_as_published"))
        .expect("the example is flagged");
    assert_eq!(flag["vars"]["hours"], "60");
    assert_eq!(flag["vars"]["more"], "25.20");
}

#[test]
fn tencent_without_the_prices_it_needs_gives_no_figure_and_says_which() {
    let v = t2(&["--at", "2026-06-10 09:30", "--first-refund", "no"]);
    assert_eq!(v["refund"], Value::Null);
    let c = codes(&v);
    assert!(c.contains(&"monthly_price_needed".to_owned()), "{c:?}");
    assert!(c.contains(&"hourly_price_needed".to_owned()), "{c:?}");
    let needs: Vec<&str> = v["needs"]
        .as_array()
        .expect("needs")
        .iter()
        .filter(|n| n["required"] == true)
        .filter_map(|n| n["need"].as_str())
        .collect();
    assert_eq!(needs, ["monthly_price", "hourly_price"]);
    let en = text(&[
        "--policy",
        "tencent",
        "--billing",
        "yearly",
        "--paid",
        "407.96",
        "--start",
        "2026-04-01 09:30",
        "--period",
        "1 year",
        "--at",
        "2026-06-10 09:30",
        "--first-refund",
        "no",
        "--lang",
        "en",
    ]);
    assert!(en.contains("No figure can be given"), "{en}");
    assert!(en.contains("--monthly-price"), "{en}");
}

#[test]
fn tencent_unsure_about_the_five_day_chance_is_a_risk_and_the_figure_is_the_lower_one() {
    let v = t2(&[
        "--at",
        "2026-04-03 09:30",
        "--first-refund",
        "unsure",
        "--hourly-price",
        "0.42",
    ]);
    assert_eq!(v["refund"], "387.80");
    let f = v["findings"]
        .as_array()
        .and_then(|f| f.iter().find(|f| f["code"] == "five_day_unsure"))
        .expect("unsure is a finding");
    assert_eq!(f["severity"], "risk");
    assert_eq!(f["vars"]["full"], "407.96");
}
