//! Issue 20 through the `quote` command and the conversation: breakdowns that
//! add up, two decimals, Huawei's fee year and expiry, unstarted resources,
//! what the rules exclude said plainly, and the flags' and files' errors.

use crate::clouds;
use crate::common;

use clouds::{codes, json, run, text};
use common::Chat;
use refund_assistant::render::Lang;
use rust_decimal::Decimal;
use serde_json::Value;
use std::io::Write;
use std::str::FromStr;

fn amount(l: &Value) -> Decimal {
    Decimal::from_str(l["amount"].as_str().expect("an amount")).expect("decimal")
}

fn lines(v: &Value, key: &str) -> Vec<Value> {
    let all = v["lines"].as_array().expect("lines");
    all.iter().filter(|l| l["key"] == key).cloned().collect()
}

fn fee_rate(v: &Value) -> Value {
    lines(v, "fee_range")
        .first()
        .map(|l| l["vars"]["rate"].clone())
        .unwrap_or(Value::Null)
}

#[test]
fn tencent_breakdown_lines_add_up_to_the_value_used_and_the_refund() {
    let v = json(&[
        "--policy",
        "tencent",
        "--billing",
        "monthly",
        "--paid",
        "19523.76",
        "--start",
        "2027-11-09",
        "--period",
        "3个月",
        "--at",
        "2028-01-09T00:00:01+08:00",
        "--monthly-price",
        "5813.32",
        "--hourly-price",
        "17.10",
        "--used-discount",
        "83%",
    ]);
    let parts: Decimal = ["months_used", "hours_used"]
        .iter()
        .flat_map(|k| lines(&v, k))
        .map(|l| amount(&l))
        .sum();
    let used = amount(&lines(&v, "value_used")[0]);
    assert_eq!(parts, used, "{v:#}");
    assert_eq!(v["consumed"], "9650.11");
    assert_eq!(v["refund"], "9873.65");
}

#[test]
fn a_capped_consumption_is_printed_with_two_decimals() {
    let v = json(&[
        "--policy",
        "tencent",
        "--billing",
        "yearly",
        "--paid",
        "100",
        "--start",
        "2026-01-10 10:00",
        "--period",
        "1 year",
        "--at",
        "2026-03-10 10:00",
        "--first-refund",
        "no",
        "--monthly-price",
        "80",
    ]);
    assert_eq!(v["consumed"], "100.00");
    assert_eq!(v["refund"], "0.00");
}

#[test]
fn huawei_fee_years_follow_the_calendar_around_29_february_and_on_the_last_day() {
    let v = json(&[
        "--policy",
        "huawei",
        "--billing",
        "yearly",
        "--paid",
        "16307",
        "--start",
        "2024-02-14T11:40:35+08:00",
        "--end",
        "2025-02-14T15:59:59Z",
        "--at",
        "2024-08-23T09:35:09+08:00",
    ]);
    assert_eq!(fee_rate(&v), "10", "{v:#}");
    let v = json(&[
        "--policy",
        "huawei",
        "--billing",
        "yearly",
        "--paid",
        "4772",
        "--start",
        "2027-08-08 04:00",
        "--period",
        "3 years",
        "--at",
        "2030-08-07T19:31:24Z",
        "--first-refund",
        "no",
    ]);
    assert_eq!(fee_rate(&v), "5", "{v:#}");
}

#[test]
fn pay_as_you_go_and_trials_say_what_applies_in_quote() {
    for (policy, billing, code, en) in [
        ("tencent", "hourly", "not_prepaid", "frozen deposit"),
        (
            "huawei",
            "hourly",
            "not_prepaid",
            "on-demand resources are simply deleted",
        ),
        (
            "huawei",
            "trial",
            "trial_not_refundable",
            "trials as not refundable",
        ),
        (
            "aliyun",
            "daily",
            "not_prepaid",
            "pay-as-you-go resources are released",
        ),
    ] {
        let args = [
            "--policy",
            policy,
            "--billing",
            billing,
            "--paid",
            "100",
            "--start",
            "2026-01-01",
            "--period",
            "1 month",
            "--at",
            "2026-01-20",
        ];
        let v = json(&args);
        assert_eq!(v["refund"], "0.00", "{policy} {billing}: {v:#}");
        assert!(codes(&v).contains(&code.to_owned()), "{policy} {billing}: {v:#}");
        assert_eq!(v["needs"], Value::Array(vec![]));
        let mut en_args = args.to_vec();
        en_args.extend(["--lang", "en"]);
        let out = text(&en_args);
        assert!(out.contains(en), "{policy} {billing}: {out}");
    }
}

#[test]
fn pay_as_you_go_says_what_applies_in_the_conversation() {
    let mut c = Chat::new(Lang::En);
    c.text("/start");
    c.text(
        "I bought ins-rfmme2si on 2026-01-10 10:00, hourly, ends 2026-02-10 10:00, paid 100 yuan, \
         returned it on 2026-01-20 08:00. How much will I get back?",
    );
    assert_eq!(c.keys()[0], "understood", "{}", c.last_text);
    // Nothing is computed from the time used: no price is asked.
    c.press("account:none");
    assert_eq!(c.asked(), "cloud_result", "{}", c.last_text);
    assert!(c.last_text.contains("frozen deposit"), "{}", c.last_text);
    assert!(c.last_text.contains("Expected refund ¥0.00"), "{}", c.last_text);
}

#[test]
fn huawei_unsubscribing_before_the_start_refunds_everything_tencent_still_refuses() {
    let base = [
        "--billing",
        "monthly",
        "--paid",
        "80",
        "--voucher",
        "20",
        "--start",
        "2026-03-10 10:30",
        "--period",
        "1 month",
        "--at",
        "2026-03-01 10:00",
    ];
    let mut huawei = vec!["--policy", "huawei"];
    huawei.extend(base);
    let v = json(&huawei);
    assert_eq!(v["refund"], "80.00", "{v:#}");
    assert_eq!(v["voucher_returned"], "20.00");
    assert!(codes(&v).contains(&"not_started_full_refund".to_owned()));
    let mut tencent = vec!["--policy", "tencent"];
    tencent.extend(base);
    let out = run(&tencent);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--at"));
}

#[test]
fn huawei_period_ends_at_23_59_59_of_the_last_day_like_the_console() {
    // The page's timing example through --period: 758 h, 344 used.
    let v = json(&[
        "--policy",
        "huawei",
        "--billing",
        "monthly",
        "--paid",
        "758",
        "--start",
        "2024-01-01 10:30",
        "--period",
        "1 month",
        "--at",
        "2024-01-15 18:40",
        "--first-refund",
        "no",
    ]);
    assert_eq!(v["period_hours"], 758, "{v:#}");
    assert_eq!(v["used_hours"], 344);
    assert_eq!(v["refund"], "414.00");
    assert!(codes(&v).contains(&"whole_hours".to_owned()));
}

#[test]
fn a_price_with_seven_decimals_says_six_are_allowed() {
    let out = run(&[
        "--policy",
        "tencent",
        "--billing",
        "monthly",
        "--paid",
        "100",
        "--start",
        "2026-01-01",
        "--period",
        "1 month",
        "--at",
        "2026-01-20",
        "--hourly-price",
        "0.1234567",
        "--lang",
        "en",
    ]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(err.contains("at most 6 decimal places; you gave 7"), "{err}");
    assert!(!err.contains("two decimals"), "{err}");
}

#[test]
fn a_case_file_reads_a_percentage_and_its_errors_are_not_html_escaped() {
    let file = |discount: &str| {
        let mut f = tempfile::NamedTempFile::new().expect("temp file");
        write!(
            f,
            r#"{{"policy":"tencent","billing":"monthly","orders":[{{"start":"2026-01-01T00:00:00+08:00","end":"2026-04-01T00:00:00+08:00","paid":"300"}}],"at":"2026-03-01T00:00:00+08:00","monthly_price":"100","used_discount":"{discount}"}}"#
        )
        .expect("written");
        f
    };
    let good = file("88%");
    let v = json(&["--input", good.path().to_str().expect("path")]);
    assert_eq!(v["refund"], "124.00", "{v:#}");
    let bad = file("8x8%");
    let out = run(&["--input", bad.path().to_str().expect("path")]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(err.contains("\"8x8%\""), "{err}");
    assert!(!err.contains("&quot;") && !err.contains("&amp;"), "{err}");
}

#[test]
fn an_upper_case_tencent_id_is_read_in_lower_case_and_the_answer_says_so() {
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
        "ins-RFMME2SI",
        "--first-refund",
        "yes",
        "--lang",
        "en",
    ]);
    assert_eq!(v["policy"], "tencent");
    let f = v["findings"]
        .as_array()
        .and_then(|f| f.iter().find(|f| f["code"] == "instance_id_normalised"))
        .expect("said");
    assert!(
        f["reason"].as_str().unwrap_or_default().contains("ins-rfmme2si"),
        "{f:#}"
    );
    // Written as published, nothing is said.
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
        "ins-rfmme2si",
        "--first-refund",
        "yes",
    ]);
    assert!(!codes(&v).contains(&"instance_id_normalised".to_owned()));
}

#[test]
fn the_deletion_moment_is_taken_as_deleted_too() {
    let args = |flag: &'static str| {
        [
            "--billing",
            "monthly",
            "--paid",
            "500",
            "--start",
            "2026-11-25 10:00",
            "--period",
            "1 month",
            flag,
            "2026-12-05 18:00",
        ]
    };
    let at = text(&args("--at"));
    assert!(at.contains("241.67"), "{at}");
    assert_eq!(text(&args("--deleted")), at);
}
