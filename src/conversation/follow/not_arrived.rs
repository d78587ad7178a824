//! "It hasn't arrived": where to look, and — when the stage's clock has run
//! out or there is none to go by — the chase-up letter.

use crate::case::CaseView;
use crate::conversation::base::reply::{Out, Reply};
use crate::conversation::base::state::State;
use crate::conversation::base::vocab::Ctx;
use crate::conversation::cases::card::{case_data, key_for, window};
use crate::conversation::follow::follow_steps::back_to_case;
use crate::policy::timeline::{self, Progress};
use serde_json::json;

pub(crate) fn not_arrived(s: &mut State, c: &CaseView, ctx: &Ctx, out: &mut Out) {
    let late = window(c, ctx)
        .map(|w| {
            matches!(
                timeline::progress(ctx.calendar, &w, ctx.now),
                Progress::Overdue { .. }
            )
        })
        .unwrap_or(false);
    let mut data = case_data(c, ctx);
    data["overdue"] = json!(late);
    out.say(Reply::new(&key_for("followup.not_arrived", c), data));
    back_to_case(s, ctx, out, c);
}
