//! Typed text, read and acted on: answers and facts go to the check or the
//! follow-up screen they answer, requests are carried out.

use crate::conversation::Intent;
use crate::conversation::Wish;
use crate::conversation::ask;
use crate::conversation::base::answer::Answer;
use crate::conversation::base::reply::{Out, Reply};
use crate::conversation::base::state::{Position, State};
use crate::conversation::base::vocab::Ctx;
use crate::conversation::cases::card;
use crate::conversation::check::cloud;
use crate::conversation::check::facts;
use crate::conversation::check::flow;
use crate::conversation::check::keep;
use crate::conversation::check::questions;
use crate::conversation::check::recorrect;
use crate::conversation::read::act::{Act, Social};
use crate::conversation::read::reader::Reading;
use crate::conversation::requests;
use crate::conversation::route;
use crate::conversation::screen_read::{self, read_on};
use crate::conversation::take_facts::take_facts;
use crate::conversation::typed::{amount_or_button, option_number, picked_number, takes};
use crate::input;

/// Typed text: read into what the person is doing (`reader::read`), then acted on (an answer
/// to its screen, a question answered and the screen asked again, a report to the case, a
/// request carried out); only when nothing is read does the bot say so, with choices.
pub(crate) fn text(s: &mut State, t: &str, ctx: &Ctx, out: &mut Out) {
    if crate::conversation::follow::said_for_case(s, t, ctx, out) {
        return;
    }
    if picked_number(s, t, ctx, out)
        || amount_or_button(s, t, ctx, out)
        || option_number(s, t, ctx, out)
        || crate::conversation::skip::skipped(s, t, ctx, out)
    {
        return;
    }
    if let Some(rest) = crate::conversation::typed::words_after_option(s, t, ctx) {
        return text(s, rest, ctx, out);
    }
    let mut read = input::extract(t, s.lang(), ctx.now);
    crate::conversation::take_facts::drop_our_guesses(s, &mut read, ctx);
    crate::conversation::time_used::drop_time_used(s, t, &mut read, ctx);
    let reading = read_on(s, t, &read, ctx);
    act(s, t, reading, read, ctx, out);
}

/// Acts on what was read.
fn act(s: &mut State, t: &str, reading: Reading, read: input::Extracted, ctx: &Ctx, out: &mut Out) {
    let Reading { act, wish } = reading;
    let act = screen_read::nothing_came(act, t, &read, ctx);
    if !matches!(
        act,
        Act::Unclear | Act::Social(Social::BotWrong | Social::Frustrated)
    ) {
        s.stuck = 0;
    }
    let act_is_answer = act == Act::Answer;
    // "如果12月31号删能退多少": compared, the case unchanged.
    if !matches!(act, Act::Request(_) | Act::Report(_) | Act::Denial(_))
        && crate::conversation::check::what_if::asked(s, t, &read, ctx, out)
    {
        return;
    }
    // A question beside the answer, a correction or an option is answered too
    // ("…实际付了500。代金券那100能退吗？", "do i have to delete it myself? … now then").
    let beside = act_is_answer || matches!(act, Act::Correction | Act::Choice(_));
    if beside && flow::is_check(s.at) {
        crate::conversation::aside::aside(s, t, &read, ctx, out);
    }
    if act_is_answer && flow::is_check(s.at) {
        // "already did on 2026-12-05… 95 came back to my balance": what came, beside the estimate.
        if s.at == Position::DeleteAt {
            s.follow.came = read.came_amount(t, &ctx.intents.dialogue.came).or(s.follow.came);
        }
    }
    match act {
        // "我想申请退款，800块": the amount is kept to offer at its question.
        Act::Request(i) => {
            if i == Intent::Check {
                keep::keep_offered(s, t, &read, ctx, out);
            }
            requests::route(
                s,
                t,
                Wish {
                    intent: i,
                    guessed: false,
                    ..wish
                },
                ctx,
                out,
            )
        }
        // "304小时？我是25号上午10点买的 到现在应该没这么多吧。还有钱能退回微信吗"
        // on the estimate: hours, not money. The fact told corrects the case,
        // the question beside it is answered; no amount that came is asked.
        Act::Report(crate::conversation::read::event::Event::Different)
            if matches!(s.at, Position::Result | Position::CaseView)
                && read.came_amount(t, &ctx.intents.dialogue.came).is_none()
                && !screen_read::told_on_case(s, t, &read, ctx).is_empty() =>
        {
            crate::conversation::take_facts::told_beside_a_question(s, t, &read, ctx, out)
        }
        // "才退158元？…为什么这么少？" on an estimate of ¥158.05: why this figure.
        Act::Report(crate::conversation::read::event::Event::Different)
            if screen_read::estimate_said_back(s, t, &read, ctx) =>
        {
            crate::conversation::aside::why_figure(s, t, ctx, out)
        }
        Act::Report(e) => crate::conversation::follow::report::report(s, e, t, ctx, out),
        // "the refund … still hasnt arrived" with no case yet: its follow-up,
        // not "I changed nothing in the case".
        Act::Denial(crate::conversation::read::event::Event::Arrived)
            if card::about(s, ctx).is_none() && s.at == Position::Menu =>
        {
            requests::route(s, t, Wish::sure(Intent::NotArrived, wish.number), ctx, out)
        }
        Act::Denial(e) => crate::conversation::follow::report::denial(s, e, ctx, out),
        // "…still hasnt arrived. Support said 3-5 working days. Is this
        // late?": a question the knowledge base has nothing for, in a story
        // that reports: the report's follow-up answers it.
        Act::Question { ref asked, .. }
            if s.at == Position::Menu
                && (ask::known(asked, ctx).is_none() || screen_read::only_is_it_normal(asked, ctx))
                && matches!(
                    wish.intent,
                    Intent::NotArrived | Intent::Rejected | Intent::DifferentAmount | Intent::Submitted
                ) =>
        {
            requests::route(s, t, Wish::sure(wish.intent, wish.number), ctx, out)
        }
        Act::Question { asked, rest } => {
            if let Some(rest) = crate::conversation::aside::question(s, t, &asked, rest, &read, ctx, out) {
                text(s, &rest, ctx, out)
            }
        }
        // "你这信不行啊": what can be changed in the letter on screen.
        Act::Social(Social::BotWrong | Social::Frustrated)
            if matches!(s.at, Position::CaseView | Position::Result)
                && crate::conversation::read::clauses::contains_any(
                    &crate::conversation::read::words::fold(t),
                    &ctx.intents.dialogue.letter,
                )
                && let Some(c) = card::active(s, ctx) =>
        {
            ask::letter_wrong(s, c, out)
        }
        // "不对呀，我不是账号所有者…我只是会计": who applies, on the estimate.
        Act::Correction | Act::Social(Social::BotWrong) if recorrect::applicant(s, t, ctx, out) => {}
        // "不是优刻得啊 是华为云": the cloud is changed, the question stays
        // ("哦看错了 uhost-h6s2m8px" gives the ID itself: taken below).
        Act::Correction | Act::Social(Social::BotWrong)
            if cloud::differs(s, t, ctx)
                && !read
                    .facts
                    .iter()
                    .any(|f| matches!(f.fact, input::Fact::Instance(_))) =>
        {
            cloud::correct(s, t, ctx, out);
            ask::resume(s, ctx, out)
        }
        Act::Social(x) => ask::social(s, x, ctx, out),
        Act::Choice(id) => {
            // "按月，买了一个月" at the billing buttons: the length is taken too, not asked again.
            if flow::is_check(s.at) {
                let more: Vec<input::Found> = read
                    .facts
                    .iter()
                    .filter(|f| facts::for_check(&f.fact) && !facts::answers_here(s.at, &f.fact))
                    .cloned()
                    .collect();
                let mut applied = facts::apply(&mut s.draft, &more, ctx.now);
                // "包月的 华为云的": the cloud beside the answer.
                cloud::named(&mut s.draft, t, false, ctx, &mut applied);
                if !applied.lines.is_empty() {
                    out.say(facts::reply(&applied));
                }
                crate::conversation::press::button(s, &id, ctx, out);
                // "有不对的，点「改…」": the buttons the line promises.
                if let Some(last) = out.replies.last_mut() {
                    last.buttons.extend(facts::fix_rows(&applied));
                }
                return;
            }
            // "I topped up by Alipay, on 2026-10-01": the day too.
            if crate::conversation::follow::balance::topup_typed(s, &id, t, ctx, out) {
                return;
            }
            crate::conversation::press::button(s, &id, ctx, out);
            crate::conversation::ladder::prefill::said_with(s, t, ctx, out); // "…我的信息：郑凯，电话…"
        }
        // "sorry, it was 320 not 300": 300 becomes 320 ("2000 was alipay, 400 the voucher": both).
        Act::Correction if let Some(f) = recorrect::denied_amount(t, s, &read, ctx) => {
            let kind = std::mem::discriminant(&f.fact);
            let mut all = vec![f];
            all.extend(
                read.facts
                    .iter()
                    .filter(|g| facts::for_check(&g.fact) && std::mem::discriminant(&g.fact) != kind)
                    .cloned(),
            );
            take_facts(s, t, &all, true, ctx, out)
        }
        // "the request was sent on 2026-11-27, not the 26th": its letter again.
        Act::Correction
            if read
                .facts
                .iter()
                .any(|f| matches!(f.fact, input::Fact::Submitted(_)))
                && crate::conversation::follow::note::into_letter(s, t, ctx, out) => {}
        // "8月1号", then "不对 是8月10号": the date just taken.
        Act::Correction if recorrect::last_date(s, &read, ctx, out) => {}
        // "sorry, it was 2026-06-03" after a sentence that gave the one date.
        Act::Correction
            if (flow::is_check(s.at) || s.at == Position::Result)
                && let Some(f) = crate::conversation::check::denied::denied_date(&s.draft, &read) =>
        {
            take_facts(s, t, &[f], true, ctx, out)
        }
        // "That's wrong" with nothing to take: which answer to change.
        Act::Correction
            if !read.facts.iter().any(|f| facts::for_check(&f.fact)) && takes(s, t, ctx) != Some(true) =>
        {
            let rows = facts::fix_all(&s.draft);
            out.say(Reply::new("fix.which", serde_json::json!({ "any": !rows.is_empty() })).buttons(rows));
            ask::resume(s, ctx, out);
        }
        // A date said with other words ("11月20号左右吧"), or twice the same way, answers its question
        // ("我是11月5号微信充的值" dates the top-up, no order's day: `recorrect::values_unplaced`).
        Act::Answer | Act::Unclear
            if flow::is_check(s.at)
                && !read
                    .facts
                    .iter()
                    .any(|f| facts::names_screen_amount(s.at, &f.fact))
                && let Some(w) = questions::one_answer_in(
                    s,
                    &recorrect::values_for_screen(s, &read, t, ctx)
                        .iter()
                        .map(String::as_str)
                        .collect::<Vec<_>>(),
                    ctx,
                )
                .map(str::to_owned) =>
        {
            let w = recorrect::with_time(t, &w);
            crate::conversation::take_facts::beside_answer(s, &read.facts, ctx, out);
            if read.facts.is_empty() {
                questions::answer(s, Answer::Text(&w), ctx, out)
            } else {
                crate::conversation::take_facts::answer_said_back(s, &w, ctx, out)
            }
        }
        Act::Correction | Act::Answer => {
            // A correction's other value is the one it denies ("250 not
            // 300"): nothing to offer later.
            if act_is_answer {
                keep::keep_offered(s, t, &read, ctx, out);
            }
            let found = read.facts;
            understand(
                s,
                t,
                Wish::sure(Intent::None, wish.number),
                found,
                !act_is_answer,
                ctx,
                out,
            )
        }
        Act::Unclear => {
            keep::keep_offered(s, t, &read, ctx, out);
            crate::conversation::unclear::unclear(s, t, wish, ctx, out)
        }
    }
}

/// Decide between answer, facts and request, given what the text holds.
pub(crate) fn understand(
    s: &mut State,
    t: &str,
    wish: Wish,
    found: Vec<input::Found>,
    correcting: bool,
    ctx: &Ctx,
    out: &mut Out,
) {
    let found: Vec<input::Found> = found.into_iter().filter(|f| facts::for_check(&f.fact)).collect();
    let p = s.at;
    // During a check only the phrase lists can take the user elsewhere: a text the model reads
    // as a request there is most likely an answer the question did not take ("没有欠费" is not
    // "not arrived"), and the question's own reply says what it takes, with an example.
    let wish = if flow::is_check(p) && (wish.guessed || wish.intent == Intent::None) {
        Wish::sure(Intent::None, wish.number)
    } else {
        wish
    };
    // Requests that are clearly about something else than the question.
    let elsewhere = matches!(
        wish.intent,
        Intent::Rejected
            | Intent::NotArrived
            | Intent::DifferentAmount
            | Intent::Submitted
            | Intent::DeleteData
            | Intent::Export
    );
    if flow::is_check(p) {
        let free = matches!(p, Position::Reason | Position::ReasonText);
        if free {
            if elsewhere || (wish.intent != Intent::None && wish.intent != Intent::Check) {
                return requests::route(s, t, wish, ctx, out);
            }
            // The reason in the user's own words is kept as written.
            if !found.is_empty() && p != Position::ReasonText {
                return take_facts(s, t, &found, correcting, ctx, out);
            }
            return questions::answer(s, Answer::Text(t), ctx, out);
        }
        // A sentence with several facts is taken whole ("uhost-… 3月1日买的
        // 包月"), even where the question would take one word of it.
        // "订单是1188 我付了988": this question's amount, not the first number.
        if found.len() >= 2 || found.iter().any(|f| facts::names_screen_amount(p, &f.fact)) {
            return take_facts(s, t, &found, correcting, ctx, out);
        }
        if questions::accepts(s, t, ctx) {
            crate::conversation::take_facts::beside_answer(s, &found, ctx, out);
            if found.is_empty() {
                return questions::answer(s, Answer::Text(t), ctx, out);
            }
            // "210 rmb, paid with card topup. no vouchers": the answer said back beside the voucher.
            return crate::conversation::take_facts::answer_said_back(s, t, ctx, out);
        }
        if elsewhere {
            return requests::route(s, t, wish, ctx, out);
        }
        if !found.is_empty() {
            return take_facts(s, t, &found, correcting, ctx, out);
        }
        if wish.intent != Intent::None {
            return requests::route(s, t, wish, ctx, out);
        }
        return questions::answer(s, Answer::Text(t), ctx, out);
    }
    match p {
        Position::Menu | Position::Cases | Position::Result | Position::CaseView | Position::Ladder => {
            if elsewhere
                || (found.is_empty() && (wish.intent != Intent::None || wish.offers().next().is_some()))
            {
                requests::route(s, t, wish, ctx, out)
            } else if !found.is_empty() {
                // "can i get a refund? is it too late??": answered by the check.
                // ("能退多少？" is the check itself: nothing to say first.)
                let words = &ctx.intents.dialogue.words;
                let other = crate::conversation::read::clauses::split(t).iter().any(|c| {
                    words.asks(c)
                        && ctx.intents.classify(&c.text, facts::Carried::Nothing).intent != Intent::Check
                });
                if p == Position::Menu && other {
                    out.say(Reply::key("check.asked_first"));
                }
                take_facts(s, t, &found, correcting, ctx, out)
            } else {
                route::answer(s, Answer::Text(t), ctx, out)
            }
        }
        // Follow-up questions: a date, an amount or the user's own words.
        _ => {
            let answers = match p {
                Position::SubmittedAt | Position::ContactWhen => {
                    input::parse_past_datetime(t, ctx.now).is_ok()
                }
                Position::Received => input::amount_answers(t, ctx.now),
                Position::ContactAgent
                | Position::ContactSaid
                | Position::SupportSaid
                | Position::LadderField
                | Position::Rejection => true,
                Position::FollowInstance => input::read_instance_id(t).is_ok(),
                _ => false,
            };
            if !answers && (wish.intent != Intent::None || wish.offers().next().is_some()) {
                requests::route(s, t, wish, ctx, out)
            } else {
                route::answer(s, Answer::Text(t), ctx, out)
            }
        }
    }
}

#[cfg(test)]
#[path = "understand_tests.rs"]
mod tests;
