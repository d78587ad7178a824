//! Whole conversations through the engine, in both languages. The tests live
//! in `tests/dialogue/conversation/`, by area.

#[path = "conversation/answers.rs"]
mod answers;
#[path = "conversation/cases.rs"]
mod cases;
#[path = "conversation/estimate.rs"]
mod estimate;
