//! Letters by purpose and tone, in both languages: each carries only what
//! the case holds (its instance, its amounts, its dates as given, no time
//! the person never gave), and names 12300 only after a refusal.

use crate::common::{Chat, sh};
use refund_assistant::render::Lang;

/// Every `¥` amount a text names.
fn amounts(text: &str) -> Vec<String> {
    text.split('¥')
        .skip(1)
        .map(|rest| {
            rest.chars()
                .take_while(|c| c.is_ascii_digit() || *c == ',' || *c == '.')
                .collect::<String>()
                .trim_end_matches('.')
                .to_owned()
        })
        .collect()
}

/// The letter itself, without the advice to the person that follows it
/// ("Next: …", "下一步：…").
fn letter_part(text: &str) -> &str {
    let end = ["\nNext:", "\n下一步："]
        .iter()
        .filter_map(|m| text.find(m))
        .min()
        .unwrap_or(text.len());
    &text[..end]
}

/// The case's facts are in the letter, and nothing that is not the case's.
fn only_the_case(letter: &str, allowed: &[&str]) {
    assert!(letter.contains("uhost-1a2b3c4d"), "{letter}");
    assert!(
        !letter.contains("00:00"),
        "no time the person never gave: {letter}"
    );
    for a in amounts(letter) {
        assert!(allowed.contains(&a.as_str()), "¥{a} is not the case's: {letter}");
    }
}

fn letters_by_stage_and_tone(lang: Lang) {
    let mut c = Chat::new(lang);
    c.monthly_800();
    // The request: polite, no threat.
    let request = c.press("result:request");
    only_the_case(&request, &["800.00", "400.00", "10,000.00"]);
    assert!(!request.contains("12300"), "{request}");
    // A withdrawal asked for on 11 March, late on 10 April: a firm chase-up
    // about the withdrawal, still without 12300.
    c.press("result:submitted");
    c.press("when:now");
    c.press("withdrawal:1");
    c.text("2026-03-11");
    c.now = sh(2026, 4, 10, 10);
    let chase = c.press("follow:not_arrived");
    only_the_case(&chase, &["800.00", "400.00", "10,000.00"]);
    assert!(!chase.contains("12300"), "{chase}");
    let firm = if lang == Lang::ZhCn {
        "正式投诉渠道"
    } else {
        "formal complaint channel"
    };
    assert!(chase.contains(firm), "{chase}");
    // Refused: the appeal names 12300; softer takes it out, firmer puts it back.
    c.press("follow:rejected");
    let appeal = c.press("reject:usage_abnormal");
    only_the_case(&appeal, &["800.00", "400.00"]);
    assert!(appeal.contains("12300"), "{appeal}");
    let data = if lang == Lang::ZhCn {
        "被认定异常的数据"
    } else {
        "the data that was judged abnormal"
    };
    assert!(
        appeal.contains(data),
        "an abnormal-usage refusal is asked for its data: {appeal}"
    );
    let soft = c.press("letter:softer");
    let soft = letter_part(&soft);
    only_the_case(soft, &["800.00", "400.00"]);
    assert!(!soft.contains("12300") && !soft.contains(firm), "{soft}");
    let firmer = c.press("letter:firmer");
    assert!(firmer.contains("12300"), "{firmer}");
}

#[test]
fn letters_fit_the_stage_and_the_tone_asked_in_chinese() {
    letters_by_stage_and_tone(Lang::ZhCn);
}

#[test]
fn letters_fit_the_stage_and_the_tone_asked_in_english() {
    letters_by_stage_and_tone(Lang::En);
}
