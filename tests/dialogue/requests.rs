//! Requests in the user's own words and the commands: from the menu and
//! from the middle of a check, in both languages.

use crate::common;

use common::Chat;
use refund_assistant::conversation::{Effect, Input, Position};
use refund_assistant::render::Lang;

/// What a sentence typed at the menu leads to: the first reply keys.
fn from_the_menu(lang: Lang, quoted: bool, text: &str) -> (Vec<String>, Chat) {
    let mut c = if quoted {
        let mut c = Chat::new(lang);
        c.monthly_800();
        c.text("/cancel");
        c
    } else {
        let mut c = Chat::new(lang);
        c.text("/start");
        c
    };
    c.text(text);
    (c.keys(), c)
}

#[test]
fn every_intent_is_understood_from_the_menu_in_both_languages() {
    let cases: [(&str, &str, &str); 15] = [
        (
            "my refund was rejected, what can I do?",
            "退款被拒了怎么办",
            "q.rejection",
        ),
        // Deleted on UCloud: the money is in the balance, no date to ask.
        (
            "the refund hasn't arrived yet",
            "钱还没到账",
            "followup.not_arrived",
        ),
        ("I got less than expected", "退的金额不对", "q.received"),
        ("I submitted the request", "我已经提交了申请", "q.submitted_at"),
        ("how much will I get back?", "能退多少钱", "q.billing"),
        ("how should I talk to support?", "怎么跟客服沟通", "tips"),
        ("show me my cases", "我的案例", "cases"),
        ("open case 1", "看看案例 1", "case"),
        ("export", "导出案例", "export.done"),
        ("please delete my data", "删除我的数据", "delete.confirm"),
        ("cancel", "取消", "nav.cancelled"),
        ("start over", "重新开始", "nav.restarted"),
        ("help", "帮助", "help"),
        ("back", "返回", "nav.nothing_to_go_back_to"),
        ("the weather is nice today", "今天天气不错", "menu.not_understood"),
    ];
    for (en, zh, key) in cases {
        for (lang, text) in [(Lang::En, en), (Lang::ZhCn, zh)] {
            let (keys, c) = from_the_menu(lang, true, text);
            assert!(keys.contains(&key.to_owned()), "{text}: {keys:?}");
            if key.starts_with("q.") && key != "q.billing" {
                assert_eq!(keys[0], "intent.for_case", "{text}: says which case");
                assert_eq!(c.state.case_no, Some(1));
            }
        }
    }
    let (keys, c) = from_the_menu(Lang::ZhCn, true, "导出案例");
    assert!(keys.contains(&"export.done".to_owned()));
    assert!(c.effects.contains(&Effect::Export { number: 1 }));
    let (_, c) = from_the_menu(Lang::ZhCn, false, "English please");
    assert_eq!(c.state.lang(), Lang::En);
    let (_, c) = from_the_menu(Lang::En, false, "中文");
    assert_eq!(c.state.lang(), Lang::ZhCn);
    // A follow-up without any case opens one for it and asks what support
    // said first: no check is needed before.
    let (keys, c) = from_the_menu(Lang::En, false, "my refund was rejected");
    assert_eq!(keys[0], "fresh.opened", "{keys:?}");
    assert!(keys.contains(&"q.support_said".to_owned()), "{keys:?}");
    assert_eq!(c.state.case_no, Some(1));
    // Nothing understood: the reply says what the bot can do, with examples.
    let (_, c) = from_the_menu(Lang::En, false, "the weather is nice today");
    assert!(c.last_text.contains("my refund was rejected"), "{}", c.last_text);
}

#[test]
fn a_request_in_the_middle_of_a_check_is_routed_and_the_question_stays() {
    let mut c = Chat::new(Lang::ZhCn);
    c.monthly_800();
    c.press("menu:main");
    c.press("menu:new");
    c.press("billing:daily");
    c.press("account:none");
    assert_eq!(c.state.at, Position::Instance);
    // A question about talking to support: the tips, then the same question.
    c.text("怎么跟客服沟通？");
    assert_eq!(c.keys(), vec!["tips", "q.instance"]);
    assert_eq!(c.state.at, Position::Instance);
    c.text("help");
    assert_eq!(c.keys(), vec!["help", "q.instance"]);
    // Not an instance ID and nothing else recognised: the question's own error.
    c.text("今天天气不错");
    assert_eq!(c.keys()[0], "input.instance_id.unrecognised");
    // An answer is an answer.
    c.text("uhost-1a2b3c4d");
    assert_eq!(c.state.at, Position::Start);
    c.text("上一步");
    assert_eq!(c.state.at, Position::Instance);
    c.text("uhost-1a2b3c4d");
    // The earlier case's follow-up: it says which case, the check is kept.
    let draft = c.state.draft.clone();
    c.text("my refund was rejected");
    assert_eq!(c.keys()[0], "intent.for_case");
    assert_eq!(c.state.case_no, Some(1));
    assert_eq!(c.state.at, Position::Rejection);
    assert_eq!(c.cases[1].data.draft, draft, "case 2 keeps its answers");
    c.text("/case 2");
    assert_eq!(c.state.at, Position::Start);
}

#[test]
fn one_command_table_serves_the_parser_help_and_the_unknown_command_answer() {
    use refund_assistant::conversation::{COMMANDS, Command};
    for spec in &COMMANDS {
        let parsed = Input::from_text(&format!("/{} 1", spec.name));
        assert!(
            !matches!(parsed, Input::Command(Command::Unknown(_))),
            "/{} is parsed",
            spec.name
        );
    }
    for lang in [Lang::ZhCn, Lang::En] {
        let mut c = Chat::new(lang);
        c.text("/start");
        let help = c.text("/help");
        let unknown = c.text("/nonsense");
        for spec in &COMMANDS {
            assert!(help.contains(&format!("/{}", spec.name)), "{help}");
            assert!(unknown.contains(&format!("/{}", spec.name)), "{unknown}");
        }
    }
}
