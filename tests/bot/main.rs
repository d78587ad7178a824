//! The Telegram bot against the fake Bot API (`tests/support/`): the fake's
//! own self-test, conversations, evidence, guards, pacing, reminders, the
//! operator's endpoints and the `bot` process itself. One test binary, one
//! module per area.

#[path = "../support/fake_bot_api.rs"]
mod fake_bot_api;
#[path = "../support/running.rs"]
mod running;

mod bot_process;
mod downloads;
mod fake_api;
mod handoff;
mod handoff_care;
mod ops;
mod pictures;
mod reminders_telegram;
mod telegram;
mod telegram_evidence;
mod telegram_guards;
mod telegram_pace;
