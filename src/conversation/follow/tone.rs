//! "Softer", "firmer": the case keeps the tone asked for, and the letter its
//! stage calls for comes back in it, with the button for the other tone.

use crate::case::{CaseView, Tone};
use crate::conversation::base::buttons::Id;
use crate::conversation::base::reply::{Out, Reply};
use crate::conversation::base::state::State;
use crate::conversation::base::vocab::Ctx;
use crate::conversation::follow::follow_steps::save;
use serde_json::json;

pub(crate) fn retone(s: &mut State, case: &CaseView, id: Id, ctx: &Ctx, out: &mut Out) {
    let mut c = case.clone();
    c.data.tone = Some(if id == Id::LetterSofter {
        Tone::Softer
    } else {
        Tone::Firmer
    });
    save(out, &c, None, None);
    out.say(Reply::new(
        "letter.retoned",
        json!({ "tone": c.data.tone, "n": c.number }),
    ));
    crate::conversation::follow::note::again(s, &c, ctx, out);
}

/// "能不能再发我一次，写得客气一点" on a case: softer when its letter is
/// firm, else the polite letter again, said to be so.
pub(crate) fn softer_asked(s: &mut State, folded: &str, ctx: &Ctx, out: &mut Out) -> bool {
    use crate::conversation::base::state::Position as P;
    if !matches!(s.at, P::CaseView | P::Result)
        || !crate::conversation::read::clauses::contains_any(folded, &ctx.intents.dialogue.letter_softer)
    {
        return false;
    }
    let Some(c) = crate::conversation::cases::card::active(s, ctx).cloned() else {
        return false;
    };
    if crate::conversation::cases::letters::tone(&c, ctx) == "polite" {
        out.say(Reply::new("letter.already_polite", json!({ "n": c.number })));
        crate::conversation::follow::note::again(s, &c, ctx, out);
    } else {
        retone(s, &c, Id::LetterSofter, ctx, out);
    }
    true
}
