//! The escalation ladder beyond the provider: its steps, the fields its
//! letters ask for, one at a time (`escalate`).

pub(crate) mod escalate;
