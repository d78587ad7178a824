//! Following a case after the request: submitted, rejected, a different
//! amount, not arrived, refunded, contacts (`followup`, `follow_steps`), a
//! follow-up asked for in words (`follow_intent`), one opened without an
//! estimate (`fresh`, `fresh_answer`), the money in a balance and its
//! withdrawal (`balance`), and the reminders (`reminders`).

pub(crate) mod balance;
pub(crate) mod follow_intent;
pub(crate) mod follow_steps;
pub(crate) mod followup;
pub(crate) mod fresh;
pub(crate) mod fresh_answer;
pub(crate) mod not_arrived;
pub(crate) mod note;
pub(crate) mod refused_on;
pub mod reminders;
pub(crate) mod report;
pub(crate) mod ticket;
pub(crate) mod tone;
