//! What the knowledge base has for a question, fitted to the case on show.

use crate::conversation::base::state::State;
use crate::conversation::base::vocab::Ctx;
use crate::conversation::cases::card;
use crate::conversation::knowledge::{Lookup, Topic};

/// What the knowledge base has for `asked`, fitted to the case: "要先删还是
/// 等他们同意了再删？" on a case not refused, with no appeal named, is not
/// about deleting during an appeal (ranked again without that topic: the
/// topics as they were before it existed).
pub(crate) fn fitted(s: &State, asked: &str, ctx: &Ctx) -> Lookup {
    let k = &ctx.intents.knowledge;
    let refused = card::active(s, ctx).is_some_and(|c| c.status == crate::case::CaseStatus::Rejected);
    let appeal = crate::conversation::read::clauses::contains_any(
        &crate::conversation::read::words::fold(asked),
        &ctx.intents.dialogue.case.appeal,
    );
    match k.lookup(asked) {
        Lookup::Sure(a) | Lookup::Unsure(a, _) | Lookup::Unsure(_, a)
            if a == Topic::DeleteInAppeal && !refused && !appeal =>
        {
            let mut ranked = k.rank(asked);
            ranked.0.retain(|(l, _)| *l != Some(Topic::DeleteInAppeal));
            ranked.lookup()
        }
        // On a refused case, whether deleting is worth it is asked with the appeal pending.
        Lookup::Sure(Topic::ShouldDelete) if refused => Lookup::Sure(Topic::DeleteInAppeal),
        Lookup::Unsure(Topic::ShouldDelete, Topic::DeleteInAppeal)
        | Lookup::Unsure(Topic::DeleteInAppeal, Topic::ShouldDelete)
            if refused =>
        {
            Lookup::Sure(Topic::DeleteInAppeal)
        }
        Lookup::Unsure(Topic::ShouldDelete, b) if refused => Lookup::Unsure(Topic::DeleteInAppeal, b),
        Lookup::Unsure(a, Topic::ShouldDelete) if refused => Lookup::Unsure(a, Topic::DeleteInAppeal),
        l => l,
    }
}
