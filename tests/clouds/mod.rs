#![allow(dead_code)] // each test file uses its own part of these
//! Running the `quote` command, for its own tests and the other clouds'.

use serde_json::Value;
use std::process::{Command, Output};

pub fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_refund-assistant"))
        .arg("quote")
        .args(args)
        .output()
        .expect("binary runs")
}

pub fn json(args: &[&str]) -> Value {
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

pub fn text(args: &[&str]) -> String {
    let out = run(args);
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn codes(v: &Value) -> Vec<String> {
    v["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| f["code"].as_str().unwrap_or_default().to_owned())
        .collect()
}

pub fn refund(v: &Value, total: &str, cash: &str, gift: &str) {
    assert_eq!(v["refund"], total, "{v:#}");
    assert_eq!(v["refund_cash"], cash, "{v:#}");
    assert_eq!(v["refund_gift"], gift, "{v:#}");
}
