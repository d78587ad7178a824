-- A case handed to a person in the operator inbox (a Telegram supergroup with
-- forum topics): one row, and one topic, per case of a user (case_number 0:
-- the user had no case yet). The unique key makes the hand-off insert-or-get,
-- so two replicas handing off the same case create one topic; the topic is
-- found back from an operator's post by (operator_chat, topic_id). Rows go
-- with the user (ON DELETE CASCADE) and with the case under retention.

CREATE TABLE handoffs (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id        BIGINT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    chat_id        BIGINT      NOT NULL,
    case_number    BIGINT      NOT NULL CHECK (case_number >= 0),
    operator_chat  BIGINT      NOT NULL,
    topic_id       BIGINT,
    open           BOOLEAN     NOT NULL DEFAULT TRUE,
    opened_at      TIMESTAMPTZ NOT NULL,
    due_at         TIMESTAMPTZ NOT NULL,
    first_reply_at TIMESTAMPTZ,
    reminded_at    TIMESTAMPTZ,
    closed_at      TIMESTAMPTZ,
    -- The user agreed, this time, that the person sees their details unmasked.
    unmasked       BOOLEAN     NOT NULL DEFAULT FALSE,
    UNIQUE (user_id, case_number),
    UNIQUE (operator_chat, topic_id)
);
CREATE INDEX handoffs_due ON handoffs (due_at) WHERE open AND first_reply_at IS NULL AND reminded_at IS NULL;

-- What went through the topic: the user's messages, the person's replies and
-- the operator's notes (kept with the case, never sent to the user).
CREATE TABLE handoff_messages (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    handoff_id BIGINT      NOT NULL REFERENCES handoffs (id) ON DELETE CASCADE,
    author     TEXT        NOT NULL CHECK (author IN ('user', 'person', 'note')),
    text       TEXT        NOT NULL,
    at         TIMESTAMPTZ NOT NULL
);
CREATE INDEX handoff_messages_handoff ON handoff_messages (handoff_id, id);
