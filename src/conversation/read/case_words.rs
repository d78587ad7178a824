//! Phrase lists about a case's course that a follow-up reads
//! (`act.approved`, `act.appeal`, `act.count_from` in `dialogue.toml`).

use super::words::list;
use crate::render::Renderer;

pub struct CaseWords {
    /// "approved", "审核通过": support approved the refund (`follow/approved.rs`).
    pub approved: Vec<String>,
    /// "appeal", "申诉": an appeal named.
    pub appeal: Vec<String>,
    /// "calculate the refund from the day I requested", "按申请那天算": the
    /// refund counted as of the first request (`follow/count_from.rs`).
    pub count_from: Vec<String>,
    /// "I was training", "用来跑": what the server was used for (`follow/usage.rs`).
    pub usage: Vec<String>,
}

impl CaseWords {
    pub fn load(r: &Renderer) -> CaseWords {
        CaseWords {
            approved: list(r, "act.approved"),
            appeal: list(r, "act.appeal"),
            count_from: list(r, "act.count_from"),
            usage: list(r, "act.usage_told"),
        }
    }
}
