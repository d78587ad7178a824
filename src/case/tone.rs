//! The tone the person asked for a case's letters.

use serde::{Deserialize, Serialize};

/// The tone the person asked for the case's letters ("softer", "firmer").
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Tone {
    Softer,
    Firmer,
}
