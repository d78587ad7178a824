-- refund-assistant storage, PostgreSQL flavour. Times are TIMESTAMPTZ
-- (microseconds); money is decimal text (cast with ::numeric to compute);
-- JSON is text (cast with ::jsonb to query). Every row about a user hangs off
-- `users` and goes with it (ON DELETE CASCADE).

CREATE TABLE users (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    transport   TEXT        NOT NULL,
    external_id BIGINT      NOT NULL,
    lang        TEXT,
    first_seen  TIMESTAMPTZ NOT NULL,
    last_seen   TIMESTAMPTZ NOT NULL,
    UNIQUE (transport, external_id)
);

CREATE TABLE chat_states (
    user_id    BIGINT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    chat_id    BIGINT      NOT NULL,
    state      TEXT,
    updated_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (user_id, chat_id)
);

CREATE TABLE cases (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id         BIGINT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    number          BIGINT      NOT NULL CHECK (number > 0),
    status          TEXT        NOT NULL CHECK (status IN
                        ('draft', 'quoted', 'submitted', 'approved', 'rejected', 'refunded', 'closed')),
    inputs          TEXT        NOT NULL,
    quote           TEXT,
    policy          TEXT,
    policy_version  TEXT,
    expected_refund TEXT,
    next_date       DATE,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL,
    UNIQUE (user_id, number)
);

CREATE TABLE case_events (
    id      BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_id BIGINT      NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    status  TEXT        NOT NULL CHECK (status IN
                ('draft', 'quoted', 'submitted', 'approved', 'rejected', 'refunded', 'closed')),
    at      TIMESTAMPTZ NOT NULL,
    note    TEXT
);
CREATE INDEX case_events_case ON case_events (case_id, id);

CREATE TABLE contacts (
    id      BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_id BIGINT      NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    at      TIMESTAMPTZ NOT NULL,
    agent   TEXT        NOT NULL,
    said    TEXT        NOT NULL
);
CREATE INDEX contacts_case ON contacts (case_id, id);

CREATE TABLE transcript (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id     BIGINT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    chat_id     BIGINT      NOT NULL,
    case_number BIGINT,
    direction   TEXT        NOT NULL CHECK (direction IN ('in', 'out')),
    text        TEXT        NOT NULL,
    at          TIMESTAMPTZ NOT NULL
);
CREATE INDEX transcript_chat ON transcript (user_id, chat_id, id);
CREATE INDEX transcript_case ON transcript (user_id, case_number, id);

CREATE TABLE handled_updates (
    transport TEXT        NOT NULL,
    update_id BIGINT      NOT NULL,
    user_id   BIGINT      REFERENCES users (id) ON DELETE CASCADE,
    at        TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (transport, update_id)
);
CREATE INDEX handled_updates_user ON handled_updates (user_id);
CREATE INDEX handled_updates_at ON handled_updates (at);
