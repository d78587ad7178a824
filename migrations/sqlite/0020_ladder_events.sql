-- The escalation ladder in the case timeline: 'complained' (a formal complaint
-- to the provider, its ticket number in the note) and 'escalated' (to the MIIT
-- complaint centre or 12315, named in the note). A case keeps its own status
-- (a rejected refund stays rejected); these are events of its history only.
-- SQLite cannot change a CHECK constraint in place, so the table is rebuilt;
-- nothing refers to it, and its ids are kept.

CREATE TABLE case_events_new (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    status  TEXT    NOT NULL CHECK (status IN
                ('draft', 'quoted', 'submitted', 'approved', 'rejected', 'refunded', 'closed',
                 'complained', 'escalated')),
    at      TEXT    NOT NULL,
    note    TEXT
) STRICT;
INSERT INTO case_events_new (id, case_id, status, at, note)
    SELECT id, case_id, status, at, note FROM case_events;
DROP TABLE case_events;
ALTER TABLE case_events_new RENAME TO case_events;
CREATE INDEX case_events_case ON case_events (case_id, id);
