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
    });
}

/// Whether the money is late: the window from the submission has passed.
pub(crate) fn overdue(c: &CaseView, ctx: &Ctx) -> bool {
    c.data
        .submitted_at
        .and_then(|sub| crate::case::followup_window(&c.data, sub, ctx.calendar))
        .is_some_and(|w| {
            matches!(
                timeline::progress(ctx.calendar, &w, ctx.now),
                timeline::Progress::Overdue { .. }
            )
        })
}
