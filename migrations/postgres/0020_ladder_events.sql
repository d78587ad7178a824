-- The escalation ladder in the case timeline: 'complained' (a formal complaint
-- to the provider, its ticket number in the note) and 'escalated' (to the MIIT
-- complaint centre or 12315, named in the note). A case keeps its own status
-- (a rejected refund stays rejected); these are events of its history only.

ALTER TABLE case_events DROP CONSTRAINT case_events_status_check;
ALTER TABLE case_events ADD CONSTRAINT case_events_status_check CHECK (status IN
    ('draft', 'quoted', 'submitted', 'approved', 'rejected', 'refunded', 'closed',
     'complained', 'escalated'));
