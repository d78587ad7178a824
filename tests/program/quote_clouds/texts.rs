//! The texts and errors of the other clouds: no UCloud wording, the new flags'
//! one-line errors, every new finding line and need in both languages.

use super::*;

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
