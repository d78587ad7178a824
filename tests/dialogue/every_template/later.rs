//! A letter asked for before it is needed: the chase-up for when a
//! withdrawal's time has run out, written while it has not.

use super::Walks;
use crate::common::Chat;
use refund_assistant::render::Lang;

/// "None of these apply, I'm the owner", item by item.
fn no_findings(c: &mut Chat) {
    for b in [
        "account:items",
        "arrears:no",
        "violation:no",
        "customised:no",
        "applicant:owner",
    ] {
        c.press(b);
    }
}

/// The walk reached `key`.
fn used(c: &Chat, lang: Lang, key: &str) {
    assert!(
        c.renderer.used(lang).contains(key),
        "{key}: {:?} {}",
        c.keys(),
        c.last_text
    );
}

pub(super) fn a_letter_for_later(walks: &mut Walks, lang: Lang) {
    let zh = lang == Lang::ZhCn;
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
        "如果到时候还没到，给我一段发给客服的话"
    } else {
        "give me a message to send if it hasn't arrived by then"
    });
    used(&c, lang, "followup.ahead");
    walks.record(&c, lang, "a letter for later");
}

/// An instance ID one character short of the usual eight, typed at its
/// question: kept as told, with a note to compare it with the console.
pub(super) fn an_id_kept_as_told(walks: &mut Walks, lang: Lang) {
    let zh = lang == Lang::ZhCn;
    let mut c = Chat::new(lang);
    c.text(if zh {
        "UCloud 云主机 按月 2026-02-20 买的 实付 300 元 想退款"
    } else {
        "ucloud uhost, monthly, bought 2026-02-20, paid 300 cny, want a refund"
    });
    no_findings(&mut c);
    c.text("uhost-4kd92js");
    used(&c, lang, "ack.instance_as_told");
    walks.record(&c, lang, "an ID kept as told");
}

/// A summary checked back on an estimate ("…对吧", "…right?") that no topic
/// answers: the case's own points to compare it with.
pub(super) fn a_summary_checked_back(walks: &mut Walks, lang: Lang) {
    let zh = lang == Lang::ZhCn;
    let mut c = Chat::new(lang);
    c.text(if zh {
        "UCloud 云主机 按月 2026-03-01 买的 到 2026-03-31 实付 300 元 uhost-1a2b3c4d 想退款"
    } else {
        "ucloud uhost-1a2b3c4d, monthly, bought 2026-03-01 until 2026-03-31, paid 300 cny, want a refund"
    });
    no_findings(&mut c);
    c.text("2026-03-10 10:00");
    c.text(if zh {
        "明白了 那我跟家里人商量一下再决定 周末之前弄完 对吧"
    } else {
        "got it, so I just go through all that one by one, right?"
    });
    used(&c, lang, "ask.summary");
    walks.record(&c, lang, "a summary checked back");
}

/// An amount recorded as received that had not come: taken back when the
/// person says nothing came.
pub(super) fn a_receipt_taken_back(walks: &mut Walks, lang: Lang) {
    let zh = lang == Lang::ZhCn;
    let mut c = Chat::new(lang);
    c.monthly_800();
    c.press("result:submitted");
    c.press("when:now");
    c.press("follow:different");
    // A round figure first: the exact amount is asked for.
    c.text(if zh { "300多" } else { "300-something" });
    used(&c, lang, "input.money.approximate");
    c.text("350");
    c.text(if zh {
        "不对不对，钱还没退，一分也没到账"
    } else {
        "no no, nothing came, not a cent has arrived"
    });
    used(&c, lang, "report.received_taken_back");
    walks.record(&c, lang, "a receipt taken back");
}

/// After a refusal, the appeal asked to count the refund as of the first
/// request.
pub(super) fn a_refund_counted_from_the_request(walks: &mut Walks, lang: Lang) {
    let zh = lang == Lang::ZhCn;
    let mut c = Chat::new(lang);
    c.text(if zh {
        "优刻得云主机按月买的，2026-02-20买的付了300。2026-03-02申请退款，2026-03-04客服回复说活动机型不支持退款"
    } else {
        "ucloud uhost, monthly, bought 2026-02-20, paid 300 cny. I asked for a refund on 2026-03-02; on 2026-03-04 support replied: \"promotional instances are not refundable\""
    });
    c.text(if zh {
        "能不能在申诉里让他们按我申请那天算？"
    } else {
        "can the appeal ask them to calculate the refund from the day I requested it?"
    });
    used(&c, lang, "letter.count_from_noted");
    walks.record(&c, lang, "a refund counted from the request");
}

/// After a refusal for abnormal use, what the server was used for, told in
/// the person's words, goes into the appeal.
pub(super) fn a_use_told_after_an_abnormal_use_refusal(walks: &mut Walks, lang: Lang) {
    let zh = lang == Lang::ZhCn;
    let mut c = Chat::new(lang);
    c.text(if zh {
        "优刻得云主机，2026-03-02申请退款，2026-03-04客服说使用异常（疑似挖矿），拒绝退款"
    } else {
        "ucloud uhost. I asked for a refund on 2026-03-02; on 2026-03-04 support refused it for abnormal usage (suspected mining)"
    });
    c.text(if zh {
        "我没挖矿，服务器是用来跑模型训练的"
    } else {
        "I never mined anything. I used the server to train a machine learning model"
    });
    used(&c, lang, "letter.usage_noted");
    walks.record(&c, lang, "a use told after an abnormal-use refusal");
}
