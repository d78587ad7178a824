//! Reading a message: what the person is doing with it (`act`, `reader`,
//! `clauses`, `dialogue`, `choices`), the phrase lists and the trained model (`intent`,
//! `model`, `words`), what a rejection message says (`rejection`).

pub mod act;
pub(crate) mod case_words;
pub(crate) mod choices;
pub(crate) mod clauses;
pub(crate) mod dialogue;
pub mod event;
pub mod intent;
pub mod model;
pub(crate) mod reader;
pub(crate) mod rejection;
pub(crate) mod split;
pub(crate) mod steps;
pub(crate) mod words;
