//! The console binary against bad bytes on stdin, and what a deletion tells
//! about exported documents.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn console(db: &std::path::Path, extra: &[&str], script: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_refund-assistant"))
        .arg("console")
        .arg("--db")
        .arg(db)
        .args(extra)
        .env_remove("DATABASE_URL")
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

#[test]
fn bad_bytes_on_a_line_do_not_end_the_session() {
    let dir = tempfile::tempdir().expect("temp dir");
    let script = b"/start\n\xff\xfe\xfd not text\nabc\0def\n\x1b[2J\x07\n/help\n";
    let out = console(&dir.path().join("ra.db"), &["--lang", "en"], script);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "exit {:?}\n{stdout}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("/delete_my_data"),
        "/help answered after the bad lines: {stdout}"
    );
    assert!(!stdout.contains('\0') && !stdout.contains('\x1b'), "{stdout:?}");
}

#[test]
fn a_long_line_is_answered_and_the_session_goes_on() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut script = b"/start\n".to_vec();
    script.extend(std::iter::repeat_n(b'x', 1 << 20));
    script.extend(b"\n/help\n");
    let out = console(&dir.path().join("ra.db"), &["--lang", "en"], &script);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.contains("/delete_my_data"), "{stdout}");
}

/// The worked example (as in tests/console.rs), then an export and a deletion.
const EXPORT_THEN_DELETE: &str = "\
1
按月
没有欠费
1
1
1
1
uhost-1a2b3c4d
2026-03-01
2026-03-31
800
不是活动价
#1
#1
1
1
2026-03-11 00:00
业务调整
/export 1
/delete_my_data
确认删除全部数据
";

#[test]
fn the_deletion_answer_lists_the_exported_documents_left_on_disk() {
    let dir = tempfile::tempdir().expect("temp dir");
    let exports = dir.path().join("exports");
    std::fs::create_dir(&exports).expect("folder");
    let out = console(
        &dir.path().join("ra.db"),
        &["--export-dir", exports.to_str().expect("utf-8 path")],
        EXPORT_THEN_DELETE.as_bytes(),
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let doc = exports.join("refund-case-1.md");
    assert!(doc.exists(), "{stdout}");
    let mode = std::os::unix::fs::PermissionsExt::mode(&std::fs::metadata(&doc).expect("meta").permissions());
    assert_eq!(mode & 0o777, 0o600, "the document holds the transcript");
    let tail = stdout.rsplit("确认删除全部数据").next().unwrap_or_default();
    let notice = tail
        .lines()
        .find(|l| l.contains("之前导出的文档"))
        .unwrap_or_else(|| panic!("no notice about exports: {tail}"));
    assert!(notice.contains("refund-case-1.md"), "{notice}");
}
