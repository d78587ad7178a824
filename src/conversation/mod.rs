//! The guided conversation as a pure state machine: `step(state, input, ctx)`
//! returns the next state, the replies (template keys with data and buttons)
//! and the effects for the adapter to carry out. No I/O, no display text.
//!
//! The rooms, each a folder that says what it holds (its `mod.rs` lists its
//! files); no two files import each other round a loop
//! (`tests/architecture.rs`):
//! - `base/`: what every room speaks: the state, inputs and context,
//!   replies and effects, button ids, an answer;
//! - `read/`: reading a message: phrase lists, the trained model, support's
//!   words in a rejection, and where typed text goes;
//! - `check/`: the refund check, its questions and its quote;
//! - `follow/`: following a case after the request, and reminders;
//! - `cases/`: a case as the templates show it, its letters, its screens;
//! - `ladder/`: the escalation ladder beyond the provider;
//! - `evidence/`: files sent as evidence;
//! - `knowledge/`: questions answered from the facts, aware of the case.
//!
//! Beside them, the desk: `understand` (a typed message read, then acted
//! on), `ask` (questions answered, talk, what was not understood),
//! `requests` (what is asked for in words), `commands` (what works from
//! any screen), `human` (a person instead of
//! the bot), `menu`, `route` (an answer to the
//! screen it answers), `screen` (show the current screen again), `press` (a button
//! pressed), `typed` (what the screen on show takes), and `step`
//! here.

mod aside;
mod ask;
mod ask_fit;
pub(crate) mod base;
pub(crate) mod cases;
pub(crate) mod check;
mod commands;
mod confirm;
pub(crate) mod evidence;
pub(crate) mod follow;
pub(crate) mod human;
pub mod knowledge;
pub(crate) mod ladder;
mod menu;
mod press;
pub mod read;
mod received_back;
mod repeat;
mod requests;
mod route;
mod screen;
mod screen_read;
mod skip;
mod take_facts;
mod time_used;
mod topic_press;
mod typed;
mod unclear;
mod understand;
mod values;
use press::button;
pub use press::{bare_number_is_amount, takes_amount};
pub use typed::label_then_words;

#[cfg(test)]
mod acts_tests;

pub use base::state;
pub use follow::reminders;
pub use read::{intent, model};

use crate::case::CaseStatus;
pub use base::buttons::Id as ButtonId;
pub(crate) use base::reply::Out;
pub use base::reply::{Button, Effect, Reply};
pub use base::state::{Position, State};
pub use base::vocab::{
    COMMANDS, Command, CommandSpec, Ctx, DeskInput, Input, Outcome, ReminderView, command_names,
};
pub use check::facts::Carried;

/// The tone button of the case on screen ("Make the letter firmer" typed on its result, after the
/// case menu left the screen), or none.
pub fn case_menu(state: &State, ctx: &Ctx) -> Vec<Vec<Button>> {
    use base::buttons::Id;
    let tone = |b: &Button| matches!(Id::parse(&b.id), Some(Id::LetterFirmer | Id::LetterSofter));
    cases::card::active(state, ctx).map_or_else(Vec::new, |c| {
        vec![
            cases::card::case_buttons(c, ctx)
                .into_iter()
                .flatten()
                .filter(tone)
                .collect(),
        ]
    })
}

/// The "Fix …" buttons of a check's answers.
pub fn fix_buttons(d: &crate::case::Draft) -> Vec<Vec<Button>> {
    check::facts::fix_all(d)
}
use commands::command;
pub use read::intent::{Intent, Intents, Wish};
use screen::show;

/// Advance the conversation by one input.
pub fn step(state: &State, input: &Input, ctx: &Ctx) -> Outcome {
    let mut s = state.clone();
    s.turn = s.turn.wrapping_add(1);
    let mut out = Out::default();
    if human::relayed(&mut s, input, ctx, &mut out) {
        return Outcome {
            state: s,
            replies: out.replies,
            effects: out.effects,
        };
    }
    match input {
        Input::Command(c) => command(&mut s, c, ctx, &mut out),
        Input::Button(id) => button(&mut s, id, ctx, &mut out),
        Input::Text(t) => understand::text(&mut s, &crate::input::fix_typos(t.trim()), ctx, &mut out),
        Input::Remind(due) => reminders::remind(&mut s, due, ctx, &mut out),
        Input::File(f) => evidence::files::received(&mut s, f, ctx, &mut out),
        Input::Desk(d) => human::desk(&mut s, d, ctx, &mut out),
    }
    keep_draft(state, &s, ctx, &mut out);
    if let Input::Text(t) = input {
        follow::ticket::keep(&s, t, ctx, &mut out);
        received_back::drop_misread_received(&s, t, ctx, &mut out);
    }
    let said = if let Input::Text(t) = input {
        Some(t.as_str())
    } else {
        None
    };
    repeat::guard(state, &mut s, said, ctx, &mut out);
    // "Which is right?" holds while its question is on screen.
    if s.conflict.as_ref().is_some_and(|c| c.at != s.at) {
        s.conflict = None;
    }
    // "Option 3 or ¥3?" holds for the next message only.
    if s.picked.as_ref().is_some_and(|(turn, _)| *turn != s.turn) {
        s.picked = None;
    }
    let replies = one_keyboard(out.replies);
    s.keyboard = replies
        .last()
        .map(|r| r.button_ids().map(str::to_owned).collect())
        .unwrap_or_default();
    Outcome {
        state: s,
        replies,
        effects: out.effects,
    }
}

/// The buttons of a step all go under its last message, the screen's own
/// first: a notice before the question ("这是关于案例 #1 的吧 [我的案例]")
/// never shifts the numbers of the question's options, and coming back
/// later shows the same numbers.
fn one_keyboard(mut replies: Vec<Reply>) -> Vec<Reply> {
    let Some(last) = replies.len().checked_sub(1) else {
        return replies;
    };
    let earlier: Vec<Vec<Button>> = replies[..last]
        .iter_mut()
        .flat_map(|r| std::mem::take(&mut r.buttons))
        .collect();
    let own: Vec<String> = replies[last].button_ids().map(str::to_owned).collect();
    for row in earlier {
        let row: Vec<Button> = row.into_iter().filter(|b| !own.contains(&b.id)).collect();
        if !row.is_empty() {
            replies[last].buttons.push(row);
        }
    }
    replies
}

/// Every answer of a check is saved into its case at once, so nothing the
/// user said is lost if they open another case or come back another day.
fn keep_draft(before: &State, after: &State, ctx: &Ctx, out: &mut Out) {
    let Some(n) = after.case_no else { return };
    // A save of this case in this step carries the answers as they end up.
    let saved = out.effects.iter_mut().rev().find_map(|e| match e {
        Effect::SaveCase { number, data, .. } if *number == n => Some(data),
        _ => None,
    });
    // (Unless the step left the answers alone and changed the case's own: "把主机ID和金额加进去…".)
    if let Some(data) = saved {
        if after.draft != before.draft || before.case_no != after.case_no {
            data.draft = after.draft.clone();
        }
        return;
    }
    if after.draft == before.draft || before.case_no != after.case_no {
        return;
    }
    let existing = ctx.case(n);
    let mut data = existing.map(|c| c.data.clone()).unwrap_or_default();
    data.draft = after.draft.clone();
    out.effects.push(Effect::SaveCase {
        number: n,
        status: existing.map_or(CaseStatus::Draft, |c| c.status),
        data: Box::new(data),
    });
}

/// The replies that show where the user is now (for a resumed chat, or after
/// a message that was not understood).
pub fn current(state: &State, ctx: &Ctx) -> Vec<Reply> {
    let mut s = state.clone();
    let mut out = Out::default();
    show(&mut s, ctx, &mut out);
    out.replies
}
