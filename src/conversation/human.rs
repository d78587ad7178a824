//! "Talk to a person": `/human`, the words, or the button the bot offers
//! when it is stuck. Where no operator is set up, the bot says so honestly
//! and what it can still do, then the screen comes back.

use crate::conversation::ask;
use crate::conversation::base::reply::{Out, Reply};
use crate::conversation::base::state::State;
use crate::conversation::base::vocab::Ctx;
use serde_json::json;

pub(crate) fn ask(s: &mut State, ctx: &Ctx, out: &mut Out) {
    s.stuck = 0;
    out.say(Reply::new("human.none", json!({ "n": s.case_no })));
    ask::resume(s, ctx, out);
}
