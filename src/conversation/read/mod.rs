//! Reading a message: the phrase lists and the trained model (`intent`,
//! `model`, `words`), what a rejection message says (`rejection`), and the
//! typed text sent where it belongs (`understand`).

pub mod intent;
pub mod model;
pub(crate) mod rejection;
pub(crate) mod understand;
pub(crate) mod words;
