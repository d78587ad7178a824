//! What every letter carries besides the case itself: the rule it cites
//! (with its link, even before an estimate), what support said in the
//! user's words, the date by which an answer is asked (working days, on the
//! holiday calendar), and what the user does if none comes.

use crate::case::CaseView;
use crate::conversation::base::vocab::Ctx;
use crate::policy::{Profile, timeline};
use serde_json::{Value, json};

/// Working days a letter gives support to answer.
pub(crate) const REPLY_DAYS: u32 = 3;

/// Adds `letter` to a case template's data.
pub(crate) fn add(data: &mut Value, c: &CaseView, ctx: &Ctx) {
    let profile = Profile::load(c.data.policy);
    let today = timeline::local_date(ctx.now);
    let deadline = ctx.calendar.add_working_days(today, REPLY_DAYS);
    let url = c
        .data
        .assessment
        .as_ref()
        .map_or(profile.source_url.as_str(), |a| a.quote.source_url.as_str());
    data["letter"] = json!({
        "policy": c.data.policy,
        "source_url": url,
        "deadline": deadline.format("%Y-%m-%d").to_string(),
        "reply_days": REPLY_DAYS,
        "support_said": c.data.support_said,
        "tone": tone(c, ctx),
    });
}

/// How firmly a letter closes, by the case's stage: a provider that refused
/// is told of the complaint channel and 12300; one that is late, of the
/// complaint channel; anyone else is only asked politely.
pub(crate) fn tone(c: &CaseView, ctx: &Ctx) -> &'static str {
    if crate::case::stage(c, ctx.now).disputed() {
        "dispute"
    } else if overdue(c, ctx) {
        "firm"
    } else {
        "polite"
    }
}

/// Whether the money is late: the window from the submission has passed.
pub(crate) fn overdue(c: &CaseView, ctx: &Ctx) -> bool {
    crate::case::clock(c, ctx.calendar, ctx.now).is_some_and(|k| {
        matches!(
            timeline::progress(ctx.calendar, &k.window, ctx.now),
            timeline::Progress::Overdue { .. }
        )
    })
}
