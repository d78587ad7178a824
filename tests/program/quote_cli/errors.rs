//! What the command refuses: bad values, contradictions and impossible orders,
//! clap's own mistakes, and a case file, each as one line naming the flag.

use super::*;

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
    let help = run(&["--help"]);
    assert!(help.status.success());
    assert!(String::from_utf8_lossy(&help.stdout).contains("--billing"));
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
