//! The current screen shown again: the menu, the question, the ladder's
//! question or a case screen.

use crate::conversation::base::reply::{Out, Reply};
use crate::conversation::base::state::{Position, State};
use crate::conversation::base::vocab::Ctx;
use crate::conversation::cases::screens as cases;
use crate::conversation::check::flow;
use crate::conversation::check::question;
use crate::conversation::ladder::escalate;
use crate::conversation::menu::menu_buttons;

/// Show the current screen again.
pub(crate) fn show(s: &mut State, ctx: &Ctx, out: &mut Out) {
    match s.at {
        Position::Menu => out.say(Reply::key("menu").buttons(menu_buttons(s))),
        p if flow::is_check(p) => match s.conflict_shown() {
            Some(c) => out.say(crate::conversation::check::conflict::reply(c)),
            None => out.say(question::ask(s, ctx)),
        },
        Position::LadderField => escalate::show(s, ctx, out),
        Position::Ladder => escalate::resume(s, ctx, out),
        _ => cases::show(s, ctx, out),
    }
}
