//! The `quote` command, run as the real binary.

use serde_json::Value;
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
        "daily_early_release",
        "vouchers_not_refunded",
    ] {
        assert!(codes.contains(&code), "{code} missing from {codes:?}");
    }
    assert!(v["timeline"]["review"]["latest"].is_string());
}

fn refused(args: &[&str], flag: &str) {
    let out = run(args);
    assert_eq!(out.status.code(), Some(2), "args {args:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.trim().lines().count(), 1, "one line expected: {err}");
    assert!(err.contains(flag), "{err} should name {flag}");
    assert!(out.stdout.is_empty());
}

#[test]
fn bad_input_exits_2_with_one_line_naming_the_flag() {
    let base = [
        "--paid",
        "800",
        "--start",
        "2026-03-01",
        "--end",
        "2026-03-31",
        "--at",
        "2026-03-11",
    ];
    let with =
        |extra: &[&'static str]| -> Vec<&str> { base.iter().copied().chain(extra.iter().copied()).collect() };
    refused(&with(&["--billing", "weekly"]), "--billing");
    refused(
        &[
            "--billing",
            "monthly",
            "--paid",
            "-800",
            "--start",
            "2026-03-01",
            "--end",
            "2026-03-31",
        ],
        "--paid",
    );
    refused(
        &[
            "--billing",
            "monthly",
            "--paid",
            "999999999999",
            "--start",
            "2026-03-01",
            "--end",
            "2026-03-31",
        ],
        "--paid",
    );
    refused(
        &[
            "--billing",
            "monthly",
            "--paid",
            "800",
            "--start",
            "2026-03-31",
            "--end",
            "2026-03-01",
        ],
        "--end",
    );
    refused(
        &[
            "--billing",
            "monthly",
            "--paid",
            "800",
            "--start",
            "yesterday",
            "--end",
            "2026-03-01",
        ],
        "--start",
    );
    refused(
        &[
            "--billing",
            "monthly",
            "--paid",
            "800",
            "--start",
            "2026-02-30",
            "--end",
            "2026-03-31",
        ],
        "--start",
    );
    refused(&with(&["--billing", "monthly", "--policy", "aws"]), "--policy");
    refused(&with(&["--billing", "monthly", "--vas", "support"]), "--vas");
    refused(&["--input", "/nonexistent/case.json"], "--input");
}

#[test]
fn english_errors_say_what_was_expected_with_an_example() {
    let out = run(&[
        "--billing",
        "weekly",
        "--paid",
        "800",
        "--start",
        "2026-03-01",
        "--end",
        "2026-03-31",
        "--lang",
        "en",
    ]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("expected one of hourly"), "{err}");
    assert!(err.contains("--billing monthly"), "{err}");
}

/// A monthly order bought 2026-03-01 for a month, deleted 2026-03-11, plus `extra`.
fn monthly(extra: &[&'static str]) -> Vec<&'static str> {
    let base = [
        "--billing",
        "monthly",
        "--paid",
        "800",
        "--start",
        "2026-03-01",
        "--at",
        "2026-03-11",
    ];
    base.iter().copied().chain(extra.iter().copied()).collect()
}

#[test]
fn contradictions_and_impossible_orders_are_refused_in_one_line() {
    // The period used to be ignored silently next to --end.
    refused(
        &monthly(&["--end", "2026-03-31", "--period", "1 month"]),
        "--period",
    );
    // UCloud sells yearly orders of 1 to 3 whole years.
    let yearly = |len: &'static str| {
        vec![
            "--billing",
            "yearly",
            "--paid",
            "8000",
            "--start",
            "2026-03-01",
            "--period",
            len,
            "--at",
            "2026-06-01",
        ]
    };
    refused(&yearly("4 years"), "--period");
    refused(&yearly("18 months"), "--period");
    refused(
        &[
            "--billing",
            "yearly",
            "--paid",
            "8000",
            "--start",
            "2026-03-01",
            "--end",
            "2026-03-02",
            "--at",
            "2026-03-01 12:00",
        ],
        "--end",
    );
    let ok = run(&yearly("3 years"));
    assert!(ok.status.success(), "{}", String::from_utf8_lossy(&ok.stderr));
    // The three-year limit is UCloud's; other clouds sell longer terms.
    let mut tencent = yearly("5 years");
    tencent.extend(["--policy", "tencent"]);
    let ok = run(&tencent);
    assert!(ok.status.success(), "{}", String::from_utf8_lossy(&ok.stderr));
    // A list price below what was paid is no promotion.
    refused(
        &monthly(&[
            "--period",
            "1 month",
            "--policy",
            "ucloud-2026",
            "--list-price",
            "500",
        ]),
        "--list-price",
    );
    // A deletion before the order starts.
    refused(
        &[
            "--billing",
            "monthly",
            "--paid",
            "800",
            "--start",
            "2026-03-01",
            "--period",
            "1 month",
            "--at",
            "2026-02-01",
        ],
        "--at",
    );
}

#[test]
fn mistakes_clap_finds_are_one_line_naming_the_flag_with_an_example() {
    let line = |args: &[&str]| {
        let out = run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty());
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        assert_eq!(
            err.trim().lines().count(),
            1,
            "{args:?}: one line expected: {err}"
        );
        err
    };
    let unknown = line(&monthly(&["--period", "1 month", "--lang", "en", "--bogus", "1"]));
    assert!(
        unknown.contains("--bogus") && unknown.contains("e.g."),
        "{unknown}"
    );
    let missing = line(&["--lang", "en", "--billing", "monthly", "--paid"]);
    assert!(
        missing.contains("--paid") && missing.contains("--paid 800"),
        "{missing}"
    );
    let twice = line(&monthly(&["--period", "1 month", "--paid", "900"]));
    assert!(
        twice.contains("--paid") && twice.contains("--paid 800"),
        "{twice}"
    );
    assert!(twice.starts_with("错误"), "Chinese by default: {twice}");
    let negative = line(&monthly(&["--period", "-1 months", "--lang", "en"]));
    assert!(
        negative.contains("--period") && negative.contains("1 month") && !negative.contains("'-1'"),
        "{negative}"
    );
    let help = Command::new(env!("CARGO_BIN_EXE_refund-assistant"))
        .args(["quote", "--help"])
        .output()
        .expect("runs");
    assert!(help.status.success());
    assert!(String::from_utf8_lossy(&help.stdout).contains("--billing"));
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

#[test]
fn a_case_file_gets_the_same_checks_as_the_flags() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = |name: &str, body: serde_json::Value| {
        let path = dir.path().join(name);
        std::fs::write(&path, body.to_string()).expect("written");
        path.to_string_lossy().into_owned()
    };
    let order = |start: &str, end: &str, paid: &str, list: Option<&str>| serde_json::json!({ "kind": "new", "start": start, "end": end, "paid": paid, "list_price": list });
    let case = |billing: &str, at: &str, o: serde_json::Value| serde_json::json!({ "billing": billing, "at": at, "orders": [o] });
    let ok = file(
        "ok.json",
        case(
            "monthly",
            "2026-03-11T00:00:00+08:00",
            order(
                "2026-03-01T00:00:00+08:00",
                "2026-04-01T00:00:00+08:00",
                "800",
                None,
            ),
        ),
    );
    assert!(json(&["--input", &ok])["refund"].is_string());
    let bad = [
        case(
            "monthly",
            "2026-03-11T00:00:00+08:00",
            order("0000-01-01T00:00:00Z", "2026-04-01T00:00:00+08:00", "800", None),
        ),
        case(
            "monthly",
            "2026-03-11T00:00:00+08:00",
            order(
                "2026-03-01T00:00:00+08:00",
                "2026-04-01T00:00:00+08:00",
                "800",
                Some("500"),
            ),
        ),
        case(
            "monthly",
            "2026-02-11T00:00:00+08:00",
            order(
                "2026-03-01T00:00:00+08:00",
                "2026-04-01T00:00:00+08:00",
                "800",
                None,
            ),
        ),
        case(
            "yearly",
            "2026-03-11T00:00:00+08:00",
            order(
                "2026-03-01T00:00:00+08:00",
                "2026-03-02T00:00:00+08:00",
                "800",
                None,
            ),
        ),
    ];
    for (i, body) in bad.into_iter().enumerate() {
        let path = file(&format!("bad{i}.json"), body);
        refused(&["--input", &path], "--input");
    }
}
