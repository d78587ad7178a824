//! The conversation's side of a hand-off to a person, through the real
//! application with an operator inbox set up, in both languages: the case
//! handed off with the promised reply time in working hours, the user's
//! messages taken for the person without a word from the bot (a bare
//! number is not a button), commands still answered, the person's words
//! marked as theirs, `/close` and "back to the bot" giving the screen back.

use crate::common::Chat;
use refund_assistant::app::{Desk, DeskWork, Message};
use refund_assistant::conversation::{DeskInput, Input};
use refund_assistant::render::Lang;

fn with_desk(lang: Lang) -> Chat {
    let mut chat = Chat::new(lang);
    let desk = Desk {
        chat_id: -1_001_234_567_890,
        reply_within: "4h".parse().expect("a reply time"),
        lang: refund_assistant::render::Lang::ZhCn,
    };
    chat.app = chat.app.clone().with_desk(Some(desk));
    chat
}

#[test]
fn a_case_handed_to_a_person_promises_a_reply_in_working_hours() {
    let mut chat = with_desk(Lang::ZhCn);
    chat.send(Input::Text("我的退款被拒了".into()));
    // Wednesday 11 March 2026, 10:00 in Beijing: four working hours later.
    let said = chat.send(Input::Text("/human".into()));
    assert!(said.contains("案例 #1") && said.contains("4 小时"), "{said}");
    assert!(said.contains("14:00"), "the reply is due at 14:00: {said}");
    assert_eq!(chat.response.desk, [DeskWork::Open(1)]);
    assert_eq!(chat.state.handed_off, Some(1));

    // The user lets the person see their details unmasked.
    let agreed = chat.send(Input::Button("human:unmask".into()));
    assert!(agreed.contains("不打码"), "{agreed}");
    assert_eq!(chat.response.desk, [DeskWork::Unmask(1)]);

    // Asked again: no second hand-off.
    let again = chat.send(Input::Text("/human".into()));
    assert!(again.contains("已经在人工那里"), "{again}");
    assert!(chat.response.desk.is_empty());
}

#[test]
fn while_a_person_has_the_case_the_bot_only_passes_messages_on() {
    let mut chat = with_desk(Lang::ZhCn);
    chat.send(Input::Text("我的退款被拒了".into()));
    let at = chat.state.at;
    chat.send(Input::Button("human".into()));
    for text in ["客服说超过五天了", "1", "800"] {
        let said = chat.send(Input::Text(text.into()));
        assert!(said.is_empty(), "{text}: the bot said {said}");
        assert_eq!(chat.response.desk, [DeskWork::Relay(1)], "{text}");
        assert_eq!(chat.state.at, at, "{text}: the screen stays");
    }
    let cases = chat.send(Input::Text("/cases".into()));
    assert!(cases.contains("#1"), "commands still work: {cases}");

    let from_person = chat.message(Message::Desk(DeskInput::Said("你好，我来看看 <b>".into())));
    assert!(
        from_person.contains("人工回复") && from_person.contains("我来看看 <b>"),
        "{from_person}"
    );
    let closed = chat.message(Message::Desk(DeskInput::Closed));
    assert!(closed.contains("人工已经结束"), "{closed}");
    assert_eq!(chat.state.handed_off, None);
    let answered = chat.send(Input::Text("帮助".into()));
    assert!(!answered.is_empty(), "the bot answers again");
}

#[test]
fn late_replies_are_owned_up_to_and_the_user_may_go_back() {
    for lang in [Lang::ZhCn, Lang::En] {
        let mut chat = with_desk(lang);
        chat.send(Input::Text("/human".into()));
        assert_eq!(chat.response.desk, [DeskWork::Open(0)], "no case yet: {lang:?}");
        let late = chat.message(Message::Desk(DeskInput::Overdue));
        assert!(!late.is_empty(), "{lang:?}");
        let ids: Vec<&str> = chat.last.iter().flat_map(|r| r.button_ids()).collect();
        assert!(
            ids.contains(&"human:wait") && ids.contains(&"human:back"),
            "{ids:?}"
        );
        chat.send(Input::Button("human:wait".into()));
        assert_eq!(chat.state.handed_off, Some(0));
        chat.send(Input::Button("human:back".into()));
        assert_eq!(chat.response.desk, [DeskWork::Back(0)]);
        assert_eq!(chat.state.handed_off, None);
        // The person's words and the inbox failing, said in this language too.
        chat.message(Message::Desk(DeskInput::Sent(Some("截图".into()))));
        chat.send(Input::Text("/human".into()));
        let failed = chat.message(Message::Desk(DeskInput::Unreachable));
        assert!(!failed.is_empty() && chat.state.handed_off.is_none(), "{lang:?}");
    }
}

#[test]
fn without_an_operator_inbox_the_answer_is_honest() {
    let mut chat = Chat::new(Lang::En);
    let said = chat.send(Input::Text("/human".into()));
    assert!(said.contains("No person is connected here"), "{said}");
    assert!(chat.response.desk.is_empty());
}

#[test]
fn the_person_sees_the_case_as_the_user_saw_it_with_the_letter_for_its_stage() {
    for lang in [Lang::ZhCn, Lang::En] {
        let mut chat = with_desk(lang);
        chat.send(Input::Text("我的退款被拒了".into()));
        chat.send(Input::Text("客服说已经超过五天无理由退款期限，不能全额退".into()));
        chat.send(Input::Text("uhost-1a2b3c4d".into()));
        let appeal = chat.send(Input::Text("2026-03-10".into()));
        assert!(appeal.contains("超过五天无理由退款期限"), "{appeal}");
        let user = chat.user();
        let shown = chat
            .run(chat.app.case_card(&user, 1, lang))
            .expect("the case is shown");
        let texts: Vec<String> = shown.iter().map(|r| r.plain()).collect();
        assert_eq!(texts.len(), 2, "the case and its appeal: {texts:?}");
        assert!(texts[0].contains("#1"), "{lang:?}: {}", texts[0]);
        assert!(
            texts[1].contains("超过五天无理由退款期限"),
            "the appeal quotes support: {}",
            texts[1]
        );
        assert!(
            chat.run(chat.app.case_card(&user, 2, lang))
                .expect("read")
                .is_empty()
        );
    }
}
