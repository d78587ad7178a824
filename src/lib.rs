//! refund-assistant: estimates what a cloud customer gets back for a prepaid
//! server under the provider's published rules, and guides them through the
//! request, follow-up and appeal.

pub mod app;
pub mod case;
pub mod cli;
pub mod conversation;
pub mod input;
pub mod ops;
pub mod picture;
pub mod policy;
pub mod reminders;
pub mod render;
pub mod store;
pub mod telegram;
