//! Storage: users, each chat's conversation state, cases with their history,
//! transcripts and handled update ids, in SQLite (the embedded default) or
//! PostgreSQL (chosen by the URL scheme).
//!
//! The conversation engine stays pure: an adapter calls [`Store::turn`] with a
//! closure that runs the engine on what was loaded and returns a [`Write`];
//! loading, the closure and writing happen in one transaction. Nothing is
//! cached in memory between calls, so several replicas can share one
//! PostgreSQL database.
//!
//! Layout, each file using only those before it: `types` (domain values),
//! `error`, `file` (private folders and files), `location` (default URL),
//! `writer` (SQLite's one writer connection, with group commit), `db` (pools,
//! transactions, the per-backend dispatch), `evidence_dir` (evidence bytes on
//! disk), `evidence_local` (the console's `/attach`), `reminders::sql` and
//! `sql` (the statements), `queries` (statements bound to domain values),
//! `transcript`, `reminders::rows` and `reminders::writes`, `sqlite_turn` (a
//! turn on SQLite in two round trips, several statements to one text; a turn
//! that saves a case adds its case statements), `handle` (the [`Store`]
//! struct: open, ping, close); then what a [`Store`] does, each an `impl
//! Store` of its own: `turn`, `reads`, `erase`, `retention`, `evidence`,
//! `reminders::claim`, `reminders::list`, `handoffs` (cases handed to
//! a person) and `handoff_log` (what went through them, their clock). This file only declares and
//! re-exports.
//!
//! Stored forms: times in UTC to the microsecond (finer digits are dropped on
//! write), money as decimal text (exact), dates as `YYYY-MM-DD`, JSON as text.

mod db;
mod erase;
mod error;
mod evidence;
mod evidence_dir;
mod evidence_local;
mod file;
mod handle;
mod handoff_log;
mod handoffs;
mod location;
mod queries;
mod reads;
mod reminders;
mod retention;
mod sql;
mod sqlite_turn;
mod transcript;
mod turn;
mod types;
mod writer;

pub use error::{StoreError, redact};
pub use evidence_dir::{EvidenceDir, Part, default_export_dir, sha256_hex};
pub use evidence_local::attach_local;
pub(crate) use file::create_dir as create_private_dir;
pub use handle::Store;
pub use handoff_log::Author;
pub use handoffs::{HandOff, Opened};
pub use location::{default_url, sqlite_url};
pub use types::{
    CaseDetail, CaseRecord, Claimed, Contact, Direction, DueReminder, Loaded, Replan, StatusEvent,
    StoredReminder, TranscriptLine, Turn, UnknownStatus, User, UserKey, Write,
};
