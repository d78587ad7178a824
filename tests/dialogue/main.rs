//! Whole conversations through the real application, in both languages:
//! checks, follow-ups, requests in the user's own words, evidence, reminders
//! and the escalation ladder. One test binary, one module per area.

#[path = "../common/mod.rs"]
mod common;

mod clouds_conversation;
mod conversation;
mod every_template;
mod evidence_app;
mod handoff;
mod knowledge;
mod ladder;
mod letters;
mod offered_facts;
mod rejection_said;
mod reminders_flow;
mod requests;
mod rules_2026;
mod sentences;
mod step_counter;
