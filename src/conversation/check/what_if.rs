//! "如果12月31号删能退多少" on the estimate of a server not deleted yet: the
//! figure for that moment beside the one shown, the case unchanged; a button
//! takes the new moment (the answer to the deletion question, as when a
//! value differs from the one held).

use crate::case::Draft;
use crate::conversation::ask;
use crate::conversation::base::reply::{Button, Out, Reply};
use crate::conversation::base::state::{Position as P, State};
use crate::conversation::base::vocab::Ctx;
use crate::conversation::check::conflict;
use crate::conversation::read::clauses::contains_any;
use crate::conversation::read::words::fold;
use crate::input::{Extracted, Fact};
use rust_decimal::Decimal;
use serde_json::json;

/// Whether the text supposes another deletion moment on the estimate of a
/// server not deleted (and was answered).
pub(crate) fn asked(s: &mut State, t: &str, read: &Extracted, ctx: &Ctx, out: &mut Out) -> bool {
    if !matches!(s.at, P::Result | P::CaseView) || !s.draft.not_deleted || s.case_no.is_none() {
        return false;
    }
    if !contains_any(&fold(t), &ctx.intents.dialogue.what_if) {
        return false;
    }
    let deletion = |x: &Extracted| {
        x.facts.iter().find_map(|f| match f.fact {
            Fact::DeleteAt(w) => Some(w),
            _ => None,
        })
    };
    // "要是拖到12月31号再删", "keep it until Dec 31 and delete then": the day
    // kept until is the deletion supposed.
    let until = || {
        let mut plain = t.to_lowercase();
        for w in &ctx.intents.dialogue.what_if_until {
            plain = plain.replace(w.as_str(), " ");
        }
        deletion(&crate::input::extract(&plain, s.lang(), ctx.now))
    };
    // "我明天晚上8点退来得及吧": the one day said, whatever its role word.
    let said = || {
        let mut days = read
            .unclear
            .iter()
            .filter(|u| u.kind == crate::input::UnclearKind::DateWithoutRole)
            .filter_map(|u| u.past)
            .map(|at| (at, crate::input::shanghai(at).time() != chrono::NaiveTime::MIN));
        match (days.next(), days.next()) {
            (Some((at, has_time)), None) => Some(crate::input::When {
                at,
                has_time,
                year_inferred: false,
            }),
            _ => None,
        }
    };
    let Some(when) = deletion(read).or_else(until).or_else(said) else {
        return false;
    };
    let fact = Fact::DeleteAt(when);
    // The same moment as the one shown: nothing to compare. (The moment
    // assumed is compared like one told.)
    let told = Draft {
        not_deleted: false,
        ..s.draft.clone()
    };
    let Some(c) = conflict::of(&told, &fact) else {
        return false;
    };
    let mut then = s.draft.clone();
    then.delete_at = Some(when.at);
    let (Some(shown), Some(other)) = (estimate(&s.draft, ctx), estimate(&then, ctx)) else {
        return false;
    };
    let take = Button::with(c.take.id(c.at), "btn.what_if.take", json!({ "l": c.new }));
    out.say(
        Reply::new(
            "what_if",
            json!({
                "at": when.at.to_rfc3339(),
                "has_time": when.has_time,
                "shown_at": s.draft.delete_at.map(|d| d.to_rfc3339()),
                "then": other.to_string(),
                "shown": shown.to_string(),
                "gap": (shown - other).abs().to_string(),
                "less": other < shown,
                "more": other > shown,
            }),
        )
        .buttons(vec![vec![take]]),
    );
    ask::resume(s, ctx, out);
    true
}

/// The refund the rules give for a draft, as the result shows it.
fn estimate(d: &Draft, ctx: &Ctx) -> Option<Decimal> {
    let facts = d.facts()?;
    crate::conversation::check::finish::assess(d, &facts, ctx)
        .ok()
        .map(|a| a.quote.refund)
}
