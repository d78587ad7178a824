//! The step counter ("第 n/m 步") of a check: it counts the questions still
//! ahead, so a sentence that answers several questions moves it forward, and
//! it never goes back except on `/back`.

use crate::common;

use common::Chat;
use refund_assistant::render::Lang;

/// Every (step, total, refine) a chat was shown, in order.
struct Seen(Vec<(u64, u64, bool)>);

impl Seen {
    fn record(&mut self, chat: &Chat) {
        for r in &chat.last {
            if let (Some(n), Some(m)) = (r.data["step"].as_u64(), r.data["total"].as_u64()) {
                let refine = r.data["refine"].as_bool().unwrap_or(false);
                assert!(n >= 1 && n <= m, "{}: step {n}/{m}", r.key);
                self.0.push((n, m, refine));
            }
        }
    }

    /// The steps of the check proper (not the refinement after the estimate).
    fn check(&self) -> Vec<(u64, u64)> {
        self.0.iter().filter(|s| !s.2).map(|s| (s.0, s.1)).collect()
    }
}

fn send(chat: &mut Chat, seen: &mut Seen, text: &str) {
    if text.contains(':') && !text.contains(' ') && !text.starts_with("uhost") {
        chat.press(text);
    } else {
        chat.text(text);
    }
    seen.record(chat);
}

fn never_back(steps: &[(u64, u64)]) {
    for w in steps.windows(2) {
        assert!(w[1].0 >= w[0].0, "the counter went back: {steps:?}");
    }
}

/// Steps that count up by one to the total, which stays the same.
fn one_by_one_to_the_end(steps: &[(u64, u64)]) {
    let total = steps.last().map(|s| s.1).unwrap_or_default();
    assert!(steps.iter().all(|s| s.1 == total), "the total changed: {steps:?}");
    for w in steps.windows(2) {
        assert_eq!(w[1].0, w[0].0 + 1, "{steps:?}");
    }
    assert_eq!(steps.last().map(|s| s.0), Some(total), "{steps:?}");
}

#[test]
fn a_sentence_that_answers_several_questions_moves_the_counter_forward() {
    let mut chat = Chat::new(Lang::ZhCn);
    let mut seen = Seen(vec![]);
    chat.text("/start");
    // The facts come first: the questions left are counted as what is left
    // of the whole check, not as a shorter check.
    for input in [
        "uhost-1a2b3c4d，2026年3月1日开的，实付800元",
        "billing:monthly",
        "account:none",
        "1个月",
        "2026-03-11",
    ] {
        send(&mut chat, &mut seen, input);
    }
    assert_eq!(chat.asked(), "quote", "{:?}", chat.keys());
    let steps = seen.check();
    assert_eq!(steps.len(), 4, "{steps:?}");
    assert!(steps[0].0 > 1, "the facts told count as steps done: {steps:?}");
    one_by_one_to_the_end(&steps);
}

#[test]
fn a_check_walked_question_by_question_counts_one_by_one_to_its_total() {
    let mut chat = Chat::new(Lang::En);
    let mut seen = Seen(vec![]);
    chat.text("/start");
    for input in [
        "menu:new",
        "billing:monthly",
        "account:none",
        "uhost-1a2b3c4d",
        "2026-03-01",
        "2026-03-31",
        "800",
        "2026-03-11",
    ] {
        send(&mut chat, &mut seen, input);
    }
    let steps = seen.check();
    let numbers: Vec<u64> = steps.iter().map(|s| s.0).collect();
    assert_eq!(numbers, (1..=steps.len() as u64).collect::<Vec<_>>(), "{steps:?}");
    assert!(steps.iter().all(|s| s.1 == steps.len() as u64), "{steps:?}");
}

#[test]
fn back_goes_back_one_step_and_the_counter_with_it() {
    let mut chat = Chat::new(Lang::ZhCn);
    let mut seen = Seen(vec![]);
    chat.text("/start");
    for input in ["menu:new", "billing:monthly", "account:none", "uhost-1a2b3c4d"] {
        send(&mut chat, &mut seen, input);
    }
    let at = *seen.0.last().expect("a question");
    send(&mut chat, &mut seen, "/back");
    let back = *seen.0.last().expect("the question before");
    assert_eq!(back.0 + 1, at.0, "{:?}", seen.0);
    // Answered again, the check goes on from where it was.
    send(&mut chat, &mut seen, "uhost-1a2b3c4d");
    assert_eq!(seen.0.last().map(|s| s.0), Some(at.0), "{:?}", seen.0);
}

#[test]
fn the_refinement_after_the_estimate_has_its_own_counter() {
    let mut chat = Chat::new(Lang::ZhCn);
    chat.monthly_800();
    let mut seen = Seen(vec![]);
    send(&mut chat, &mut seen, "result:refine");
    for b in ["list:none", "voucher:none", "gift:none"] {
        send(&mut chat, &mut seen, b);
    }
    assert!(seen.0.iter().all(|s| s.2), "{:?}", seen.0);
    assert_eq!(seen.0.first().map(|s| s.0), Some(1), "{:?}", seen.0);
    never_back(&seen.0.iter().map(|s| (s.0, s.1)).collect::<Vec<_>>());
    assert!(chat.last_text.contains("细化"), "{}", chat.last_text);
}

#[test]
fn a_follow_up_that_goes_into_the_estimate_counts_on_from_what_it_knows() {
    let mut chat = Chat::new(Lang::ZhCn);
    let mut seen = Seen(vec![]);
    chat.text("/start");
    for input in [
        "我的退款被拒了，uhost-1a2b3c4d，3月1日买的，实付800元",
        "follow:skip",
        "follow:skip",
        "follow:estimate",
        "billing:monthly",
        "account:none",
        "1个月",
        "2026-03-11",
    ] {
        send(&mut chat, &mut seen, input);
    }
    assert_eq!(chat.asked(), "appeal", "{:?}", chat.keys());
    let steps = seen.check();
    assert_eq!(steps.len(), 4, "{steps:?}");
    one_by_one_to_the_end(&steps);
}
