//! An answer routed to the screen it answers: a check's question, the
//! ladder's question, or a follow-up screen.

use crate::conversation::base::answer::Answer;
use crate::conversation::base::reply::{Out, Reply};
use crate::conversation::base::state::{Position, State};
use crate::conversation::base::vocab::Ctx;
use crate::conversation::check::flow;
use crate::conversation::check::questions;
use crate::conversation::follow::followup;
use crate::conversation::ladder::escalate;
use crate::conversation::screen::show;

pub(crate) fn answer(s: &mut State, a: Answer, ctx: &Ctx, out: &mut Out) {
    match s.at {
        Position::Menu => {
            out.say(Reply::key("menu.not_understood"));
            show(s, ctx, out);
        }
        p if flow::is_check(p) => questions::answer(s, a, ctx, out),
        Position::LadderField => escalate::answer(s, a, ctx, out),
        _ => followup::answer(s, a, ctx, out),
    }
}
