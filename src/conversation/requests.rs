//! Requests said in words, carried out: a check, the cases, export, erase,
//! the language, a person, what comes next; and "did you mean" when the
//! words only make a request likely.

use crate::conversation::base::reply::{Button, Out, Reply};
use crate::conversation::base::state::{Position as P, State};
use crate::conversation::base::vocab::{Command, Ctx};
use crate::conversation::cases::card;
use crate::conversation::check::flow;
use crate::conversation::commands::{command, set_lang, start_check};
use crate::conversation::follow::follow_intent;
use crate::conversation::read::intent;
use crate::conversation::screen::show;
use crate::conversation::{Intent, Wish};
use crate::render::Lang;
use serde_json::Value;
use std::str::FromStr;

/// Carry out what the user asked for in words.
pub(crate) fn route(s: &mut State, t: &str, wish: Wish, ctx: &Ctx, out: &mut Out) {
    let number = wish.number.map(|n| n.to_string());
    match wish.intent {
        Intent::Check if flow::is_check(s.at) => show(s, ctx, out),
        // On a case that has no estimate yet, "can I get it back?" is the
        // estimate of that case, not a new one.
        Intent::Check
            if matches!(s.at, P::CaseView | P::Result)
                && let Some(c) = card::active(s, ctx).filter(|c| c.data.assessment.is_none()) =>
        {
            crate::conversation::follow::fresh::estimate(s, c, ctx, out)
        }
        // "i want to refund a tencent cloud server": the cloud is the check's.
        Intent::Check => {
            crate::conversation::commands::open_check(s, ctx, out, true);
            let mut applied = crate::conversation::check::facts::Applied::default();
            crate::conversation::check::cloud::named(&mut s.draft, t, false, ctx, &mut applied);
            if !applied.lines.is_empty() {
                out.say(crate::conversation::check::facts::reply(&applied));
            }
            start_check(s, ctx, out, false)
        }
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
        Intent::Human => crate::conversation::human::ask(s, ctx, out),
        Intent::Next => next_step(s, ctx, out),
        Intent::None if wish.offers().next().is_some() => did_you_mean(&wish, out),
        Intent::None => {
            out.say(Reply::key("menu.not_understood"));
            show(s, ctx, out);
        }
    }
}

/// "What can I do now?": on a refused or escalated case, the ladder; on
/// another case, its screen; without a case, the menu.
fn next_step(s: &mut State, ctx: &Ctx, out: &mut Out) {
    let case = card::active(s, ctx).or_else(|| card::latest(s, ctx).and_then(|n| ctx.case(n)));
    match case {
        Some(c)
            if c.status == crate::case::CaseStatus::Rejected || !c.data.escalation.escalated.is_empty() =>
        {
            let c = c.clone();
            s.case_no = Some(c.number);
            crate::conversation::ladder::escalate::offer(s, &c, ctx, out)
        }
        Some(c) => {
            let n = c.number;
            crate::conversation::cases::screens::open(s, n, ctx, out)
        }
        None => show(s, ctx, out),
    }
}

/// "Did you mean…": the likely intents as buttons, and one to say none of them.
pub(crate) fn did_you_mean(wish: &Wish, out: &mut Out) {
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
