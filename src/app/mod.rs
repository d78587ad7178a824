//! The one path every message takes, whatever the transport: load the chat
//! from the store, run the pure conversation step, render the replies, and
//! write everything back in one transaction. The console and Telegram
//! adapters only map their events to [`Message`] and show [`Response`].
//!
//! Layout, each file using only those before it: `message` (what goes in
//! and out), `application` (the [`App`] and rendering), `labels` (free text
//! and button labels read), `guard` (cleaning input, faults answered
//! politely), `remind` (the reminder side of a step), `step` (the pure
//! step), `export`, `card` (a case as the bot shows it, for a person),
//! `picture` (the case picture a step asks for, drawn by the adapter),
//! `handle` (the one path: [`App::handle`]) and `reminded`
//! (reminder messages through it). This file only declares and re-exports.

mod application;
mod card;
mod drawers;
mod export;
mod guard;
mod handle;
mod labels;
mod message;
mod picture;
mod remind;
mod reminded;
mod step;

pub use application::{App, AppError, Clock, Desk};
pub use labels::resolve;
pub use message::{DeskWork, Message, Rendered, Response};
pub use picture::draw;
pub use remind::view as reminder_view;
