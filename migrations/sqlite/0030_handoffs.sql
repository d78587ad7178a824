-- A case handed to a person in the operator inbox (a Telegram supergroup with
-- forum topics): one row, and one topic, per case of a user (case_number 0:
-- the user had no case yet). The unique key makes the hand-off insert-or-get,
-- so two replicas handing off the same case create one topic; the topic is
-- found back from an operator's post by (operator_chat, topic_id). Rows go
-- with the user (ON DELETE CASCADE) and with the case under retention.

CREATE TABLE handoffs (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id        INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    chat_id        INTEGER NOT NULL,
    case_number    INTEGER NOT NULL CHECK (case_number >= 0),
    operator_chat  INTEGER NOT NULL,
    topic_id       INTEGER,
    open           INTEGER NOT NULL DEFAULT 1 CHECK (open IN (0, 1)),
    opened_at      TEXT    NOT NULL,
    due_at         TEXT    NOT NULL,
    first_reply_at TEXT,
    reminded_at    TEXT,
    closed_at      TEXT,
    -- The user agreed, this time, that the person sees their details unmasked.
    unmasked       INTEGER NOT NULL DEFAULT 0 CHECK (unmasked IN (0, 1)),
    UNIQUE (user_id, case_number),
    UNIQUE (operator_chat, topic_id)
) STRICT;
CREATE INDEX handoffs_due ON handoffs (due_at) WHERE open = 1 AND first_reply_at IS NULL AND reminded_at IS NULL;

-- What went through the topic: the user's messages, the person's replies and
-- the operator's notes (kept with the case, never sent to the user).
CREATE TABLE handoff_messages (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    handoff_id INTEGER NOT NULL REFERENCES handoffs (id) ON DELETE CASCADE,
    author     TEXT    NOT NULL CHECK (author IN ('user', 'person', 'note')),
    text       TEXT    NOT NULL,
    at         TEXT    NOT NULL
) STRICT;
CREATE INDEX handoff_messages_handoff ON handoff_messages (handoff_id, id);
