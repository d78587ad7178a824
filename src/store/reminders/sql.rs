//! The reminder statements that read: what is live, who has something due,
//! and one user's due or planned reminders.

use crate::store::location::Backend;

/// The columns of a [`ReminderRow`].
macro_rules! columns {
    () => {
        "r.id, c.number, r.kind, r.seq, r.due"
    };
}

/// Reminders that may go out: not sent, not stopped, on an open case whose
/// reminders are on.
macro_rules! live {
    () => {
        "r.sent_at IS NULL AND NOT r.stopped AND NOT c.reminders_stopped \
         AND c.status NOT IN ('closed', 'refunded')"
    };
}

/// Users of transport $3 with reminders due at $1, not leased, not blocked; at most $2.
macro_rules! candidates {
    () => {
        concat!(
            "SELECT u.id, u.transport, u.external_id, u.lang, u.reminded_at FROM users u \
             WHERE u.transport = $3 AND u.blocked_at IS NULL \
             AND (u.reminder_lease IS NULL OR u.reminder_lease < $1) \
             AND EXISTS (SELECT 1 FROM reminders r JOIN cases c ON c.id = r.case_id \
                         WHERE c.user_id = u.id AND r.due <= $1 AND ",
            live!(),
            ") ORDER BY u.id LIMIT $2"
        )
    };
}

pub(super) fn candidates_sql(backend: Backend) -> &'static str {
    match backend {
        Backend::Sqlite => candidates!(),
        Backend::Postgres => concat!(candidates!(), " FOR UPDATE OF u SKIP LOCKED"),
    }
}

/// Whether any user of transport $2 has a reminder due at $1.
pub(super) const ANY_DUE: &str = concat!(
    "SELECT r.id FROM reminders r JOIN cases c ON c.id = r.case_id JOIN users u ON u.id = c.user_id \
     WHERE u.transport = $2 AND u.blocked_at IS NULL AND r.due <= $1 AND ",
    live!(),
    " LIMIT 1"
);

pub(super) const USER_DUE: &str = concat!(
    "SELECT ",
    columns!(),
    " FROM reminders r JOIN cases c ON c.id = r.case_id WHERE c.user_id = $1 AND r.due <= $2 AND ",
    live!(),
    " ORDER BY r.due, r.id"
);

/// User `$1`'s reminders still to come, with `$tail` added to the columns.
macro_rules! scheduled_sql {
    ($tail:literal) => {
        concat!(
            "SELECT ",
            $crate::store::reminders::sql::columns!(),
            $tail,
            " FROM reminders r JOIN cases c ON c.id = r.case_id WHERE c.user_id = $1 AND ",
            $crate::store::reminders::sql::live!(),
            " ORDER BY r.due, r.id"
        )
    };
}
pub(crate) use {columns, live, scheduled_sql};

pub(super) const SCHEDULED: &str = scheduled_sql!("");

pub(super) const ALL_DUE: &str = concat!(
    "SELECT u.transport, u.external_id, ",
    columns!(),
    " FROM reminders r JOIN cases c ON c.id = r.case_id JOIN users u ON u.id = c.user_id \
     WHERE r.due <= $1 AND u.blocked_at IS NULL AND ",
    live!(),
    " ORDER BY r.due, r.id"
);
