//! The escalation ladder beyond the provider: its steps, the fields its
//! letters ask for, one at a time (`escalate`); a complaint however it was
//! logged (`logged`).

mod buttons;
pub(crate) mod complaint;
pub(crate) mod complaint_letter;
pub(crate) mod escalate;
mod fields;
pub(crate) mod logged;
pub(crate) mod prefill;
