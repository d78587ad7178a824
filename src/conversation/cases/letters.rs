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

/// Days UCloud's framework agreement (3.3.6) gives for a written objection
/// to a bill, from the day it is sent.
pub(crate) const OBJECTION_DAYS: u64 = 5;

/// UCloud's window for a written objection to the refund's amount: the
/// refund is billed when the resource is deleted (else, as far as the case
/// knows, when the refund was asked for, else today); the objection is due
/// five days later. `None` for the other providers.
fn objection(c: &CaseView, ctx: &Ctx) -> Value {
    if Profile::load(c.data.policy).provider != crate::policy::Provider::Ucloud {
        return Value::Null;
    }
    let (basis, at) = match (c.data.draft.delete_at, c.data.submitted_at) {
        (Some(t), _) => ("deleted", t),
        (None, Some(t)) => ("submitted", t),
        (None, None) => ("today", ctx.now),
    };
    let bill = timeline::local_date(at);
    let due = bill
        .checked_add_days(chrono::Days::new(OBJECTION_DAYS))
        .unwrap_or(bill);
    // A ticket or a contact with support inside the window may already be
    // the written objection.
    let raised = c
        .data
        .submitted_at
        .into_iter()
        .chain(c.contacts.iter().map(|k| k.at))
        .map(timeline::local_date)
        .filter(|d| (bill..=due).contains(d))
        .min();
    json!({
        "raised": raised.map(|d| d.format("%Y-%m-%d").to_string()),
        // Raised on an earlier day than the letter's: the letter follows it up.
        "raised_earlier": raised.is_some_and(|d| d < timeline::local_date(ctx.now)),
        "basis": basis,
        "bill": bill.format("%Y-%m-%d").to_string(),
        "due": due.format("%Y-%m-%d").to_string(),
        "days": OBJECTION_DAYS,
        "late": timeline::local_date(ctx.now) > due,
        "today": timeline::local_date(ctx.now) == due,
    })
}

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
        "support_paraphrased": c.data.support_paraphrased,
        // UCloud's agreement clauses in force on the order date.
        "clause": crate::policy::ucloud::agreement::clauses(c.data.draft.start),
        "objection": objection(c, ctx),
        "tone": tone(c, ctx),
        "notes": c.data.note.iter().flat_map(|n| n.lines()).collect::<Vec<_>>(),
        "not_shown": c.data.not_shown,
    });
}

/// How firmly a letter closes, by the case's stage and the tone asked for.
pub(crate) fn tone(c: &CaseView, ctx: &Ctx) -> &'static str {
    crate::case::letter_tone(crate::case::stage(c, ctx.now), overdue(c, ctx), c.data.tone)
}

/// The letter a case's stage calls for: the appeal after a refusal, the
/// chase-up while an answer or the money is awaited, else the request.
pub(crate) fn letter_key(c: &CaseView, ctx: &Ctx) -> &'static str {
    use crate::case::Stage as S;
    match crate::case::stage(c, ctx.now) {
        S::Refused | S::Appealed | S::Complained | S::Escalated => "appeal",
        // An amount came that is not the one expected: the recheck request.
        _ if c.data.received.is_some() => "followup.different",
        S::Submitted | S::WithdrawalRequested => "followup.not_arrived",
        _ => "request_text",
    }
}

/// The button that offers the other tone for the case's letter.
pub(crate) fn tone_button(c: &CaseView, ctx: &Ctx) -> crate::conversation::base::buttons::Id {
    use crate::conversation::base::buttons::Id;
    if tone(c, ctx) == "polite" {
        Id::LetterFirmer
    } else {
        Id::LetterSofter
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
