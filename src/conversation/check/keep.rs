//! Whether the role-less values of a message are kept to be offered later
//! (`offered`), by where the person is.

use crate::conversation::base::reply::Out;
use crate::conversation::base::state::{Position as P, State};
use crate::conversation::base::vocab::Ctx;
use crate::conversation::check::offered::keep;
use crate::input::Extracted;

/// An amount or a date without a role is kept to be offered when the text
/// starts something (from the menu or a result) or is a sentence of facts
/// during a check; not when it is an answer to the question on screen,
/// right or wrong (the question's own error says what it takes).
pub(crate) fn keep_offered(s: &mut State, t: &str, read: &Extracted, ctx: &Ctx, out: &mut Out) {
    let keeps = if crate::conversation::check::flow::is_check(s.at) {
        // A date or an amount typed where the question takes only a button
        // ("2026年10月10日" at the account question) is kept, not dropped.
        let buttons_only = matches!(
            s.at,
            P::Billing
                | P::Account
                | P::Arrears
                | P::Violation
                | P::Customised
                | P::Applicant
                | P::Request
                | P::Ground
                | P::Provider
                | P::Package
                | P::FirstRefund
        );
        (read
            .facts
            .iter()
            .any(|f| crate::conversation::check::facts::for_check(&f.fact))
            || buttons_only)
            && !crate::conversation::check::questions::accepts(s, t, ctx)
    } else {
        // "上面说900多是真的吗": an amount asked about on a case is no fact to keep.
        let asks = || {
            let clauses = crate::conversation::read::clauses::split(t);
            ctx.intents.dialogue.words.asks_any(&clauses)
        };
        matches!(s.at, P::Menu | P::Cases) || matches!(s.at, P::Result | P::CaseView | P::Ladder) && !asks()
    };
    if keeps && let Some(noted) = keep(s, read) {
        out.say(noted);
    }
}
