//! Whole conversations that start with what people write: one sentence with
//! the facts, then only the missing questions.

use crate::common;

use common::{Chat, quote_command_refund};
use refund_assistant::conversation::Position;
use refund_assistant::render::Lang;

/// From the menu: the sentence, then the presses still needed. Returns the
/// number of inputs after the sentence.
fn one_sentence(lang: Lang, sentence: &str) -> (Chat, usize) {
    let mut c = Chat::new(lang);
    c.text("/start");
    c.text(sentence);
    assert_eq!(c.keys()[0], "understood", "{}", c.last_text);
    let after = c.inputs;
    c.press("account:none");
    if c.state.at == Position::Instance {
        c.text("uhost-1a2b3c4d");
    }
    assert_eq!(c.asked(), "quote", "{}", c.last_text);
    let n = c.inputs - after;
    (c, n)
}

#[test]
fn one_chinese_sentence_reaches_the_quote_commands_figure() {
    let (c, n) = one_sentence(
        Lang::ZhCn,
        "uhost-1a2b3c4d 是 2026年3月1日 买的，包月，到期 2026-03-31，实付 800 元，2026-03-11 删除了，能退多少？",
    );
    assert!(n <= 4, "{n} inputs after the sentence");
    assert_eq!(n, 1);
    let refund = quote_command_refund();
    assert!(
        c.last_text.contains(&format!("预计退款 ¥{refund}")),
        "{}",
        c.last_text
    );
}

#[test]
fn one_english_sentence_reaches_the_quote_commands_figure() {
    let (c, n) = one_sentence(
        Lang::En,
        "I bought uhost-1a2b3c4d on 2026-03-01, monthly, ends 2026-03-31, paid 800 yuan, deleted it on 2026-03-11. How much will I get back?",
    );
    assert_eq!(n, 1);
    assert!(c.last_text.contains("Expected refund ¥400.00"), "{}", c.last_text);
}

#[test]
fn a_sentence_without_the_instance_asks_for_it_and_nothing_else() {
    let (c, n) = one_sentence(Lang::ZhCn, "包月，3月1日买的，到期3月31日，实付800，3月11日删了");
    assert_eq!(n, 2);
    assert!(c.last_text.contains("¥400.00"), "{}", c.last_text);
}

#[test]
fn the_understood_facts_are_listed_in_the_case_views_format() {
    let mut c = Chat::new(Lang::ZhCn);
    c.text("/start");
    let out = c.text("包月，3月1日买的，实付800元");
    for line in ["付费方式：按月", "购买时间：2026-03-01", "实付：¥800.00"] {
        assert!(out.contains(line), "{line} in {out}");
    }
    assert!(
        out.contains("年份按 2026 年理解"),
        "the inferred year is shown: {out}"
    );
    assert_eq!(c.state.at, Position::Account);
}

#[test]
fn facts_typed_at_a_question_are_taken_and_the_question_moves_on() {
    let mut c = Chat::new(Lang::En);
    c.text("/start");
    c.press("menu:new");
    c.press("billing:monthly");
    c.press("account:none");
    assert_eq!(c.state.at, Position::Instance);
    c.text("uhost-1a2b3c4d, bought 2026-03-01, ends 2026-03-31");
    assert_eq!(c.keys()[0], "understood");
    assert_eq!(c.state.at, Position::Paid);
    c.text("paid 800, deleted 2026-03-11");
    assert_eq!(c.asked(), "quote");
    assert!(c.last_text.contains("¥400.00"), "{}", c.last_text);
}

#[test]
fn a_fact_sent_after_the_estimate_corrects_it() {
    let (mut c, _) = one_sentence(
        Lang::ZhCn,
        "uhost-1a2b3c4d 是 2026年3月1日 买的，包月，到期 2026-03-31，实付 800 元，2026-03-11 删除了",
    );
    let out = c.text("不对，实付是 1600 元");
    assert!(out.contains("已替换之前的回答"), "{out}");
    assert_eq!(c.asked(), "quote");
    assert!(out.contains("¥800.00"), "{out}");
    let q = &c.cases[0].data.assessment.as_ref().expect("quoted").quote;
    assert_eq!(q.refund.to_string(), "800.00");
    // The correction button opens the question; the answer goes back to the estimate.
    let mut c = Chat::new(Lang::En);
    c.text("/start");
    c.text("monthly, bought 2026-03-01, ends 2026-03-31, paid 800, deleted 2026-03-11");
    c.press("fix:paid");
    assert_eq!(c.state.at, Position::Paid);
    c.text("1600");
    assert_eq!(c.state.at, Position::Account, "on to what is missing");
}
