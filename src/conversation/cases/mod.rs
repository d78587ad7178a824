//! The user's cases: a case as the templates show it (`card`), the letters
//! it carries (`letters`), and the screens of the result, the case list and
//! one case (`screens`).

pub(crate) mod card;
pub(crate) mod letters;
pub(crate) mod screens;
