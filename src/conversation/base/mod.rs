//! What every room speaks: where a chat is (`state`), what comes in and what
//! a step is given (`vocab`), what it says back (`reply`), the button ids
//! (`buttons`) and an answer as the flows take it (`answer`).

pub(crate) mod answer;
pub(crate) mod buttons;
pub(crate) mod reply;
pub mod state;
pub(crate) mod vocab;
