//! "我买的时候页面上根本没看到什么特惠不退": on a case refused as a
//! promotion, the person says the no-refund rule was never shown at purchase;
//! the appeal then says so, no "if".

use crate::case::{CaseView, RejectReason};
use crate::conversation::base::vocab::Ctx;
use crate::conversation::read::clauses::{contains_any, split};

/// Whether `t` says the rule was not shown ("根本没看到什么特惠不退": 什么 asks nothing there).
pub(crate) fn says(t: &str, ctx: &Ctx) -> bool {
    let (seen, what) = &ctx.intents.dialogue.not_shown;
    split(t)
        .iter()
        // ("有没有写活动机型不能退" asks: "有没有" is no "没有".)
        .map(|c| crate::conversation::read::clauses::mask_a_not_a(&c.folded))
        .any(|c| contains_any(&c, seen) && contains_any(&c, what))
}

/// Marks `c` when it was refused as a promotion and `t` says so; true when it changed.
pub(crate) fn mark(c: &mut CaseView, t: &str, ctx: &Ctx) -> bool {
    if c.data.rejection != Some(RejectReason::Promotion) || c.data.not_shown || !says(t, ctx) {
        return false;
    }
    c.data.not_shown = true;
    true
}
