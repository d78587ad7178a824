//! Tencent Cloud, Huawei Cloud and Alibaba Cloud through the `quote` command:
//! every published worked example with numbers, to the cent, and the answers
//! without a figure.

use serde_json::Value;
use std::io::Write;
use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_refund-assistant"))
        .arg("quote")
        .args(args)
        .output()
        .expect("binary runs")
}

fn json(args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.push("--json");
    let out = run(&all);
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("json output")
}

fn text(args: &[&str]) -> String {
    let out = run(args);
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn codes(v: &Value) -> Vec<String> {
    v["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| f["code"].as_str().unwrap_or_default().to_owned())
        .collect()
}

fn refund(v: &Value, total: &str, cash: &str, gift: &str) {
    assert_eq!(v["refund"], total, "{v:#}");
    assert_eq!(v["refund_cash"], cash, "{v:#}");
    assert_eq!(v["refund_gift"], gift, "{v:#}");
}

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

#[test]
fn no_text_of_another_provider_names_ucloud() {
    for (policy, extra) in [
        (
            "tencent",
            vec!["--hourly-price", "0.42", "--first-refund", "unsure"],
        ),
        ("huawei", vec!["--first-refund", "unsure"]),
        ("aliyun", vec!["--first-refund", "unsure"]),
    ] {
        for lang in ["en", "zh-CN"] {
            let mut args = vec![
                "--policy",
                policy,
                "--billing",
                "monthly",
                "--paid",
                "300",
                "--voucher",
                "10",
                "--start",
                "2026-05-01 10:00",
                "--period",
                "1 month",
                "--at",
                "2026-05-03 10:00",
                "--lang",
                lang,
            ];
            args.extend(extra.iter().copied());
            let out = text(&args);
            assert!(
                !out.contains("UCloud") && !out.contains("优刻得"),
                "{policy} {lang}: {out}"
            );
            let mut j = args.clone();
            j.push("--json");
            let out = String::from_utf8_lossy(&run(&j).stdout).into_owned();
            assert!(
                !out.contains("UCloud") && !out.contains("优刻得"),
                "{policy} {lang}: {out}"
            );
        }
    }
}

#[test]
fn bad_values_of_the_new_flags_are_one_line_errors_with_exit_2() {
    let base = [
        "--policy",
        "tencent",
        "--billing",
        "monthly",
        "--paid",
        "300",
        "--start",
        "2026-05-01",
        "--period",
        "1 month",
        "--lang",
        "en",
    ];
    for (flag, value) in [
        ("--hourly-tier", "96"),
        ("--hourly-tier", "0:0.21"),
        ("--used-discount", "1.5"),
        ("--used-discount", "88折"),
        ("--first-refund", "maybe"),
        ("--hourly-price", "-1"),
        ("--renewal", "abc"),
        ("--bandwidth-price", "x"),
        ("--instance", "ins-1122"),
        ("--instance", "uhost-1a2b3c4d"),
    ] {
        let mut args = base.to_vec();
        args.extend([flag, value]);
        let out = run(&args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{flag} {value}: {err}");
        assert_eq!(err.trim().lines().count(), 1, "{flag} {value}: {err}");
        assert!(err.contains(flag), "{flag} {value}: {err}");
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn every_new_finding_line_and_need_renders_in_both_languages() {
    use refund_assistant::policy::{Finding, FindingCode as C, Severity};
    use refund_assistant::render::{Lang, Renderer};
    use serde_json::json;
    let r = Renderer::new().expect("templates load");
    let codes = [
        C::FiveDayUnsure,
        C::FiveDayQuotaScope,
        C::FiveDayBoundaryUnclear,
        C::ProviderExclusions,
        C::CurrentPrices,
        C::DiscountAssumed,
        C::HourlyTierExampleOnly,
        C::UpgradeExampleAsPublished,
        C::MonthlyPriceNeeded,
        C::HourlyPriceNeeded,
        C::NoPublishedFormula,
        C::HandlingFeeUnpublished,
        C::UsageCountedInDays,
    ];
    let needs = [
        "first_refund",
        "monthly_price",
        "used_discount",
        "hourly_price",
        "hourly_tier",
        "bandwidth_price",
        "renewals",
    ];
    for lang in Lang::ALL {
        for provider in ["tencent", "huawei", "aliyun"] {
            for code in codes {
                let f = Finding::new(code, Severity::Risk)
                    .var("provider", provider)
                    .var("full", "1.00")
                    .var("low", "1.00")
                    .var("high", "2.00")
                    .var("more", "1.00");
                for part in ["reason", "action"] {
                    let key = format!("finding.{}.{part}", code.as_str());
                    let out = r.render(lang, &key, &f).unwrap_or_else(|e| panic!("{key}: {e}"));
                    assert!(!out.trim().is_empty() && !out.contains("UCloud"), "{key}: {out}");
                }
            }
            for need in needs {
                for part in ["question", "where"] {
                    let key = format!("need.{need}.{part}");
                    let out = r
                        .render(lang, &key, json!({ "provider": provider }))
                        .unwrap_or_else(|e| panic!("{key}: {e}"));
                    assert!(!out.trim().is_empty(), "{key}");
                }
            }
        }
    }
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
