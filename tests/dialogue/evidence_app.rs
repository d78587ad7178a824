//! Evidence files in the conversation, in English (the Telegram tests speak
//! Chinese): attached to the open case, described from the checklist, the
//! same file recognised, a file over 20 MB refused, the case view and the
//! export listing them with their hashes.

use crate::common;

use common::Chat;
use refund_assistant::app::Message;
use refund_assistant::case::Incoming;
use refund_assistant::render::Lang;
use refund_assistant::store::sha256_hex;

fn file(c: &Chat, id: &str, unique: &str, size: u64, bytes: Option<&[u8]>) -> Message {
    Message::File(Incoming {
        file_id: id.to_owned(),
        unique_id: unique.to_owned(),
        name: Some(format!("{id}.png")),
        mime: Some("image/png".to_owned()),
        size,
        caption: None,
        sha256: bytes.map(sha256_hex),
        received_at: c.now,
    })
}

#[test]
fn evidence_is_attached_described_recognised_and_exported_in_english() {
    let mut c = Chat::new(Lang::En);
    c.monthly_800();
    let page = b"the deletion confirmation page, refund 400.00";
    let msg = file(&c, "deletion", "udeletion", page.len() as u64, Some(page));
    let out = c.message(msg);
    assert!(
        out.contains("Kept in case #1: deletion.png") && out.contains("What does it show?"),
        "{out}"
    );
    let out = c.press("ev:1:0:deletion");
    assert!(
        out.contains("☑ Deletion confirmation") && out.contains("☐ Order details"),
        "{out}"
    );
    assert_eq!(c.cases[0].data.evidence.len(), 1);
    assert_eq!(
        c.cases[0].data.evidence[0].sha256.as_deref(),
        Some(sha256_hex(page).as_str())
    );

    let again = file(&c, "deletion-again", "udeletion", page.len() as u64, Some(page));
    let out = c.message(again);
    assert!(
        out.contains("I already have this file: it is file 1 of case #1 (Deletion confirmation)"),
        "{out}"
    );
    assert_eq!(c.cases[0].data.evidence.len(), 1, "not added twice");

    let big = file(&c, "statement", "ustatement", 25 * 1024 * 1024, None);
    let out = c.message(big);
    assert!(
        out.contains("25.0 MB") && out.contains("up to 20 MB") && out.contains("screenshots"),
        "{out}"
    );
    assert_eq!(
        c.cases[0].data.evidence.len(),
        1,
        "a file over 20 MB is not attached"
    );

    let view = c.text("/case 1");
    assert!(
        view.contains("Evidence kept") && view.contains("☑ Deletion confirmation"),
        "{view}"
    );
    c.text("/export 1");
    let (_, doc) = c.response.export.clone().expect("exported");
    assert!(doc.contains("## Evidence files"), "{doc}");
    assert!(
        doc.contains(&sha256_hex(page)) && doc.contains("Deletion confirmation"),
        "{doc}"
    );
}

#[test]
fn a_file_s_size_is_said_in_bytes_kilobytes_or_megabytes_as_it_fits() {
    let mut c = Chat::new(Lang::En);
    c.monthly_800();
    let note = b"ticket 12345";
    let out = c.message(file(&c, "ticket", "uticket", note.len() as u64, Some(note)));
    assert!(out.contains("ticket.png (12 B)"), "{out}");
    let out = c.message(file(&c, "order", "uorder", 150 * 1024 + 1, Some(b"order")));
    assert!(out.contains("order.png (151 KB)"), "{out}");
    let out = c.message(file(
        &c,
        "invoice",
        "uinvoice",
        5 * 1024 * 1024 / 2,
        Some(b"invoice"),
    ));
    assert!(out.contains("invoice.png (2.5 MB)"), "{out}");
}
