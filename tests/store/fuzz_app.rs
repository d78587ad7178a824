//! Arbitrary bytes through the real `App` on both backends (PostgreSQL when
//! `TEST_DATABASE_URL` is set; `REQUIRE_POSTGRES=1` makes a missing one a
//! failure): NUL, invalid UTF-8 (read lossily, as the console does), escape
//! sequences, 1 MB lines, forged button ids. No panic, no error handed to the
//! adapter, nothing left unsaved, and `/help` still answers afterwards.
//! `FUZZ_CASES` sets the number of cases per backend (default 24).

use crate::harness;

use std::sync::atomic::{AtomicI64, Ordering};

use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use refund_assistant::app::Message;
use refund_assistant::store::UserKey;

use harness::on_both_backends;

on_both_backends!(arbitrary_bytes_never_break_the_conversation);

/// One message's bytes: mostly short and hostile, sometimes a 1 MB line.
fn bytes() -> impl Strategy<Value = Vec<u8>> {
    let hostile = prop_oneof![
        Just(0u8),
        Just(0xffu8),
        Just(0xc3u8),
        Just(b'\n'),
        Just(b'\r'),
        Just(0x1bu8),
        Just(b'#'),
        Just(b'/'),
        any::<u8>(),
    ];
    let huge = (any::<u8>(), 0usize..3).prop_map(|(b, k)| {
        let unit: &[u8] = match k {
            0 => "字\0".as_bytes(),
            1 => b"\xff\xfe2026-03-01 ",
            _ => b"800",
        };
        let mut v: Vec<u8> = unit.iter().copied().cycle().take(1 << 20).collect();
        v[0] = b;
        v
    });
    prop_oneof![
        4 => proptest::collection::vec(any::<u8>(), 0..64),
        3 => proptest::collection::vec(hostile, 0..40),
        2 => "\\PC{0,40}".prop_map(String::into_bytes),
        2 => prop_oneof![
            Just("/start"), Just("1"), Just("按月"), Just("/case 1"), Just("/export 1"),
            Just("/delete_my_data"), Just("/back"), Just("2026-03-01"), Just("800"),
        ]
        .prop_map(|s| s.as_bytes().to_vec()),
        1 => huge,
    ]
}

/// A message: typed text, or (one in five) a forged button press.
fn message() -> impl Strategy<Value = Message> {
    (bytes(), 0u8..5).prop_map(|(b, k)| {
        let text = String::from_utf8_lossy(&b).into_owned();
        if k == 0 {
            Message::Button(text)
        } else {
            Message::Text(text)
        }
    })
}

fn is_bare_key(text: &str) -> bool {
    let t = text.trim();
    t.starts_with('[') && t.ends_with(']') && !t.contains(' ')
}

static NEXT_USER: AtomicI64 = AtomicI64::new(1);

async fn arbitrary_bytes_never_break_the_conversation(url: String) {
    let app = harness::app(&url).await;
    let cases = std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(24);
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    let rt = tokio::runtime::Handle::current();
    let strategy = proptest::collection::vec(message(), 1..6);
    let result = tokio::task::block_in_place(|| {
        runner.run(&strategy, |messages| {
            rt.block_on(async {
                let id = NEXT_USER.fetch_add(1, Ordering::Relaxed);
                let user = UserKey::new("telegram", id);
                for (i, msg) in messages.into_iter().enumerate() {
                    let update = Some(id * 100 + i as i64);
                    let r = app
                        .handle(&user, id, update, Some("zh-CN"), msg.clone())
                        .await
                        .map_err(|e| TestCaseError::fail(format!("{msg:?}: error to the adapter: {e}")))?;
                    let r = r.ok_or_else(|| TestCaseError::fail("a fresh update taken for a duplicate"))?;
                    prop_assert!(!r.unsaved, "not saved: {:?}", msg);
                    for reply in &r.replies {
                        prop_assert!(
                            !is_bare_key(&reply.plain()),
                            "bare key {:?} for {:?}",
                            reply.html,
                            msg
                        );
                    }
                }
                let help = app
                    .handle(&user, id, None, Some("zh-CN"), Message::Text("/help".into()))
                    .await
                    .map_err(|e| TestCaseError::fail(format!("/help failed: {e}")))?
                    .ok_or_else(|| TestCaseError::fail("/help taken for a duplicate"))?;
                let shown: String = help.replies.iter().map(|r| r.plain()).collect();
                prop_assert!(!help.unsaved && shown.contains("/cases"), "/help: {}", shown);
                Ok(())
            })
        })
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}
