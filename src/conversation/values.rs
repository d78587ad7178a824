//! Whether a question only says its values back ("its daily, so 1 day?").

use crate::conversation::base::state::State;
use crate::conversation::base::vocab::Ctx;
use crate::input;

/// Whether a question is its values and little else ("its daily, so 1
/// day?", "是11月20号吗"): it checks them back, it asks no rule.
pub(crate) fn only_values(s: &State, asked: &str, ctx: &Ctx) -> bool {
    // ("能直接按¥20算吗": an amount with no role is a value too.)
    let read = input::extract(asked, s.lang(), ctx.now);
    if read.facts.is_empty() && read.unclear.is_empty() {
        return false;
    }
    let mut rest = asked.to_lowercase();
    for w in read
        .facts
        .iter()
        .map(|f| &f.words)
        .chain(read.unclear.iter().map(|u| &u.words))
    {
        rest = rest.replace(&w.to_lowercase(), " ");
    }
    rest.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() > 2 || !w.is_ascii())
        .map(|w| w.chars().count())
        .sum::<usize>()
        <= 6
}
