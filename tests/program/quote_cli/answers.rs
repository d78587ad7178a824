//! What the command answers: the figure in JSON and in words, the yearly and
//! two-order examples, findings, money strings, packages, working days, and a
//! reader that stops early.

use super::*;

#[test]
fn monthly_order_used_ten_days_refunds_half_in_json() {
    let v = json(&[
        "--billing",
        "monthly",
        "--paid",
        "800",
        "--start",
        "2026-03-01",
        "--end",
        "2026-03-31",
        "--at",
        "2026-03-11",
    ]);
    assert_eq!(v["refund"], "400.00");
    assert_eq!(v["consumed"], "400.00");
    assert_eq!(v["paid"], "800.00");
    assert_eq!(v["policy"], "ucloud");
    assert!(v["lines"].as_array().is_some_and(|l| l.len() >= 3));
}

#[test]
fn readable_output_names_the_rule_and_the_figure_in_chinese_by_default() {
    let out = run(&[
        "--billing",
        "monthly",
        "--paid",
        "800",
        "--start",
        "2026-03-01",
        "--end",
        "2026-03-31",
        "--at",
        "2026-03-11",
    ]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success());
    assert!(text.contains("¥400.00"), "{text}");
    assert!(text.contains("删除资源退费"), "{text}");
    let en = run(&[
        "--billing",
        "monthly",
        "--paid",
        "800",
        "--start",
        "2026-03-01",
        "--end",
        "2026-03-31",
        "--at",
        "2026-03-11",
        "--lang",
        "en",
    ]);
    let text = String::from_utf8_lossy(&en.stdout);
    assert!(text.contains("Expected refund ¥400.00"), "{text}");
}

#[test]
fn yearly_order_with_monthly_price_follows_the_yearly_rule() {
    let v = json(&[
        "--billing",
        "yearly",
        "--paid",
        "8000",
        "--monthly-price",
        "800",
        "--start",
        "2025-01-01",
        "--end",
        "2026-01-01",
        "--at",
        "2025-03-02T20:00:00+08:00",
    ]);
    assert_eq!(v["refund"], "6400.00");
    let codes: Vec<&str> = v["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|f| f["code"].as_str())
        .collect();
    assert!(codes.contains(&"yearly_clause_conflict"), "{codes:?}");
}

#[test]
fn a_json_case_with_two_orders_reproduces_the_eip_example() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/policies/examples/eip-downgrade.json"
    );
    let v = json(&["--input", path]);
    assert_eq!(v["policy"], "ucloud-2026");
    assert_eq!(v["refund"], "0.71");
}

#[test]
fn every_finding_carries_code_severity_reason_and_action() {
    let v = json(&[
        "--billing",
        "daily",
        "--paid",
        "100",
        "--start",
        "2026-03-01",
        "--period",
        "10 天",
        "--at",
        "2026-03-03",
        "--arrears",
        "yes",
        "--violation",
        "unsure",
        "--applicant",
        "other",
        "--requested",
        "--voucher",
        "20",
    ]);
    let findings = v["findings"].as_array().expect("findings");
    for f in findings {
        for field in ["code", "severity", "reason", "action"] {
            assert!(
                f[field].as_str().is_some_and(|s| !s.is_empty()),
                "{field} missing in {f}"
            );
        }
    }
    assert_eq!(findings[0]["severity"], "blocker");
    let codes: Vec<&str> = findings.iter().filter_map(|f| f["code"].as_str()).collect();
    for code in [
        "arrears_outstanding",
        "violation_unknown",
        "applicant_permission",
        "no_agreement_ground",
        "daily_host_not_refunded",
        "vouchers_not_refunded",
    ] {
        assert!(codes.contains(&code), "{code} missing from {codes:?}");
    }
    assert!(v["timeline"]["review"]["latest"].is_string());
}

#[test]
fn a_reader_that_stops_early_ends_the_output_quietly() {
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_refund-assistant"))
        .arg("quote")
        .args(monthly(&["--period", "1 month"]))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary runs");
    // Close the reading end before the program writes (as `| head -0` would).
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("waits");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn every_money_string_has_two_decimals_when_consumption_is_capped() {
    let v = json(&[
        "--billing",
        "monthly",
        "--paid",
        "800",
        "--start",
        "2026-03-01",
        "--period",
        "1 month",
        "--at",
        "2026-03-25",
        "--policy",
        "ucloud-2026",
    ]);
    assert_eq!(v["consumed"], "800.00");
    for key in [
        "refund",
        "paid",
        "voucher",
        "consumed",
        "deductions",
        "refund_cash",
        "refund_gift",
    ] {
        let s = v[key].as_str().unwrap_or_else(|| panic!("{key} is a string"));
        assert!(
            s.split_once('.').is_some_and(|(_, d)| d.len() == 2),
            "{key} = {s}"
        );
    }
    let refund_line = v["lines"]
        .as_array()
        .and_then(|l| l.iter().find(|x| x["key"] == "refund"))
        .expect("refund line");
    assert!(
        refund_line["text"]
            .as_str()
            .is_some_and(|t| t.contains("以实付为上限")),
        "{refund_line}"
    );
}

#[test]
fn a_package_product_is_flagged_as_the_conversation_would_ask() {
    for id in ["ucdn-1a2b3c4d", "ufile-1a2b3c4d"] {
        let v = json(&monthly(&["--period", "1 month", "--instance", id]));
        let codes: Vec<&str> = v["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .filter_map(|f| f["code"].as_str())
            .collect();
        assert!(codes.contains(&"package_unconfirmed"), "{id}: {codes:?}");
    }
    let host = json(&monthly(&["--period", "1 month", "--instance", "uhost-1a2b3c4d"]));
    assert!(!host.to_string().contains("package_unconfirmed"));
    let declared = json(&monthly(&[
        "--period",
        "1 month",
        "--instance",
        "ucdn-1a2b3c4d",
        "--package",
    ]));
    let codes = declared["findings"].to_string();
    assert!(
        codes.contains("package_product") && !codes.contains("package_unconfirmed"),
        "{codes}"
    );
}

#[test]
fn english_working_days_exclude_public_holidays() {
    let out = run(&monthly(&["--period", "1 month", "--lang", "en"]));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("public holidays excluded"), "{text}");
    assert!(!text.contains("holidays counted"), "{text}");
}
