//! The console binary against bad bytes on stdin, and what a deletion tells
//! about exported documents.

use crate::console;

use std::io::Write;
use std::process::Stdio;

#[test]
fn bad_bytes_on_a_line_do_not_end_the_session() {
    let dir = tempfile::tempdir().expect("temp dir");
    let script = b"/start\n\xff\xfe\xfd not text\nabc\0def\n\x1b[2J\x07\n/help\n";
    let out = console::output(&dir.path().join("ra.db"), &["--lang", "en"], script);
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
    let out = console::output(&dir.path().join("ra.db"), &["--lang", "en"], &script);
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
    let out = console::output(
        &dir.path().join("ra.db"),
        &["--export-dir", exports.to_str().expect("utf-8 path")],
        EXPORT_THEN_DELETE.as_bytes(),
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let doc = console::exported_one(&exports, 1);
    let mode = std::os::unix::fs::PermissionsExt::mode(&std::fs::metadata(&doc).expect("meta").permissions());
    assert_eq!(mode & 0o777, 0o600, "the document holds the transcript");
    let tail = stdout.rsplit("确认删除全部数据").next().unwrap_or_default();
    let notice = tail
        .lines()
        .find(|l| l.contains("之前导出的文档"))
        .unwrap_or_else(|| panic!("no notice about exports: {tail}"));
    let listed = tail.contains(&doc.display().to_string());
    assert!(listed, "named by full path: {notice}");
}

/// The worked example up to the reason, then a line of raw HTML and
/// Markdown, then the export.
fn export_with_markup() -> String {
    let upto = EXPORT_THEN_DELETE.split("/export 1").next().unwrap_or_default();
    format!("{upto}</code><b>bold</b> **star** [link](http://x.example)\n/export 1\n")
}

#[test]
fn a_missing_export_folder_is_created_and_typed_markup_is_escaped_in_the_document() {
    let dir = tempfile::tempdir().expect("temp dir");
    let exports = dir.path().join("not").join("yet");
    let out = console::output(
        &dir.path().join("ra.db"),
        &["--export-dir", exports.to_str().expect("utf-8 path")],
        export_with_markup().as_bytes(),
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let doc = std::fs::read_to_string(console::exported_one(&exports, 1))
        .unwrap_or_else(|e| panic!("no document ({e}): {stdout}"));
    let mode =
        std::os::unix::fs::PermissionsExt::mode(&std::fs::metadata(&exports).expect("meta").permissions());
    assert_eq!(mode & 0o777, 0o700, "the folder is the owner's");
    assert!(doc.contains("&lt;/code&gt;&lt;b&gt;bold&lt;/b&gt;"), "{doc}");
    assert!(doc.contains("\\*\\*star\\*\\* \\[link\\]"), "{doc}");
    assert!(!doc.contains("</code>") && !doc.contains("<b>"), "{doc}");
    // What the templates write is still Markdown.
    assert!(doc.starts_with("# ") && doc.contains("\n## "), "{doc}");
}

#[test]
fn a_database_folder_others_can_write_to_is_warned_about_and_left_as_chosen() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let shared = dir.path().join("shared");
    std::fs::create_dir(&shared).expect("folder");
    std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o777)).expect("chmod");
    let out = console::output(&shared.join("ra.db"), &["--lang", "en"], b"/help\n");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("can be written by other users"), "{stderr}");
    let mode = std::fs::metadata(&shared).expect("meta").permissions().mode();
    assert_eq!(mode & 0o777, 0o777, "a folder the user chose is not changed");
}

/// The highest resident memory of a running process so far, in KiB.
fn peak_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("proc status");
    let line = status.lines().find(|l| l.starts_with("VmHWM:")).expect("VmHWM");
    line.split_whitespace()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .expect("a number")
}

#[test]
fn a_line_over_64_kb_is_cut_said_so_and_never_held_whole() {
    use std::io::{BufRead, BufReader};
    const LINE: usize = 64 << 20;
    let dir = tempfile::tempdir().expect("temp dir");
    let mut child = console::command(dir.path().join("ra.db"))
        .args(["--lang", "en"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("console starts");
    let mut stdin = child.stdin.take().expect("stdin");
    let (go, wait_go) = std::sync::mpsc::channel::<()>();
    let (done, wait_done) = std::sync::mpsc::channel::<()>();
    let writer = std::thread::spawn(move || {
        stdin.write_all(b"/start\n").expect("write");
        // The long line goes once the console has answered /start: its
        // memory then is the baseline (a debug binary maps tens of MB of its
        // own code, which says nothing about the line).
        let _ = wait_go.recv();
        let chunk = vec![b'x'; 1 << 20];
        for _ in 0..LINE / chunk.len() {
            stdin.write_all(&chunk).expect("write");
        }
        stdin.write_all(b"\n/help\n").expect("write");
        // Stdin stays open (the console alive) until its memory is read.
        let _ = wait_done.recv();
    });
    // The welcome (on opening, and to /start) names /delete_my_data, and so
    // does the answer to /help.
    let mut seen = String::new();
    let mut baseline = None;
    for line in BufReader::new(child.stdout.take().expect("stdout")).lines() {
        let line = line.expect("a line");
        seen.push_str(&line);
        seen.push('\n');
        let named = seen.matches("/delete_my_data").count();
        if named >= 2 && baseline.is_none() {
            baseline = Some(peak_kib(child.id()));
            let _ = go.send(());
        }
        if named >= 3 {
            break;
        }
    }
    let peak = peak_kib(child.id());
    let _ = done.send(());
    writer.join().expect("writer");
    assert!(child.wait().expect("exit").success());
    assert!(seen.contains("longer than 64 KB"), "the cut is said: {seen}");
    // The 64 MiB line was never in memory whole (it was, twice, before): the
    // peak grows by far less than the line while it is read.
    let baseline = baseline.expect("the welcome to /start was printed");
    assert!(
        peak < baseline + 16 * 1024,
        "peak memory {peak} KiB, {baseline} KiB before the line"
    );
}
