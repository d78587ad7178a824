//! Reminders through the app: every saved case gets its reminder plan in the
//! same transaction; a reminder message is a step like any other (its
//! transcript, state and "sent" mark written together); and a preview lets a
//! transport send first and mark after, so a crash in between sends again
//! rather than never.

use super::{App, AppError, Message, Response};
use crate::case::CaseStatus;
use crate::conversation::Effect;
use crate::conversation::ReminderView;
use crate::policy::calendar::Calendar;
use crate::reminders::{self, CaseDates};
use crate::store::{Replan, StoredReminder, UserKey, Write};
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

impl App {
    /// The reminder message for `due` as it would be sent at `now`, without
    /// writing anything: the transport sends it, then calls
    /// [`App::reminded`] with the same arguments to record it.
    pub async fn remind_preview(
        &self,
        user: &UserKey,
        chat_id: i64,
        due: &[StoredReminder],
        now: DateTime<Utc>,
    ) -> Result<Option<Response>, AppError> {
        self.remind_step(user, chat_id, due, now, false).await
    }

    /// Records the reminder message sent for `due` at `now`: the state, the
    /// transcript and the "sent" marks in one transaction.
    pub async fn reminded(
        &self,
        user: &UserKey,
        chat_id: i64,
        due: &[StoredReminder],
        now: DateTime<Utc>,
    ) -> Result<Option<Response>, AppError> {
        self.remind_step(user, chat_id, due, now, true).await
    }

    async fn remind_step(
        &self,
        user: &UserKey,
        chat_id: i64,
        due: &[StoredReminder],
        now: DateTime<Utc>,
        commit: bool,
    ) -> Result<Option<Response>, AppError> {
        let msg = Message::Remind(due.iter().map(view).collect());
        self.handle_at(user, chat_id, None, None, msg, now, commit).await
    }

    /// The console's start: the user's reminders that came due while it was
    /// closed, shown (and marked sent) as one message; `None` when none are due.
    pub async fn due_on_open(&self, user: &UserKey, chat_id: i64) -> Result<Option<Response>, AppError> {
        let now = (self.clock)();
        let due = self.store.user_due_reminders(user, now).await?;
        if due.is_empty() {
            return Ok(None);
        }
        self.reminded(user, chat_id, &due, now).await
    }
}
