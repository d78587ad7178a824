//! One place that reads a message into what the person is doing with it, given the
//! screen it answers and the case: `read` returns an `Act`; nothing acts on it before.
//!
//! The order, first match wins:
//! 1. navigation words said alone ("back", "取消") and "a person" → request;
//! 2. nothing but thanks, greetings or "ok" → social;
//! 3. a correction with something to correct ("不对 是十月一号", "20号删的
//!    不是19号") → correction; without a value, "you got it wrong" → social;
//! 4. an event reported in a statement ("钱到账了", "被拒了，客服说…"),
//!    or denied ("没被拒啊 我还没申请呢") → report or denial; a yes/no
//!    question about an event ("到账了吗") is a question, not a report;
//! 5. a clause that asks → question (with the rest of the message, if it
//!    answers the screen), unless the phrase lists name a request in it
//!    ("能退多少？" is the check) and the knowledge base has no topic;
//! 6. the answer the screen takes, a button said in other words, or facts
//!    of a check → answer;
//! 7. the phrase lists and the trained model → request (or report);
//! 8. thanks or a greeting beside words the bot cannot place → social; else unclear.
//!    (Annoyance with nothing to take is social, before 6.)

use crate::conversation::base::state::{Position as P, State};
use crate::conversation::base::vocab::Ctx;
use crate::conversation::read::act::{Act, Event, Social};
use crate::conversation::read::clauses::{Clause, contains_any, split};
use crate::conversation::read::intent::{Intent, Wish};
use crate::conversation::read::steps::*;
use crate::conversation::read::words::fold;

/// What a message was read as, and what the reading found on the way.
#[derive(Clone, Debug, PartialEq)]
pub struct Reading {
    pub act: Act,
    /// What the phrase lists and the model make of the whole message.
    pub wish: Wish,
}

/// What the reader is told about the screen on show.
pub struct Screen<'a> {
    /// Whether the screen takes a text as its answer (`None`: it takes no
    /// typed answer at all).
    pub takes: &'a dyn Fn(&str) -> Option<bool>,
    /// The ids of the buttons on screen.
    pub buttons: &'a [String],
    /// Whether the text carries facts of a check.
    pub facts: bool,
    /// Whether it dates a step of a follow-up (a request, a withdrawal,
    /// support's answer).
    pub dated: bool,
    /// What the knowledge base has for a question: nothing (`None`), a
    /// sure topic (`Some(true)`) or two likely ones (`Some(false)`).
    pub topic: &'a dyn Fn(&str) -> Option<bool>,
    /// Whether the case's estimate is named in a message that asks.
    pub figure_asked: bool,
}

/// Reads `text` on the screen of `s`.
pub fn read(s: &State, text: &str, ctx: &Ctx, screen: &Screen) -> Reading {
    let Screen {
        takes,
        buttons,
        facts,
        dated,
        topic,
        figure_asked,
    } = screen;
    let facts = *facts;
    let dated = *dated;
    let d = &ctx.intents.dialogue;
    let whole = fold(text);
    let wish = ctx
        .intents
        .classify(text, crate::conversation::check::facts::Carried::Nothing);
    let done = |act: Act| Reading { act, wish };
    if whole.is_empty() {
        return done(Act::Unclear);
    }
    // "ok bye, I'll come back later": leaving ("come back" is no step back).
    if d.social(&whole) == Some(Social::Bye) {
        return done(Act::Social(Social::Bye));
    }
    if let Some(i) = ctx.intents.alone(text) {
        // "主菜单" where the menu is a button: the button.
        if let Some(id) = ctx.intents.choices.pick(buttons, &whole) {
            return done(Act::Choice(id));
        }
        return done(Act::Request(i));
    }
    if contains_any(&whole, &d.words.human) {
        return done(Act::Request(Intent::Human));
    }
    // Erasing, exporting and the language are asked for in so many words.
    if !wish.guessed && matches!(wish.intent, Intent::DeleteData | Intent::Export | Intent::Lang) {
        return done(Act::Request(wish.intent));
    }
    let clauses = split(text);
    let social: Vec<Option<Social>> = clauses.iter().map(|c| d.social(&c.folded)).collect();
    let plain_social = |x: &Option<Social>| {
        matches!(
            x,
            Some(Social::Thanks | Social::Greeting | Social::Ok | Social::Bye)
        )
    };
    if social.iter().all(plain_social) {
        // "ok 我先走了 晚点再来": leaving, whatever manners come with it.
        if social.contains(&Some(Social::Bye)) {
            return done(Act::Social(Social::Bye));
        }
        // "got it, thanks" on a case that waits for its money: it came.
        if awaits_money(s, ctx) && contains_any(&whole, &d.words.got) {
            return done(Act::Report(Event::Arrived));
        }
        return done(Act::Social(social[0].unwrap_or(Social::Ok)));
    }
    // The clauses that say something (thanks beside a report is manners).
    let said: Vec<&Clause> = clauses
        .iter()
        .zip(&social)
        .filter(|(_, s)| !plain_social(s))
        .map(|(c, _)| c)
        .collect();
    let answers = |t: &str| takes(t) == Some(true) || ctx.intents.choices.pick(buttons, &fold(t)).is_some();
    let asking: Vec<&Clause> = asking_clauses(&said, d, &answers, *topic);
    // 3. A correction ("不对", "应该是", "actually", "不是 X，是 Y", "20号删的不是19号");
    // a message that asks corrects only in so many words ("should be", "应该是"):
    // "11月15日不是已经过去了吗？" is a question.
    if !figure_asked && let Some(act) = correction(s, text, &whole, &clauses, d, facts, &answers) {
        return done(act);
    }
    // 4. Events, in statements; a question that names an event reports it only when it is not
    // a yes/no question about it ("被拒了怎么办" reports, "被拒了吗" asks).
    // "…被拒了两次，我是想问下一步怎么办": the clause that says what is asked about is no report;
    // the others may be.
    let asking_about = |c: &Clause| contains_any(&c.folded, &d.words.asking_about);
    // "…十二号提了工单要提现…到现在还没到账这正常吗": a delay, asked whether normal.
    if let Some(e) = late_asked_normal(&said, d) {
        return done(Act::Report(e));
    }
    // "为什么定制的不退？是整台都不能退还是只是定制那部分不退": a rule asked
    // about, in every clause of the message.
    let why_rule = said.iter().any(|c| d.words.asks_why_rule(c));
    for c in said.iter().filter(|c| !asking_about(c)) {
        if let Some((e, denied)) = d.event(&c.folded) {
            // A deletion said with the facts of a check is one of them.
            if e == Event::Deleted && facts && !denied {
                continue;
            }
            // "还没退订呢，打算现在退", "I haven't unsubscribed yet, I want to do it
            // today" at the deletion question, "ucloud的 机器已经删了" at the
            // server's: the question's button, whatever event the words name.
            let cloud = (s.at == P::FollowInstance).then(|| ctx.intents.knowledge.provider_named(text));
            let cloud = cloud.flatten().map(|p| format!("provider:{}", p.as_str()));
            if (s.at == P::DeleteAt && ctx.intents.choices.pick(buttons, &c.folded).is_some())
                || cloud.is_some()
            {
                match cloud.or_else(|| ctx.intents.choices.pick(buttons, &whole)) {
                    // "请问删除是什么意思呀？我还没删…今天就弄": the question answered, then the rest.
                    Some(_) if asking.iter().any(|c| topic(&c.text) == Some(true)) => {
                        return done(asked_then(&asking, &said));
                    }
                    Some(id) if !whole.chars().any(|ch| ch.is_ascii_digit()) => return done(Act::Choice(id)),
                    _ => continue,
                }
            }
            // "可能被拒？？那我钱不是白交了": supposed, not reported;
            // "为什么定制的不退？": a rule asked about.
            if d.words.supposes(&c.folded) || (e == Event::Rejected && why_rule) {
                continue;
            }
            // "that's what landed in the balance. is that plausible?": the
            // money came, and the question is about the amount.
            // "I deleted it, do I still need to apply?": the deletion is the
            // question's context.
            if matches!(e, Event::Arrived | Event::Deleted) && !asking.is_empty() {
                continue;
            }
            // "只退了380，这对吗": the amount that came is stated, and the question is about it.
            let stated = e == Event::Different && c.folded.chars().any(|ch| ch.is_ascii_digit());
            // "我想先催一下，能帮我写一段吗？": a request, not a question; "帮我生成一份可以提交给12300的…": no report.
            let asked_write = contains_any(&c.folded, &d.write);
            let write = asked_write && e == Event::NotArrived;
            let yes_no = d.words.asks(c) && yes_no(&c.folded) && !stated && !write;
            if yes_no || (e == Event::Submitted && (asked_write || d.words.asks(c) && !c.mark)) {
                continue;
            }
            // Arriving, withdrawing, deleting, complaining named in a clause that asks ("是不是就不用
            // 提现了？") are asked about, not reported; a refusal or a delay with a question is.
            let asked_about = matches!(
                e,
                Event::Arrived | Event::WithdrawalRequested | Event::Deleted | Event::Complained
            );
            if asked_about && d.words.asks(c) {
                continue;
            }
            // At a screen that asks about this very event (support's words,
            // the date of the request, the amount that came, whether it is
            // deleted), the report is the answer.
            // "I submitted the request through the ticket on 2026-11-20. I have
            // not deleted it yet": the date of the request, in a sentence.
            if !denied
                && answers_own_question(s.at, e)
                && (answers(text)
                    || free_text(s.at)
                    || request_dated(text, s, ctx)
                    || (s.at == P::DeleteAt && one_past_day(text, s, ctx))
                    || (s.at == P::SubmittedAt
                        && matches!(e, Event::Submitted | Event::Deleted)
                        && one_past_day(text, s, ctx)))
            {
                return done(answer_or_choice(&whole, buttons, ctx));
            }
            // A denial beside a question or the facts of a check ("我还没
            // 申请，能退多少？") is context for them, not the message.
            if denied && (!asking.is_empty() || facts) {
                continue;
            }
            // "never asked for a refund before. so not used" at the five-day
            // question: its button, said in words, is the answer.
            if denied && in_check(s) && ctx.intents.choices.pick(buttons, &whole).is_some() {
                return done(answer_or_choice(&whole, buttons, ctx));
            }
            // "sent a ticket on 2026-12-01… I did not delete it": the day answers.
            match (
                denied,
                e == Event::Deleted && (facts || one_past_day(text, s, ctx)),
            ) {
                (true, true) => continue,
                // "不是金额不对啊 是直接被拒了": what is not so, then what is.
                (true, false) if said.iter().any(|c| d.event(&c.folded).is_some_and(|(_, no)| !no)) => {
                    continue;
                }
                (true, false) => return done(Act::Denial(e)),
                _ => {}
            }
            return done(Act::Report(furthest(e, &said, d)));
        }
    }
    // "还能怎么办", "what now": the next step (on the ladder, the step named;
    // "要是申诉也被拒了咋办" too); "退还按钮在哪…如果页面显示的不是99怎么办"
    // supposes something the knowledge base knows and asks about it.
    // On a case not yet refused, "what do i do then, complain to 12300?" asks
    // what the knowledge base knows, rather than for the case shown again.
    let ladder = crate::conversation::cases::card::active(s, ctx).is_none_or(|c| {
        c.status == crate::case::CaseStatus::Rejected || !c.data.escalation.escalated.is_empty()
    });
    let known = (topic(text) == Some(true) && asking.iter().any(|c| d.words.supposes(&c.folded)))
        || (!ladder && !asking.is_empty() && topic(text).is_some());
    if !known && said.iter().any(|c| contains_any(&c.folded, &d.words.next)) {
        if let Some(id) = ctx.intents.choices.pick(buttons, &whole) {
            return done(Act::Choice(id));
        }
        return done(Act::Request(Intent::Next));
    }
    // 5. Questions; what else the message says is taken first when it
    // answers the screen ("yearly. can i get all of it back?").
    if !asking.is_empty() {
        let (asked, rest) = asked_and_rest(&asking, &said);
        // "看到一个 ins-…，是这个吗？", "刚不是说了吗 12月5号…": the answer.
        if told_answer(text, answers(text), s, ctx) {
            return done(answer_or_choice(&whole, buttons, ctx));
        }
        // A case told in one message that ends "能退多少？": the estimate is the answer to the
        // question, and the facts are the answer. Asked in so many words ("能退多少？"), not
        // guessed: "我今天退订，对吗？" on a result confirms, it changes nothing.
        let asked_for = ctx
            .intents
            .classify(&asked, crate::conversation::check::facts::Carried::Nothing);
        let confirms = contains_any(&fold(&asked), &d.confirm);
        // "代金券能退吗" asks about vouchers, which the knowledge base knows.
        let (how_much, subject) = (&d.words.how_much, &d.words.subject);
        let about_check = |a: &str| contains_any(a, how_much) || !contains_any(a, subject);
        let asks_check = asked_for.intent == Intent::Check
            && !asked_for.guessed
            && !confirms
            && (about_check(&fold(&asked)) || topic(&asked) != Some(true));
        if facts && asks_check {
            return done(Act::Answer);
        }
        // "学生优惠的能退吗" during a check asks about it: the check is on.
        let request = wish.intent != Intent::None
            && !wish.guessed
            && event_of(wish.intent).is_none()
            && !(in_check(s) && wish.intent == Intent::Check);
        // A request the phrase lists name ("怎么跟客服沟通？" is the tips,
        // "how much will I get back?" the check) gives way only to a topic
        // the knowledge base is sure of, not to two it might offer.
        let sure = asking.iter().any(|c| topic(&c.text) == Some(true));
        // On a case, "钱能退回支付宝吗" is a question about it, never a new
        // check ("能退" names one): what it might be about is offered.
        let on_case = wish.intent == Intent::Check && matches!(s.at, P::Result | P::CaseView);
        let known = match topic(&asked) {
            Some(whole) => whole || sure || !request || on_case,
            None => sure,
        };
        // Facts said beside a question are taken during a check; on a result
        // or a case they are the question's context ("…115 a month on the
        // yearly deal. is that plausible?" changes nothing).
        let on_result = matches!(s.at, P::Result | P::CaseView);
        if rest
            .as_deref()
            .is_some_and(|r| (answers(r) && !on_result) || (facts && in_check(s)))
        {
            // "…I want to cancel it now. So now I guess?": a hedged answer;
            // "是uhost-p5t9c3va 这个对吗": the answer, checked.
            if (answers(&asked) && topic(&asked).is_none()) || checked_or_told(&asked, d) {
                return done(answer_or_choice(&whole, buttons, ctx));
            }
            return done(Act::Question { asked, rest });
        }
        // "我们要申请的话具体怎么弄": a button on screen named in words
        // beats topics the knowledge base only guesses at.
        // Not at a question of the check: "都没有是指什么" asks about its
        // button, it does not press it.
        // "控制台删除吧，哪个快用哪个": in a check too, when it asks nothing about the button.
        let hedged = in_check(s) && !contains_any(&fold(&asked), &d.this_means);
        if topic(&asked) != Some(true)
            && !sure
            && !free_text(s.at)
            && (!in_check(s) || hedged)
            && let Some(id) = ctx.intents.choices.pick(buttons, &whole)
        {
            return done(Act::Choice(id));
        }
        if known || !request || on_case {
            // The whole message as the screen's answer ("是 uhost-… 吗？")
            // when nothing in it is a question the bot can answer.
            if !known && answers(text) && !free_text(s.at) && !on_result {
                return done(answer_or_choice(&whole, buttons, ctx));
            }
            // What else it says does not answer the screen: it is context
            // for the question ("我是微信付的 钱能退回微信吗"), not an answer.
            return done(Act::Question {
                asked: text.to_owned(),
                rest: None,
            });
        }
    }
    // Annoyance or "you got it wrong" with nothing to take is no answer.
    let talk = social
        .iter()
        .flatten()
        .find(|x| !plain_social(&Some(**x)))
        .copied();
    if let Some(x) = talk
        && !facts
        && (free_text(s.at) || !answers(text))
    {
        return done(Act::Social(x));
    }
    // 6. An answer to the screen. "那就现在吧，今天就想弄掉" at the deletion
    // question: "now" in words, no time to read ("今天" without one is now).
    if s.at == P::DeleteAt
        && !text.chars().any(|c| c.is_ascii_digit())
        && let Some(id) = ctx
            .intents
            .choices
            .pick(buttons, &whole)
            .filter(|id| id == "delete:now")
    {
        return done(Act::Choice(id));
    }
    if takes(text) == Some(true) {
        return done(Act::Answer);
    }
    if let Some(id) = pick(buttons, &whole, text, s, ctx) {
        return done(Act::Choice(id));
    }
    if facts {
        return done(Act::Answer);
    }
    // 7. What the phrase lists or the model make of it (a guess gives way
    // to thanks said in the same message).
    // A greeting before a story is manners: "Hello, I have question about refund from Tencent Cloud…";
    // "…expected the refund to go back to my Alipay…" in a story is no "go back".
    let story = text.split_whitespace().count() > 6 || text.chars().count() > 30;
    let nav = matches!(wish.intent, Intent::Back | Intent::Cancel | Intent::Restart);
    if wish.intent != Intent::None
        && !(nav && story)
        && !(wish.guessed && d.social_in(&whole) == Some(Social::Thanks))
    {
        return done(wished(&wish, s, &whole, buttons, asking.is_empty(), dated, ctx));
    }
    if takes(text).is_some() && free_text(s.at) {
        return done(Act::Answer);
    }
    // "好的。最后请帮我写一段话：…提现…失败了" at the menu: which follow-up.
    if s.at == P::Menu && contains_any(&whole, &d.write) {
        return done(Act::Choice("menu:follow".to_owned()));
    }
    // 8. Thanks and greetings beside words the bot cannot place.
    if let Some(x) = social.iter().flatten().next() {
        return done(Act::Social(*x));
    }
    if let Some(x) = d.social_in(&whole) {
        return done(Act::Social(x));
    }
    done(Act::Unclear)
}
