//! `/attach PATH` on the console: the file is copied into the evidence
//! store under its SHA-256 (0600), attached to a case, described, listed in
//! the export; the same file again is recognised; a missing path is said.

use refund_assistant::store::sha256_hex;

use crate::console;

#[test]
fn attach_copies_a_file_into_the_store_and_the_case_lists_it() {
    let dir = tempfile::tempdir().expect("dir");
    let shot = dir.path().join("order.png");
    let bytes = b"\x89PNG the order page of uhost-1a2b3c4d";
    std::fs::write(&shot, bytes).expect("write");
    let evidence = dir.path().join("kept");
    let exports = dir.path().join("exports");
    std::fs::create_dir(&exports).expect("exports");
    let script = format!(
        "/attach {shot}\n1\n1\n/attach {shot}\n/attach {missing}\n/export 1\n",
        shot = shot.display(),
        missing = dir.path().join("missing.png").display()
    );
    let out = console::run(
        &dir.path().join("c.db"),
        &[
            "--lang",
            "en",
            "--evidence-dir",
            evidence.to_str().unwrap_or_default(),
            "--export-dir",
            exports.to_str().unwrap_or_default(),
        ],
        &script,
    );
    let hash = sha256_hex(bytes);
    assert!(out.contains("Which case is order.png for?"), "{out}");
    assert!(out.contains("Kept in case #1: order.png"), "{out}");
    assert!(out.contains("☑ Order details"), "{out}");
    assert!(out.contains("I already have this file"), "{out}");
    assert!(out.contains("Could not attach"), "{out}");
    let kept = evidence.join("console-1").join(&hash);
    assert_eq!(std::fs::read(&kept).expect("kept"), bytes);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&kept).map_or(0, |m| m.permissions().mode() & 0o777);
        assert_eq!(mode, 0o600);
    }
    let doc = std::fs::read_to_string(console::exported_one(&exports, 1)).expect("exported");
    assert!(doc.contains("## Evidence files") && doc.contains(&hash), "{doc}");
}
