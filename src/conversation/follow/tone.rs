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
