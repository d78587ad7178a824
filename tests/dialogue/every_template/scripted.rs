//! Paths the walk of `every_template.rs` is not left to find by chance: a
//! finding that must be dealt with first, an administrator's appeal, and
//! a newcomer with no case yet.

use super::Walks;
use crate::common::Chat;
use refund_assistant::render::Lang;

pub(super) fn arrears_and_an_administrators_appeal(walks: &mut Walks, lang: Lang, s: &str) {
    let zh = lang == Lang::ZhCn;
    // Arrears: a finding that must be dealt with first.
    let mut c = Chat::new(lang);
    c.text(s);
    for b in [
        "account:items",
        "arrears:yes",
        "violation:no",
        "customised:no",
        "applicant:owner",
    ] {
        c.press(b);
    }
    assert!(
        c.renderer.used(lang).contains("severity.blocker"),
        "{}",
        c.last_text
    );
    walks.record(&c, lang, "arrears");
    // An administrator's and a finance member's appeal: the letter says who
    // writes it.
    for who in ["admin", "finance"] {
        let mut c = Chat::new(lang);
        c.text(s);
        let applicant = format!("applicant:{who}");
        for b in [
            "account:items",
            "arrears:no",
            "violation:no",
            "customised:no",
            applicant.as_str(),
        ] {
            c.press(b);
        }
        c.text(if zh { "被拒了" } else { "they rejected it" });
        if c.asked() == "q.rejection" {
            c.press("reject:other");
        }
        let key = format!("applicant.{who}");
        assert!(
            c.renderer.used(lang).contains(key.as_str()),
            "{:?} {}",
            c.keys(),
            c.last_text
        );
        walks.check(&c, &[format!("an appeal by {who}")]);
        walks.reached(&c, lang);
    }
}

/// No case yet: the list, following up (what happened?), and an option
/// that is not there.
pub(super) fn no_case_yet(walks: &mut Walks, lang: Lang) {
    let mut c = Chat::new(lang);
    c.text("/cases");
    c.text("/start");
    c.press("menu:follow");
    assert_eq!(c.keys()[0], "follow.which", "{}", c.last_text);
    c.text("99");
    assert_eq!(c.keys()[0], "nav.no_such_option", "{}", c.last_text);
    walks.record(&c, lang, "no case yet");
}

/// Refused, appealed and complained, told at once: the ladder; a detail of
/// the complaint left for later; a letter said to quote the wrong words;
/// a deletion told with no case.
pub(super) fn complained_at_once_and_a_letter_called_wrong(walks: &mut Walks, lang: Lang) {
    let zh = lang == Lang::ZhCn;
    let mut c = Chat::new(lang);
    c.text(if zh {
        "退款被拒，申诉也被驳回，11月10日已经向优刻得正式投诉，一直没结果，想向工信部投诉。"
    } else {
        "UCloud refused my refund, the appeal was refused too, and I filed a formal complaint on November 10. I want to go to MIIT."
    });
    assert!(
        c.keys().contains(&"ladder".to_owned()),
        "{:?} {}",
        c.keys(),
        c.last_text
    );
    // The refusal told again: the case's history, not a new refusal.
    c.text(if zh {
        "第一次被拒是10月20号"
    } else {
        "the refund was rejected on October 20"
    });
    assert_eq!(c.keys()[0], "report.already", "{:?} {}", c.keys(), c.last_text);
    c.text(if zh {
        "写工信部申诉书"
    } else {
        "write the MIIT complaint"
    });
    assert_eq!(c.asked(), "ladder.ask", "{}", c.last_text);
    c.text(if zh {
        "能先空着吗？"
    } else {
        "can I leave it blank for now?"
    });
    assert_eq!(c.keys()[0], "ladder.field_later", "{}", c.last_text);
    walks.record(&c, lang, "complained at once");

    let mut c = refused_with_appeal(lang);
    c.text(if zh {
        "你这信不行啊 你把我后面说的也当成客服的答复写进去了"
    } else {
        "this letter is wrong, you got it wrong: you quoted my own words as support's answer"
    });
    assert_eq!(
        c.keys()[0],
        "social.letter_wrong",
        "{:?} {}",
        c.keys(),
        c.last_text
    );
    c.press("follow:requote");
    assert_eq!(c.asked(), "q.rejection", "{}", c.last_text);
    walks.record(&c, lang, "a letter called wrong");

    // Words of the person's own for the letter: asked for, then given.
    let mut c = refused_with_appeal(lang);
    c.text(if zh {
        "能在信里加一句吗"
    } else {
        "can you add a sentence?"
    });
    assert_eq!(c.keys()[0], "letter.note_what", "{}", c.last_text);
    c.text(if zh {
        "加一句：我的用量一直正常。"
    } else {
        "add this: my usage was normal all along."
    });
    assert_eq!(c.keys()[0], "letter.noted", "{}", c.last_text);
    walks.record(&c, lang, "words for the letter");

    let mut c = Chat::new(lang);
    c.text(if zh {
        "服务器已经删了"
    } else {
        "the server is deleted already"
    });
    walks.reached(&c, lang);
}

/// A cloud named in the first sentence, a ticket number said in passing,
/// and a balance topped up by bank transfer.
pub(super) fn cloud_named_a_ticket_and_a_bank_topup(walks: &mut Walks, lang: Lang, s: &str) {
    let zh = lang == Lang::ZhCn;
    let mut c = Chat::new(lang);
    c.text(if zh {
        "我三天前买了台腾讯云的服务器，能退吗？"
    } else {
        "i bought a tencent cloud server 3 days ago, can i get a refund?"
    });
    assert!(
        c.renderer.used(lang).contains("field.provider"),
        "{}",
        c.last_text
    );
    c.text(if zh {
        "这是什么意思？"
    } else {
        "what does this mean?"
    });
    assert!(
        c.renderer.used(lang).contains("help.this_step"),
        "{}",
        c.last_text
    );
    walks.record(&c, lang, "a cloud named");
    let mut c = Chat::new(lang);
    c.text(s);
    c.press("account:none");
    c.press("topup:1:bank");
    assert!(c.renderer.used(lang).contains("topup.bank"), "{}", c.last_text);
    // A Tencent order that needs today's hourly price, given as no price.
    let mut p = Chat::new(lang);
    p.text("ins-rfmme2si 2026-01-01 10:00 买的，包月，到期 2026-02-01 10:00，实付 95 元，2026-01-20 10:00 删除了");
    p.press("account:none");
    assert_eq!(p.asked(), "q.need", "{}", p.last_text);
    p.text("about 40 cents");
    assert_eq!(p.keys()[0], "check.price_format", "{}", p.last_text);
    walks.record(&p, lang, "a price that is no price");
    // The other channels' names, each in a chat of its own.
    for channel in ["wechat", "alipay"] {
        let mut w = Chat::new(lang);
        w.text(s);
        w.press("account:none");
        w.press(&format!("topup:1:{channel}"));
        assert!(
            w.renderer.used(lang).contains(&format!("topup.{channel}")),
            "{}",
            w.last_text
        );
        walks.record(&w, lang, &format!("a {channel} top-up"));
    }
    c.text(if zh {
        "工单号T20261126-0831"
    } else {
        "ticket no. T20261126-0831"
    });
    assert!(c.renderer.used(lang).contains("ticket.noted"), "{}", c.last_text);
    // The appeal refused, said in words the same day: the ladder.
    c.text(if zh { "被拒了" } else { "they rejected it" });
    if c.asked() == "q.rejection" {
        c.press("reject:other");
    }
    c.text(if zh {
        "申诉也被驳回了"
    } else {
        "the appeal was refused too"
    });
    if c.asked() == "q.rejection" {
        c.press("reject:other");
    }
    assert!(
        c.renderer.used(lang).contains("ladder.appeal_refused"),
        "{:?} {}",
        c.keys(),
        c.last_text
    );
    walks.record(&c, lang, "a ticket and a bank top-up");
}

/// A refusal told at once, the server and the day of the request given: the
/// appeal is on screen.
fn refused_with_appeal(lang: Lang) -> Chat {
    let mut c = Chat::new(lang);
    c.text(if lang == Lang::ZhCn {
        "被拒了，客服说不符合退款条件"
    } else {
        "refused, support said it does not qualify"
    });
    c.text("uhost-1a2b3c4d");
    c.text("2026-03-11 09:00");
    c
}

/// An amount told again with another value: which one is right, both as
/// buttons; the new one pressed.
pub(super) fn a_value_told_twice(walks: &mut Walks, lang: Lang, s: &str) {
    let mut c = Chat::new(lang);
    c.text(s);
    c.text(if lang == Lang::ZhCn {
        "我付了700"
    } else {
        "I paid 700"
    });
    assert!(
        c.keys().contains(&"conflict.ask".to_owned()),
        "{:?} {}",
        c.keys(),
        c.last_text
    );
    c.press(&shown_button(&c, "conflict:"));
    walks.record(&c, lang, "a value told twice");
}

/// Another deletion moment supposed on the estimate of a server not deleted:
/// both figures, the case unchanged; the button takes the new moment.
pub(super) fn a_deletion_supposed(walks: &mut Walks, lang: Lang) {
    let zh = lang == Lang::ZhCn;
    let mut c = Chat::new(lang);
    c.text(if zh {
        "uhost-1a2b3c4d 2025年10月20号买的 包年 一年 实付6000 还没删"
    } else {
        "uhost-1a2b3c4d bought 2025-10-20, yearly, 1 year, paid 6000, not deleted yet"
    });
    c.press("account:none");
    c.press("delete:now");
    c.text(if zh {
        "如果2026年5月31号删能退多少"
    } else {
        "what if I delete it on 2026-05-31?"
    });
    assert!(
        c.keys().contains(&"what_if".to_owned()),
        "{:?} {}",
        c.keys(),
        c.last_text
    );
    c.press(&shown_button(&c, "conflict:"));
    // A monthly price supposed: its figure, the case unchanged until pressed.
    c.text(if zh {
        "如果月单价是300元，能退多少？"
    } else {
        "what if the monthly price is 300, how much then?"
    });
    assert!(
        c.keys().contains(&"what_if.price".to_owned()),
        "{:?} {}",
        c.keys(),
        c.last_text
    );
    c.press(&shown_button(&c, "conflict:"));
    walks.record(&c, lang, "a deletion supposed");
}

/// A "did you mean" answered "neither" in other words: no second one, said
/// plainly; a phone number asked for is never made up.
pub(super) fn neither_and_a_phone_number(walks: &mut Walks, lang: Lang) {
    let zh = lang == Lang::ZhCn;
    let mut c = Chat::new(lang);
    c.text(if zh {
        "我11月12号申请提现到银行卡 单号TX20261112-0815 到现在还没到 优刻得的"
    } else {
        "I asked UCloud to withdraw to my bank card on 12 Nov, ticket TX20261112-0815, still not there"
    });
    c.text(if zh {
        "你说账单发出五天内要提出来 我这个都过了快一个月了 是不是就不给我了"
    } else {
        "you said a bill objection must be within 5 days, it's been a month, do I lose it?"
    });
    c.text(if zh {
        "都不是 我是问我这个提现过了这么久了还能不能拿回来 钱会不会没了"
    } else {
        "neither, I mean after so long can I still get the money at all, is it gone"
    });
    c.text(if zh {
        "他们有没有客服电话"
    } else {
        "do they have a phone number I can call?"
    });
    assert!(
        c.keys().contains(&"kb.phone".to_owned()),
        "{:?} {}",
        c.keys(),
        c.last_text
    );
    walks.record(&c, lang, "neither, and a phone number");
}

/// A question about nothing the bot knows (nonsense words): said so, with what
/// it can answer, never a guess.
pub(super) fn a_question_it_cannot_answer(walks: &mut Walks, lang: Lang) {
    let mut c = Chat::new(lang);
    c.text(if lang == Lang::ZhCn {
        "呜啦啦嘀嗒是啥？"
    } else {
        "what is a blorptastic zorb?"
    });
    assert!(
        c.keys().contains(&"ask.unknown".to_owned()),
        "{:?} {}",
        c.keys(),
        c.last_text
    );
    walks.record(&c, lang, "a question it cannot answer");
}

/// The id of the button on the last screen whose id starts with `prefix`.
fn shown_button(c: &Chat, prefix: &str) -> String {
    c.last
        .iter()
        .flat_map(|r| r.button_ids())
        .find(|b| b.starts_with(prefix))
        .map(str::to_owned)
        .unwrap_or_else(|| panic!("a {prefix} button in: {}", c.last_text))
}
