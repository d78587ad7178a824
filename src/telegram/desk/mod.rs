//! The operator inbox: a Telegram supergroup with forum topics
//! (`OPERATOR_CHAT_ID`), one topic per case handed to a person. The
//! conversation only says "hand off" and "handed off"; this adapter owns the
//! topic, the case card, the relay both ways, the operator's commands and
//! the reminder when a reply is late.
//!
//! Layout, each file using only those before it: `card` (the topic's name
//! and the card), `topic` (what a user's step asks: open, relay, back,
//! erase), `inbox` (the operator's posts), `overdue` (late replies).

mod card;
mod inbox;
pub mod overdue;
mod topic;

pub(super) use inbox::on_post;
pub(super) use topic::{after_step, relay_other};
