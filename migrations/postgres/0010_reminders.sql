-- Reminders the bot sends on its own (see src/reminders). A reminder is
-- claimed by setting its user's lease (rows locked FOR UPDATE SKIP LOCKED, so
-- replicas never claim the same user), and marked sent in the transaction
-- that writes its transcript line; a lease that runs out makes it claimable
-- again, so a crash between claiming and sending loses nothing.

CREATE TABLE reminders (
    id      BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_id BIGINT      NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    kind    TEXT        NOT NULL,
    seq     BIGINT      NOT NULL,
    due     TIMESTAMPTZ NOT NULL,
    sent_at TIMESTAMPTZ,
    stopped BOOLEAN     NOT NULL DEFAULT FALSE,
    UNIQUE (case_id, kind, seq)
);
CREATE INDEX reminders_due ON reminders (due) WHERE sent_at IS NULL AND NOT stopped;

ALTER TABLE cases ADD COLUMN reminders_stopped BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE users ADD COLUMN reminded_at TIMESTAMPTZ;
ALTER TABLE users ADD COLUMN reminder_lease TIMESTAMPTZ;
ALTER TABLE users ADD COLUMN blocked_at TIMESTAMPTZ;
