//! What the screen on show takes: its buttons, whether a typed text
//! answers it, and a bare number typed (an option's number, or an amount
//! where the question takes one).

use crate::conversation::ask;
use crate::conversation::base::reply::{Button, Out, Reply};
use crate::conversation::base::state::{Position, State};
use crate::conversation::base::vocab::Ctx;
use crate::conversation::check::flow;
use crate::conversation::check::questions;
use crate::conversation::screen::show;
use crate::input;

/// "1" where the question takes an amount and also shows options: the
/// person may mean the first option or ¥1. Both are offered; nothing is
/// taken unasked.
pub(crate) fn amount_or_button(s: &mut State, t: &str, ctx: &Ctx, out: &mut Out) -> bool {
    if !crate::conversation::press::bare_number_is_amount(s) {
        return false;
    }
    let Ok(k) = t.trim().parse::<usize>() else {
        return false;
    };
    let mut shown = s.clone();
    let mut screen = Out::default();
    show(&mut shown, ctx, &mut screen);
    let buttons: Vec<Button> = screen
        .replies
        .into_iter()
        .flat_map(|r| r.buttons)
        .flatten()
        .collect();
    // The buttons of the screen, then those the last step showed under it
    // (a "did you mean" topic: "3" there was once taken as ¥3).
    let ids = on_screen(s, ctx);
    let Some(id) = k.checked_sub(1).and_then(|i| ids.get(i)) else {
        return false;
    };
    let b = match buttons.iter().find(|b| &b.id == id) {
        Some(b) => b.clone(),
        None => match crate::conversation::knowledge::Topic::from_button(id) {
            Some(t) => Button::with(
                id.clone(),
                &format!("btn.kb.{}", t.as_str()),
                serde_json::Value::Null,
            ),
            None => return false,
        },
    };
    // "2" at the list price of a ¥588 order: no list price is at or below
    // what was paid, so it is the option.
    if s.at == Position::ListPrice && s.draft.paid.is_some_and(|p| rust_decimal::Decimal::from(k) <= p) {
        crate::conversation::press::button(s, &b.id, ctx, out);
        return true;
    }
    let amount = Button::with(
        format!("amount:{k}"),
        "btn.amount",
        serde_json::json!({ "amount": k }),
    );
    s.picked = Some((s.turn, vec![b.id.clone(), amount.id.clone()]));
    out.say(
        Reply::new("pick.amount_or_button", serde_json::json!({ "k": k }))
            .buttons(vec![vec![b], vec![amount]]),
    );
    true
}

/// A bare number right after "option 3 or ¥3?": 1 or 2 picks between them.
pub(crate) fn picked_number(s: &mut State, t: &str, ctx: &Ctx, out: &mut Out) -> bool {
    let Some((_, ids)) = s.picked.clone() else {
        return false;
    };
    let Ok(k) = t.trim().trim_end_matches(['.', '。', '、']).parse::<usize>() else {
        return false;
    };
    let Some(id) = k.checked_sub(1).and_then(|i| ids.get(i)) else {
        return false;
    };
    s.picked = None;
    crate::conversation::press::button(s, id, ctx, out);
    true
}

/// A bare number where the screen takes no number: the option with that
/// number is pressed ("4" for the fourth button, as the console and the
/// buttons number them); a number with no such option says how many there
/// are, never "¥9".
pub(crate) fn option_number(s: &mut State, t: &str, ctx: &Ctx, out: &mut Out) -> bool {
    let number = option_with_words(s, t, ctx)
        .or_else(|| filler_then_option(t, ctx))
        .or_else(|| words_then_option(s, t))
        .unwrap_or(t);
    let Ok(k) = number.trim().trim_end_matches(['.', '。', '、']).parse::<usize>() else {
        return false;
    };
    if crate::conversation::press::bare_number_is_amount(s) || takes(s, t, ctx) == Some(true) || k > 99 {
        return false;
    }
    let buttons = on_screen(s, ctx);
    let with_words = number.trim() != t.trim();
    match k.checked_sub(1).and_then(|i| buttons.get(i)) {
        // "95 came back": no option 95, words to read.
        None if with_words => return false,
        Some(id) => {
            let id = id.clone();
            crate::conversation::press::button(s, &id, ctx, out);
        }
        None => {
            out.say(Reply::new(
                "nav.no_such_option",
                serde_json::json!({ "k": k, "max": buttons.len() }),
            ));
            ask::resume(s, ctx, out);
        }
    }
    true
}

/// The ids of the buttons on show: the last step's keyboard as it was
/// shown, whose numbers are the ones the person saw ("[7] Fix purchase date"
/// after the screen's six, a follow-up's kinds under the menu, a topic
/// offered); the screen's own when no keyboard is kept.
pub(crate) fn on_screen(s: &State, ctx: &Ctx) -> Vec<String> {
    if !s.keyboard.is_empty() {
        return s.keyboard.clone();
    }
    let mut shown = s.clone();
    let mut out = Out::default();
    show(&mut shown, ctx, &mut out);
    let ids: Vec<String> = out
        .replies
        .iter()
        .flat_map(|r| r.button_ids().map(str::to_owned).collect::<Vec<_>>())
        .collect();
    ids
}

/// Whether the screen on show takes `t` as its answer (`None`: it takes no
/// typed answer).
pub(crate) fn takes(s: &State, t: &str, ctx: &Ctx) -> Option<bool> {
    if flow::is_check(s.at) {
        return Some(questions::accepts(s, t, ctx));
    }
    Some(match s.at {
        Position::SubmittedAt | Position::ContactWhen => input::parse_past_datetime(t, ctx.now).is_ok(),
        Position::Received => input::amount_answers(t, ctx.now),
        Position::FollowInstance => input::read_instance_id(t).is_ok(),
        Position::ContactAgent
        | Position::ContactSaid
        | Position::SupportSaid
        | Position::LadderField
        | Position::Rejection => true,
        _ => return None,
    })
}

/// "1，我想先知道应该退多少钱", "2. It's yearly, I didn't change anything":
/// an option's number, a mark, then words that tell no amount or date (they
/// say why): the number alone (away from the menu, which reads the words).
fn option_with_words<'a>(s: &State, t: &'a str, ctx: &Ctx) -> Option<&'a str> {
    if s.at == crate::conversation::base::state::Position::Menu {
        return None;
    }
    let t = t.trim();
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    // "3 - short text for support pls": a dash after a space too; "2 都没有
    // 我是管理员 不是主账号那个人": a space alone.
    let after = t[digits..].trim_start();
    let spaced = after.len() < t.len() - digits;
    let mark = after.chars().next()?;
    let marked = ".,，、。:：".contains(mark) && !spaced || "-–—".contains(mark);
    let rest = if marked {
        after[mark.len_utf8()..].trim()
    } else {
        after
    };
    if !(1..=2).contains(&digits) || !(marked || spaced) || rest.chars().count() < 2 {
        return None;
    }
    if rest.starts_with(|c: char| c.is_ascii_digit()) || t.starts_with('0') {
        return None;
    }
    // "0 个月", "2 元", "3 月1日": a length, an amount or a day, no option.
    let period = !matches!(
        input::parse_period(t),
        Err(input::PeriodError::Unrecognised | input::PeriodError::Empty)
    );
    if period || input::parse_amount(t, true).is_ok() || input::parse_past_datetime(t, ctx.now).is_ok() {
        return None;
    }
    // "2 我说的9天是已经用了9天，不是买了9天" at "which is right?": the
    // option; the values after it say why.
    if s.conflict.is_some() {
        return Some(&t[..digits]);
    }
    // "1 month", "2 weeks ago": the number belongs to the words.
    let says_why = |text: &str| {
        input::extract(text, s.lang(), ctx.now)
            .facts
            .iter()
            .all(|f| matches!(f.fact, input::Fact::Billing(_) | input::Fact::Reason(_)))
    };
    (says_why(rest) && says_why(t)).then_some(&t[..digits])
}

/// "算了 2", "ok 3": a word that means nothing by itself, then an option's
/// number: the number.
fn filler_then_option<'a>(t: &'a str, ctx: &Ctx) -> Option<&'a str> {
    let t = t.trim();
    let digits = t.bytes().rev().take_while(u8::is_ascii_digit).count();
    if !(1..=2).contains(&digits) {
        return None;
    }
    let (words, number) = t.split_at(t.len() - digits);
    let words = crate::conversation::read::words::fold(words);
    let words = words.trim_matches(|c: char| c.is_whitespace() || ",，.。、:：!！~".contains(c));
    let fillers = &ctx.intents.dialogue.option_filler;
    (!words.is_empty() && fillers.iter().any(|f| f == words)).then_some(number)
}

/// "1 我买了腾讯云的轻量应用服务器…" at the menu: the words after the
/// option's number say what the option would ask, so they are read as the
/// message (the number is no amount); a number that is no option stays.
/// "ok. havent deleted yet, would do it today if i qualify. 1": words that
/// give no number, then an option's number, apart (away from the menu).
fn words_then_option<'a>(s: &State, t: &'a str) -> Option<&'a str> {
    if s.at == crate::conversation::base::state::Position::Menu {
        return None;
    }
    let t = t.trim().trim_end_matches(['.', '。']);
    let digits = t.bytes().rev().take_while(u8::is_ascii_digit).count();
    let (words, number) = t.split_at(t.len() - digits);
    let apart = words.ends_with(|c: char| c.is_whitespace() || ".,，。:：".contains(c));
    let words = words.trim_end_matches(|c: char| c.is_whitespace() || ".,，。:：".contains(c));
    ((1..=2).contains(&digits)
        && apart
        && words.chars().count() >= 4
        && !words.bytes().any(|b| b.is_ascii_digit()))
    .then_some(number)
}

pub(crate) fn words_after_option<'a>(s: &State, t: &'a str, ctx: &Ctx) -> Option<&'a str> {
    if s.at != crate::conversation::base::state::Position::Menu {
        return None;
    }
    let t = t.trim();
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    let rest = t[digits..].trim_start();
    if !(1..=2).contains(&digits) || rest.len() == t.len() - digits || rest.chars().count() < 4 {
        return None;
    }
    if rest.starts_with(|c: char| c.is_ascii_digit() || "元块个月年天号日¥.".contains(c)) {
        return None;
    }
    let Ok(k) = t[..digits].parse::<usize>() else {
        return None;
    };
    let buttons = on_screen(s, ctx);
    k.checked_sub(1).and_then(|i| buttons.get(i))?;
    Some(rest)
}

/// "Keep the earlier: ¥350.00. The ¥12 was a separate charge…", "Now -
/// it's still running": a button's label typed first, then words. The
/// label is the answer when the words ask nothing and tell no value of the
/// check beyond why (a pick between two values is taken whatever follows).
pub fn label_then_words(s: &State, id: &str, rest: &str, ctx: &Ctx) -> bool {
    if id.starts_with("conflict:") {
        return true;
    }
    let clauses = crate::conversation::read::clauses::split(rest);
    if ctx.intents.dialogue.words.asks_any(&clauses) {
        return false;
    }
    // "按年，3600元": an amount said after the label is a value told, even before its role is known.
    let read = input::extract(rest, s.lang(), ctx.now);
    read.unclear.is_empty()
        && read
            .facts
            .iter()
            .all(|f| matches!(f.fact, input::Fact::Billing(_) | input::Fact::Reason(_)))
}
