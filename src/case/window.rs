//! The follow-up window of a submitted case: when support's answer or the
//! money is due under the case's rules.

use super::data::CaseData;
use crate::policy::calendar::Calendar;
use crate::policy::timeline::{self, Window};
use crate::policy::{Profile, Provider};
use chrono::{DateTime, Utc};

/// When an answer or the money is due for a case submitted at `sub`: the
/// follow-up and the reminder planner both use it, so a reminder comes when
/// the follow-up says the answer or money is late.
pub fn followup_window(data: &CaseData, sub: DateTime<Utc>, cal: &Calendar) -> Option<Window> {
    let profile = Profile::load(data.policy);
    let day = timeline::local_date(sub);
    // The other clouds: when the money is due once asked for (Alibaba's
    // arrival, Tencent's ticket, Huawei's bank-transfer withdrawal).
    if profile.provider != Provider::Ucloud {
        let t = profile.timing.clone().unwrap_or_default();
        let span = t.arrival_days.or(t.ticket_days).or(t.withdrawal_days)?;
        return Some(Window::new(cal, day, span));
    }
    // UCloud's clock depends on the estimate (a review's length, or the
    // money already in the balance). Without one, a request asked of support
    // for a server not deleted waits for its review (complex when
    // customised); a deletion's money has no clock to guess.
    // A refund ticket opened for it ("deleted it and opened a refund ticket
    // on Nov 30, #88213457"): support's review, whatever else is unknown.
    let ticket = data.assessment.is_none() && data.ticket.is_some();
    let complex = match data.assessment.as_ref() {
        Some(a) => a.timeline.complex,
        None if data.draft.asked_of_support() || ticket => data.draft.customised == Some(true),
        None => return None,
    };
    let span = if data.draft.asked_of_support() || ticket {
        if complex {
            profile.review.complex
        } else {
            profile.review.simple
        }
    } else {
        profile.withdrawal.offline
    };
    Some(Window::new(cal, day, span))
}
