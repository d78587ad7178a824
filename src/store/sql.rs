//! Every SQL text the store runs. One text serves both backends (SQLite reads
//! `$1` as parameter 1) except where a backend is named.

use std::sync::LazyLock;

use super::location::Backend;
use super::writer::TurnStart;

/// Creates the user or refreshes `last_seen`; on PostgreSQL this also locks the
/// user's row until the transaction ends.
macro_rules! upsert_user {
    () => {
        "INSERT INTO users (transport, external_id, lang, first_seen, last_seen) VALUES ($1, $2, NULL, $3, $3)
ON CONFLICT (transport, external_id) DO UPDATE SET last_seen = excluded.last_seen
RETURNING id, lang, first_seen, last_seen"
    };
}

pub(crate) const FIND_USER: &str = "\
SELECT id, lang, first_seen, last_seen FROM users WHERE transport = $1 AND external_id = $2";

/// PostgreSQL: the user's upsert and, when `$4` is not NULL, the claim of
/// update `$4` in one statement; the user's columns, then whether the update
/// was claimed.
pub(crate) const PG_USER_AND_CLAIM: &str = concat!(
    "WITH u AS (",
    upsert_user!(),
    "),
c AS (INSERT INTO handled_updates (transport, update_id, user_id, at)
SELECT $1, $4, id, $3 FROM u WHERE $4::BIGINT IS NOT NULL
ON CONFLICT (transport, update_id) DO NOTHING RETURNING 1)
SELECT id, lang, first_seen, last_seen, EXISTS (SELECT 1 FROM c) FROM u"
);

pub(crate) const ENSURE_STATE_ROW: &str = "\
INSERT INTO chat_states (user_id, chat_id, state, updated_at) VALUES ($1, $2, NULL, $3)
ON CONFLICT (user_id, chat_id) DO NOTHING";

/// The chat's state, with `$tail` added to the columns.
macro_rules! chat_state {
    ($tail:literal) => {
        concat!(
            "SELECT state",
            $tail,
            " FROM chat_states WHERE user_id = $1 AND chat_id = $2"
        )
    };
}

/// Reads the chat's state, locking its row on PostgreSQL. SQLite has no row
/// locks; its `BEGIN IMMEDIATE` already holds the database's write lock.
pub(crate) fn lock_state(backend: Backend) -> &'static str {
    match backend {
        Backend::Sqlite => chat_state!(""),
        Backend::Postgres => concat!(chat_state!(""), " FOR UPDATE"),
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
macro_rules! user_cases {
    ($tail:literal) => {
        concat!(
            "SELECT ",
            case_columns!(),
            $tail,
            " FROM cases c WHERE c.user_id = $1 ORDER BY c.number DESC"
        )
    };
}
pub(crate) const USER_CASES: &str = user_cases!("");

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
macro_rules! user_events {
    ($tail:literal) => {
        concat!(
            "SELECT c.number, e.status, e.at, e.note",
            $tail,
            " FROM case_events e JOIN cases c ON c.id = e.case_id WHERE c.user_id = $1 ORDER BY e.id"
        )
    };
}
pub(crate) const USER_EVENTS: &str = user_events!("");

pub(crate) const ADD_CONTACT: &str =
    "INSERT INTO contacts (case_id, at, agent, said) VALUES ($1, $2, $3, $4)";

pub(crate) const CASE_CONTACTS: &str = "SELECT at, agent, said FROM contacts WHERE case_id = $1 ORDER BY id";

/// Every contact of the user's cases, with the case number.
macro_rules! user_contacts {
    ($tail:literal) => {
        concat!(
            "SELECT c.number, k.at, k.agent, k.said",
            $tail,
            " FROM contacts k JOIN cases c ON c.id = k.case_id WHERE c.user_id = $1 ORDER BY k.id"
        )
    };
}
pub(crate) const USER_CONTACTS: &str = user_contacts!("");

/// SQLite: the user (created or `last_seen` refreshed: a row of 4 columns)
/// and the claim of update `$4` (a row of 1 column when it was new; none
/// when `$4` is NULL).
macro_rules! sqlite_user_and_claim {
    () => {
        concat!(
            upsert_user!(),
            ";\n",
            "INSERT INTO handled_updates (transport, update_id, user_id, at)
SELECT $1, $4, id, $3 FROM users WHERE transport = $1 AND external_id = $2 AND $4 IS NOT NULL
ON CONFLICT (transport, update_id) DO NOTHING RETURNING update_id"
        )
    };
}

/// SQLite: everything a turn reads about user `$1` in chat `$2`; each row
/// ends with the name of what it is (2 columns or more than 4).
const SQLITE_LOAD: &str = concat!(
    chat_state!(", 'state'"),
    ";\n",
    user_cases!(", 'case'"),
    ";\n",
    user_events!(", 'event'"),
    ";\n",
    user_contacts!(", 'contact'"),
    ";\n",
    super::reminders::sql::scheduled_sql!(", 'reminder'"),
);

/// SQLite: a turn's first text, all in one round trip: the user and the
/// claim of the update (see `sqlite_user_and_claim!`), then everything the
/// turn reads about that user in chat `$5` ([`SQLITE_LOAD`], the user found
/// by its key). `start` is what the writer opens it with (`None` on a pooled
/// connection).
pub(crate) fn sqlite_turn(start: Option<TurnStart>) -> &'static str {
    static TEXTS: LazyLock<[String; 3]> = LazyLock::new(|| {
        let user = "(SELECT id FROM users WHERE transport = $1 AND external_id = $2)";
        // `$2` first: the user's subquery brings a `$2` of its own.
        let load = SQLITE_LOAD.replace("$2", "$5").replace("$1", user);
        let body = format!("{};\n{load}", sqlite_user_and_claim!());
        [
            format!("BEGIN IMMEDIATE;\nSAVEPOINT turn;\n{body}"),
            format!("SAVEPOINT turn;\n{body}"),
            body,
        ]
    });
    let i = match start {
        Some(TurnStart::Begin) => 0,
        Some(TurnStart::Join) => 1,
        None => 2,
    };
    &TEXTS[i]
}

/// SQLite: a turn's writes in one text: the state (`$1` user, `$2` chat, `$3`
/// state, `$4` time), `lines` transcript lines from `$5`, and the user's
/// language in the parameter after them when `lang`; then `end` (the end of
/// the writer's turn, see `writer`).
pub(crate) fn sqlite_write(lines: usize, lang: bool, end: Option<&str>) -> String {
    let mut text = String::from(SAVE_STATE);
    if lines > 0 {
        text.push_str(";\n");
        text.push_str(&add_lines_from(lines, 5));
    }
    if lang {
        text.push_str(&format!(";\n{}", set_lang_from(5 + 4 * lines)));
    }
    if let Some(end) = end {
        text.push_str(";\n");
        text.push_str(end);
    }
    text
}

/// PostgreSQL: [`sqlite_write`]'s writes, with the same parameters, as one
/// statement (each write a data-modifying `WITH` part).
pub(crate) fn pg_write(lines: usize, lang: bool) -> String {
    let mut text = format!("WITH s AS ({SAVE_STATE} RETURNING 1)");
    if lines > 0 {
        text.push_str(&format!(", t AS ({} RETURNING 1)", add_lines_from(lines, 5)));
    }
    if lang {
        text.push_str(&format!(", l AS ({} RETURNING 1)", set_lang_from(5 + 4 * lines)));
    }
    text.push_str(" SELECT 1");
    text
}

fn set_lang_from(param: usize) -> String {
    format!("UPDATE users SET lang = ${param} WHERE id = $1")
}

/// Appends `rows` transcript lines in one statement: `$1` user, `$2` chat,
/// then case number, direction, text and time of each line in turn. Ids
/// follow the order of the rows.
pub(crate) fn add_lines(rows: usize) -> String {
    add_lines_from(rows, 3)
}

/// [`add_lines`] with the lines' parameters from `$first`.
fn add_lines_from(rows: usize, first: usize) -> String {
    let mut text =
        String::from("INSERT INTO transcript (user_id, chat_id, case_number, direction, text, at) VALUES ");
    for i in 0..rows {
        let p = first + 4 * i;
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
     + (SELECT COUNT(*) FROM reminders r JOIN cases c ON c.id = r.case_id WHERE c.user_id = $1)
     + (SELECT COUNT(*) FROM handoffs WHERE user_id = $1)
     + (SELECT COUNT(*) FROM handoff_messages m JOIN handoffs h ON h.id = m.handoff_id WHERE h.user_id = $1)";

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
