//! Huawei Cloud and Alibaba Cloud through the `quote` command (Huawei's
//! published examples to the cent; Alibaba's answer without a figure), the
//! provider picked from the instance ID, the new flags' errors and the texts.

mod clouds;

use clouds::{codes, json, refund, run, text};
use serde_json::Value;

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
                    .var("more", "1.00")
                    // Every variable a finding may print (templates fail on
                    // a missing one).
                    .var("told", true)
                    .var("per_year", 1)
                    .var("last", "2026-04-05")
                    .var("months", 3)
                    .var("given", true)
                    .var("hours", "10")
                    .var("rate", "5")
                    .var("found", true);
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
