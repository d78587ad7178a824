//! The current screen shown again: the menu, the question, the ladder's
//! question or a case screen.

use super::menu::menu_buttons;
use super::question;
use super::reply::{Out, Reply};
use super::state::{Position, State};
use super::vocab::Ctx;
use super::{cases, escalate, flow};

/// Show the current screen again.
pub(crate) fn show(s: &mut State, ctx: &Ctx, out: &mut Out) {
    match s.at {
        Position::Menu => out.say(Reply::key("menu").buttons(menu_buttons(s))),
        p if flow::is_check(p) => out.say(question::ask(s, ctx)),
        Position::LadderField => escalate::show(s, ctx, out),
        _ => cases::show(s, ctx, out),
    }
}
