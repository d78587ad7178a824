-- refund-assistant storage, SQLite flavour. Times are RFC 3339 text in UTC with
-- at most microseconds; dates are YYYY-MM-DD; money is decimal text; JSON is text.
-- Every row about a user hangs off `users` and goes with it (ON DELETE CASCADE).

CREATE TABLE users (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    transport   TEXT    NOT NULL,
    external_id INTEGER NOT NULL,
    lang        TEXT,
    first_seen  TEXT    NOT NULL,
    last_seen   TEXT    NOT NULL,
    UNIQUE (transport, external_id)
) STRICT;

CREATE TABLE chat_states (
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    chat_id    INTEGER NOT NULL,
    state      TEXT,
    updated_at TEXT    NOT NULL,
    PRIMARY KEY (user_id, chat_id)
) STRICT;

CREATE TABLE cases (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id         INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    number          INTEGER NOT NULL CHECK (number > 0),
    status          TEXT    NOT NULL CHECK (status IN
                        ('draft', 'quoted', 'submitted', 'approved', 'rejected', 'refunded', 'closed')),
    inputs          TEXT    NOT NULL,
    quote           TEXT,
    policy          TEXT,
    policy_version  TEXT,
    expected_refund TEXT,
    next_date       TEXT,
    created_at      TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL,
    UNIQUE (user_id, number)
) STRICT;

CREATE TABLE case_events (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    status  TEXT    NOT NULL CHECK (status IN
                ('draft', 'quoted', 'submitted', 'approved', 'rejected', 'refunded', 'closed')),
    at      TEXT    NOT NULL,
    note    TEXT
) STRICT;
CREATE INDEX case_events_case ON case_events (case_id, id);

CREATE TABLE contacts (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    at      TEXT    NOT NULL,
    agent   TEXT    NOT NULL,
    said    TEXT    NOT NULL
) STRICT;
CREATE INDEX contacts_case ON contacts (case_id, id);

CREATE TABLE transcript (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    chat_id     INTEGER NOT NULL,
    case_number INTEGER,
    direction   TEXT    NOT NULL CHECK (direction IN ('in', 'out')),
    text        TEXT    NOT NULL,
    at          TEXT    NOT NULL
) STRICT;
CREATE INDEX transcript_chat ON transcript (user_id, chat_id, id);
CREATE INDEX transcript_case ON transcript (user_id, case_number, id);

CREATE TABLE handled_updates (
    transport TEXT    NOT NULL,
    update_id INTEGER NOT NULL,
    user_id   INTEGER REFERENCES users (id) ON DELETE CASCADE,
    at        TEXT    NOT NULL,
    PRIMARY KEY (transport, update_id)
) STRICT;
CREATE INDEX handled_updates_user ON handled_updates (user_id);
CREATE INDEX handled_updates_at ON handled_updates (at);
