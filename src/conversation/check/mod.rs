//! The refund check: which questions apply and in which order (`flow`), a
//! question as the user sees it (`question`), taking an answer and moving on
//! (`questions`, `take_account`, `take_cloud`, `take_order`, `compound`), the
//! facts of a sentence put into the check (`facts`), amounts and dates said
//! without a role (`offered`, `offer_pressed`), and the quote (`finish`).

pub(crate) mod cloud;
pub(crate) mod compound;
pub(crate) mod conflict;
pub(crate) mod denied;
pub(crate) mod facts;
pub(crate) mod finish;
pub(crate) mod flow;
pub(crate) mod keep;
pub(crate) mod lines;
pub(crate) mod offer_pressed;
pub(crate) mod offered;
pub(crate) mod question;
pub(crate) mod questions;
pub(crate) mod recorrect;
pub(crate) mod take_account;
pub(crate) mod take_cloud;
pub(crate) mod take_order;
pub(crate) mod what_if;
