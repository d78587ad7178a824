//! Reminders in the database: planned with their case, claimed user by user
//! (`FOR UPDATE SKIP LOCKED` on PostgreSQL, so replicas never claim the same
//! user), marked sent together with the transcript line that says what was
//! sent.
//!
//! Delivery is at least once to Telegram and at most once marked: a claim is
//! a lease on the user ([`Store::claim_reminders`]); if the process dies
//! after sending and before [`Store::reminders_sent`] commits, the lease runs
//! out and the same reminders go out again. The window for a duplicate is the
//! time between Telegram accepting the message and that commit (milliseconds);
//! the window for a delay is the lease.
//!
//! Layout: `sql` (the statements), `rows` (a stored row as a
//! [`StoredReminder`](super::types::StoredReminder)), `writes` (a turn's
//! changes: plans replaced, reminders marked sent or stopped), `claim` (the
//! lease, the sent mark, a blocked user) and `list` (what is due, what is
//! planned).

mod claim;
mod list;
pub(super) mod rows;
pub(super) mod sql;
mod writes;
