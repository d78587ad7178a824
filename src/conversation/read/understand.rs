//! Typed text: an answer, facts about the check, or a request in words.

use crate::conversation::Intent;
use crate::conversation::Wish;
use crate::conversation::base::answer::Answer;
use crate::conversation::base::reply::{Button, Out, Reply};
use crate::conversation::base::state::{Position, State};
use crate::conversation::base::vocab::{Command, Ctx};
use crate::conversation::cases::card;
use crate::conversation::check::facts;
use crate::conversation::check::finish;
use crate::conversation::check::flow;
use crate::conversation::check::offered;
use crate::conversation::check::question;
use crate::conversation::check::questions;
use crate::conversation::commands::{command, open_check, set_lang, start_check};
use crate::conversation::follow::follow_intent;
use crate::conversation::read::intent;
use crate::conversation::route;
use crate::conversation::screen::show;
use crate::input;
use crate::render::Lang;
use serde_json::Value;
use std::str::FromStr;

/// Typed text: the answer to the question on screen when it is one, else
/// facts about the check, else a request ("my refund was rejected"). Only
/// when nothing is understood does the bot say so.
pub(crate) fn text(s: &mut State, t: &str, ctx: &Ctx, out: &mut Out) {
    // Navigation words said alone ("back", "取消", "help") act anywhere.
    if let Some(i) = ctx.intents.alone(t) {
        return route(s, t, Wish::sure(i, None), ctx, out);
    }
    let read = input::extract(t, s.lang(), ctx.now);
    // An amount or a date without a role is kept to be offered when the
    // text starts something (from the menu or a result) or is a sentence of
    // facts during a check; not when it is an answer to the question on
    // screen, right or wrong (the question's own error says what it takes).
    let keeps = if flow::is_check(s.at) {
        read.facts.iter().any(|f| facts::for_check(&f.fact)) && !questions::accepts(s, t, ctx)
    } else {
        matches!(
            s.at,
            Position::Menu | Position::Cases | Position::Result | Position::CaseView
        )
    };
    if keeps && let Some(noted) = offered::keep(s, &read) {
        out.say(noted);
    }
    let wish = ctx.intents.classify(t, facts::carried(&read));
    understand(s, t, wish, read.facts, ctx, out)
}

/// Decide between answer, facts and request, given what the text holds.
pub(crate) fn understand(
    s: &mut State,
    t: &str,
    wish: Wish,
    found: Vec<input::Found>,
    ctx: &Ctx,
    out: &mut Out,
) {
    let found: Vec<input::Found> = found.into_iter().filter(|f| facts::for_check(&f.fact)).collect();
    let p = s.at;
    // During a check only the phrase lists can take the user elsewhere: a
    // text the model reads as a request there is most likely an answer the
    // question did not take ("没有欠费" is not "not arrived"), and the
    // question's own reply says what it takes, with an example.
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
                return route(s, t, wish, ctx, out);
            }
            // The reason in the user's own words is kept as written.
            if !found.is_empty() && p != Position::ReasonText {
                return take_facts(s, &found, ctx, out);
            }
            return questions::answer(s, Answer::Text(t), ctx, out);
        }
        if questions::accepts(s, t, ctx) {
            return questions::answer(s, Answer::Text(t), ctx, out);
        }
        if elsewhere {
            return route(s, t, wish, ctx, out);
        }
        if !found.is_empty() {
            return take_facts(s, &found, ctx, out);
        }
        if wish.intent != Intent::None {
            return route(s, t, wish, ctx, out);
        }
        return questions::answer(s, Answer::Text(t), ctx, out);
    }
    match p {
        Position::Menu | Position::Cases | Position::Result | Position::CaseView => {
            if elsewhere
                || (found.is_empty() && (wish.intent != Intent::None || wish.offers().next().is_some()))
            {
                route(s, t, wish, ctx, out)
            } else if !found.is_empty() {
                take_facts(s, &found, ctx, out)
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
                Position::Received => input::parse_amount(t, true).is_ok(),
                Position::ContactAgent
                | Position::ContactSaid
                | Position::SupportSaid
                | Position::LadderField
                | Position::Rejection => true,
                Position::FollowInstance => input::parse_instance_id(t).is_ok(),
                _ => false,
            };
            if !answers && (wish.intent != Intent::None || wish.offers().next().is_some()) {
                route(s, t, wish, ctx, out)
            } else {
                route::answer(s, Answer::Text(t), ctx, out)
            }
        }
    }
}

/// Facts from a sentence: a new check from the menu, the open check from a
/// question, or a corrected estimate from a result. The reply lists what was
/// understood, then asks what is still missing.
fn take_facts(s: &mut State, found: &[input::Found], ctx: &Ctx, out: &mut Out) {
    let in_check = flow::is_check(s.at);
    if !in_check {
        match card::active(s, ctx) {
            Some(c) if matches!(s.at, Position::Result | Position::CaseView) => {
                s.draft = c.data.draft.clone();
            }
            _ => open_check(s, ctx, out, true),
        }
    }
    let applied = facts::apply(&mut s.draft, found, ctx.now);
    if !applied.lines.is_empty() {
        out.say(facts::reply(&applied));
    }
    for e in applied.errors.iter().cloned() {
        out.say(e);
    }
    if in_check && !flow::answered(s.at, &s.draft) {
        out.say(question::ask(s, ctx));
    } else if in_check {
        questions::advance(s, ctx, out, false);
    } else {
        s.history = vec![Position::Menu];
        s.at = flow::first_open(&s.draft);
        if s.at == Position::Result {
            finish::finish(s, ctx, out);
        } else {
            out.say(question::ask(s, ctx));
        }
    }
    if let Some(last) = out.replies.last_mut() {
        last.buttons.extend(facts::fix_rows(&applied));
    }
}

/// Carry out what the user asked for in words.
fn route(s: &mut State, t: &str, wish: Wish, ctx: &Ctx, out: &mut Out) {
    let number = wish.number.map(|n| n.to_string());
    match wish.intent {
        Intent::Check if flow::is_check(s.at) => show(s, ctx, out),
        Intent::Check => start_check(s, ctx, out, true),
        Intent::Rejected | Intent::NotArrived | Intent::DifferentAmount | Intent::Submitted => {
            follow_intent::for_intent(s, wish.intent, t, ctx, out)
        }
        Intent::Tips => command(s, &Command::Tips, ctx, out),
        Intent::Cases => command(s, &Command::Cases, ctx, out),
        Intent::Case => command(s, &Command::Case(number), ctx, out),
        Intent::Export => match number.or_else(|| card::latest(s, ctx).map(|n| n.to_string())) {
            Some(n) => command(s, &Command::Export(Some(n)), ctx, out),
            // Nothing to export yet: the list says so and offers a check.
            None => command(s, &Command::Cases, ctx, out),
        },
        Intent::DeleteData => command(s, &Command::DeleteMyData, ctx, out),
        Intent::Back => command(s, &Command::Back, ctx, out),
        Intent::Cancel => command(s, &Command::Cancel, ctx, out),
        Intent::Restart => command(s, &Command::Restart, ctx, out),
        Intent::Help => command(s, &Command::Help, ctx, out),
        Intent::Lang => {
            let t = intent::fold(t);
            if t.contains("english") || t.contains('英') {
                set_lang(s, Lang::En, ctx, out)
            } else if t.contains("chinese") || t.contains("中文") {
                set_lang(s, Lang::ZhCn, ctx, out)
            } else {
                command(s, &Command::Lang, ctx, out)
            }
        }
        Intent::None if wish.offers().next().is_some() => did_you_mean(&wish, out),
        Intent::None => {
            out.say(Reply::key("menu.not_understood"));
            show(s, ctx, out);
        }
    }
}

/// "Did you mean…": the likely intents as buttons, and one to say none of them.
fn did_you_mean(wish: &Wish, out: &mut Out) {
    let mut rows: Vec<Vec<Button>> = wish
        .offers()
        .map(|i| {
            let name = i.class();
            vec![Button::with(
                format!("wish:{name}"),
                &format!("btn.wish.{name}"),
                Value::Null,
            )]
        })
        .collect();
    rows.push(vec![Button::with(
        "wish:none".to_owned(),
        "btn.wish.none",
        Value::Null,
    )]);
    out.say(Reply::key("intent.did_you_mean").buttons(rows));
}

/// A "did you mean" button: the intent it names, or the screen again.
pub(crate) fn picked(s: &mut State, name: &str, ctx: &Ctx, out: &mut Out) {
    match Intent::from_str(name).ok().filter(|i| *i != Intent::None) {
        Some(i) => route(s, "", Wish::sure(i, None), ctx, out),
        None => {
            out.say(Reply::key("intent.none_of_these"));
            show(s, ctx, out);
        }
    }
}

#[cfg(test)]
#[path = "understand_tests.rs"]
mod tests;
