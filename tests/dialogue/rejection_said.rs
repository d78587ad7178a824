//! A rejection message that already says what support said: the reason and
//! support's words go into the case and the appeal at once, and are not
//! asked again.

use crate::common;

use common::Chat;
use refund_assistant::case::{CaseStatus, RejectReason};
use refund_assistant::render::Lang;

#[test]
fn a_rejection_with_support_s_words_writes_the_appeal_without_asking_the_reason() {
    let mut chat = Chat::new(Lang::ZhCn);
    chat.monthly_800();
    chat.text("我的退款被拒了，客服说用量异常，不给退");
    let keys = chat.keys();
    assert!(!keys.iter().any(|k| k == "q.rejection"), "{keys:?}");
    assert!(keys.iter().any(|k| k.starts_with("appeal")), "{keys:?}");
    let case = &chat.cases[0];
    assert_eq!(case.status, CaseStatus::Rejected);
    assert_eq!(case.data.rejection, Some(RejectReason::UsageAbnormal));
    assert_eq!(case.data.support_said.as_deref(), Some("用量异常，不给退"));
    assert!(chat.last_text.contains("用量异常，不给退"), "{}", chat.last_text);
}

#[test]
fn a_rejection_without_a_reason_is_still_asked_for_one() {
    let mut chat = Chat::new(Lang::ZhCn);
    chat.monthly_800();
    chat.text("我的退款被拒了");
    assert_eq!(chat.asked(), "q.rejection", "{:?}", chat.keys());
    assert_eq!(chat.cases[0].data.rejection, None);
}

#[test]
fn a_kind_of_reason_said_without_a_marker_is_taken_as_the_reason() {
    let mut chat = Chat::new(Lang::En);
    chat.monthly_800();
    chat.text("my refund got rejected because the server was customized");
    let keys = chat.keys();
    assert!(!keys.iter().any(|k| k == "q.rejection"), "{keys:?}");
    assert_eq!(chat.cases[0].data.rejection, Some(RejectReason::Customised));
    assert_eq!(chat.cases[0].data.support_said, None);
}

#[test]
fn without_a_case_the_follow_up_skips_what_support_said() {
    let mut chat = Chat::new(Lang::En);
    chat.text("/start");
    chat.text("my refund was rejected, support said I don't qualify for a refund");
    let keys = chat.keys();
    assert!(!keys.iter().any(|k| k == "q.support_said"), "{keys:?}");
    assert_eq!(chat.asked(), "q.follow_instance", "{keys:?}");
    let case = &chat.cases[0];
    assert_eq!(case.data.rejection, Some(RejectReason::NotEligible));
    assert_eq!(
        case.data.support_said.as_deref(),
        Some("I don't qualify for a refund")
    );
}

#[test]
fn without_a_case_and_without_a_reason_support_s_words_are_asked() {
    let mut chat = Chat::new(Lang::ZhCn);
    chat.text("/start");
    chat.text("退款被拒了");
    assert_eq!(chat.asked(), "q.support_said", "{:?}", chat.keys());
}

/// Sentences written by people who had not seen the word lists, label,
/// language and sentence per line: `rejection_heldout.tsv` was never looked
/// at while the lists were written; `rejection_seen.tsv` was counted once
/// (29 of 40) and its misses then read, so it is no longer held out.
fn read_right(file: &str) -> (usize, usize, Vec<String>) {
    use refund_assistant::conversation::Intents;
    use refund_assistant::render::Renderer;
    let intents = Intents::load(&Renderer::new().expect("templates"));
    let path = format!("{}/tests/fixtures/{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(path).expect("sentences");
    let (mut right, mut all, mut misses) = (0, 0, vec![]);
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let mut cols = line.splitn(3, '\t');
        let (label, sentence) = (cols.next().unwrap_or_default(), cols.nth(1).unwrap_or_default());
        let said = intents.rejection.read(sentence);
        let ok = match label {
            "usage" => said.reason == Some(RejectReason::UsageAbnormal),
            "not_eligible" => said.reason == Some(RejectReason::NotEligible),
            "customised" => said.reason == Some(RejectReason::Customised),
            // Support's words taken, or at least a reason: nothing asked twice.
            "other_words" => !said.is_empty(),
            // Nothing made up: the question is asked.
            _ => said.is_empty(),
        };
        all += 1;
        if ok {
            right += 1;
        } else {
            misses.push(format!("{label}: {sentence} → {said:?}"));
        }
    }
    println!("{file}: {right}/{all} read right; missed:\n{}", misses.join("\n"));
    (right, all, misses)
}

/// Held out: 28 of 40 when first counted (usage 4/8, not eligible 7/8,
/// customised 7/8, other words 2/8, no reason 8/8). What is not read is
/// asked as before; what matters most is that nothing is made up.
#[test]
fn held_out_rejections_are_read_for_their_reason() {
    for (file, floor) in [("rejection_heldout.tsv", 65), ("rejection_seen.tsv", 85)] {
        let (right, all, misses) = read_right(file);
        assert!(
            right * 100 >= all * floor,
            "{file}: {right}/{all}; missed:\n{}",
            misses.join("\n")
        );
        let made_up: Vec<&String> = misses.iter().filter(|m| m.starts_with("none:")).collect();
        assert!(
            made_up.is_empty(),
            "{file}: a reason read where none was said: {made_up:?}"
        );
    }
}
