//! An answer routed to the screen it answers: a check's question, the
//! ladder's question, or a follow-up screen.

use super::answer::Answer;
use super::reply::{Out, Reply};
use super::screen::show;
use super::state::{Position, State};
use super::vocab::Ctx;
use super::{escalate, flow, followup, questions};

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
