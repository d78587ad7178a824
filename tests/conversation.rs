//! Whole conversations through the engine, in both languages. The tests live
//! in `tests/conversation/`, by area.

mod common;

#[path = "conversation/answers.rs"]
mod answers;
#[path = "conversation/cases.rs"]
mod cases;
#[path = "conversation/estimate.rs"]
mod estimate;
