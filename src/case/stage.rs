//! Where a case stands, read from what was reported (`Stage`), and the one
//! clock that stage runs: support's review, the money at another cloud, or
//! a withdrawal counted from the day it was requested. Screens, steps and
//! letters are chosen by the stage, so a question can never move it.

use super::data::{CaseData, CaseView};
use super::status::CaseStatus;
use crate::policy::calendar::Calendar;
use crate::policy::timeline::{Window, local_date};
use crate::policy::{Profile, Provider};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use strum::{IntoStaticStr, VariantArray};

pub use super::tone::Tone;

pub use super::topup::{ALIPAY_QUICK_DAYS, Channel, YEAR_QUICK_MONTHS, quick_until};

/// Where a case stands.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, IntoStaticStr, VariantArray)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Stage {
    /// Estimated; nothing done yet.
    Estimated,
    /// The resource is deleted (a cloud whose money is not in a balance at once).
    Deleted,
    /// The refund is asked for and not answered yet.
    Submitted,
    /// Support refused once.
    Refused,
    /// Refused again after the appeal.
    Appealed,
    /// A formal complaint to the provider was made.
    Complained,
    /// Taken to MIIT (12300) or 12315.
    Escalated,
    /// The refund is in the provider's balance (a UCloud deletion, or an
    /// approved review); taking it out is a separate, optional step.
    InBalance,
    /// A withdrawal from the balance was requested on a known day.
    WithdrawalRequested,
    /// The money arrived: no clocks any more.
    Arrived,
}

impl Stage {
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// A refusal, an appeal, a complaint or an escalation: the provider's
    /// review is over and the ladder's clocks run instead.
    pub fn disputed(self) -> bool {
        matches!(
            self,
            Stage::Refused | Stage::Appealed | Stage::Complained | Stage::Escalated
        )
    }
}

/// Whether a UCloud deletion refund is the person's to withdraw: no review,
/// the money is in the balance from the deletion on.
fn self_service(data: &CaseData) -> bool {
    Profile::load(data.policy).provider == Provider::Ucloud
        && !data.draft.asked_of_support()
        && data.draft.delete_at.is_some()
}

/// The stage of a case at `now`, from its status, events and reports.
pub fn stage(c: &CaseView, now: DateTime<Utc>) -> Stage {
    let d = &c.data;
    if matches!(c.status, CaseStatus::Refunded | CaseStatus::Closed) {
        return Stage::Arrived;
    }
    if !d.escalation.escalated.is_empty() {
        return Stage::Escalated;
    }
    let complained =
        d.escalation.complained_at.is_some() || c.events.iter().any(|e| e.status == CaseStatus::Complained);
    if complained {
        return Stage::Complained;
    }
    if c.status == CaseStatus::Rejected {
        let refusals = c
            .events
            .iter()
            .filter(|e| e.status == CaseStatus::Rejected)
            .count();
        return if refusals > 1 {
            Stage::Appealed
        } else {
            Stage::Refused
        };
    }
    if d.withdrawal_at.is_some() {
        return Stage::WithdrawalRequested;
    }
    let deleted = !d.draft.not_deleted && d.draft.delete_at.is_some_and(|t| t <= now);
    let ucloud = Profile::load(d.policy).provider == Provider::Ucloud;
    // A refund ticket open and waiting ("deleted on Nov 24, opened ticket
    // UC-55120, nothing in my balance"): support's review, not the balance.
    let ticket_waits = c.status == CaseStatus::Submitted && d.ticket.is_some();
    if (deleted && self_service(d) && !ticket_waits) || (ucloud && c.status == CaseStatus::Approved) {
        return Stage::InBalance;
    }
    if c.status == CaseStatus::Submitted {
        return Stage::Submitted;
    }
    if deleted {
        return Stage::Deleted;
    }
    Stage::Estimated
}

/// UCloud's quick-withdrawal test for this case, when its channel is known:
/// the top-up taken as the purchase day, the last day it qualifies, and
/// whether it still does `on` that day.
#[derive(Serialize, Clone, Copy, Debug, PartialEq, Eq)]
pub struct QuickTest {
    pub channel: Channel,
    pub topup: NaiveDate,
    pub until: Option<NaiveDate>,
    pub qualifies: bool,
    /// The top-up's day is the one the person said (else the purchase day is taken).
    pub said: bool,
}

pub fn quick_test(data: &CaseData, on: NaiveDate) -> Option<QuickTest> {
    let channel = data.topup?;
    // A bank top-up never qualifies, whatever its day (none may be known).
    let said = data.topup_at.map(local_date);
    let topup = match (channel, said.or(data.draft.start.map(local_date))) {
        (_, Some(day)) => day,
        (Channel::Bank, None) => on,
        (_, None) => return None,
    };
    let until = quick_until(channel, topup);
    Some(QuickTest {
        channel,
        topup,
        until,
        qualifies: until.is_some_and(|u| on <= u),
        said: said.is_some(),
    })
}

/// When a requested withdrawal is due, counted from the day it was
/// requested: a quick one (this case's top-up qualifies that day) the same
/// or the next working day, else the offline window.
pub fn withdrawal_window(d: &CaseData, cal: &Calendar) -> Option<Window> {
    let day = local_date(d.withdrawal_at?);
    let quick = !d.withdrawal_offline && quick_test(d, day).is_some_and(|q| q.qualifies);
    let span = if quick {
        [0, 1]
    } else {
        Profile::load(d.policy).withdrawal.offline
    };
    Some(Window::new(cal, day, span))
}

/// How firmly a letter closes: a provider that refused is told of the
/// complaint channel and 12300, one that is late of the complaint channel,
/// anyone else only asked politely; "softer" makes any letter polite,
/// "firmer" goes one step up (to 12300 only once the provider refused).
pub fn letter_tone(stage: Stage, late: bool, asked: Option<Tone>) -> &'static str {
    match (asked, stage.disputed(), late) {
        (Some(Tone::Softer), _, _) => "polite",
        (_, true, _) => "dispute",
        (Some(Tone::Firmer), false, _) | (None, false, true) => "firm",
        (None, false, false) => "polite",
    }
}

/// What a case's clock waits for.
#[derive(Serialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Awaits {
    /// Support's review of a requested refund.
    Review,
    /// The money, at another cloud.
    Money,
    /// A withdrawal from the balance.
    Withdrawal,
}

/// The one clock a case runs at its stage: what it waits for and when.
#[derive(Serialize, Clone, Copy, Debug, PartialEq, Eq)]
pub struct Clock {
    pub awaits: Awaits,
    pub window: Window,
}

/// The clock of a case at its stage: none once the money arrived, none
/// while it sits in the balance, none after a refusal (the ladder's dates
/// take over); a withdrawal counts from the day it was requested (quick:
/// the same or the next working day; else the offline window).
pub fn clock(c: &CaseView, cal: &Calendar, now: DateTime<Utc>) -> Option<Clock> {
    let d = &c.data;
    match stage(c, now) {
        Stage::WithdrawalRequested => Some(Clock {
            awaits: Awaits::Withdrawal,
            window: withdrawal_window(d, cal)?,
        }),
        Stage::Estimated | Stage::Submitted | Stage::Deleted => {
            let sub = d.submitted_at?;
            let window = super::window::followup_window(d, sub, cal)?;
            let ucloud = Profile::load(d.policy).provider == Provider::Ucloud;
            let awaits = match (ucloud, self_service(d)) {
                (false, _) => Awaits::Money,
                (true, false) => Awaits::Review,
                (true, true) => Awaits::Withdrawal,
            };
            Some(Clock { awaits, window })
        }
        _ => None,
    }
}
