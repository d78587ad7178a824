//! Things said for the case on screen that are neither answers nor reports:
//! whether this is the place to ask, a due day checked back, and a
//! promotion's no-refund rule never shown at purchase; a customised part
//! owned, what came back said at a check, and leaving for now.

use super::Walks;
use crate::common::Chat;
use refund_assistant::render::Lang;

pub(super) fn asked_here_a_due_day_checked_and_a_rule_never_shown(walks: &mut Walks, lang: Lang) {
    let zh = lang == Lang::ZhCn;
    let mut c = Chat::new(lang);
    c.text(if zh {
        "你好，请问这里可以问云服务器退款的事情吗？"
    } else {
        "hello, can I ask you something about a refund?"
    });
    assert_eq!(c.keys()[0], "social.can_ask", "{}", c.last_text);
    walks.record(&c, lang, "asked whether to ask here");

    let mut c = Chat::new(lang);
    c.text(if zh {
        "UCloud 的主机删了，钱进了余额，我申请提现到银行卡，一直没到"
    } else {
        "I deleted my UCloud host, the refund went to my balance and I asked to withdraw it to my bank card; it hasn't arrived"
    });
    c.text(if zh {
        "2026-03-02 申请的提现"
    } else {
        "I requested the withdrawal on 2026-03-02"
    });
    c.text(if zh {
        "就是说23号以前到都算正常 对不"
    } else {
        "so it is fine if it comes by the 23rd, right?"
    });
    assert_eq!(
        c.keys()[0],
        "followup.due_confirmed",
        "{:?} {}",
        c.keys(),
        c.last_text
    );
    walks.record(&c, lang, "a due day checked");

    let mut c = Chat::new(lang);
    c.text(if zh {
        "优刻得的云主机退款被拒了"
    } else {
        "my ucloud refund was rejected"
    });
    c.text(if zh {
        "该机型为特惠机型，不支持删除退款，请知悉。"
    } else {
        "This instance type is a promotion and does not support deletion refunds."
    });
    c.text("2026-03-02");
    c.text(if zh {
        "我买的时候页面上根本没看到特惠不退的说明"
    } else {
        "I never saw anything about no refunds for promotions when I bought it"
    });
    assert_eq!(
        c.keys()[0],
        "letter.not_shown_noted",
        "{:?} {}",
        c.keys(),
        c.last_text
    );
    walks.record(&c, lang, "a promotion rule never shown");

    // A customised part owned on a case refused for customisation: the
    // appeal asks for that part to be listed.
    let mut c = Chat::new(lang);
    c.text(if zh {
        "我想对优刻得的一个退款拒绝结果提申诉"
    } else {
        "I want to appeal a UCloud refund refusal"
    });
    c.text(if zh {
        "客服 2026-03-06 回复原文：\"您的资源包含定制类服务，定制类服务不支持退款。\""
    } else {
        "Support replied on 2026-03-06: \"Your resource includes customised services, which are not refundable.\""
    });
    c.text(if zh {
        "2026-03-02 删除的主机，当天提的工单申请退款。"
    } else {
        "I deleted the host on 2026-03-02 and filed the ticket the same day."
    });
    c.text(if zh {
        "当时确实额外加了一块定制的高性能数据盘，这块盘是定制的我认。但主机本身是标准配置。"
    } else {
        "I did add a customised high-performance data disk back then, that part is customised. The host itself is standard."
    });
    assert_eq!(
        c.keys()[0],
        "letter.customised_noted",
        "{:?} {}",
        c.keys(),
        c.last_text
    );
    walks.record(&c, lang, "a customised part owned");

    // What came back, said at the deletion question of a check.
    let mut c = Chat::new(lang);
    c.text(if zh {
        "你好 我退了一台腾讯云服务器 退回来95 对吗"
    } else {
        "hi i returned a tencent cloud server 2 days ago and got 95 back to my balance is that right"
    });
    for line in [
        "1",
        if zh {
            "按月，1个月"
        } else {
            "monthly, 1 month"
        },
        "1",
        "ins-5tq8w2mz",
        "2026-02-10",
        if zh { "实付150" } else { "150 by wechat pay" },
        if zh { "95 退回来了" } else { "95 came back" },
    ] {
        c.text(line);
    }
    assert!(
        c.renderer.used(lang).contains("check.came_noted"),
        "{:?} {}",
        c.keys(),
        c.last_text
    );
    walks.record(&c, lang, "what came back said at a check");

    // Leaving for now: what is kept, and how to come back.
    let mut c = Chat::new(lang);
    c.text(if zh {
        "阿里云服务器 包月 2月28号买的 付了120"
    } else {
        "Alibaba Cloud server, monthly, bought on 28 Feb, paid 120"
    });
    c.text(if zh {
        "ok 我先走了 晚点再来"
    } else {
        "ok bye, see you later"
    });
    assert_eq!(c.keys()[0], "social.bye", "{:?} {}", c.keys(), c.last_text);
    walks.record(&c, lang, "leaving for now");

    // A chase-up asked politer (it is polite already), a sentence added and
    // taken out again.
    let mut c = Chat::new(lang);
    c.text(if zh {
        "华为云的服务器3月2号退订了，包年，2025年3月15号买的，银行卡付了1200，钱一直没到"
    } else {
        "I unsubscribed my Huawei Cloud server on 2 March, yearly, bought 2025-03-15, paid 1200 by card; the money never arrived"
    });
    c.text(if zh {
        "能不能写得客气一点"
    } else {
        "can you make it more polite"
    });
    assert_eq!(
        c.keys()[0],
        "letter.already_polite",
        "{:?} {}",
        c.keys(),
        c.last_text
    );
    c.text(if zh {
        "把这句加上：我已经在控制台查过现金账户，没有看到这笔退款"
    } else {
        "please add this: I have checked the cash account in the console and the refund is not there"
    });
    c.text(if zh {
        "删掉补充说明"
    } else {
        "remove the added note"
    });
    assert_eq!(
        c.keys()[0],
        "letter.notes_dropped",
        "{:?} {}",
        c.keys(),
        c.last_text
    );
    walks.check(
        &c,
        &["a letter asked politer, a note added and taken out".to_owned()],
    );
    walks.reached(&c, lang);
}
