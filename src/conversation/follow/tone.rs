//! "Softer", "firmer": the case keeps the tone asked for, and the letter its
//! stage calls for comes back in it, with the button for the other tone.

use crate::case::{CaseView, Tone};
use crate::conversation::base::buttons::Id;
use crate::conversation::base::reply::{Out, Reply};
use crate::conversation::base::state::State;
use crate::conversation::base::vocab::Ctx;
use crate::conversation::cases::card::{case_data, key_for};
use crate::conversation::cases::letters;
use crate::conversation::follow::follow_steps::{back_to_case, save};
use crate::conversation::follow::not_arrived::not_arrived;
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
    match letters::letter_key(&c, ctx) {
        "followup.not_arrived" => not_arrived(s, &c, ctx, out),
        key => {
            out.say(Reply::new(&key_for(key, &c), case_data(&c, ctx)));
            back_to_case(s, ctx, out, &c);
        }
    }
}
