//! All answers are in: the quote, the case saved, the result shown (and a
//! follow-up's letter again when it was waiting for the figure).

use crate::case::{CaseStatus, CaseView};
use crate::conversation::base::reply::{Effect, Out, Reply};
use crate::conversation::base::state::{Position as P, State};
use crate::conversation::base::vocab::Ctx;
use crate::conversation::cases::card::{case_data, difference, key_for, result_buttons_for};
use crate::conversation::check::flow;
use crate::conversation::check::offered;
use crate::conversation::check::question;
use crate::policy::{self, Profile};
use serde_json::json;

/// The assessment of a draft's facts under its rules, as the result shows it
/// (a request submitted now at the earliest).
pub(crate) fn assess(
    d: &crate::case::Draft,
    facts: &crate::policy::CaseFacts,
    ctx: &Ctx,
) -> Result<policy::Assessment, policy::QuoteError> {
    let submitted = facts.at.max(ctx.now);
    policy::assess_with(
        facts,
        &d.cloud,
        Profile::load(d.profile(ctx.profile)),
        ctx.calendar,
        submitted,
    )
}

/// All answers are in: quote, save the case, show the result.
pub(crate) fn finish(s: &mut State, ctx: &Ctx, out: &mut Out) {
    let Some(facts) = s.draft.facts() else {
        s.at = flow::first_open(&s.draft);
        return out.say(question::ask(s, ctx));
    };
    offered::clear(s);
    let policy = s.draft.profile(ctx.profile);
    let assessment = match assess(&s.draft, &facts, ctx) {
        Ok(a) => a,
        Err(e) => {
            // The parsers keep such cases out; say what to check, keep the
            // reason in the reply's data for the transcript.
            out.say(Reply::new("result.error", json!({ "reason": e.to_string() })));
            s.at = P::Start;
            return out.say(question::ask(s, ctx));
        }
    };
    let number = s.case_no.unwrap_or_else(|| ctx.next_case_number());
    let existing = ctx.case(number);
    let status = match existing.map(|c| c.status) {
        Some(st) if st != CaseStatus::Draft => st,
        _ => CaseStatus::Quoted,
    };
    let mut data = existing.map(|c| c.data.clone()).unwrap_or_default();
    data.draft = s.draft.clone();
    // What came back, told with the facts: compared with the figure below.
    if data.received.is_none() {
        data.received = s.follow.came.take();
    }
    data.policy = policy;
    data.assessment = Some(assessment);
    s.case_no = Some(number);
    s.at = P::Result;
    let view = CaseView {
        number,
        status,
        data: data.clone(),
        events: vec![],
        contacts: vec![],
        created_at: ctx.now,
    };
    out.effects.push(Effect::SaveCase {
        number,
        status,
        data: Box::new(data),
    });
    if existing.map(|c| c.status) != Some(status) {
        out.effects.push(Effect::Event {
            number,
            status,
            note: None,
        });
    }
    out.say(
        Reply::new(&key_for("quote", &view), case_data(&view, ctx))
            .buttons(result_buttons_for(&view, ctx.now)),
    );
    out.effects.push(Effect::Picture {
        number,
        estimate: true,
    });
    // A follow-up that was waiting for this figure: its letter again, now
    // with the expected amount and the breakdown.
    let letter = match status {
        CaseStatus::Rejected => Some("appeal"),
        _ if view.data.received.is_some() => Some("followup.different"),
        _ => None,
    };
    if let Some(key) = letter {
        let mut data = case_data(&view, ctx);
        if let Some(got) = view.data.received {
            difference(&mut data, &view, got);
        }
        out.say(Reply::new(&key_for(key, &view), data));
    }
}
