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

/// "The one to send if it's late after the 17th": the chase-up as it will
/// read the working day after the clock runs out, said as such; false when
/// the case has no clock or is late already.
pub(crate) fn ahead(s: &mut State, c: &CaseView, ctx: &Ctx, out: &mut Out) -> bool {
    let Some(w) = window(c, ctx) else {
        return false;
    };
    if matches!(
        timeline::progress(ctx.calendar, &w, ctx.now),
        Progress::Overdue { .. }
    ) {
        return false;
    }
    let from = ctx.calendar.add_working_days(w.latest, 1);
    let Some(at) = from
        .and_hms_opt(10, 0, 0)
        .and_then(|t| t.and_local_timezone(chrono_tz::Asia::Shanghai).single())
    else {
        return false;
    };
    let later = Ctx {
        now: at.with_timezone(&chrono::Utc),
        ..*ctx
    };
    out.say(Reply::new(
        "followup.ahead",
        json!({ "latest": w.latest, "from": from }),
    ));
    letter(s, c, &later, true, out);
    true
}

pub(crate) fn not_arrived(s: &mut State, c: &CaseView, ctx: &Ctx, out: &mut Out) {
    letter(s, c, ctx, false, out)
}

fn letter(s: &mut State, c: &CaseView, ctx: &Ctx, ahead: bool, out: &mut Out) {
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
    data["ahead"] = json!(ahead);
    out.say(Reply::new(&key_for("followup.not_arrived", c), data));
    back_to_case(s, ctx, out, c);
}
