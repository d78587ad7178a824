//! Reminders through the app: a reminder message is a step like any other
//! (its transcript, state and "sent" mark written together), and a preview
//! lets a transport send first and mark after, so a crash in between sends
//! again rather than never.

use crate::store::{StoredReminder, UserKey};
use chrono::{DateTime, Utc};

use super::application::{App, AppError};
use super::message::{Message, Response};
use super::remind::view;

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
