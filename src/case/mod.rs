//! The case at the bottom of the house: what the user told the bot about one
//! refund (`Draft`), where it stands (`CaseStatus`, its events and contacts),
//! the evidence kept with it and its follow-up window. Pure data and rules:
//! `handoff` holds the terms of a hand-off to a person (reply time, masking).
//! `conversation`, `store`, `reminders` and `app` all speak it, and it
//! imports only `policy` (the rules, the ladder's state among them) and
//! `input` (the parsed values it keeps).

mod data;
mod draft;
mod evidence;
pub mod file_type;
pub mod handoff;
mod stage;
mod status;
mod tone;
mod topup;
mod window;

pub use data::{CaseData, CaseView, ContactView, EventView};
pub use draft::{Draft, PACKAGE_PRODUCTS, Reason};
pub use evidence::{EvidenceFile, Incoming, MAX_DOWNLOAD, Shows, caption_case, checklist};
pub use stage::{ALIPAY_QUICK_DAYS, Tone, YEAR_QUICK_MONTHS, letter_tone};
pub use stage::{
    Awaits, Channel, Clock, QuickTest, Stage, clock, quick_test, quick_until, stage, withdrawal_window,
};
pub use status::{CaseStatus, RejectReason};
pub use window::followup_window;
