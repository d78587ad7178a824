-- Reminders the bot sends on its own (see src/reminders). A reminder is
-- claimed by setting its user's lease, and marked sent in the transaction
-- that writes its transcript line; a lease that runs out makes it claimable
-- again, so a crash between claiming and sending loses nothing.

CREATE TABLE reminders (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    kind    TEXT    NOT NULL,
    seq     INTEGER NOT NULL,
    due     TEXT    NOT NULL,
    sent_at TEXT,
    stopped INTEGER NOT NULL DEFAULT 0 CHECK (stopped IN (0, 1)),
    UNIQUE (case_id, kind, seq)
) STRICT;
CREATE INDEX reminders_due ON reminders (due) WHERE sent_at IS NULL AND stopped = 0;

-- The user asked for no more reminders on this case.
ALTER TABLE cases ADD COLUMN reminders_stopped INTEGER NOT NULL DEFAULT 0 CHECK (reminders_stopped IN (0, 1));
-- When the last reminder message reached the user (one a day at most), the
-- claim on the user's due reminders, and a 403 from Telegram (no more reminders).
ALTER TABLE users ADD COLUMN reminded_at TEXT;
ALTER TABLE users ADD COLUMN reminder_lease TEXT;
ALTER TABLE users ADD COLUMN blocked_at TEXT;
