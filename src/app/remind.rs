//! The reminder side of a step: every saved case gets its reminder plan in
//! the same transaction, and the conversation sees stored reminders as
//! [`ReminderView`]s.

use crate::case::CaseStatus;
use crate::conversation::Effect;
use crate::conversation::ReminderView;
use crate::policy::calendar::Calendar;
use crate::reminders::{self, CaseDates};
use crate::store::{Replan, StoredReminder, Write};
use chrono::{DateTime, Utc};

/// A stored reminder as the conversation sees it.
pub fn view(r: &StoredReminder) -> ReminderView {
    ReminderView {
        id: r.id,
        case: r.case,
        kind: r.kind,
        seq: r.seq,
        due: r.due,
    }
}

/// The reminder side of one effect, written with the step.
pub(super) fn write(w: &mut Write, e: &Effect, cal: &Calendar, now: DateTime<Utc>) {
    match e {
        // A draft (a check still being answered) has no reminders and never
        // had any: nothing to plan, and no statements spent on it.
        Effect::SaveCase { number, status, data } if *status != CaseStatus::Draft => w.replans.push(Replan {
            case: *number,
            plan: reminders::plan_all(&CaseDates::of_case(*status, data, cal, now), cal),
        }),
        Effect::RemindersSent(ids) => w.reminders_sent.extend(ids),
        Effect::StopReminders { number } => w.stop_case_reminders.push(*number),
        Effect::StopReminder { id } => w.stop_reminders.push(*id),
        _ => {}
    }
}
