//! The rules and the reader, without the application around them: the
//! providers' published examples and properties of every profile, the
//! free-text reader, the intent model and phrase lists, the timelines.
//! One test binary, one module per area.

#[path = "../facts/mod.rs"]
mod facts;

mod clouds_2026;
mod clouds_exact;
mod extract;
mod intent_model;
mod intent_weights;
mod intents;
mod pictures;
mod policy_examples;
mod products;
mod properties;
mod stage;
mod timeline;
