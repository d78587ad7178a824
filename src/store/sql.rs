//! Every SQL text the store runs. One text serves both backends (SQLite reads
//! `$1` as parameter 1) except where a backend is named.

use super::location::Backend;

/// Creates the user or refreshes `last_seen`; on PostgreSQL this also locks the
/// user's row until the transaction ends.
pub(crate) const UPSERT_USER: &str = "\
INSERT INTO users (transport, external_id, lang, first_seen, last_seen) VALUES ($1, $2, NULL, $3, $3)
ON CONFLICT (transport, external_id) DO UPDATE SET last_seen = excluded.last_seen
RETURNING id, lang, first_seen, last_seen";

pub(crate) const FIND_USER: &str = "\
SELECT id, lang, first_seen, last_seen FROM users WHERE transport = $1 AND external_id = $2";

pub(crate) const SET_LANG: &str = "UPDATE users SET lang = $2 WHERE id = $1";

/// Claims an update id: one row affected if it was new, none if handled before
/// (on PostgreSQL, waits for a concurrent claimer to commit or roll back).
pub(crate) const CLAIM_UPDATE: &str = "\
INSERT INTO handled_updates (transport, update_id, user_id, at) VALUES ($1, $2, $3, $4)
ON CONFLICT (transport, update_id) DO NOTHING";

pub(crate) const ENSURE_STATE_ROW: &str = "\
INSERT INTO chat_states (user_id, chat_id, state, updated_at) VALUES ($1, $2, NULL, $3)
ON CONFLICT (user_id, chat_id) DO NOTHING";

/// Reads the chat's state, locking its row on PostgreSQL. SQLite has no row
/// locks; its `BEGIN IMMEDIATE` already holds the database's write lock.
pub(crate) fn lock_state(backend: Backend) -> &'static str {
    match backend {
        Backend::Sqlite => "SELECT state FROM chat_states WHERE user_id = $1 AND chat_id = $2",
        Backend::Postgres => "SELECT state FROM chat_states WHERE user_id = $1 AND chat_id = $2 FOR UPDATE",
    }
}

pub(crate) const SAVE_STATE: &str =
    "UPDATE chat_states SET state = $3, updated_at = $4 WHERE user_id = $1 AND chat_id = $2";

macro_rules! case_columns {
    () => {
        "c.id, c.number, c.status, c.inputs, c.quote, c.policy, c.policy_version, c.expected_refund, \
         c.next_date, c.created_at, c.updated_at"
    };
}

/// The user's cases, newest (highest number) first.
pub(crate) const USER_CASES: &str = concat!(
    "SELECT ",
    case_columns!(),
    " FROM cases c WHERE c.user_id = $1 ORDER BY c.number DESC"
);

pub(crate) const USER_CASE: &str = concat!(
    "SELECT ",
    case_columns!(),
    " FROM cases c WHERE c.user_id = $1 AND c.number = $2"
);

/// Upserts by (user, number); `created_at` stays that of the first insert.
pub(crate) const UPSERT_CASE: &str = "\
INSERT INTO cases (user_id, number, status, inputs, quote, policy, policy_version, expected_refund,
                   next_date, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
ON CONFLICT (user_id, number) DO UPDATE SET
    status = excluded.status, inputs = excluded.inputs, quote = excluded.quote,
    policy = excluded.policy, policy_version = excluded.policy_version,
    expected_refund = excluded.expected_refund, next_date = excluded.next_date,
    updated_at = excluded.updated_at
RETURNING id";

pub(crate) const CASE_ID: &str = "SELECT id FROM cases WHERE user_id = $1 AND number = $2";

pub(crate) const ADD_EVENT: &str =
    "INSERT INTO case_events (case_id, status, at, note) VALUES ($1, $2, $3, $4)";

pub(crate) const CASE_EVENTS: &str =
    "SELECT status, at, note FROM case_events WHERE case_id = $1 ORDER BY id";

/// Every event of the user's cases, with the case number.
pub(crate) const USER_EVENTS: &str = "\
SELECT c.number, e.status, e.at, e.note FROM case_events e JOIN cases c ON c.id = e.case_id
WHERE c.user_id = $1 ORDER BY e.id";

pub(crate) const ADD_CONTACT: &str =
    "INSERT INTO contacts (case_id, at, agent, said) VALUES ($1, $2, $3, $4)";

pub(crate) const CASE_CONTACTS: &str = "SELECT at, agent, said FROM contacts WHERE case_id = $1 ORDER BY id";

/// Every contact of the user's cases, with the case number.
pub(crate) const USER_CONTACTS: &str = "\
SELECT c.number, k.at, k.agent, k.said FROM contacts k JOIN cases c ON c.id = k.case_id
WHERE c.user_id = $1 ORDER BY k.id";

/// Appends `rows` transcript lines in one statement: `$1` user, `$2` chat,
/// then case number, direction, text and time of each line in turn. Ids
/// follow the order of the rows.
pub(crate) fn add_lines(rows: usize) -> String {
    let mut text =
        String::from("INSERT INTO transcript (user_id, chat_id, case_number, direction, text, at) VALUES ");
    for i in 0..rows {
        let p = 3 + 4 * i;
        if i > 0 {
            text.push_str(", ");
        }
        text.push_str(&format!("($1, $2, ${}, ${}, ${}, ${})", p, p + 1, p + 2, p + 3));
    }
    text
}

pub(crate) const CHAT_LINES: &str = "\
SELECT direction, text, at, case_number FROM transcript WHERE user_id = $1 AND chat_id = $2 ORDER BY id";

pub(crate) const CASE_LINES: &str = "\
SELECT direction, text, at, case_number FROM transcript WHERE user_id = $1 AND case_number = $2 ORDER BY id";

/// Every row in every table that refers to the user.
pub(crate) const USER_ROW_COUNT: &str = "\
SELECT (SELECT COUNT(*) FROM users WHERE id = $1)
     + (SELECT COUNT(*) FROM chat_states WHERE user_id = $1)
     + (SELECT COUNT(*) FROM cases WHERE user_id = $1)
     + (SELECT COUNT(*) FROM case_events e JOIN cases c ON c.id = e.case_id WHERE c.user_id = $1)
     + (SELECT COUNT(*) FROM contacts k JOIN cases c ON c.id = k.case_id WHERE c.user_id = $1)
     + (SELECT COUNT(*) FROM transcript WHERE user_id = $1)
     + (SELECT COUNT(*) FROM handled_updates WHERE user_id = $1)
     + (SELECT COUNT(*) FROM reminders r JOIN cases c ON c.id = r.case_id WHERE c.user_id = $1)";

/// Everything else about the user goes with this row (ON DELETE CASCADE).
pub(crate) const DELETE_USER: &str = "DELETE FROM users WHERE id = $1";

/// The store's tables, for [`TABLE_COUNTS`] and diagnostics.
pub(crate) const TABLES: [&str; 8] = [
    "users",
    "chat_states",
    "cases",
    "case_events",
    "contacts",
    "transcript",
    "handled_updates",
    "reminders",
];

/// Rows per table, in the order of [`TABLES`].
pub(crate) const TABLE_COUNTS: &str = "\
SELECT (SELECT COUNT(*) FROM users), (SELECT COUNT(*) FROM chat_states), (SELECT COUNT(*) FROM cases),
       (SELECT COUNT(*) FROM case_events), (SELECT COUNT(*) FROM contacts),
       (SELECT COUNT(*) FROM transcript), (SELECT COUNT(*) FROM handled_updates),
       (SELECT COUNT(*) FROM reminders)";

/// Key of the advisory lock one pruning pass holds (PostgreSQL only).
pub(crate) const PRUNE_LOCK_KEY: i64 = 0x7261_7072_756e_6501;
pub(crate) const TRY_PRUNE_LOCK: &str = "SELECT pg_try_advisory_xact_lock($1)";
pub(crate) const PRUNE_UPDATES: &str = "DELETE FROM handled_updates WHERE at < $1";
