//! The `quote` command, run as the real binary. The tests live in
//! `tests/program/quote_cli/`, by area.

use crate::clouds;

#[path = "quote_cli/answers.rs"]
mod answers;
#[path = "quote_cli/errors.rs"]
mod errors;

use clouds::{json, run};
use std::process::Command;

fn refused(args: &[&str], flag: &str) {
    let out = run(args);
    assert_eq!(out.status.code(), Some(2), "args {args:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.trim().lines().count(), 1, "one line expected: {err}");
    assert!(err.contains(flag), "{err} should name {flag}");
    assert!(out.stdout.is_empty());
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
