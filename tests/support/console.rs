//! The console, run as the real binary with piped stdin: the helpers the
//! console tests share (`#[path = "support/console.rs"] mod console;`).
#![allow(dead_code)] // each test file uses its own part of these

use std::ffi::OsStr;
use std::io::Write;
use std::process::{Command, Output, Stdio};

/// `refund-assistant console --db DB` with no database or evidence folder
/// taken from the environment; stdio is the caller's to set.
pub fn command(db: impl AsRef<OsStr>) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_refund-assistant"));
    command
        .arg("console")
        .arg("--db")
        .arg(db)
        .env_remove("DATABASE_URL")
        .env_remove("EVIDENCE_DIR");
    command
}

/// Runs the console on `db` with `extra` arguments, `script` on stdin; the
/// whole output, whatever the exit.
pub fn output(db: &std::path::Path, extra: &[&str], script: &[u8]) -> Output {
    let mut child = command(db)
        .args(extra)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("console starts");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(script)
        .expect("script written");
    child.wait_with_output().expect("console ends")
}

/// As [`output`], for a session that must end well: its stdout.
pub fn run(db: &std::path::Path, extra: &[&str], script: &str) -> String {
    let out = output(db, extra, script.as_bytes());
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "exit {:?}\n{stdout}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

/// The documents `/export N` wrote in `dir` (`refund-case-N-YYYYMMDD-HHMM.md`,
/// with `-2`… when the name was taken), sorted by name.
pub fn exported(dir: &std::path::Path, n: u32) -> Vec<std::path::PathBuf> {
    let prefix = format!("refund-case-{n}-");
    let mut found: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| {
                    p.file_name()
                        .and_then(|f| f.to_str())
                        .is_some_and(|f| f.starts_with(&prefix) && f.ends_with(".md"))
                })
                .collect()
        })
        .unwrap_or_default();
    found.sort();
    found
}

/// The one document `/export N` wrote in `dir`.
pub fn exported_one(dir: &std::path::Path, n: u32) -> std::path::PathBuf {
    let found = exported(dir, n);
    assert_eq!(
        found.len(),
        1,
        "one export of case {n} in {}: {found:?}",
        dir.display()
    );
    found.into_iter().next().unwrap_or_default()
}
