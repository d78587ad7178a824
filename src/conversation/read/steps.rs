//! What a reported event means: the event a follow-up intent names, a
//! yes/no question about one, how far along a case each is, and the
//! screens whose answer is the report of their own event; a text taken as
//! the screen's answer or button.

use crate::conversation::base::state::Position as P;
use crate::conversation::base::state::State;
use crate::conversation::base::vocab::Ctx;
use crate::conversation::read::act::{Act, Event};
use crate::conversation::read::intent::Intent;

/// The event a follow-up intent of the phrase lists and the model names,
/// where there is one.
pub(super) fn event_of(i: Intent) -> Option<Event> {
    Some(match i {
        Intent::Rejected => Event::Rejected,
        Intent::NotArrived => Event::NotArrived,
        Intent::DifferentAmount => Event::Different,
        Intent::Submitted => Event::Submitted,
        _ => return None,
    })
}

/// "到账了吗", "被拒了没", "是不是被拒了", "did it arrive", "was it
/// rejected": a question whether an event happened.
pub(super) fn yes_no(folded: &str) -> bool {
    let t = folded.trim_end_matches(|c: char| "啊呀哈呢哦~～".contains(c));
    t.ends_with('吗')
        || t.ends_with('嘛')
        || t.ends_with("了没")
        || t.ends_with("了没有")
        || t.starts_with("是不是")
        || t.contains("有没有")
        // "学生优惠算不算那种…不给退的啊": a verb, its negation and the verb again.
        || t.chars().collect::<Vec<_>>().windows(3).any(|w| w[1] == '不' && w[0] == w[2] && w[0] != '不')
        || ["did ", "has ", "have ", "was ", "is ", "were ", "does "]
            .iter()
            .any(|w| t.starts_with(w))
}

/// How far along a case an event is: a message that reports several is
/// about the furthest.
pub(super) fn step_of(e: Event) -> u8 {
    match e {
        Event::Deleted => 0,
        Event::Submitted | Event::WithdrawalRequested => 1,
        Event::NotArrived | Event::Different | Event::Arrived => 2,
        Event::Rejected => 3,
        Event::AppealRefused => 4,
        Event::Complained => 5,
    }
}

/// The screens whose answer is the report of their own event: support's
/// words after a rejection, the date of a submission.
pub(super) fn answers_own_question(at: P, e: Event) -> bool {
    matches!(
        (at, e),
        (P::SupportSaid | P::Rejection, Event::Rejected)
            | (P::SubmittedAt, Event::Submitted | Event::WithdrawalRequested | Event::Deleted)
            | (P::Received, Event::Different | Event::Arrived | Event::NotArrived)
            | (P::DeleteAt, Event::Deleted | Event::Arrived)
            // "11月18日我提的工单，11月20日客服回复的" at "when was it?".
            | (P::ContactWhen, _)
    )
}

/// A date or an amount in Chinese numerals ("十月一号", "两百块").
pub(super) fn spelled_value(t: &str) -> bool {
    let cs: Vec<char> = t.chars().collect();
    cs.windows(2)
        .any(|w| "一二三四五六七八九十两百千".contains(w[0]) && "月号日块元".contains(w[1]))
}

/// A case on screen that was asked for and has not been paid yet.
pub(super) fn awaits_money(s: &State, ctx: &Ctx) -> bool {
    matches!(s.at, P::CaseView | P::Result)
        && s.case_no
            .and_then(|n| ctx.case(n))
            .is_some_and(|c| c.status == crate::case::CaseStatus::Submitted)
}

/// "…这个对吗？": the message ends asking whether it is right; or
/// "刚不是说了吗 …": what it says was told before.
pub(super) fn checked_or_told(text: &str, d: &super::dialogue::Dialogue) -> bool {
    let folded = super::words::fold(text);
    let t = folded.trim_end_matches(|c: char| !c.is_alphanumeric() || "啊吧呢呀".contains(c));
    // "实例ID是不是这个：…，我在订单里找到的": a check asked of the value, anywhere.
    let asked_of_value = ["是不是这个", "是这个吗", "is this the one", "is this it"];
    d.confirm.iter().any(|c| t.ends_with(c.as_str()))
        || asked_of_value.iter().any(|c| folded.contains(c))
        || super::clauses::contains_any(&folded, &d.told)
}

/// The screen's answer said with a check or a reproach ("看到一个 ins-…，
/// 是这个吗？", "刚不是说了吗 12月5号晚上21:30"): the text answers the screen
/// (`answers`), or gives the one day a date question asks for.
pub(super) fn told_answer(text: &str, answers: bool, s: &State, ctx: &Ctx) -> bool {
    let dated = matches!(
        s.at,
        P::Start | P::End | P::DeleteAt | P::SubmittedAt | P::ContactWhen
    ) && one_past_day(text, s, ctx);
    (answers || dated)
        && !free_text(s.at)
        && !on_case_screen(s)
        && checked_or_told(text, &ctx.intents.dialogue)
}

/// A delay or a refusal reported and asked whether it is normal ("到现在还
/// 没到账这正常吗", "rejected again, is that normal?"): the report; whether
/// it is late is what its follow-up answers.
pub(super) fn late_asked_normal(
    said: &[&super::clauses::Clause],
    d: &super::dialogue::Dialogue,
) -> Option<Event> {
    let normal = said
        .iter()
        .any(|c| super::clauses::contains_any(&c.folded, &d.normal));
    let reported = |e: Event| {
        said.iter()
            .any(|c| d.reports(&c.folded, e) && !d.words.supposes(&c.folded))
    };
    [Event::NotArrived, Event::Rejected]
        .into_iter()
        .find(|e| normal && reported(*e))
}

/// At "when was it submitted?", a text that dates the request or the
/// deletion in a sentence.
pub(super) fn request_dated(text: &str, s: &State, ctx: &Ctx) -> bool {
    use crate::input::Fact;
    s.at == P::SubmittedAt
        && crate::input::extract(text, s.lang(), ctx.now)
            .facts
            .iter()
            .any(|f| matches!(f.fact, Fact::Submitted(_) | Fact::DeleteAt(_)))
}

/// The one past day a text gives.
pub(super) fn one_past_day(text: &str, s: &State, ctx: &Ctx) -> bool {
    crate::input::one_past_date(text, s.lang(), ctx.now).is_some()
}

/// A case or its estimate on screen.
pub(super) fn on_case_screen(s: &State) -> bool {
    matches!(s.at, P::CaseView | P::Result)
}

pub(super) fn in_check(s: &State) -> bool {
    crate::conversation::check::flow::is_check(s.at)
}

/// The screens that keep whatever the person writes.
pub(super) fn free_text(at: P) -> bool {
    matches!(
        at,
        P::SupportSaid | P::Rejection | P::ContactAgent | P::ContactSaid | P::LadderField | P::ReasonText
    )
}

/// A text that answers the screen: a button said in other words, or the
/// answer the screen parses.
pub(super) fn answer_or_choice(whole: &str, buttons: &[String], ctx: &Ctx) -> Act {
    ctx.intents
        .choices
        .pick(buttons, whole)
        .filter(|id| !id.ends_with(":now") || !whole.chars().any(|c| c.is_ascii_digit()))
        .map_or(Act::Answer, Act::Choice)
}

/// The button the words name; "刚才" or "today" beside a date the message
/// gives ("2026年11月23日，刚才已经告诉过您了") is not "just now": the date is
/// the answer.
pub(super) fn pick(buttons: &[String], whole: &str, text: &str, s: &State, ctx: &Ctx) -> Option<String> {
    let id = ctx.intents.choices.pick(buttons, whole)?;
    let dated = || crate::input::one_past_date(text, s.lang(), ctx.now).is_some();
    (!id.ends_with(":now") || !dated()).then_some(id)
}

/// The clauses of a message that ask. A short one the screen takes as its
/// answer, beside another question, is a hedged answer ("now i guess? but
/// how long do i have exactly?"), not a question of its own.
pub(super) fn asking_clauses<'a>(
    said: &[&'a super::clauses::Clause],
    d: &super::dialogue::Dialogue,
    answers: &dyn Fn(&str) -> bool,
    topic: &dyn Fn(&str) -> Option<bool>,
) -> Vec<&'a super::clauses::Clause> {
    let asks: Vec<&super::clauses::Clause> = said
        .iter()
        .copied()
        // "Can you help me?" after the story asks for what the story needs, nothing of its own.
        .filter(|c| {
            d.words.asks(c)
                && !d.surprised(&c.folded)
                && !d.only_help_asked(&c.folded)
                && !d.help_at_end(c)
                && d.social(&c.folded) != Some(crate::conversation::read::act::Social::CanAsk)
        })
        .collect();
    let hedged = |c: &super::clauses::Clause| {
        c.text.split_whitespace().count() <= 3
            && c.text.chars().count() <= 16
            && answers(&c.text)
            && topic(&c.text).is_none()
    };
    if asks.len() < 2 || asks.iter().all(|c| hedged(c)) {
        return asks;
    }
    asks.into_iter().filter(|c| !hedged(c)).collect()
}

/// Step 3 of the reading: a correction with something to correct, or "you
/// got it wrong" with nothing. A stage told as the correction ("不是金额不对
/// 啊 是直接被拒了 客服12-02回的…") is a report, read by the next step.
pub(super) fn correction(
    s: &State,
    text: &str,
    whole: &str,
    clauses: &[super::clauses::Clause],
    d: &super::dialogue::Dialogue,
    facts: bool,
    answers: &dyn Fn(&str) -> bool,
) -> Option<Act> {
    use super::clauses::contains_any;
    // "…your number is wrong right? cash paid was 2000 not 2400. redo it":
    // a clause that corrects a value, beside one that asks.
    // "the ¥1,200 was topped up by credit card, not bank transfer": the amount held, said again.
    let held = |c: &super::clauses::Clause| {
        let amount = crate::input::amount_said(&c.text, chrono::Utc::now()).ok();
        amount.is_some() && amount == s.draft.paid
    };
    let corrects_value = |c: &&super::clauses::Clause| {
        !d.words.asks(c)
            && d.words.corrects(&c.folded)
            && c.folded.chars().any(|ch| ch.is_ascii_digit())
            && !held(c)
    };
    let asks_only = d.words.asks_any(clauses)
        && !contains_any(whole, &d.words.correction_strong)
        && !clauses.iter().any(|c| corrects_value(&c));
    // "退款才41.2 感觉不对啊" as a first message: nothing told yet to correct.
    let told = s.draft != crate::case::Draft::default() || s.case_no.is_some();
    // "…应该是没有欠费吧": a guess hedged, no correction.
    let hedged = whole
        .trim_end_matches(['。', '.', '！', '!', ' ', '～', '~'])
        .ends_with('吧');
    let marked = if hedged {
        whole.replace("应该是", "")
    } else {
        whole.to_owned()
    };
    if !d.words.corrects(&marked) || asks_only || !told {
        return None;
    }
    let reports = clauses
        .iter()
        .any(|c| d.event(&c.folded).is_some_and(|(_, denied)| !denied) && !d.words.supposes(&c.folded));
    if reports && !facts {
        return None;
    }
    // "i already got some money back but i think its wrong, only 96 not 120" during a check that
    // holds neither amount: what came is reported, nothing held is corrected.
    let d0 = &s.draft;
    let held_amounts = [d0.paid, d0.list_price.flatten(), d0.voucher, d0.gift];
    let amounts: Vec<rust_decimal::Decimal> = text
        .split(|c: char| !(c.is_ascii_digit() || c == '.'))
        .filter_map(|n| n.trim_matches('.').parse().ok())
        .collect();
    let none_held = !amounts.is_empty() && amounts.iter().all(|a| !held_amounts.contains(&Some(*a)));
    if reports && none_held && in_check(s) {
        return None;
    }
    let value = whole.chars().any(|c| c.is_ascii_digit()) || spelled_value(whole);
    if facts || value || answers(text) {
        return Some(Act::Correction);
    }
    (!d.words.asks_any(clauses) && d.event(whole).is_none())
        .then_some(Act::Social(crate::conversation::read::act::Social::BotWrong))
}

/// The event a report names, as far as the message goes: "被拒，申诉也被驳回，11月10日已经向
/// 优刻得正式投诉" is the complaint; "被拒了两次" the appeal refused; "云主机删了，钱没退，客服说…不退",
/// "工单已经提了，客服拒了": the refusal, not the deletion or the request before it; of two as far,
/// the last said ("钱在余额里有 23号提现到工行卡 还没到": the withdrawal has not arrived).
pub(super) fn furthest(e: Event, said: &[&super::clauses::Clause], d: &super::dialogue::Dialogue) -> Event {
    let plain = |c: &&super::clauses::Clause| !d.words.supposes(&c.folded) && !d.words.asks(c);
    let before_complaint = matches!(
        e,
        Event::Rejected | Event::AppealRefused | Event::Submitted | Event::NotArrived
    );
    if before_complaint
        && said
            .iter()
            .any(|c| plain(c) && d.reports(&c.folded, Event::Complained))
    {
        return Event::Complained;
    }
    if e == Event::Rejected
        && said
            .iter()
            .any(|c| plain(c) && d.reports(&c.folded, Event::AppealRefused))
    {
        return Event::AppealRefused;
    }
    said.iter()
        .filter(|c| plain(c))
        .filter_map(|c| d.event(&c.folded))
        .filter(|(x, denied)| !denied && step_of(*x) >= step_of(e))
        .map(|(x, _)| x)
        .max_by_key(|x| step_of(*x))
        .unwrap_or(e)
}

/// The clauses that ask, as the question, and the others as what else the message says.
pub(super) fn asked_then(asking: &[&super::clauses::Clause], said: &[&super::clauses::Clause]) -> Act {
    let (asked, rest) = asked_and_rest(asking, said);
    Act::Question { asked, rest }
}

/// The asking clauses' words, and the words of the other clauses (if any).
pub(super) fn asked_and_rest(
    asking: &[&super::clauses::Clause],
    said: &[&super::clauses::Clause],
) -> (String, Option<String>) {
    let asked = asking
        .iter()
        .map(|c| c.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let rest: Vec<&str> = said
        .iter()
        .filter(|c| !asking.contains(c))
        .map(|c| c.text.as_str())
        .collect();
    (asked, (!rest.is_empty()).then(|| rest.join(" ")))
}

/// What the phrase lists or the model make of a message, when nothing else
/// placed it: the event it reports, the request it makes, or nothing.
pub(super) fn wished(
    wish: &crate::conversation::read::intent::Wish,
    s: &State,
    whole: &str,
    buttons: &[String],
    asking_none: bool,
    dated: bool,
    ctx: &Ctx,
) -> Act {
    match event_of(wish.intent) {
        // A guessed event in a message that asks changes no case ("代金券
        // 那个呢 你还没说" is not "the money has not arrived").
        // "I asked for the refund on 2026-11-28" at "when did you submit?".
        Some(e) if answers_own_question(s.at, e) => answer_or_choice(whole, buttons, ctx),
        // A guess without a date changes no case on screen ("服务器没删，
        // 现在还在运行" is not "the money has not arrived").
        Some(e) if !wish.guessed || (!in_check(s) && asking_none && (dated || !on_case_screen(s))) => {
            Act::Report(e)
        }
        Some(_) => Act::Unclear,
        // During a check, the model's guess at a request is most likely
        // an answer the question did not take ("backup lots" is not
        // "back"): the question's own error says what it takes.
        None if wish.guessed && in_check(s) => Act::Unclear,
        // Erasing everything is asked for in so many words, never guessed
        // ("fix deletion time").
        None if wish.guessed && wish.intent == Intent::DeleteData => Act::Unclear,
        None => Act::Request(wish.intent),
    }
}
